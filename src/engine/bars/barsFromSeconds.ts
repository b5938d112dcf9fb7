// A leg's bars of any length from its traded 1-second bars (an imported trade file's, see BatchBars), as the
// live bar builder would publish them: a timeframe change rebuilds from the seconds, not from the file.
import type { Bar } from '../types';
import { emptyBar } from './barAccumulator';
import { BarResampler } from './barResampler';

const SECOND_MS = 1000;

/**
 * One leg's bars of `intervalMs` from its traded seconds: from the leg's first traded interval to
 * `lastOpenTime`, an interval without a trade being an empty bar that carries the previous close.
 */
export function barsFromSeconds(seconds: readonly Bar[], intervalMs: number, lastOpenTime: number): Bar[] {
  let traded: Bar[];
  if (intervalMs === SECOND_MS) traded = seconds.slice();
  else {
    const resampler = new BarResampler(intervalMs);
    for (const bar of seconds) resampler.add(bar);
    traded = seconds.length > 0 ? resampler.bars(seconds[0].symbol) : [];
  }
  const out: Bar[] = [];
  let next = traded[0]?.openTime ?? Infinity;
  let lastClose = 0;
  for (const bar of traded) {
    for (; next < bar.openTime; next += intervalMs) out.push(emptyBar(bar.symbol, next, intervalMs, lastClose));
    out.push(bar);
    lastClose = bar.close;
    next = bar.openTime + intervalMs;
  }
  const symbol = traded[0]?.symbol;
  if (symbol !== undefined) for (; next <= lastOpenTime; next += intervalMs) out.push(emptyBar(symbol, next, intervalMs, lastClose));
  return out;
}
