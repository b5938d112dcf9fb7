// Timeframe and window of a pair made of two imported series: what their common span can fill. A file of
// three minutes cannot warm a 1m pair with a 100-bar window; the defaults always give a z for the span.
import { EngineError } from '../errors';
import { barOpenTime } from '../bars/timeframe';
import { TIMEFRAMES, WINDOW_MAX, WINDOW_MIN, type Timeframe } from '../../shared/constants';
import { TIMEFRAME_MS } from '../types';

/** What the defaults need of an imported series: its span and, for an OHLC file, its own bar length. */
export interface SeriesSpan {
  symbol: string;
  /** First trade time, or the open time of the first bar. */
  firstTime: number;
  /** Last trade time, or the open time of the last bar. */
  lastTime: number;
  /** Bar length of an OHLC file (its only timeframe); undefined for trades. */
  barMs?: number;
}

export interface TimeframeFit {
  timeframe: Timeframe;
  /** Aligned bars over the common span. */
  bars: number;
  /** Largest window the span can fill with room for the window to roll (bars / 2), or 0 when under WINDOW_MIN. */
  maxWindow: number;
}

export interface ImportedPairDefaults {
  timeframe: Timeframe;
  window: number;
  bars: number;
}

/** The time both series cover, or undefined when they do not overlap. */
export function commonSpan(a: SeriesSpan, b: SeriesSpan): { from: number; to: number } | undefined {
  const from = Math.max(a.firstTime, b.firstTime);
  const to = Math.min(a.lastTime, b.lastTime);
  return from <= to ? { from, to } : undefined;
}

/** Bars of `ms` from the bar holding `from` to the bar holding `to`, both counted. */
export function barsInSpan(from: number, to: number, ms: number): number {
  return (barOpenTime(to, ms) - barOpenTime(from, ms)) / ms + 1;
}

/**
 * The timeframes a pair of these series can use, finest first, with their bar counts: for trades every
 * timeframe that gives at least 2 × WINDOW_MIN bars; an OHLC file only its own bar length (both legs' must agree).
 */
export function importedTimeframes(y: SeriesSpan, x: SeriesSpan): TimeframeFit[] {
  const span = commonSpan(y, x);
  if (!span) throw new EngineError('BAD_ARGUMENT', `${y.symbol} and ${x.symbol} do not overlap in time (${spanText(y)}; ${spanText(x)}): their bars cannot be aligned.`);
  if (y.barMs !== x.barMs) {
    const what = (s: SeriesSpan) => (s.barMs === undefined ? 'trades' : `${s.barMs / 1000} s bars`);
    throw new EngineError('BAD_ARGUMENT', `${y.symbol} holds ${what(y)} and ${x.symbol} ${what(x)}: a pair needs both legs as trades, or OHLC bars of one length.`);
  }
  const candidates = y.barMs === undefined ? TIMEFRAMES : TIMEFRAMES.filter((t) => TIMEFRAME_MS[t] === y.barMs);
  if (candidates.length === 0) throw new EngineError('BAD_TIMEFRAME', `${y.symbol}'s bars are ${y.barMs! / 1000} s long; the desk's timeframes are ${TIMEFRAMES.join(', ')}.`);
  const fits = candidates.map((timeframe) => {
    const bars = barsInSpan(span.from, span.to, TIMEFRAME_MS[timeframe]);
    const half = Math.min(WINDOW_MAX, Math.floor(bars / 2));
    return { timeframe, bars, maxWindow: half >= WINDOW_MIN ? half : 0 };
  });
  const usable = fits.filter((f) => f.maxWindow > 0);
  if (usable.length === 0) {
    const finest = fits[0];
    throw new EngineError(
      'TOO_FEW_OBSERVATIONS',
      `${y.symbol} and ${x.symbol} share ${finest.bars} bar${finest.bars === 1 ? '' : 's'} of ${finest.timeframe} (${spanText({ firstTime: span.from, lastTime: span.to })}); a pair needs at least ${2 * WINDOW_MIN} (a window of ${WINDOW_MIN}, twice).`,
    );
  }
  return usable;
}

/**
 * The largest timeframe that gives at least twice `preferredWindow` bars, with that window; when none does,
 * the finest usable timeframe with the largest window its span fills twice (never more than `preferredWindow`).
 */
export function importedPairDefaults(y: SeriesSpan, x: SeriesSpan, preferredWindow: number): ImportedPairDefaults {
  const fits = importedTimeframes(y, x);
  const roomy = fits.filter((f) => f.bars >= 2 * preferredWindow);
  if (roomy.length > 0) {
    const best = roomy[roomy.length - 1];
    return { timeframe: best.timeframe, window: Math.max(WINDOW_MIN, Math.min(preferredWindow, WINDOW_MAX)), bars: best.bars };
  }
  const finest = fits[0];
  return { timeframe: finest.timeframe, window: Math.max(WINDOW_MIN, Math.min(preferredWindow, finest.maxWindow)), bars: finest.bars };
}

/**
 * The fit of `timeframe` for a pair of these series, or a typed error: a timeframe the common span cannot fill
 * (or not an OHLC file's own bar length), or a window longer than the span's bars.
 */
export function checkImportedPair(y: SeriesSpan, x: SeriesSpan, timeframe: Timeframe, window: number): TimeframeFit {
  const fits = importedTimeframes(y, x);
  const fit = fits.find((f) => f.timeframe === timeframe);
  if (!fit) {
    const offered = fits.map((f) => f.timeframe).join(', ');
    if (y.barMs !== undefined) throw new EngineError('BAD_TIMEFRAME', `${y.symbol} and ${x.symbol} are OHLC bars of ${offered}: they cannot be made into ${timeframe} bars.`);
    const span = commonSpan(y, x)!;
    const bars = barsInSpan(span.from, span.to, TIMEFRAME_MS[timeframe]);
    throw new EngineError('TOO_FEW_OBSERVATIONS', `${y.symbol} and ${x.symbol} share ${bars} bar${bars === 1 ? '' : 's'} of ${timeframe}; a pair needs at least ${2 * WINDOW_MIN} (timeframes that fit: ${offered}).`);
  }
  const problem = windowFitProblem(window, fit.bars, timeframe);
  if (problem) throw new EngineError('BAD_ARGUMENT', problem);
  return fit;
}

/** Why `window` cannot be used on `bars` aligned bars (undefined when it can): the span must fill the window. */
export function windowFitProblem(window: number, bars: number, timeframe: Timeframe): string | undefined {
  if (window > bars) return `The files hold ${bars} bars of ${timeframe}: a window of ${window} would never fill.`;
  return undefined;
}

/** "2024-07-18 23:57:02–23:59:59 UTC", or with both dates when the span crosses midnight. */
export function spanText(s: Pick<SeriesSpan, 'firstTime' | 'lastTime'>): string {
  const a = new Date(s.firstTime).toISOString();
  const b = new Date(s.lastTime).toISOString();
  const day = (iso: string) => iso.slice(0, 10);
  const clock = (iso: string) => iso.slice(11, 19);
  return day(a) === day(b) ? `${day(a)} ${clock(a)}–${clock(b)} UTC` : `${day(a)} ${clock(a)} – ${day(b)} ${clock(b)} UTC`;
}
