// Contracts between the engine's stages: feed → tick store → bars → analytics → alerts/export.
// Each stage depends only on these shapes, so a new feed or statistic is one new file.
import type { Timeframe } from '../shared/constants';

/** One trade (or one aggregate trade) as the engine keeps it. Times are exchange trade time (T), UTC ms. */
export interface Tick {
  symbol: string;
  time: number;
  price: number;
  qty: number;
  /** aggTrade id (`a`) for aggTrade streams, trade id (`t`) for raw trade streams. Contiguous per symbol. */
  id: number;
  buyerIsMaker: boolean;
}

/** A symbol's newest stored trade, as a pair's preview needs it (price and time, the id it resumes after). */
export type StoredTrade = Pick<Tick, 'id' | 'time' | 'price'>;

/** An OHLCV bar keyed by its open time (trade time, UTC ms). */
export interface Bar {
  symbol: string;
  openTime: number;
  /** Bar length in ms (1000, 60000, 300000, or any whole number of seconds). */
  intervalMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  trades: number;
  /** Volume-weighted average price; equals close for an empty bar. */
  vwap: number;
  /** True when no trade fell in the interval: OHLC are the previous close carried, volume 0. */
  empty: boolean;
}

/** The bar lengths the product offers (declared with the webview's constants). */
export type { Timeframe };

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = { '1s': 1000, '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000 };

export type StreamKind = 'aggTrade' | 'trade';

/** Feed connection state, per route connection, as the extension shows it. */
export type FeedState =
  | { kind: 'connecting'; url: string }
  | { kind: 'live'; url: string }
  /** Socket open but no event for longer than the watchdog allows. */
  | { kind: 'stale'; url: string; silentForMs: number; symbols: string[] }
  | { kind: 'backfilling'; symbol: string; fromId: number; toId: number }
  | { kind: 'reconnecting'; url: string; attempt: number; nextAttemptAt: number; reason: string }
  /** `code` when the error is a typed one (e.g. RESTRICTED_LOCATION: the feed stopped reconnecting). */
  | { kind: 'error'; message: string; code?: import('./errors').EngineErrorCode }
  | { kind: 'stopped' };

/** A gap in a symbol's id sequence that backfill could not repair; reported, never bridged silently. */
export interface UnrepairedGap {
  symbol: string;
  fromId: number;
  toId: number;
  reason: string;
}

/** Anything that produces ticks: the live Binance feed, a replay, a file import. */
export interface TickSource {
  onTick(listener: (tick: Tick) => void): Disposable;
  onState(listener: (state: FeedState) => void): Disposable;
  onGap(listener: (gap: UnrepairedGap) => void): Disposable;
  start(): void;
  stop(): Promise<void>;
}

export interface Disposable {
  dispose(): void;
}
