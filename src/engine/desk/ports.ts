// What the desk needs from the other engine stages. The real feed, REST client, analytics and
// alert engine satisfy these through `productionPorts.ts`; tests pass small in-memory versions.
import type { Bar, Disposable, StoredTrade, StreamKind, Tick, TickSource, Timeframe } from '../types';
import type { NetworkOptions } from '../feed/network';
import type { AlertFiring, MetricValues } from '../alerts/alertEngine';
import type { AlertMetric, AlertRule } from '../alerts/alertRule';
import type { BacktestParams } from '../analytics/backtest';
import type { HedgeMethod } from '../analytics/hedgeMethod';
import type { PairConfig as AnalyticsPairConfig } from '../analytics/pairConfig';
import type { PairPoint } from '../analytics/pairPoint';
import type { BacktestView, RollingStationarityPoint, StationarityView } from '../../shared/model';

/** What the desk gives the analytics of a pair: the analytics' own configuration, the parts the desk sets. */
export type AnalyticsConfig = Pick<AnalyticsPairConfig, 'y' | 'x' | 'window' | 'hedge'>;

export interface DeskFeed extends TickSource {
  addSymbol(symbol: string): void;
  removeSymbol(symbol: string): void;
}

export interface FeedOptions {
  wsBaseUrl: string;
  restBaseUrl: string;
  stream: StreamKind;
  symbols: string[];
  /** Proxy and TLS settings of REST and WebSocket (VS Code's http.proxy…, passed by the extension). */
  network?: NetworkOptions;
}

export interface SymbolInfo {
  symbol: string;
  status: string;
  contractType: string;
  quoteAsset: string;
}

export interface DeskRest {
  /** Exchange clock (ms): warm start cuts history at the exchange's bar boundary, not ours. */
  serverTime(): Promise<number>;
  symbols(): Promise<SymbolInfo[]>;
  /** Closed and open klines ending at or before `endTime`, oldest first. */
  klines(symbol: string, timeframe: Timeframe, limit: number, endTime: number): Promise<Bar[]>;
  /** Every aggregate trade with startTime <= time <= endTime, oldest first (the adapter pages within the rate limit). */
  aggTradesBetween(symbol: string, startTime: number, endTime: number): Promise<Tick[]>;
}

export interface DeskAnalytics {
  /** The point for this aligned bar pair (statistics null while the window fills). */
  onBars(yBar: Bar, xBar: Bar): PairPoint;
  /** Bars still needed before z is available. */
  barsNeeded(): number;
  /** z and spread of the latest tick prices against the last fit (null before the first fit). */
  preview(yPrice: number, xPrice: number): LivePreview;
  runTests(): StationarityView;
  /** Engle-Granger both ways on the window ending every `step` bars over the last `span` bars (on demand). */
  rollingStationarity?(step: number, span: number): RollingStationarityPoint[];
  backtest(params: BacktestParams): BacktestView;
  /** Closed-bar points kept by the analytics, oldest first (recomputed by setWindow / setHedge). */
  points(): readonly PairPoint[];
  setWindow(window: number): void;
  setHedge(hedge: HedgeMethod): void;
}

/** z and spread of the bar in progress, from the latest tick prices. */
export interface LivePreview {
  z: number | null;
  spread: number | null;
}

/** The AlertEngine (src/engine/alerts) satisfies this as it is. */
export interface DeskAlerts {
  setRules(rules: readonly AlertRule[]): void;
  /** Whether an enabled rule on the pair needs one of these metrics (default: the test metrics). */
  wants(pairId: string, metrics?: readonly AlertMetric[]): boolean;
  /** Firings for this pair's metrics at `time` (hysteresis and cooldown applied by the engine). */
  evaluate(pairId: string, metrics: MetricValues, time: number): AlertFiring[];
  /** The most severe rule currently beyond its threshold for the pair, if any. */
  active(pairId: string): AlertFiring | undefined;
}

/**
 * Closed live bars per symbol and bar length, shared by the pairs: the desk's SymbolBars (inline ingestion)
 * or the ingest worker's series (WorkerIngestion). `takeoverFrom` only where the host sees the ticks.
 */
export interface SharedBars {
  subscribe(symbol: string, intervalMs: number, listener: (bar: Bar) => void): Disposable;
  takeoverFrom?(symbol: string, intervalMs: number): number | undefined;
}

/** A symbol's bars from a tick store, up to where its shared series takes over (StoredBars.resample). */
export interface StoredSeries {
  /** From `fromOpen`, or from the first whole bar stored; empty while the store holds no trade of the symbol. */
  bars: Bar[];
  /** Open time of the shared series' first bar not yet published (undefined before the symbol's first trade). */
  takeoverFrom?: number;
  /** The symbol's oldest stored trade. */
  firstTime?: number;
  /** Its newest stored trade (a quiet symbol's preview price and time until its next trade). */
  lastTrade?: StoredTrade;
}

/**
 * A store of live ticks a pair can start from: the desk's own (SymbolBars, inline ingestion) or the ingest
 * worker's (WorkerIngestion). The shared series must be subscribed first, so none of its bars is missed.
 */
export interface StoredBars {
  resample(symbol: string, intervalMs: number, fromOpen?: number): StoredSeries | Promise<StoredSeries>;
}

/** The ingest worker's store as a pair's warm start needs it: REST history in, resampled bars out. */
export interface WorkerStore extends StoredBars {
  /** Older trades of the symbol into the worker's store; resolves with how many it took. */
  insertHistory(symbol: string, ticks: readonly Tick[]): Promise<number>;
}

export interface DeskEngine {
  createFeed(options: FeedOptions): DeskFeed;
  createRest(restBaseUrl: string, network?: NetworkOptions): DeskRest;
  createAnalytics(config: AnalyticsConfig): DeskAnalytics;
  createAlerts(): DeskAlerts;
}
