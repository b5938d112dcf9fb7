// A recorded symbol as an endless (looped) or finite tape. A loop repeats the recording shifted in time by
// a whole number of 5-minute periods (bars keep their boundaries) and in ids by the recording's id span,
// so ids keep increasing without a gap. Nothing is stored per loop: each look-up maps back to the base data.
// Aggregates are Binance's 100 ms ones, pushed at the end of their window (their event time).
import type { RecordedTrade } from '../../src/engine/import/recording';
import { AGG_WINDOW_MS, aggregateTrades, type DerivedAggTrade } from '../../src/engine/import/aggregateTrades';
import type { AggView, SymbolTape, TradeView } from './tape';

export interface RecordingTapeOptions {
  /** Added to every time (rebasing to the wall clock); a multiple of 300000 ms. */
  timeShiftMs: number;
  /** Time shift of each further loop (a multiple of 300000 ms, longer than the recording); 0 = no loop. */
  loopShiftMs: number;
}

/** Aggregate ids are not in the recording; this gives plausible ones (Binance's run at ~0.43 × trade ids). */
export function firstAggIdFor(firstTradeId: number): number {
  return Math.floor(firstTradeId * 0.43);
}

export class RecordingTape implements SymbolTape {
  readonly symbol: string;
  private readonly trades: readonly RecordedTrade[];
  private readonly aggs: readonly DerivedAggTrade[];
  /** completes[j]: the base aggregate completed by base trade j, or -1. */
  private readonly completes: Int32Array;
  /** pushAt[m]: end of base aggregate m's window (kept non-decreasing), unshifted. */
  private readonly pushAt: Float64Array;
  private readonly firstTradeId: number;
  private readonly firstAggId: number;

  /** `trades`: one symbol's recorded trades in id order (non-empty). */
  constructor(trades: readonly RecordedTrade[], private readonly options: RecordingTapeOptions) {
    this.symbol = trades[0].symbol;
    this.trades = trades;
    this.firstTradeId = trades[0].id;
    this.firstAggId = firstAggIdFor(this.firstTradeId);
    this.aggs = aggregateTrades(trades, this.firstAggId, AGG_WINDOW_MS);
    this.pushAt = new Float64Array(this.aggs.length);
    for (let m = 0, last = -Infinity; m < this.aggs.length; m++) {
      last = this.pushAt[m] = Math.max(last, (Math.floor(this.aggs[m].time / AGG_WINDOW_MS) + 1) * AGG_WINDOW_MS);
    }
    this.completes = new Int32Array(trades.length).fill(-1);
    let agg = 0;
    for (let j = 0; j < trades.length; j++) {
      if (agg < this.aggs.length && this.aggs[agg].lastTradeId === trades[j].id) this.completes[j] = agg++;
    }
  }

  private loopOf(n: number): number {
    return Math.floor(n / this.trades.length);
  }

  private shiftOfLoop(k: number): number {
    return this.options.timeShiftMs + k * this.options.loopShiftMs;
  }

  tradeTime(n: number): number {
    const k = this.loopOf(n);
    if (k > 0 && this.options.loopShiftMs === 0) return Infinity;
    return this.trades[n - k * this.trades.length].time + this.shiftOfLoop(k);
  }

  readTrade(n: number, out: TradeView): void {
    const k = this.loopOf(n);
    const t = this.trades[n - k * this.trades.length];
    const shift = this.shiftOfLoop(k);
    out.id = t.id + k * this.trades.length;
    out.time = t.time + shift;
    out.eventTime = t.eventTime + shift;
    out.priceText = t.priceText;
    out.qtyText = t.qtyText;
    out.price = t.price;
    out.qty = t.qty;
    out.buyerIsMaker = t.buyerIsMaker;
  }

  aggCompletedBy(n: number): number {
    const k = this.loopOf(n);
    const base = this.completes[n - k * this.trades.length];
    return base < 0 ? -1 : base + k * this.aggs.length;
  }

  readAgg(m: number, out: AggView): void {
    const k = Math.floor(m / this.aggs.length);
    const a = this.aggs[m - k * this.aggs.length];
    const shift = this.shiftOfLoop(k);
    const idShift = k * this.trades.length;
    out.id = this.firstAggId + m;
    out.priceText = a.priceText;
    out.qtyText = a.qtyText;
    out.firstTradeId = a.firstTradeId + idShift;
    out.lastTradeId = a.lastTradeId + idShift;
    out.time = a.time + shift;
    out.eventTime = this.pushAt[m - k * this.aggs.length] + shift;
    out.buyerIsMaker = a.buyerIsMaker;
  }

  aggPushTime(m: number): number {
    const k = Math.floor(m / this.aggs.length);
    if (k > 0 && this.options.loopShiftMs === 0) return Infinity;
    return this.pushAt[m - k * this.aggs.length] + this.shiftOfLoop(k);
  }

  aggTime(m: number): number {
    const k = Math.floor(m / this.aggs.length);
    if (k > 0 && this.options.loopShiftMs === 0) return Infinity;
    return this.aggs[m - k * this.aggs.length].time + this.shiftOfLoop(k);
  }

  aggSeqOfId(id: number): number {
    return id - this.firstAggId;
  }
}

/** Splits trades (any order) by symbol, each in id order. */
export function tradesBySymbol(trades: readonly RecordedTrade[]): Map<string, RecordedTrade[]> {
  const bySymbol = new Map<string, RecordedTrade[]>();
  for (const t of trades) {
    let list = bySymbol.get(t.symbol);
    if (!list) bySymbol.set(t.symbol, (list = []));
    list.push(t);
  }
  for (const list of bySymbol.values()) list.sort((a, b) => a.id - b.id);
  return bySymbol;
}
