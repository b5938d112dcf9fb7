// The desk: one feed, the pairs (each with its bar builders and analytics), the alert engine, and one clock
// timer that closes bars and publishes throttled updates. Pure engine: the extension and the CLI subscribe.
import { backtestParams, type BacktestParams } from '../analytics/backtest';
import { EngineError } from '../errors';
import { sameNetwork, type NetworkOptions } from '../feed/network';
import { TickStore } from '../store/tickStore';
import { SymbolBars } from './symbolBars';
import { barOpenTime } from '../bars/timeframe';
import type { Bar, Disposable, FeedState, StreamKind, Tick, Timeframe } from '../types';
import { TIMEFRAME_MS } from '../types';
import type { AlertFiring } from '../alerts/alertEngine';
import type { AlertRule } from '../alerts/alertRule';
import { Emitter } from '../emitter';
import { barMetrics, liveMetrics } from './alertMetrics';
import { LIVE_ALERT_METRICS } from '../alerts/alertRule';
import type { DeskAlerts, DeskEngine, DeskFeed, DeskRest, LivePreview, SymbolInfo } from './ports';
import { PairRuntime, type ImportedSeconds } from './pairRuntime';
import type { HedgeMethod } from '../analytics/hedgeMethod';
import type { BacktestView, PairBarRow, PairConfig, PairStatus, PairView, StationarityView } from './types';
import { pairId } from './types';
import { validatePairSymbols } from './validatePair';
import { SymbolSilence } from './symbolSilence';
import { errorMessage } from '../../shared/errorMessage';

export interface DeskOptions {
  wsBaseUrl: string;
  restBaseUrl: string;
  stream: StreamKind;
  /** Aligned rows kept per pair. */
  historyBars: number;
  /** Throttle of `pairUpdated` events and period of the bar-closing clock. */
  updateMs: number;
  /** How long to wait for the first live tick before fetching the REST tail during warm start. */
  firstTickWaitMs?: number;
  /** Live ticks kept in the tick store, ms (default 30 minutes). */
  tickHistoryMs?: number;
  /** Longest wait for exchangeInfo, ms (default 5000). */
  symbolsTimeoutMs?: number;
  /** Label of the live data source (e.g. a replay), shown instead of plain "live". */
  liveLabel?: string;
  /** Proxy and TLS settings of REST and WebSocket; a change rebuilds the REST client and reconnects. */
  network?: NetworkOptions;
  now?: () => number;
}

export type DeskEvent =
  | { kind: 'pairUpdated'; pair: PairView; newRows: PairBarRow[] }
  | { kind: 'barClosed'; pairId: string; row: PairBarRow }
  | { kind: 'pairsChanged'; pairs: PairView[] }
  | { kind: 'feedState'; state: FeedState }
  | { kind: 'alertFired'; firing: AlertFiring }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string };

const MAX_KLINES = 1500;
/** Prefix of imported series in the tick store (live series are named by their symbol, [A-Z0-9]). */
const IMPORTED_SERIES = 'imported ';
const ONE_SECOND_TAIL_MAX_MS = 10 * 60_000;

/** Windows in the dashboard's rolling Engle-Granger p (each two tests on `window` bars). */
const ROLLING_TESTS = 60;

export class Desk {
  private readonly pairs = new Map<string, PairRuntime>();
  /** Every live tick of the desk's symbols, once each, columnar and bounded by age: the source of the bars. */
  readonly tickStore: TickStore;
  /** Live bars per symbol and timeframe, shared by the pairs (fed from the store's ticks). */
  readonly symbolBars: SymbolBars;
  /** A view whose listener throws is reported; it never stops the engine or the other views. */
  private readonly events = new Emitter<DeskEvent>();
  private feed?: DeskFeed;
  private feedSubscriptions: Disposable[] = [];
  private feedState: FeedState = { kind: 'stopped' };
  private readonly legStates = new Map<string, FeedState>();
  /** Subscribed symbols without trades on the feed (a pair with such a leg cannot warm up). */
  private readonly silence = new SymbolSilence();
  private rest: DeskRest;
  private readonly alerts: DeskAlerts;
  private timer?: ReturnType<typeof setInterval>;
  private symbolCache?: { at: number; symbols: SymbolInfo[] };
  private readonly now: () => number;
  /** Exchange time minus local time, from the newest tick: bars close on the exchange's clock. */
  private clockSkew = 0;
  private disposed = false;

  constructor(
    private readonly engine: DeskEngine,
    private options: DeskOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.tickStore = new TickStore({ maxAgeMs: options.tickHistoryMs ?? 30 * 60_000 });
    this.symbolBars = new SymbolBars(this.tickStore);
    this.rest = engine.createRest(options.restBaseUrl, options.network);
    this.alerts = engine.createAlerts();
    this.timer = setInterval(() => this.tick(), Math.max(50, options.updateMs));
  }

  onEvent(listener: (event: DeskEvent) => void): Disposable {
    return this.events.on(listener);
  }

  private emit(event: DeskEvent): void {
    this.events.emit(event);
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.emit({ kind: 'log', level, message });
  }

  get connected(): boolean {
    return this.feed !== undefined;
  }

  /** Applies new endpoints / stream / throttle; reconnects when the feed settings changed. */
  async reconfigure(options: Partial<DeskOptions>): Promise<void> {
    const before = this.options;
    this.options = { ...this.options, ...options };
    if (options.updateMs !== undefined && options.updateMs !== before.updateMs) {
      if (this.timer) clearInterval(this.timer);
      this.timer = setInterval(() => this.tick(), Math.max(50, this.options.updateMs));
    }
    const networkChanged = !sameNetwork(this.options.network, before.network);
    const feedChanged =
      this.options.wsBaseUrl !== before.wsBaseUrl || this.options.restBaseUrl !== before.restBaseUrl || this.options.stream !== before.stream || networkChanged;
    if (this.options.restBaseUrl !== before.restBaseUrl || networkChanged) {
      this.rest = this.engine.createRest(this.options.restBaseUrl, this.options.network);
      this.symbolCache = undefined;
    }
    // Ticks of another source or stream carry other ids: they must not mix with (or be taken for repeats of) the stored ones.
    if (this.options.wsBaseUrl !== before.wsBaseUrl || this.options.stream !== before.stream) this.clearLiveTicks();
    if (feedChanged && this.feed) {
      await this.disconnect();
      this.connect();
      for (const p of [...this.pairs.values()]) if (p.source === 'live') await this.restartPair(p.config);
    }
  }

  setRules(rules: readonly AlertRule[]): void {
    this.alerts.setRules(rules);
  }

  // ---- feed ----

  connect(): void {
    if (this.feed || this.disposed) return;
    const symbols = this.liveSymbols();
    const feed = this.engine.createFeed({ ...this.options, symbols });
    this.feed = feed;
    for (const s of symbols) this.silence.subscribed(s, this.now());
    this.feedSubscriptions = [
      feed.onTick((t) => this.onTick(t)),
      feed.onState((s) => this.onFeedState(s)),
      feed.onGap((g) => this.log('warn', `Unrepaired gap on ${g.symbol}: ids ${g.fromId}–${g.toId} (${g.reason})`)),
    ];
    this.log('info', `Connecting to ${this.options.wsBaseUrl} (${this.options.stream}) for ${symbols.join(', ') || 'no symbols yet'}`);
    feed.start();
  }

  async disconnect(): Promise<void> {
    const feed = this.feed;
    if (!feed) return;
    this.feed = undefined;
    for (const s of this.feedSubscriptions) s.dispose();
    this.feedSubscriptions = [];
    await feed.stop();
    this.silence.clear();
    this.onFeedState({ kind: 'stopped' });
  }

  private clearLiveTicks(): void {
    for (const key of this.tickStore.symbols()) if (!key.startsWith(IMPORTED_SERIES)) this.tickStore.clear(key);
  }

  private liveSymbols(): string[] {
    const set = new Set<string>();
    for (const p of this.pairs.values()) if (p.source === 'live') for (const s of p.symbols) set.add(s);
    return [...set];
  }

  private onFeedState(state: FeedState): void {
    if (state.kind === 'live' && this.feedState.kind !== 'live') this.silence.connected(this.now());
    this.feedState = state;
    if (state.kind === 'backfilling') this.legStates.set(state.symbol, state);
    else if (state.kind === 'stale') for (const s of state.symbols) this.legStates.set(s, state);
    else {
      this.legStates.clear();
    }
    for (const p of this.pairs.values()) p.dirty = true;
    const detail = state.kind === 'reconnecting' ? ` (attempt ${state.attempt}: ${state.reason})` : state.kind === 'error' ? `: ${state.message}` : '';
    this.log(state.kind === 'error' ? 'error' : 'info', `Feed ${state.kind}${detail}`);
    this.emit({ kind: 'feedState', state });
  }

  private onTick(tick: Tick): void {
    this.clockSkew = tick.time - this.now();
    this.silence.onTrade(tick.symbol, this.now());
    // Ids are contiguous per symbol: one at or below the newest stored is a repeat, stored and counted once.
    const lastId = this.tickStore.lastId(tick.symbol);
    if (lastId === undefined || tick.id > lastId) {
      this.tickStore.append(tick);
      this.symbolBars.add(tick);
    }
    for (const p of this.pairs.values()) p.onTick(tick);
  }

  // ---- symbols ----

  /**
   * USD-M symbols from exchangeInfo (cached for 10 minutes). A fetch that fails or takes longer than
   * `symbolsTimeoutMs` (default 5 s) gives a NETWORK error at once (Add Pair says so instead of waiting on
   * the REST client's own timeout); an expired list is kept and used, with a warning, while the exchange does not answer.
   */
  async symbols(): Promise<SymbolInfo[]> {
    const cached = this.symbolCache;
    if (cached && this.now() - cached.at < 600_000) return cached.symbols;
    try {
      const symbols = await withTimeout(this.rest.symbols(), this.options.symbolsTimeoutMs ?? 5000, `exchangeInfo from ${this.options.restBaseUrl}`);
      this.symbolCache = { at: this.now(), symbols };
      return symbols;
    } catch (err) {
      const reason = errorMessage(err);
      // A 451 / 403 keeps its code: the caller can tell "not from this network" from an outage.
      const refused = err instanceof EngineError && (err.code === 'RESTRICTED_LOCATION' || err.code === 'FORBIDDEN');
      if (!cached) throw new EngineError(refused ? err.code : 'NETWORK', `Could not load the symbol list: ${reason}`);
      this.log('warn', `Symbol list not refreshed (${reason}); using the one from ${new Date(cached.at).toISOString()}`);
      return cached.symbols;
    }
  }

  // ---- pairs ----

  list(): PairView[] {
    return [...this.pairs.values()].map((p) => this.view(p));
  }

  get(id: string): PairView | undefined {
    const p = this.pairs.get(id);
    return p && this.view(p);
  }

  rows(id: string): PairBarRow[] {
    return this.pairs.get(id)?.rows.slice() ?? [];
  }

  /** Adds a live pair after checking both symbols against exchangeInfo, then warms it up over REST. */
  async addPair(config: PairConfig): Promise<PairView> {
    const id = pairId(config.y, config.x);
    if (this.pairs.has(id)) throw new EngineError('BAD_ARGUMENT', `${id} is already on the desk.`);
    validatePairSymbols(config.y, config.x, await this.symbols());
    return this.startPair(config);
  }

  /** Adds a pair without contacting exchangeInfo (restoring persisted pairs; symbols were checked when added). */
  async restorePair(config: PairConfig): Promise<PairView> {
    const id = pairId(config.y, config.x);
    if (this.pairs.has(id)) return this.view(this.pairs.get(id)!);
    return this.startPair(config);
  }

  private async startPair(config: PairConfig): Promise<PairView> {
    const runtime = this.createRuntime(config);
    this.pairs.set(runtime.id, runtime);
    if (this.feed)
      for (const s of runtime.symbols) {
        this.feed.addSymbol(s);
        this.silence.subscribed(s, this.now());
      }
    this.emit({ kind: 'pairsChanged', pairs: this.list() });
    try {
      await this.warmStart(runtime);
    } catch (err) {
      runtime.phase = 'error';
      runtime.error = errorMessage(err);
      this.log('error', `Warm start of ${runtime.id} failed: ${runtime.error}`);
    }
    runtime.dirty = true;
    this.emit({ kind: 'pairsChanged', pairs: this.list() });
    return this.view(runtime);
  }

  private createRuntime(config: PairConfig): PairRuntime {
    return new PairRuntime(config, this.engine, this.options.historyBars, this.options.stream, (rt, row) => this.onRow(rt, row), this.symbolBars);
  }

  removePair(id: string): boolean {
    const runtime = this.pairs.get(id);
    if (!runtime) return false;
    runtime.dispose();
    this.pairs.delete(id);
    for (const key of runtime.importedSeconds?.series ?? []) this.tickStore.clear(key);
    if (this.feed) {
      const still = new Set(this.liveSymbols());
      for (const s of runtime.symbols)
        if (!still.has(s)) {
          this.feed.removeSymbol(s);
          this.silence.unsubscribed(s);
        }
    }
    this.emit({ kind: 'pairsChanged', pairs: this.list() });
    return true;
  }

  /**
   * A timeframe change resamples the pair from the tick store when it holds the window for both legs (no
   * REST); otherwise the pair is rebuilt from REST history like a new one.
   */
  async setTimeframe(id: string, timeframe: Timeframe): Promise<PairView> {
    const old = this.require(id);
    const config = { ...old.config, timeframe };
    if (old.source === 'live' && old.phase === 'live') {
      const view = this.restartFromStore(config);
      if (view) return view;
    }
    return this.restartPair(config);
  }

  /** The pair rebuilt at once from stored ticks, or undefined when the store does not cover its window. */
  private restartFromStore(config: PairConfig): PairView | undefined {
    const ms = TIMEFRAME_MS[config.timeframe];
    const firsts = [config.y, config.x].map((s) => this.tickStore.firstTime(s));
    if (firsts.some((t) => t === undefined)) return undefined;
    // The store holds every trade after a symbol's first stored tick: bars after that tick's bar are whole.
    const fromOpen = Math.max(...firsts.map((t) => barOpenTime(t!, ms) + ms));
    const inProgress = barOpenTime(this.now() + this.clockSkew, ms);
    if ((inProgress - fromOpen) / ms < config.window) return undefined;
    const id = pairId(config.y, config.x);
    this.pairs.get(id)?.dispose();
    const runtime = this.createRuntime(config);
    this.pairs.set(id, runtime);
    try {
      runtime.startFromStore(this.tickStore, fromOpen);
    } catch (err) {
      this.pairs.delete(id);
      this.log('warn', `${id}: ${errorMessage(err)}; rebuilding from REST`);
      return undefined;
    }
    runtime.dirty = true;
    this.log('info', `${id}: ${config.timeframe} bars resampled from ${this.tickStore.count(config.y) + this.tickStore.count(config.x)} stored trades, ${runtime.rows.length} bars`);
    this.emit({ kind: 'pairsChanged', pairs: this.list() });
    return this.view(runtime);
  }

  /** Window / hedge changes re-fit the kept bars at once (live and imported pairs alike). */
  async setWindow(id: string, window: number): Promise<PairView> {
    return this.refit(id, { window });
  }

  async setHedge(id: string, hedge: HedgeMethod): Promise<PairView> {
    return this.refit(id, { hedge });
  }

  private refit(id: string, change: { window?: number; hedge?: HedgeMethod }): PairView {
    const runtime = this.require(id);
    runtime.refit(change);
    this.log('info', `${id}: ${change.window !== undefined ? `window ${change.window}` : `regression ${change.hedge}`}, re-fitted on ${runtime.rows.length} bars`);
    this.emit({ kind: 'pairsChanged', pairs: this.list() });
    return this.view(runtime);
  }

  private async restartPair(config: PairConfig): Promise<PairView> {
    const id = pairId(config.y, config.x);
    const old = this.pairs.get(id);
    // Imported trades rebuild from their 1-second bars; an imported OHLC file has only its own bar length.
    if (old?.importedSeconds) return this.importTicks(config, old.importedSeconds);
    if (old?.source === 'imported') return this.view(old);
    old?.dispose();
    this.pairs.delete(id);
    return this.startPair(config);
  }

  runTests(id: string): StationarityView {
    const runtime = this.require(id);
    const tests: StationarityView = { ...runtime.analytics.runTests(), rolling: this.rollingStationarity(runtime) };
    runtime.tests = tests;
    runtime.dirty = true;
    const adf = tests.adf ? `ADF ${tests.adf.statistic.toFixed(3)} (p ${tests.adf.pValue.toFixed(4)})` : 'ADF not available';
    const eg = tests.eg ? `EG ${tests.eg.statistic.toFixed(3)} (p ${tests.eg.pValue.toFixed(4)})` : 'EG not available';
    this.log('info', `Tests on ${id}: ${adf}, ${eg}${tests.notes.length ? ` — ${tests.notes.join('; ')}` : ''}`);
    return tests;
  }

  /**
   * The rolling Engle-Granger p for the dashboard, on Run Tests only (never on bar close): a test every window/5 bars,
   * at most ROLLING_TESTS of them, so one run stays a few milliseconds. Undefined when the window is under 20 bars.
   */
  private rollingStationarity(runtime: PairRuntime): StationarityView['rolling'] {
    const window = runtime.config.window;
    if (window < 20 || !runtime.analytics.rollingStationarity) return undefined;
    const step = Math.max(1, Math.round(window / 5));
    return runtime.analytics.rollingStationarity(step, ROLLING_TESTS * step);
  }

  /** docs/backtest.md on the pair's retained bars; parameters not given take the defaults (stop 4 only when above entry). */
  backtest(id: string, entryZ: number, exitZ: number, more: Partial<BacktestParams> = {}): BacktestView {
    return this.require(id).analytics.backtest(backtestParams({ ...more, entry: entryZ, exit: exitZ }));
  }

  /** Imported bars (OHLC file): analysed like live data, labelled as imported, no feed. */
  importBars(config: PairConfig, yBars: Bar[], xBars: Bar[], label: string): PairView {
    const runtime = this.replaceWithImported(config);
    runtime.markImportedBars(label);
    runtime.pushHistoryBars(yBars, xBars);
    this.emit({ kind: 'pairsChanged', pairs: this.list() });
    return this.view(runtime);
  }

  /**
   * Imported trades: their series (`seconds.trades`) move into the desk's tick store, the pair's bars are
   * resampled from them (from the 1-second bars when no trades are given), labelled imported.
   */
  importTicks(config: PairConfig, seconds: ImportedSeconds): PairView {
    const id = pairId(config.y, config.x);
    let imported = seconds;
    if (seconds.trades) {
      // Named apart from live symbols (which are [A-Z0-9]): an imported day never mixes with live ticks.
      const series: [string, string] = [`${IMPORTED_SERIES}${id} ${config.y}`, `${IMPORTED_SERIES}${id} ${config.x}`];
      this.tickStore.adopt(series[0], seconds.trades, config.y);
      this.tickStore.adopt(series[1], seconds.trades, config.x);
      imported = { ...seconds, trades: undefined, series };
    }
    const runtime = this.replaceWithImported(config, imported.series);
    runtime.loadImportedSeconds(imported, this.tickStore);
    this.emit({ kind: 'pairsChanged', pairs: this.list() });
    return this.view(runtime);
  }

  /** Replaces the pair by a new imported one; the old one's imported series go unless `keep` names them. */
  private replaceWithImported(config: PairConfig, keep: readonly string[] = []): PairRuntime {
    const id = pairId(config.y, config.x);
    const old = this.pairs.get(id);
    old?.dispose();
    for (const key of old?.importedSeconds?.series ?? []) if (!keep.includes(key)) this.tickStore.clear(key);
    const runtime = this.createRuntime(config);
    this.pairs.set(id, runtime);
    return runtime;
  }

  private require(id: string): PairRuntime {
    const runtime = this.pairs.get(id);
    if (!runtime) throw new EngineError('BAD_ARGUMENT', `No pair ${id} on the desk.`);
    return runtime;
  }

  // ---- warm start ----

  private async warmStart(runtime: PairRuntime): Promise<void> {
    const { timeframe, window } = runtime.config;
    const ms = TIMEFRAME_MS[timeframe];
    const [y, x] = runtime.symbols;
    const started = await this.rest.serverTime();
    this.clockSkew = started - this.now();
    const liveFrom = Math.floor(started / ms) * ms;
    if (timeframe !== '1s') {
      const limit = Math.min(MAX_KLINES, window + 50);
      const [yBars, xBars] = await Promise.all([
        this.rest.klines(y, timeframe, limit, liveFrom - 1),
        this.rest.klines(x, timeframe, limit, liveFrom - 1),
      ]);
      const closed = (b: Bar) => b.openTime + ms <= liveFrom;
      runtime.pushHistoryBars(yBars.filter(closed), xBars.filter(closed));
    }
    // Wait briefly for the first live tick per leg, so the REST tail can stop exactly where live data begins.
    if (this.feed) await this.waitForFirstTicks(runtime);
    const tailStart = timeframe === '1s' ? liveFrom - Math.min(ONE_SECOND_TAIL_MAX_MS, (window + 30) * 1000) : liveFrom;
    const end = (leg: 0 | 1) => Math.max(tailStart, (runtime.firstBufferedTime(leg) ?? this.now() + this.clockSkew) - 1);
    const [yTicks, xTicks] = await Promise.all([this.rest.aggTradesBetween(y, tailStart, end(0)), this.rest.aggTradesBetween(x, tailStart, end(1))]);
    runtime.finishWarmup([yTicks, xTicks], liveFrom);
    this.log('info', `Warm start of ${runtime.id}: ${runtime.rows.length} history bars, ${yTicks.length + xTicks.length} trades since ${new Date(tailStart).toISOString()}`);
  }

  private async waitForFirstTicks(runtime: PairRuntime): Promise<void> {
    // Wall-clock wait (the injected clock may be the exchange's or a test's fixed time).
    const deadline = Date.now() + (this.options.firstTickWaitMs ?? 2000);
    while (Date.now() < deadline && this.feed && !this.disposed) {
      if (runtime.firstBufferedTime(0) !== undefined && runtime.firstBufferedTime(1) !== undefined) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  // ---- clock, rows, alerts ----

  private tick(): void {
    const exchangeNow = this.now() + this.clockSkew;
    this.symbolBars.advanceTo(exchangeNow);
    for (const p of this.pairs.values()) {
      if (p.source === 'live') {
        p.advanceTo(exchangeNow);
        this.reportSilence(p);
      }
      if (!p.dirty) continue;
      p.dirty = false;
      const preview = this.preview(p);
      if (preview && p.phase === 'live') this.evaluateLive(p, preview, exchangeNow);
      this.emit({ kind: 'pairUpdated', pair: this.view(p, preview), newRows: p.takeFreshRows() });
    }
  }

  /**
   * Live z / spread / price rules on the throttled preview (at most every updateMs), so the status bar reacts
   * when |z| crosses during a bar. Same rule state as the bar-close evaluation: one crossing fires once.
   */
  private evaluateLive(p: PairRuntime, preview: LivePreview, exchangeNow: number): void {
    const yPrice = p.lastPrice(0);
    if (yPrice === undefined || !this.alerts.wants(p.id, LIVE_ALERT_METRICS)) return;
    this.report(this.alerts.evaluate(p.id, liveMetrics(preview, yPrice), exchangeNow));
  }

  private report(firings: AlertFiring[]): void {
    for (const firing of firings) {
      this.log(firing.severity === 'error' ? 'error' : 'warn', `Alert ${firing.ruleId} on ${firing.pairId}: ${firing.message}`);
      this.emit({ kind: 'alertFired', firing });
    }
  }

  /** Advance the clock by hand (tests and imports drive time explicitly). */
  advanceTo(now: number): void {
    this.symbolBars.advanceTo(now);
    for (const p of this.pairs.values()) p.advanceTo(now);
  }

  /** Publishes pending updates now instead of at the next clock tick. */
  flush(): void {
    this.tick();
  }

  private onRow(runtime: PairRuntime, row: PairBarRow): void {
    this.emit({ kind: 'barClosed', pairId: runtime.id, row });
    if (!row.point || row.history) return;
    // p-value / half-life rules: the tests run on bar close, only when such a rule watches the pair.
    if (this.alerts.wants(runtime.id)) this.runTestsQuietly(runtime);
    // A bar's values are known when it closes: evaluated at its close time, on the same clock as the live preview.
    this.report(this.alerts.evaluate(runtime.id, barMetrics(row.point, runtime.tests), row.time + runtime.intervalMs));
  }

  private runTestsQuietly(runtime: PairRuntime): void {
    try {
      runtime.tests = runtime.analytics.runTests();
      runtime.dirty = true;
    } catch (err) {
      this.log('warn', `Tests on ${runtime.id} for alert rules failed: ${errorMessage(err)}`);
    }
  }

  /** The open bar's z and spread from the latest tick prices, once a bar has been fitted. */
  private preview(p: PairRuntime): LivePreview | undefined {
    const yPrice = p.lastPrice(0);
    const xPrice = p.lastPrice(1);
    if (yPrice === undefined || xPrice === undefined || !p.lastPoint) return undefined;
    return p.analytics.preview(yPrice, xPrice);
  }

  /** A silent leg: logged once, and the pair's views refreshed each second so "no trades for N s" counts up. */
  private reportSilence(p: PairRuntime): void {
    const now = this.now();
    for (const s of p.symbols) {
      const ms = (this.legStates.get(s) ?? this.feedState).kind === 'live' ? this.silence.silentFor(s, now) : undefined;
      if (ms === undefined) continue;
      if (Math.floor(ms / 1000) !== Math.floor((ms - Math.max(50, this.options.updateMs)) / 1000)) p.dirty = true;
      // Logged when the symbol never traded (the feed may not carry it) or has been quiet a minute: not every lull of a thin market.
      if ((!this.silence.hasTraded(s) || ms >= 60_000) && this.silence.shouldReport(s, now)) {
        const source = this.options.liveLabel ? ` (${this.options.liveLabel})` : '';
        const seconds = Math.round(ms / 1000);
        const why = this.silence.hasTraded(s) ? `no trades for ${seconds} s` : `no trade at all in the ${seconds} s since it was subscribed`;
        const pairs = [...this.pairs.values()].filter((q) => q.source === 'live' && q.symbols.includes(s) && q.barsNeeded > 0).map((q) => q.id);
        this.log('warn', `${s}: subscribed on ${this.options.wsBaseUrl}${source}, ${why}${pairs.length ? `; ${pairs.join(', ')} cannot warm up until ${s} trades` : ''}.`);
      }
    }
  }

  private view(p: PairRuntime, preview = this.preview(p)): PairView {
    const legStates: Record<string, FeedState> = {};
    for (const s of p.symbols) legStates[s] = this.legStates.get(s) ?? this.feedState;
    let silentLegs: Record<string, number> | undefined;
    if (p.source === 'live')
      for (const s of p.symbols) {
        const ms = legStates[s].kind === 'live' ? this.silence.silentFor(s, this.now()) : undefined;
        if (ms !== undefined) (silentLegs ??= {})[s] = ms;
      }
    const active = this.alerts.active(p.id);
    const yPrice = p.lastPrice(0);
    const xPrice = p.lastPrice(1);
    const previewZ = preview?.z !== null && preview?.z !== undefined && Number.isFinite(preview.z) ? preview.z : undefined;
    return {
      id: p.id,
      config: { ...p.config },
      status: this.statusOf(p, legStates, active !== undefined),
      barsNeeded: p.barsNeeded,
      last: p.lastPoint,
      lastYPrice: yPrice,
      lastXPrice: xPrice,
      previewZ,
      lastTradeTime: p.lastTradeTime,
      tests: p.tests,
      legStates,
      silentLegs,
      liveFrom: p.liveFrom,
      source: p.source,
      sourceLabel: p.sourceLabel ?? (p.source === 'live' && this.options.liveLabel ? this.options.liveLabel : undefined),
      error: p.error,
      activeAlert: active && { ruleId: active.ruleId, severity: active.severity, message: active.message },
    };
  }

  private statusOf(p: PairRuntime, legStates: Record<string, FeedState>, alerting: boolean): PairStatus {
    if (p.phase === 'error') return 'error';
    const kinds = Object.values(legStates).map((s) => s.kind);
    // A feed error (e.g. HTTP 451: the feed stopped) outranks warming up, which would otherwise never end.
    if (p.source !== 'imported' && kinds.some((k) => k === 'error')) return 'error';
    if (alerting) return 'alert';
    if (p.phase === 'warming' || p.barsNeeded > 0) return 'warming';
    if (p.source === 'imported') return 'live';
    if (kinds.some((k) => k === 'stale' || k === 'reconnecting' || k === 'connecting' || k === 'backfilling')) return 'stale';
    if (kinds.every((k) => k === 'stopped')) return 'stopped';
    return 'live';
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.disconnect();
    for (const p of this.pairs.values()) p.dispose();
    this.pairs.clear();
    this.events.clear();
  }
}

/** `promise`, or a NETWORK error once `ms` have passed (the timer is cleared either way). */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EngineError('NETWORK', `${what} did not answer within ${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
