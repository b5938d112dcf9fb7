// CSV of a backtest run: `# key,value` lines with the parameters and the summary (docs/backtest.md), then one row
// per trade, or one row per bar of the equity curve. Money in the quote currency; times epoch ms and ISO UTC.
import type { BacktestParams, BacktestRun, BacktestTrade } from '../analytics/backtest';
import type { BacktestSummary } from '../analytics/backtestSummary';
import { numberCell, textCell } from './csvWriter';

export const TRADE_COLUMNS = [
  'entry_time_iso', 'entry_time_ms', 'exit_time_iso', 'exit_time_ms', 'side', 'entry_y', 'entry_x', 'exit_y', 'exit_x',
  'qty_y', 'qty_x', 'beta', 'entry_z', 'exit_z', 'bars', 'fees', 'funding', 'pnl', 'exit_reason',
] as const;

const iso = (ms: number): string => new Date(ms).toISOString();

function header(pair: string, timeframe: string, params: BacktestParams, summary: BacktestSummary): string[] {
  const lines = [`# pair,${textCell(pair)}`, `# timeframe,${textCell(timeframe)}`];
  for (const [k, v] of Object.entries(params)) lines.push(`# ${k},${v === null || typeof v === 'number' ? numberCell(v) : textCell(String(v))}`);
  if (params.fill === 'same') lines.push('# note,fill same: look-ahead; research only');
  for (const [k, v] of Object.entries(summary)) lines.push(`# ${k},${numberCell(v)}`);
  return lines;
}

export function backtestTradesCsv(pair: string, timeframe: string, run: BacktestRun, summary: BacktestSummary): string {
  return tradesCsv(pair, timeframe, run.params, summary, run.trades);
}

/** The trade list of a run known by its parts (the desk keeps a run's parameters, summary and trades). */
export function tradesCsv(pair: string, timeframe: string, params: BacktestParams, summary: BacktestSummary, trades: readonly BacktestTrade[]): string {
  const rows = trades.map((t) =>
    [
      iso(t.entryTime), t.entryTime, iso(t.exitTime), t.exitTime, t.side, t.entryY, t.entryX, t.exitY, t.exitX,
      t.qtyY, t.qtyX, t.beta, t.entryZ, t.exitZ, t.bars, t.fees, t.funding, t.pnl, t.exitReason,
    ].map((v) => (typeof v === 'string' ? textCell(v) : numberCell(v))).join(','),
  );
  return [...header(pair, timeframe, params, summary), TRADE_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

export function backtestEquityCsv(pair: string, timeframe: string, run: BacktestRun, summary: BacktestSummary): string {
  const rows = run.equity.map((p) => `${iso(p.time)},${p.time},${numberCell(p.equity)}`);
  return [...header(pair, timeframe, run.params, summary), 'time_iso,time_ms,equity', ...rows].join('\n') + '\n';
}
