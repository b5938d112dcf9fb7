// Derives Binance aggTrades from raw trades: consecutive trades of one symbol with the same price, the same
// taker side and the same time window form one aggregate trade. The window is 1 ms by default (same trade
// time, as the data README prescribes); Binance's futures streams aggregate "every 100 milliseconds"
// (AGG_WINDOW_MS), over windows aligned to the clock so an aggregate never straddles a second.
import type { RecordedTrade } from './recording';

export interface DerivedAggTrade {
  symbol: string;
  /** Aggregate trade id `a`. */
  id: number;
  priceText: string;
  price: number;
  /** Summed quantity, formatted with the precision of the summed trades. */
  qtyText: string;
  qty: number;
  firstTradeId: number;
  lastTradeId: number;
  time: number;
  eventTime: number;
  buyerIsMaker: boolean;
}

/** Binance USD-M futures aggregate fills "with same price and taking side every 100 milliseconds". */
export const AGG_WINDOW_MS = 100;

function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Aggregates trades of a single symbol, already in trade-id order. Ids start at `firstAggId` and are contiguous.
 * Trades join when their times fall in the same `windowMs` window (⌊time / windowMs⌋ equal).
 * Quantities are summed in integer units of the smallest decimal step so that "0.1"+"0.2" prints "0.3".
 */
export function aggregateTrades(trades: readonly RecordedTrade[], firstAggId: number, windowMs = 1): DerivedAggTrade[] {
  const out: DerivedAggTrade[] = [];
  let i = 0;
  let nextId = firstAggId;
  while (i < trades.length) {
    const first = trades[i];
    const window = Math.floor(first.time / windowMs);
    let j = i + 1;
    while (
      j < trades.length &&
      trades[j].priceText === first.priceText &&
      trades[j].buyerIsMaker === first.buyerIsMaker &&
      Math.floor(trades[j].time / windowMs) === window
    ) {
      j++;
    }
    let scale = 0;
    for (let k = i; k < j; k++) scale = Math.max(scale, decimals(trades[k].qtyText));
    const factor = 10 ** scale;
    let units = 0;
    for (let k = i; k < j; k++) units += Math.round(trades[k].qty * factor);
    const qtyText = (units / factor).toFixed(scale);
    const last = trades[j - 1];
    out.push({
      symbol: first.symbol,
      id: nextId++,
      priceText: first.priceText,
      price: first.price,
      qtyText,
      qty: Number(qtyText),
      firstTradeId: first.id,
      lastTradeId: last.id,
      time: first.time,
      eventTime: last.eventTime,
      buyerIsMaker: first.buyerIsMaker,
    });
    i = j;
  }
  return out;
}
