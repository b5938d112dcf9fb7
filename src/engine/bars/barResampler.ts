// Longer bars from shorter ones (OHLC files → the requested timeframe), for a finite set of bars in any
// order: open of the earliest, close of the latest, high/low extremes, volumes and trade counts summed,
// VWAP weighted by volume.
import type { Bar } from '../types';
import { EngineError } from '../errors';
import { barOpenTime, checkIntervalMs } from './timeframe';

interface Merged {
  bar: Bar;
  firstOpenTime: number;
  lastOpenTime: number;
  notional: number;
}

export class BarResampler {
  readonly intervalMs: number;
  private readonly bySymbol = new Map<string, Map<number, Merged>>();

  constructor(intervalMs: number) {
    this.intervalMs = checkIntervalMs(intervalMs);
  }

  add(bar: Bar): void {
    if (bar.intervalMs > this.intervalMs || this.intervalMs % bar.intervalMs !== 0) {
      throw new EngineError('BAD_TIMEFRAME', `cannot make ${this.intervalMs / 1000} s bars from ${bar.intervalMs / 1000} s bars: the timeframe must be a multiple of the file's bar length`);
    }
    let bars = this.bySymbol.get(bar.symbol);
    if (!bars) {
      bars = new Map();
      this.bySymbol.set(bar.symbol, bars);
    }
    const openTime = barOpenTime(bar.openTime, this.intervalMs);
    const m = bars.get(openTime);
    if (!m) {
      bars.set(openTime, {
        bar: { ...bar, openTime, intervalMs: this.intervalMs },
        firstOpenTime: bar.openTime,
        lastOpenTime: bar.openTime,
        notional: bar.vwap * bar.volume,
      });
      return;
    }
    const out = m.bar;
    if (bar.openTime < m.firstOpenTime) {
      m.firstOpenTime = bar.openTime;
      out.open = bar.open;
    }
    if (bar.openTime >= m.lastOpenTime) {
      m.lastOpenTime = bar.openTime;
      out.close = bar.close;
    }
    out.high = Math.max(out.high, bar.high);
    out.low = Math.min(out.low, bar.low);
    out.volume += bar.volume;
    out.trades += bar.trades;
    out.empty = out.empty && bar.empty;
    m.notional += bar.vwap * bar.volume;
    out.vwap = out.volume > 0 ? m.notional / out.volume : out.close;
  }

  symbols(): string[] {
    return [...this.bySymbol.keys()].sort();
  }

  bars(symbol: string): Bar[] {
    const bars = this.bySymbol.get(symbol);
    if (!bars) return [];
    return [...bars.values()].map((m) => m.bar).sort((a, b) => a.openTime - b.openTime);
  }
}
