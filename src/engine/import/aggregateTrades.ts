// Derives Binance aggTrades from raw trades: consecutive trades of one symbol with the same price,
// the same taker side and the same trade time form one aggregate trade (as the data README prescribes).
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

function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Aggregates trades of a single symbol, already in trade-id order. Ids start at `firstAggId` and are contiguous.
 * Quantities are summed in integer units of the smallest decimal step so that "0.1"+"0.2" prints "0.3".
 */
export function aggregateTrades(trades: readonly RecordedTrade[], firstAggId: number): DerivedAggTrade[] {
  const out: DerivedAggTrade[] = [];
  let i = 0;
  let nextId = firstAggId;
  while (i < trades.length) {
    const first = trades[i];
    let j = i + 1;
    while (
      j < trades.length &&
      trades[j].priceText === first.priceText &&
      trades[j].buyerIsMaker === first.buyerIsMaker &&
      trades[j].time === first.time
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
