// `GET /fapi/v1/aggTrades` over a tape: by `fromId`, by a time window (≤ 1 hour, inclusive bounds) or the
// most recent ones; only what the replay has reached; ids hidden by an unrepairable-gap fault are left out.
import { lowerBoundByTime, newAggView, type SymbolTape } from './tape';
import type { HiddenRange } from './replay';
import { aggTradeRow } from './wireFormat';

export interface AggTradesQuery {
  fromId?: number;
  startTime?: number;
  endTime?: number;
  limit: number;
}

const HOUR_MS = 3_600_000;

export function aggTradesJson(tape: SymbolTape, available: number, hidden: readonly HiddenRange[], q: AggTradesQuery): string {
  const view = newAggView();
  let start = q.startTime;
  let end = q.endTime;
  if (start !== undefined && end === undefined) end = start + HOUR_MS - 1;
  if (end !== undefined && start === undefined && q.fromId === undefined) start = end - HOUR_MS + 1;
  let m: number;
  if (q.fromId !== undefined) m = Math.max(0, tape.aggSeqOfId(q.fromId));
  else if (start !== undefined) m = lowerBoundByTime((i) => tape.aggTime(i), start, 0, available);
  else m = Math.max(0, available - q.limit);
  const rows: string[] = [];
  for (; m < available && rows.length < q.limit; m++) {
    tape.readAgg(m, view);
    if (start !== undefined && view.time < start) continue;
    if (end !== undefined && view.time > end) break;
    if (isHidden(hidden, view.id)) continue;
    rows.push(aggTradeRow(view));
  }
  return `[${rows.join(',')}]`;
}

function isHidden(hidden: readonly HiddenRange[], id: number): boolean {
  for (const r of hidden) if (id >= r.fromAggId && id <= r.toAggId) return true;
  return false;
}
