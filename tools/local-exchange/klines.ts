// Klines from the trades of a tape: the bar of one interval, and the rows `GET /fapi/v1/klines` answers with.
// Intervals with no trade exist as bars (previous close carried, volume 0), as on Binance.
import type { KlineState } from './wireFormat';
import { lowerBoundByTime, newTradeView, type SymbolTape } from './tape';

const scratch = newTradeView();

/** An empty bar at `openTime` carrying `priceText` (the previous close). */
export function emptyKline(openTime: number, intervalMs: number, interval: string, priceText: string): KlineState {
  const price = Number(priceText);
  return {
    openTime,
    closeTime: openTime + intervalMs - 1,
    interval,
    firstTradeId: -1,
    lastTradeId: -1,
    open: priceText,
    close: priceText,
    high: priceText,
    low: priceText,
    highValue: price,
    lowValue: price,
    volume: 0,
    trades: 0,
    quoteVolume: 0,
    takerBuyVolume: 0,
    takerBuyQuoteVolume: 0,
    closed: false,
  };
}

/** Adds one trade to a bar. */
export function addTradeToKline(k: KlineState, id: number, priceText: string, price: number, qty: number, buyerIsMaker: boolean): void {
  if (k.trades === 0) {
    k.open = k.high = k.low = priceText;
    k.highValue = k.lowValue = price;
    k.firstTradeId = id;
  } else if (price > k.highValue) {
    k.high = priceText;
    k.highValue = price;
  } else if (price < k.lowValue) {
    k.low = priceText;
    k.lowValue = price;
  }
  k.close = priceText;
  k.lastTradeId = id;
  k.trades++;
  k.volume += qty;
  k.quoteVolume += price * qty;
  if (!buyerIsMaker) {
    k.takerBuyVolume += qty;
    k.takerBuyQuoteVolume += price * qty;
  }
}

/**
 * The bar [openTime, openTime + intervalMs) from trades 0..available-1 of `tape`; undefined when the tape
 * has no trade before the end of the bar (the symbol did not trade yet).
 */
export function klineAt(tape: SymbolTape, available: number, openTime: number, intervalMs: number, interval: string): KlineState | undefined {
  const timeOf = (n: number) => tape.tradeTime(n);
  let n = lowerBoundByTime(timeOf, openTime, 0, available);
  let prevClose: string | undefined;
  if (n > 0) {
    tape.readTrade(n - 1, scratch);
    prevClose = scratch.priceText;
  }
  const end = openTime + intervalMs;
  if (prevClose === undefined && (n >= available || tape.tradeTime(n) >= end)) return undefined;
  let bar: KlineState | undefined = prevClose === undefined ? undefined : emptyKline(openTime, intervalMs, interval, prevClose);
  for (; n < available; n++) {
    tape.readTrade(n, scratch);
    if (scratch.time >= end) break;
    bar ??= emptyKline(openTime, intervalMs, interval, scratch.priceText);
    addTradeToKline(bar, scratch.id, scratch.priceText, scratch.price, scratch.qty, scratch.buyerIsMaker);
  }
  return bar;
}

export interface KlineQuery {
  intervalMs: number;
  interval: string;
  startTime?: number;
  endTime?: number;
  limit: number;
}

/** Bars as `GET /fapi/v1/klines` selects them: open time within [startTime, endTime], up to the bar holding `clock`. */
export function klinesFor(tape: SymbolTape, available: number, clock: number, q: KlineQuery): KlineState[] {
  if (available === 0) return [];
  const step = q.intervalMs;
  const firstBar = Math.floor(tape.tradeTime(0) / step) * step;
  const lastBar = Math.floor(Math.min(clock, q.endTime ?? Infinity) / step) * step;
  let from: number;
  if (q.startTime !== undefined) from = Math.max(firstBar, Math.ceil(q.startTime / step) * step);
  else from = Math.max(firstBar, lastBar - (q.limit - 1) * step);
  const out: KlineState[] = [];
  for (let t = from; t <= lastBar && out.length < q.limit; t += step) {
    const bar = klineAt(tape, available, t, step, q.interval);
    if (bar) out.push(bar);
  }
  return out;
}
