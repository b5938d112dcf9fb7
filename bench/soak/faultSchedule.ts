// The fault plan of a compressed day, in exchange time (ms from the start of the run). Pure data, so the
// runner, the short test and the report all see the same plan.
import type { FaultAction } from './exchangeHost';

export interface ScheduledFault {
  atMs: number;
  action: FaultAction;
}

export interface FaultPlanOptions {
  /** Length of the run in exchange time. */
  durationMs: number;
  /** Symbols that get repairable id gaps. */
  symbols: readonly string[];
  /** Symbols whose trades are each their own aggregate: the unrepairable gaps go there (sizes then exact). */
  unrepairableSymbols: readonly string[];
  dropEveryMs: number;
  /** Real ms the socket stays silent (the feed's watchdog must notice). */
  silentRealMs: number;
  /** No drop in this window, so the connection reaches the server's maximum age and the feed must rotate. */
  quietFromMs: number;
  quietToMs: number;
  unrepairableCount: number;
}

const MINUTE = 60_000;

export function faultPlan(o: FaultPlanOptions): ScheduledFault[] {
  const plan: ScheduledFault[] = [];
  const at = (atMs: number, action: FaultAction) => {
    if (atMs < o.durationMs - 10 * MINUTE) plan.push({ atMs, action });
  };
  for (let t = 10 * MINUTE; t < o.durationMs; t += o.dropEveryMs) {
    if (t < o.quietFromMs || t >= o.quietToMs) at(t, { kind: 'drop' });
  }
  let k = 0;
  for (let t = 7 * MINUTE; t < o.durationMs; t += 23 * MINUTE, k++) {
    at(t, { kind: 'skip', symbol: o.symbols[k % o.symbols.length], count: 20 + ((k * 37) % 180), unrepairable: false });
  }
  for (let t = 5 * MINUTE; t < o.durationMs; t += 17 * MINUTE) {
    at(t, { kind: 'duplicate', count: 40 });
    at(t + MINUTE, { kind: 'reorder', count: 15 });
    at(t + 2 * MINUTE, { kind: 'malformed', count: 8 });
  }
  // Unrepairable gaps: spread over the run, sizes all different so each report can be matched.
  const gapSizes = [7, 13, 21, 5, 9, 17];
  for (let i = 0; i < o.unrepairableCount; i++) {
    const t = Math.floor(((i + 0.5) / o.unrepairableCount) * o.durationMs) + 3 * MINUTE;
    at(t, { kind: 'skip', symbol: o.unrepairableSymbols[i % o.unrepairableSymbols.length], count: gapSizes[i % gapSizes.length], unrepairable: true });
  }
  // The silent socket, then REST 429 then 418 (Retry-After) met by the backfill its gap needs.
  at(0.3 * o.durationMs, { kind: 'silent', ms: o.silentRealMs });
  at(0.45 * o.durationMs, { kind: 'rest', status: 429, count: 1, retryAfterSeconds: 1 });
  at(0.45 * o.durationMs, { kind: 'rest', status: 418, count: 1, retryAfterSeconds: 2 });
  at(0.45 * o.durationMs + MINUTE, { kind: 'drop' });
  // A REST outage: 500s, then slow answers, while a drop needs backfill.
  at(0.6 * o.durationMs, { kind: 'rest', status: 500, count: 3 });
  at(0.6 * o.durationMs, { kind: 'restDelay', delayMs: 1500, count: 3 });
  at(0.6 * o.durationMs + MINUTE, { kind: 'drop' });
  return plan.sort((a, b) => a.atMs - b.atMs);
}

export function injectedUnrepairable(plan: readonly ScheduledFault[]): Array<{ symbol: string; count: number }> {
  return plan.flatMap((f) => (f.action.kind === 'skip' && f.action.unrepairable ? [{ symbol: f.action.symbol, count: f.action.count }] : []));
}
