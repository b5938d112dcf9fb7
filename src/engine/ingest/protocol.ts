// Messages between the host (extension host, CLI, tests) and the ingest worker (ingestWorker.ts), declared
// once as discriminated unions. The worker owns the feed, the parser, the sequencer, backfill, the tick store
// and the bar series; the host gets closed bars in columns (their buffers transferred, not copied), the id
// ranges delivered (so it knows where to resume), states and gaps — never one message per tick.
import type { BinanceFeedOptions } from '../feed/binanceFeed';
import type { FeedState, UnrepairedGap } from '../types';

/** The feed's options that can cross a thread (no functions, no shared REST client). */
export type IngestFeedOptions = Omit<BinanceFeedOptions, 'rest' | 'clock' | 'random' | 'log' | 'symbols'>;

export type ToIngestWorker =
  /** `resumeFrom`: per symbol, the last id the host has; the worker continues after it (backfilling the hole). */
  /**
   * `clockSkewMs`: exchange time minus this machine's clock; when given, bars also close by that clock (a quiet
   * symbol's bar closes without a next trade), else only by the newest trade time.
   */
  | { type: 'start'; options: IngestFeedOptions; symbols: string[]; resumeFrom: Record<string, number>; flushIntervalMs: number; clockSkewMs?: number }
  | { type: 'addSymbol'; symbol: string; resumeAfterId?: number }
  | { type: 'removeSymbol'; symbol: string }
  | { type: 'subscribeBars'; symbol: string; intervalMs: number }
  | { type: 'unsubscribeBars'; symbol: string; intervalMs: number }
  | { type: 'stop' };

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
  | { type: 'batch'; bars: BarColumns[]; idRanges: IdRange[]; resumeFrom: Record<string, number> }
  | { type: 'state'; state: FeedState }
  | { type: 'gap'; gap: UnrepairedGap }
  | { type: 'log'; message: string }
  | { type: 'stopped' };
