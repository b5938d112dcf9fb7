// Bars from a finite set of ticks (files), exact whatever the order the ticks arrive in: every bar stays
// open until the end, and open/close are chosen by (trade time, id). Memory is one accumulator per bar.
import type { Bar, Tick } from '../types';
import { BarAccumulator } from './barAccumulator';
import { barOpenTime, checkIntervalMs } from './timeframe';

export class BatchBars {
  readonly intervalMs: number;
  private readonly bySymbol = new Map<string, Map<number, BarAccumulator>>();

  constructor(intervalMs: number) {
    this.intervalMs = checkIntervalMs(intervalMs);
  }

  add(tick: Tick): void {
    let bars = this.bySymbol.get(tick.symbol);
    if (!bars) {
      bars = new Map();
      this.bySymbol.set(tick.symbol, bars);
    }
    const openTime = barOpenTime(tick.time, this.intervalMs);
    let acc = bars.get(openTime);
    if (!acc) {
      acc = new BarAccumulator(tick.symbol, openTime, this.intervalMs);
      bars.set(openTime, acc);
    }
    acc.add(tick);
  }

  symbols(): string[] {
    return [...this.bySymbol.keys()].sort();
  }

  /** The symbol's bars of trading intervals (no empty bars), in time order. */
  bars(symbol: string): Bar[] {
    const bars = this.bySymbol.get(symbol);
    if (!bars) return [];
    return [...bars.values()].sort((a, b) => a.barOpenTime - b.barOpenTime).map((acc) => acc.toBar());
  }
}
