// Imported trades become 1-second bars while the file is read: one accumulator per symbol and second, never
// one object kept per trade, so a file of millions of trades costs a few MB. Files may come in any time order
// (the accumulator orders open/close by trade time and id), and the pair's timeframe is derived from these
// bars later, so a timeframe change does not need the file again.
import type { Bar } from '../types';
import { BarAccumulator, emptyBar } from '../bars/barAccumulator';
import { BarResampler } from '../bars/barResampler';
import { barOpenTime } from '../bars/timeframe';

const SECOND_MS = 1000;

export class SecondBarsAccumulator {
  private readonly bySymbol = new Map<string, Map<number, BarAccumulator>>();
  /** Newest trade time over all symbols. */
  lastTradeTime = -Infinity;

  addTrade(symbol: string, time: number, price: number, qty: number, id: number): void {
    let seconds = this.bySymbol.get(symbol);
    if (!seconds) this.bySymbol.set(symbol, (seconds = new Map()));
    const openTime = barOpenTime(time, SECOND_MS);
    let acc = seconds.get(openTime);
    if (!acc) seconds.set(openTime, (acc = new BarAccumulator(symbol, openTime, SECOND_MS)));
    acc.addTrade(time, price, qty, id);
    if (time > this.lastTradeTime) this.lastTradeTime = time;
  }

  symbols(): string[] {
    return [...this.bySymbol.keys()].sort();
  }

  /** The symbol's traded seconds, oldest first (seconds without a trade are not listed). */
  bars(symbol: string): Bar[] {
    const seconds = this.bySymbol.get(symbol);
    if (!seconds) return [];
    return [...seconds.values()].map((a) => a.toBar()).sort((a, b) => a.openTime - b.openTime);
  }
}

/**
 * One leg's bars of `intervalMs` from its traded seconds, as the live bar builder would publish them: from
 * the leg's first traded interval to `lastOpenTime`, an interval without a trade being an empty bar that
 * carries the previous close.
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
