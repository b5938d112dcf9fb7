// Programmatic interface of the local Binance-compatible exchange, as tests, benchmarks and the CLI use it.
// The server itself lives in this folder; it is never part of the extension bundle.

export interface ExchangeLimits {
  /** Incoming messages per second per connection before a 1008 "Too many requests" close (Binance: 10). */
  maxIncomingPerSecond: number;
  /** Streams per connection (Binance: 200). */
  maxStreamsPerConnection: number;
  /** Server ping interval (Binance: 3 min). */
  pingIntervalMs: number;
  /** Close when no pong arrives within this time (Binance: 10 min). */
  pongTimeoutMs: number;
  /** Connection lifetime before the server closes it (Binance: 24 h). */
  maxConnectionAgeMs: number;
  /** REST request weight per minute (Binance: 2400). */
  restWeightPerMinute: number;
  /** Length of the REST weight window (Binance: 1 minute). */
  restWindowMs: number;
  /** IP ban length after requests keep coming during a 429 (Binance: from 2 minutes up). */
  restBanMs: number;
}

export interface ExchangeOptions {
  /** 0 or undefined: a free port. Always binds 127.0.0.1. */
  port?: number;
  /** Recording files (the ../shared/data format). Empty: the synthetic pair only. */
  dataFiles?: string[];
  /** Replay speed: 1 = real time, N = N× faster, Infinity = as fast as possible. */
  speed?: number;
  /** Loop the recording, shifting times and ids so they keep increasing. */
  loop?: boolean;
  /** Generate a synthetic cointegrated pair (for soak runs) in addition to / instead of the recording. */
  synthetic?: { symbols: [string, string]; tradesPerSecond: number; seed?: number };
  /**
   * Kline universes mounted beside the tapes (syntheticUniverse.ts, universeFromFiles, a candle set): exchangeInfo
   * and the all-symbol ticker/24hr list their symbols with the tapes', klines and ticker/24hr of a mounted symbol
   * come from its mount (aggTrades: an empty page). Each symbol has one source: a mounted symbol that a tape trades,
   * or one in two mounts, is refused. With rebaseToNow each mount's newest candle is moved to the exchange clock.
   */
  klineMounts?: readonly import('./syntheticUniverse').SyntheticUniverse[];
  limits?: Partial<ExchangeLimits>;
  /**
   * Shift all times by a whole multiple of 300000 ms so the replay starts near the wall clock
   * (bars keep their boundaries). Default true; false keeps the recording's original times.
   */
  rebaseToNow?: boolean;
}

/** Scriptable faults; each call affects what happens from now on. */
export interface FaultSwitches {
  /** Terminates every open WebSocket connection (optionally only one route). */
  dropConnections(route?: 'market' | 'public' | 'private' | 'legacy'): void;
  /** Keeps connections open but sends no events until `resume()` or for `ms`. */
  goSilent(ms?: number): void;
  resume(): void;
  /**
   * Drops the next `count` trades of `symbol` from the trade stream and its next `count` aggregates from the
   * aggTrade stream (a gap of exactly `count` ids on either); REST still serves the aggregates (repairable)
   * unless `alsoFromRest` (unrepairable).
   */
  skipIds(symbol: string, count: number, options?: { alsoFromRest?: boolean }): void;
  /** Sends each of the next `count` events twice. */
  duplicateNext(count: number): void;
  /** Swaps the order of the next `count` pairs of consecutive events of a stream. */
  reorderNext(count: number): void;
  /** Sends `count` malformed frames (truncated JSON, wrong types) among the events. */
  malformedNext(count: number): void;
  /** Answers the next `count` REST requests with this status (429 / 418 with Retry-After, 500), or delays them. */
  restFault(fault: { status: 429 | 418 | 500; count: number; retryAfterSeconds?: number } | { delayMs: number; count: number }): void;
  /**
   * Answers REST requests and/or WebSocket upgrades with HTTP 451 (restricted location) or 403 (Binance's
   * firewall) until called with null (or clearAll).
   */
  refuse(status: 451 | 403 | null, scope?: 'rest' | 'ws' | 'both'): void;
  clearAll(): void;
}

export interface LocalExchange {
  readonly port: number;
  /** e.g. http://127.0.0.1:PORT — REST base (`/fapi/v1/...`). */
  readonly restBaseUrl: string;
  /** e.g. ws://127.0.0.1:PORT — WebSocket base; routes are `${wsBaseUrl}/market`, `/public`, legacy `/ws`, `/stream`. */
  readonly wsBaseUrl: string;
  readonly faults: FaultSwitches;
  /** TCP connections (peer ports), upgrade and REST requests received so far, refused ones included. */
  traffic(): import('./traffic').ExchangeTraffic;
  /**
   * Trades sent so far per symbol (ids), for tests that check nothing was lost; the history before the replay
   * joined the wall clock is not counted.
   */
  sentTradeCount(symbol: string): number;
  /** The replay clock (what `/fapi/v1/time` answers), UTC ms. */
  clockNow(): number;
  /**
   * Wall time (Date.now) at which the aggregates pushed at `pushTime` (replay clock, a 100 ms window's end) were
   * sent, for recorded tapes; undefined when none was or it is long past. The replay's timer can run late.
   */
  aggSentAt(pushTime: number): number | undefined;
  /** Symbols that have trades (recorded or synthetic), upper case. */
  readonly tradedSymbols: readonly string[];
  close(): Promise<void>;
}
