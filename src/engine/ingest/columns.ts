// Bars and trades to and from the columns that cross between the host and the ingest worker (protocol.ts):
// one typed array per field, whose buffers go in the message's transfer list instead of being copied.
import type { Bar, Tick } from '../types';
import type { BarColumns, TradeColumns } from './protocol';

export function barColumns(symbol: string, intervalMs: number, bars: readonly Bar[]): BarColumns {
  const n = bars.length;
  const column = () => new Float64Array(n);
  const c: BarColumns = {
    symbol, intervalMs, length: n,
    openTime: column(), open: column(), high: column(), low: column(), close: column(), volume: column(), vwap: column(), trades: column(),
    empty: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const b = bars[i];
    c.openTime[i] = b.openTime;
    c.open[i] = b.open;
    c.high[i] = b.high;
    c.low[i] = b.low;
    c.close[i] = b.close;
    c.volume[i] = b.volume;
    c.vwap[i] = b.vwap;
    c.trades[i] = b.trades;
    c.empty[i] = b.empty ? 1 : 0;
  }
  return c;
}

export function barColumnBuffers(c: BarColumns): ArrayBuffer[] {
  return [c.openTime, c.open, c.high, c.low, c.close, c.volume, c.vwap, c.trades, c.empty].map((a) => a.buffer as ArrayBuffer);
}

export function barsOf(c: BarColumns): Bar[] {
  const out: Bar[] = [];
  for (let i = 0; i < c.length; i++) {
    out.push({
      symbol: c.symbol, openTime: c.openTime[i], intervalMs: c.intervalMs, open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i],
      volume: c.volume[i], vwap: c.vwap[i], trades: c.trades[i], empty: c.empty[i] === 1,
    });
  }
  return out;
}

export function tradeColumns(symbol: string, ticks: readonly Tick[]): TradeColumns {
  const n = ticks.length;
  const c: TradeColumns = { symbol, length: n, time: new Float64Array(n), price: new Float64Array(n), qty: new Float64Array(n), id: new Float64Array(n), buyerIsMaker: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const t = ticks[i];
    c.time[i] = t.time;
    c.price[i] = t.price;
    c.qty[i] = t.qty;
    c.id[i] = t.id;
    c.buyerIsMaker[i] = t.buyerIsMaker ? 1 : 0;
  }
  return c;
}

export function tradeColumnBuffers(c: TradeColumns): ArrayBuffer[] {
  return [c.time, c.price, c.qty, c.id, c.buyerIsMaker].map((a) => a.buffer as ArrayBuffer);
}
