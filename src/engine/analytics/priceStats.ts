// Price statistics of one leg over the window of closed bars: last, change across the window,
// and the volatility of log returns. Volatility is given per bar, and scaled to one day by
// √(bars per day) with 24-hour crypto days (86,400,000 ms / bar length), assuming i.i.d. returns.
// No √252 annualisation: 1-second returns scaled to a trading year would be a fiction.
import { RingBuffer } from './ringBuffer';
import { RollingMoments } from './rollingMoments';

export interface PriceStats {
  symbol: string;
  last: number | null;
  /** Last close minus the first close of the window. */
  change: number | null;
  /** change / first close of the window. */
  changeFraction: number | null;
  /** Sample std of log returns over the window, per bar. */
  volPerBar: number | null;
  /** volPerBar·√(86,400,000 / intervalMs). */
  volPerDay: number | null;
  barsInWindow: number;
}

export class RollingPriceStats {
  private readonly closes: RingBuffer;
  private readonly logReturns: RollingMoments;

  constructor(
    readonly symbol: string,
    window: number,
  ) {
    this.closes = new RingBuffer(window);
    this.logReturns = new RollingMoments(Math.max(2, window - 1));
  }

  push(close: number): void {
    if (this.closes.length > 0) this.logReturns.push(Math.log(close / this.closes.last()));
    this.closes.push(close);
  }

  get lastClose(): number | null {
    return this.closes.length ? this.closes.last() : null;
  }

  stats(intervalMs: number): PriceStats {
    const n = this.closes.length;
    if (n === 0) return { symbol: this.symbol, last: null, change: null, changeFraction: null, volPerBar: null, volPerDay: null, barsInWindow: 0 };
    const first = this.closes.get(0);
    const last = this.closes.last();
    const volPerBar = this.logReturns.std;
    const barsPerDay = intervalMs > 0 ? 86_400_000 / intervalMs : null;
    return {
      symbol: this.symbol,
      last,
      change: last - first,
      changeFraction: (last - first) / first,
      volPerBar,
      volPerDay: volPerBar !== null && barsPerDay !== null ? volPerBar * Math.sqrt(barsPerDay) : null,
      barsInWindow: n,
    };
  }
}
