// The running state of one bar. Open and close are the trades first and last in (trade time, id) order, so
// a late tick that amends the bar lands where it belongs, and bars built from files in any order are exact.
import type { Bar, Tick } from '../types';

export class BarAccumulator {
  open = 0;
  high = -Infinity;
  low = Infinity;
  close = 0;
  volume = 0;
  /** Σ price·qty, for the VWAP. */
  notional = 0;
  trades = 0;
  private openTime_ = Infinity;
  private openId = Infinity;
  private closeTime_ = -Infinity;
  private closeId = -Infinity;

  constructor(
    readonly symbol: string,
    readonly barOpenTime: number,
    readonly intervalMs: number,
  ) {}

  add(tick: Tick): void {
    this.addTrade(tick.time, tick.price, tick.qty, tick.id);
  }

  addTrade(time: number, price: number, qty: number, id: number): void {
    if (time < this.openTime_ || (time === this.openTime_ && id < this.openId)) {
      this.openTime_ = time;
      this.openId = id;
      this.open = price;
    }
    if (time > this.closeTime_ || (time === this.closeTime_ && id >= this.closeId)) {
      this.closeTime_ = time;
      this.closeId = id;
      this.close = price;
    }
    if (price > this.high) this.high = price;
    if (price < this.low) this.low = price;
    this.volume += qty;
    this.notional += price * qty;
    this.trades++;
  }

  /** The bar as the engine publishes it. VWAP falls back to the close when all quantities are 0. */
  toBar(): Bar {
    return {
      symbol: this.symbol,
      openTime: this.barOpenTime,
      intervalMs: this.intervalMs,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.volume,
      trades: this.trades,
      vwap: this.volume > 0 ? this.notional / this.volume : this.close,
      empty: false,
    };
  }
}

/** An interval without trades: the previous close carried, volume 0, flagged. */
export function emptyBar(symbol: string, openTime: number, intervalMs: number, carriedClose: number): Bar {
  return {
    symbol,
    openTime,
    intervalMs,
    open: carriedClose,
    high: carriedClose,
    low: carriedClose,
    close: carriedClose,
    volume: 0,
    trades: 0,
    vwap: carriedClose,
    empty: true,
  };
}
