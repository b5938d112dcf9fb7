// The one path from trade/bar files to a pair's closed-bar PairPoints, shared by `analyze` and `backtest`
// so that a backtest trades on exactly the z series `analyze` prints for the same options.
import { parseTimeframe } from '../engine/bars/timeframe';
import { EngineError } from '../engine/errors';
import { HEDGE_METHODS, isHedgeMethod, type HedgeMethod } from '../engine/analytics/hedgeMethod';
import { PairAnalytics } from '../engine/analytics/pairAnalytics';
import { alignPairBars } from '../engine/analytics/pairBarSeries';
import type { PairPoint } from '../engine/analytics/pairPoint';
import { filesToBars } from '../engine/import/filesToBars';
import { describeBadLines, type ImportReport } from '../engine/import/importReport';
import type { Bar } from '../engine/types';
import type { ParsedArgs } from './command';

/** The options of the pair pipeline, as `analyze` and `backtest` both take them. */
export const PAIR_OPTIONS = ['pair', 'timeframe', 'window', 'hedge', 'log-prices'];

export interface PairReplayOptions {
  files: string[];
  ySymbol: string;
  xSymbol: string;
  timeframe: string;
  intervalMs: number;
  window: number;
  hedge: HedgeMethod;
  logPrices: boolean;
}

export interface PairReplay {
  pipeline: PairAnalytics;
  /** One point per aligned bar, oldest first (never trimmed). */
  points: PairPoint[];
}

export function requireString(value: string | true | undefined, message: string): string {
  if (typeof value !== 'string' || value === '') throw new EngineError('BAD_ARGUMENT', message);
  return value;
}

/** Reads --pair, --timeframe, --window, --hedge, --log-prices and the file list; `usage` is quoted when files are missing. */
export function parsePairReplayOptions(parsed: ParsedArgs, usage: string): PairReplayOptions {
  const files = parsed.positional;
  if (files.length === 0) throw new EngineError('BAD_ARGUMENT', `give at least one trade file: ${usage}`);
  const pairText = requireString(parsed.options.get('pair'), 'give the pair with --pair Y/X, e.g. --pair ETHUSDT/BTCUSDT (Y regressed on X)');
  const legs = pairText.toUpperCase().split('/');
  if (legs.length !== 2 || !legs[0] || !legs[1]) throw new EngineError('BAD_SYMBOL', `bad --pair "${pairText}": expected Y/X, e.g. ETHUSDT/BTCUSDT`);
  const [ySymbol, xSymbol] = legs;
  const timeframe = requireString(parsed.options.get('timeframe'), 'give the bar length with --timeframe 1s, 1m or 5m');
  const intervalMs = parseTimeframe(timeframe);
  const windowText = requireString(parsed.options.get('window'), 'give the window with --window N (bars)');
  if (!/^\d+$/.test(windowText)) throw new EngineError('BAD_ARGUMENT', `bad --window "${windowText}": expected a whole number of bars`);
  const window = Number(windowText);
  const hedge = parsed.options.get('hedge') ?? 'ols';
  if (!isHedgeMethod(hedge)) throw new EngineError('BAD_ARGUMENT', `bad --hedge "${String(hedge)}" (accepted: ${HEDGE_METHODS.join(', ')})`);
  return { files, ySymbol, xSymbol, timeframe, intervalMs, window, hedge, logPrices: parsed.options.has('log-prices') };
}

function warnAboutBadLines(report: ImportReport): void {
  if (report.bad > 0) process.stderr.write(`warning: ${report.path}: ${describeBadLines(report)}\n`);
}

async function barsBySymbol(files: string[], intervalMs: number): Promise<Map<string, Bar[]>> {
  const bars = await filesToBars(files, intervalMs, { onFileRead: warnAboutBadLines });
  // Intervals without a trade are dropped here; alignPairBars rebuilds those between trades from the previous close.
  for (const [s, list] of bars) bars.set(s, list.filter((b) => !b.empty));
  return bars;
}

/** Replays the files through PairAnalytics bar by bar, as the live desk does. */
export async function replayPair(o: PairReplayOptions): Promise<PairReplay> {
  const pipeline = new PairAnalytics({ y: o.ySymbol, x: o.xSymbol, window: o.window, hedge: o.hedge, logPrices: o.logPrices });
  const bars = await barsBySymbol(o.files, o.intervalMs);
  const found = [...bars.keys()].join(', ') || 'none';
  for (const s of [o.ySymbol, o.xSymbol]) {
    if (!bars.has(s)) throw new EngineError('BAD_SYMBOL', `no trades of ${s} in the files (symbols found: ${found})`);
  }
  const pairs = alignPairBars(bars.get(o.ySymbol)!, bars.get(o.xSymbol)!, o.intervalMs);
  if (pairs.length < o.window) {
    throw new EngineError('TOO_FEW_OBSERVATIONS', `only ${pairs.length} aligned ${o.timeframe} bars of ${o.ySymbol}/${o.xSymbol}; the window needs ${o.window}`);
  }
  const points = pairs.map(([y, x]) => pipeline.onBars(y, x));
  if (!points.some((p) => p.beta !== null)) {
    throw new EngineError('CONSTANT_SERIES', `${o.xSymbol} (X) is constant over every ${o.window}-bar window: no hedge ratio can be fitted`);
  }
  return { pipeline, points };
}
