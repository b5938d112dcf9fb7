// Parameter sweep (entry × exit grid: Sharpe and trade count per cell, so a lucky point shows as an island)
// and walk-forward (parameters chosen on one block, traded on the next, never on the bars they were chosen on).
import { EngineError } from '../errors';
import { runBacktest, type BacktestInput, type BacktestParams, type BacktestTrade, type EquityPoint } from './backtest';
import { summarizeBacktest, type BacktestSummary } from './backtestSummary';

export interface SweepCell {
  entry: number;
  exit: number;
  sharpe: number | null;
  trades: number;
  pnl: number;
}

export interface SweepGrid {
  entries: readonly number[];
  exits: readonly number[];
}

export interface SweepResult {
  entries: number[];
  exits: number[];
  /** cells[i][j] for entries[i] × exits[j]; null where the pair is not valid (exit ≥ entry, stop ≤ entry…). */
  cells: (SweepCell | null)[][];
}

export const DEFAULT_SWEEP_GRID: SweepGrid = { entries: [1, 1.5, 2, 2.5, 3], exits: [0, 0.25, 0.5, 0.75, 1] };

function validGrid(grid: SweepGrid): void {
  for (const [name, values] of [['entry', grid.entries], ['exit', grid.exits]] as const) {
    if (values.length === 0 || values.some((v) => !Number.isFinite(v))) throw new EngineError('BAD_ARGUMENT', `sweep: the ${name} grid must be a non-empty list of numbers`);
  }
}

const validPair = (base: BacktestParams, entry: number, exit: number): boolean =>
  entry > 0 && exit < entry && exit > -entry && (base.stop === null || base.stop > entry);

export function sweepBacktest(input: BacktestInput, base: BacktestParams, grid: SweepGrid = DEFAULT_SWEEP_GRID): SweepResult {
  validGrid(grid);
  const cells = grid.entries.map((entry) =>
    grid.exits.map((exit): SweepCell | null => {
      if (!validPair(base, entry, exit)) return null;
      const run = runBacktest(input, { ...base, entry, exit });
      const s = summarizeBacktest(run.trades, run.equity, base.notional, input.intervalMs);
      return { entry, exit, sharpe: s.sharpe, trades: s.trades, pnl: s.pnl };
    }),
  );
  return { entries: [...grid.entries], exits: [...grid.exits], cells };
}

export interface WalkForwardFold {
  /** Bar open times (inclusive) of the in-sample and out-of-sample blocks. */
  inSample: { from: number; to: number };
  outOfSample: { from: number; to: number };
  /** Chosen on the in-sample block; null when no cell traded there (the fold is not traded). */
  entry: number | null;
  exit: number | null;
  inSampleSharpe: number | null;
  outOfSampleSummary: BacktestSummary | null;
}

export interface WalkForwardResult {
  folds: WalkForwardFold[];
  /** Out-of-sample trades of every fold, in order. */
  trades: BacktestTrade[];
  /** Out-of-sample equity, folds chained (each starts where the previous ended). */
  equity: EquityPoint[];
  summary: BacktestSummary;
}

/** The cell with the highest in-sample Sharpe among cells with at least one trade; ties keep the first in grid order. */
function bestCell(sweep: SweepResult): SweepCell | null {
  let best: SweepCell | null = null;
  for (const row of sweep.cells) {
    for (const cell of row) {
      if (cell && cell.trades > 0 && cell.sharpe !== null && (best === null || cell.sharpe > (best.sharpe as number))) best = cell;
    }
  }
  return best;
}

/**
 * Splits the bars with a z into folds + 1 equal consecutive blocks; fold k chooses entry/exit on block k − 1
 * and trades block k with them (positions still open at a block's end close there, reason "end").
 */
export function walkForward(input: BacktestInput, base: BacktestParams, folds: number, grid: SweepGrid = DEFAULT_SWEEP_GRID): WalkForwardResult {
  if (!(Number.isInteger(folds) && folds >= 1)) throw new EngineError('BAD_ARGUMENT', `walk-forward needs a whole number of folds ≥ 1, got ${folds}`);
  validGrid(grid);
  const start = input.bars.findIndex((b) => b.z !== null && b.beta !== null);
  const usable = start < 0 ? 0 : input.bars.length - start;
  const blockBars = Math.floor(usable / (folds + 1));
  if (blockBars < 2) throw new EngineError('TOO_FEW_OBSERVATIONS', `walk-forward: ${usable} bars with a z cannot make ${folds + 1} blocks of at least 2 bars`);
  const block = (k: number): BacktestInput => {
    const from = start + k * blockBars;
    const to = k === folds ? input.bars.length : from + blockBars;
    return { ...input, bars: input.bars.slice(from, to) };
  };
  const span = (b: BacktestInput): { from: number; to: number } => ({ from: b.bars[0].time, to: b.bars[b.bars.length - 1].time });
  const result: WalkForwardFold[] = [];
  const trades: BacktestTrade[] = [];
  const equity: EquityPoint[] = [];
  let carried = 0;
  for (let k = 1; k <= folds; k++) {
    const inSample = block(k - 1);
    const outOfSample = block(k);
    const best = bestCell(sweepBacktest(inSample, base, grid));
    if (!best) {
      result.push({ inSample: span(inSample), outOfSample: span(outOfSample), entry: null, exit: null, inSampleSharpe: null, outOfSampleSummary: null });
      for (const b of outOfSample.bars) equity.push({ time: b.time, equity: carried });
      continue;
    }
    const run = runBacktest(outOfSample, { ...base, entry: best.entry, exit: best.exit });
    const summary = summarizeBacktest(run.trades, run.equity, base.notional, input.intervalMs);
    result.push({ inSample: span(inSample), outOfSample: span(outOfSample), entry: best.entry, exit: best.exit, inSampleSharpe: best.sharpe, outOfSampleSummary: summary });
    trades.push(...run.trades);
    for (const p of run.equity) equity.push({ time: p.time, equity: carried + p.equity });
    carried += summary.pnl;
  }
  return { folds: result, trades, equity, summary: summarizeBacktest(trades, equity, base.notional, input.intervalMs) };
}
