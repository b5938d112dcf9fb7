// Messages between the host (extension host, CLI, tests) and the ingest worker (ingestWorker.ts), declared
// once as discriminated unions. The worker owns the feed, the parser, the sequencer, backfill, the tick store
// and the bar series; the host gets closed bars in columns (their buffers transferred, not copied), the id
// ranges delivered (so it knows where to resume), states and gaps — never one message per tick.
import type { BinanceFeedOptions } from '../feed/binanceFeed';
import type { FeedState, StoredTrade, UnrepairedGap } from '../types';

/** The feed's options that can cross a thread (no functions, no shared REST client). */
export type IngestFeedOptions = Omit<BinanceFeedOptions, 'rest' | 'clock' | 'random' | 'log' | 'symbols'>;

export type ToIngestWorker =
  /** `resumeFrom`: per symbol, the last id the host has; the worker continues after it (backfilling the hole). */
  /**
   * `closeByClock`: bars also close by each symbol's own clock (a quiet symbol's bar closes without
   * a next trade: its newest trade's time plus the time since, see ingestWorker.ts); else only by trade times.
   */
  /** `tickHistoryMs`: the worker's store keeps ticks this long (default: unbounded). */
  | { type: 'start'; options: IngestFeedOptions; symbols: string[]; resumeFrom: Record<string, number>; flushIntervalMs: number; closeByClock?: boolean; tickHistoryMs?: number }
  | { type: 'addSymbol'; symbol: string; resumeAfterId?: number }
  | { type: 'removeSymbol'; symbol: string }
  | { type: 'subscribeBars'; symbol: string; intervalMs: number }
  | { type: 'unsubscribeBars'; symbol: string; intervalMs: number }
  /**
   * Older trades of one symbol (a warm start's REST tail) into the store, before the stored ones: with the
   * aggTrade stream those with an id below the first stored, otherwise those before its time; a live trade
   * the history already holds is then not stored again. Answered by `inserted`.
   */
  | { type: 'insertHistory'; requestId: number; trades: TradeColumns }
  /**
   * The series' bars from the store, from `fromOpen` (default: the first whole bar stored) up to the bar the
   * series' batches take over from; the series is subscribed (as by subscribeBars) in the same step, so the
   * resampled bars and the batches meet without a gap or a repeat. Answered by `resampled`.
   */
  | { type: 'resample'; requestId: number; symbol: string; intervalMs: number; fromOpen?: number }
  /** The desk's update period changed (Settings): batches follow it at once, not at the next connection. */
  | { type: 'setFlushInterval'; flushIntervalMs: number }
  | { type: 'stop' };

/** Trades of one symbol, oldest first; index i of every column is one trade. */
export interface TradeColumns {
  symbol: string;
  length: number;
  time: Float64Array;
  price: Float64Array;
  qty: Float64Array;
  id: Float64Array;
  /** 1 when the buyer was the maker. */
  buyerIsMaker: Uint8Array;
}

/**
 * The throttled live preview of one flush: per symbol that traded since the previous flush its newest trade
 * (index i of symbols, time, price and id), and the bar in progress of each of its series.
 */
export interface LivePreviews {
  symbols: string[];
  time: Float64Array;
  price: Float64Array;
  id: Float64Array;
  forming: BarColumns[];
}

/** Closed bars of one series, oldest first; index i of every column is one bar. */
export interface BarColumns {
  symbol: string;
  intervalMs: number;
  length: number;
  openTime: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  vwap: Float64Array;
  trades: Float64Array;
  /** 1 when no trade fell in the bar. */
  empty: Uint8Array;
}

/** Ids delivered (contiguous, in order) since the previous report. */
export interface IdRange {
  symbol: string;
  fromId: number;
  toId: number;
}

export type FromIngestWorker =
  | { type: 'started' }
  /**
   * One flush: the bars closed and the ids delivered since the previous one, and per symbol the id a fresh
   * worker must resume after for its bars to be whole (just before the first trade of the oldest bar still
   * open; the host drops what it already has of what follows).
   */
  | { type: 'batch'; bars: BarColumns[]; idRanges: IdRange[]; resumeFrom: Record<string, number>; previews: LivePreviews }
  /** `stored`: trades of the history taken (older than every stored one). */
  | { type: 'inserted'; requestId: number; symbol: string; stored: number }
  /**
   * `takeoverFrom`: open time of the first bar the series' batches carry (undefined while the store holds no
   * trade of the symbol; `bars` is then empty); `firstTime`: the symbol's oldest stored trade.
   */
  | { type: 'resampled'; requestId: number; symbol: string; intervalMs: number; bars: BarColumns; takeoverFrom?: number; firstTime?: number; lastTrade?: StoredTrade }
  | { type: 'state'; state: FeedState }
  | { type: 'gap'; gap: UnrepairedGap }
  | { type: 'log'; message: string }
  | { type: 'stopped' };
