// A symbol's trade sequence as the exchange replays it: trades and their aggregates addressed by
// sequence number (0, 1, 2, …), in trade-time order, possibly endless (a looped recording, a generator).
// The replay walks it forward; REST looks back into it up to what the replay has reached.

/** One raw trade, filled in place by `SymbolTape.readTrade` so the hot path allocates nothing. */
export interface TradeView {
  id: number;
  time: number;
  eventTime: number;
  priceText: string;
  qtyText: string;
  price: number;
  qty: number;
  buyerIsMaker: boolean;
}

/** One aggregate trade, filled in place by `SymbolTape.readAgg`. */
export interface AggView {
  id: number;
  priceText: string;
  qtyText: string;
  firstTradeId: number;
  lastTradeId: number;
  time: number;
  eventTime: number;
  buyerIsMaker: boolean;
}

export interface SymbolTape {
  readonly symbol: string;
  /** Trade time of trade `n`; Infinity once the tape has ended. */
  tradeTime(n: number): number;
  readTrade(n: number, out: TradeView): void;
  /** The aggregate that trade `n` completes (its sequence number), or -1 when the aggregate goes on. */
  aggCompletedBy(n: number): number;
  /**
   * When aggregate `m` is pushed (Binance pushes aggTrades at the end of each 100 ms window); non-decreasing,
   * Infinity once the tape has ended. A tape without it has each aggregate pushed with the trade completing it.
   */
  aggPushTime?(m: number): number;
  readAgg(m: number, out: AggView): void;
  aggTime(m: number): number;
  /** Sequence number of the aggregate with this id (may be out of range). */
  aggSeqOfId(id: number): number;
}

export function newTradeView(): TradeView {
  return { id: 0, time: 0, eventTime: 0, priceText: '', qtyText: '', price: 0, qty: 0, buyerIsMaker: false };
}

export function newAggView(): AggView {
  return { id: 0, priceText: '', qtyText: '', firstTradeId: 0, lastTradeId: 0, time: 0, eventTime: 0, buyerIsMaker: false };
}

/** Smallest sequence number ≥ 0 whose time is ≥ t, for a non-decreasing `timeOf` over an endless tape. */
export function firstAtOrAfter(timeOf: (n: number) => number, t: number): number {
  let hi = 1;
  while (timeOf(hi - 1) < t) hi *= 2;
  return lowerBoundByTime(timeOf, t, hi >> 1, hi);
}

/** Smallest sequence number in [lo, hi) whose time is ≥ t (hi when none), for a non-decreasing `timeOf`. */
export function lowerBoundByTime(timeOf: (n: number) => number, t: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (timeOf(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
