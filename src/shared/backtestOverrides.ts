// The backtest parameters a user sets besides entry/exit (`quantPairs.backtest`, the second argument of the
// `quantPairs.runBacktest` command, or the dashboard's parameter form): shape-checked here, ranges checked by the
// engine (validateBacktestParams) once entry/exit are known. Shared: the host's webview message validator uses it.
import type { BacktestParams } from '../engine/analytics/backtest';

export type BacktestOverrides = Partial<Omit<BacktestParams, 'entry' | 'exit'>> & { entry?: number; exit?: number };

const NUMBER_KEYS = ['entry', 'exit', 'notional', 'feeBp', 'slippageBp'] as const;
const NULLABLE_KEYS = ['stop', 'maxHold'] as const;
const KNOWN = [...NUMBER_KEYS, ...NULLABLE_KEYS, 'sizing', 'fill'];

/** The overrides, or the reason they are unusable (one line). */
export function parseBacktestOverrides(raw: unknown): BacktestOverrides | string {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return 'must be an object such as {"stop": 4, "feeBp": 4}';
  const r = raw as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !KNOWN.includes(k));
  if (unknown.length) return `unknown key ${unknown[0]} (accepted: ${KNOWN.join(', ')})`;
  const out: BacktestOverrides = {};
  for (const k of NUMBER_KEYS) {
    if (r[k] === undefined) continue;
    if (typeof r[k] !== 'number' || !Number.isFinite(r[k])) return `${k} must be a number`;
    out[k] = r[k] as number;
  }
  for (const k of NULLABLE_KEYS) {
    if (r[k] === undefined) continue;
    if (r[k] !== null && (typeof r[k] !== 'number' || !Number.isFinite(r[k]))) return `${k} must be a number or null (none)`;
    out[k] = r[k] as number | null;
  }
  if (r.sizing !== undefined) {
    if (r.sizing !== 'beta' && r.sizing !== 'dollar') return 'sizing must be "beta" or "dollar"';
    out.sizing = r.sizing;
  }
  if (r.fill !== undefined) {
    if (r.fill !== 'next' && r.fill !== 'same') return 'fill must be "next" or "same"';
    out.fill = r.fill;
  }
  return out;
}
