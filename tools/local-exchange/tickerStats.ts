// 24-hour rolling statistics of a tape (`GET /fapi/v1/ticker/24hr`, the `<symbol>@ticker` stream), kept as
// a window [tail, head) of trade sequence numbers moved forward as the clock goes: each trade is added once and
// removed once; high and low are rescanned only when the trade leaving the window held one of them.
import { lowerBoundByTime, newTradeView, type SymbolTape } from './tape';

const DAY_MS = 86_400_000;

export interface TickerFigures {
  openTime: number;
  closeTime: number;
  open: string;
  high: string;
  low: string;
  last: string;
  lastQty: string;
  lastTime: number;
  volume: number;
  quoteVolume: number;
  firstId: number;
  lastId: number;
  count: number;
}

export class RollingTicker {
  private tail = 0;
  private head = 0;
  private volume = 0;
  private quoteVolume = 0;
  private high = -Infinity;
  private low = Infinity;
  private highText = '';
  private lowText = '';
  private readonly view = newTradeView();

  constructor(private readonly tape: SymbolTape) {}

  /** Figures of the trades in (clock − 24 h, clock] among the first `available`; undefined before the first trade. */
  at(clock: number, available: number): TickerFigures | undefined {
    const view = this.view;
    for (; this.head < available; this.head++) {
      this.tape.readTrade(this.head, view);
      this.volume += view.qty;
      this.quoteVolume += view.price * view.qty;
      if (view.price > this.high) [this.high, this.highText] = [view.price, view.priceText];
      if (view.price < this.low) [this.low, this.lowText] = [view.price, view.priceText];
    }
    const from = lowerBoundByTime((n) => this.tape.tradeTime(n), clock - DAY_MS + 1, this.tail, this.head);
    let rescan = false;
    for (; this.tail < from; this.tail++) {
      this.tape.readTrade(this.tail, view);
      this.volume -= view.qty;
      this.quoteVolume -= view.price * view.qty;
      if (view.price === this.high || view.price === this.low) rescan = true;
    }
    if (this.head === 0) return undefined;
    if (this.tail === this.head) return this.quiet(clock);
    if (rescan) this.rescan();
    this.tape.readTrade(this.tail, view);
    const open = view.priceText;
    const firstId = view.id;
    this.tape.readTrade(this.head - 1, view);
    return {
      openTime: clock - DAY_MS,
      closeTime: clock,
      open,
      high: this.highText,
      low: this.lowText,
      last: view.priceText,
      lastQty: view.qtyText,
      lastTime: view.time,
      volume: Math.max(0, this.volume),
      quoteVolume: Math.max(0, this.quoteVolume),
      firstId,
      lastId: view.id,
      count: this.head - this.tail,
    };
  }

  /** No trade in the last 24 h: the last price carried, nothing traded. */
  private quiet(clock: number): TickerFigures {
    this.tape.readTrade(this.head - 1, this.view);
    const p = this.view.priceText;
    return {
      openTime: clock - DAY_MS, closeTime: clock, open: p, high: p, low: p, last: p, lastQty: this.view.qtyText,
      lastTime: this.view.time, volume: 0, quoteVolume: 0, firstId: -1, lastId: -1, count: 0,
    };
  }

  private rescan(): void {
    this.high = -Infinity;
    this.low = Infinity;
    for (let n = this.tail; n < this.head; n++) {
      this.tape.readTrade(n, this.view);
      if (this.view.price > this.high) [this.high, this.highText] = [this.view.price, this.view.priceText];
      if (this.view.price < this.low) [this.low, this.lowText] = [this.view.price, this.view.priceText];
    }
  }
}

function change(f: TickerFigures, priceDecimals: number): { change: string; percent: string; average: string } {
  const open = Number(f.open);
  const diff = Number(f.last) - open;
  return {
    change: diff.toFixed(priceDecimals),
    percent: (open === 0 ? 0 : (diff / open) * 100).toFixed(3),
    average: (f.volume > 0 ? f.quoteVolume / f.volume : Number(f.last)).toFixed(priceDecimals),
  };
}

/** A `GET /fapi/v1/ticker/24hr` object, fields in Binance's order. */
export function ticker24hJson(symbol: string, f: TickerFigures, d: { price: number; qty: number; quote: number }): string {
  const c = change(f, d.price);
  return (
    `{"symbol":"${symbol}","priceChange":"${c.change}","priceChangePercent":"${c.percent}","weightedAvgPrice":"${c.average}",` +
    `"lastPrice":"${f.last}","lastQty":"${f.lastQty}","openPrice":"${f.open}","highPrice":"${f.high}","lowPrice":"${f.low}",` +
    `"volume":"${f.volume.toFixed(d.qty)}","quoteVolume":"${f.quoteVolume.toFixed(d.quote)}","openTime":${f.openTime},` +
    `"closeTime":${f.closeTime},"firstId":${f.firstId},"lastId":${f.lastId},"count":${f.count}}`
  );
}

/** A `<symbol>@ticker` event (`24hrTicker`), fields in Binance's order. */
export function tickerEvent(symbol: string, eventTime: number, f: TickerFigures, d: { price: number; qty: number; quote: number }): string {
  const c = change(f, d.price);
  return (
    `{"e":"24hrTicker","E":${eventTime},"s":"${symbol}","p":"${c.change}","P":"${c.percent}","w":"${c.average}",` +
    `"c":"${f.last}","Q":"${f.lastQty}","o":"${f.open}","h":"${f.high}","l":"${f.low}","v":"${f.volume.toFixed(d.qty)}",` +
    `"q":"${f.quoteVolume.toFixed(d.quote)}","O":${f.openTime},"C":${f.closeTime},"F":${f.firstId},"L":${f.lastId},"n":${f.count}}`
  );
}
