// The desk: the coordinator the extension and the CLI drive. It holds the pairs, the tick store and the shared
// bars, one feed (FeedLink), the alert engine and one clock timer that closes bars and publishes throttled
// updates; the work is in helpers with explicit inputs: pairStart.ts (a live pair's start, over warmStart.ts),
// symbolCatalogue.ts (exchangeInfo), pairView.ts (what the views draw), pairTests.ts (Run Tests),
// importedPairs.ts (pairs of imported series). Pure engine: no vscode.
import { backtestParams, type BacktestParams } from '../analytics/backtest';
import type { HedgeMethod } from '../analytics/hedgeMethod';
import type { AlertRule } from '../alerts/alertRule';
import { Emitter } from '../emitter';
import { EngineError } from '../errors';
import type { TickStore } from '../store/tickStore';
import type { Bar, Disposable, FeedState, Tick, Timeframe } from '../types';
import type { BacktestView, PairBarRow, PairConfig, PairView, StationarityView } from '../../shared/model';
import { errorMessage } from '../../shared/errorMessage';
import { pairSourceLabel, symbolSourceLabel, type SourceLabels } from '../../shared/dataSource';
import { FeedLink, feedStateMessage } from './feedLink';
import { ImportedPairs } from './importedPairs';
import { ImportLibrary, type ImportedPairSpec, type ImportedSeries } from './importLibrary';
import { PairAlerts } from './pairAlerts';
import { PairRuntime, type ImportedSeconds } from './pairRuntime';
import { LiveTicks } from './liveTicks';
import { PairSet } from './pairSet';
import { runPairTests, testsSummary } from './pairTests';
import { pairView } from './pairView';
import { startFromStoredTicks, warmFromRest, warmIntoWorker, type StartInputs } from './pairStart';
import type { DeskEngine, DeskRest, SymbolInfo } from './ports';
import type { SymbolBars } from './symbolBars';
import { SymbolCatalogue } from './symbolCatalogue';
import { silenceMessage } from './symbolSilence';
import { optionsChange, pairId, updatePeriodMs, type DeskEvent, type DeskOptions } from './types';
import { validatePairSymbols } from './validatePair';
import { WorkerIngestion } from './workerIngestion';
import type { LivePreviews } from '../ingest/protocol';

export type { DeskEvent, DeskOptions } from './types';

export class Desk {
  private readonly pairs: PairSet;
  private readonly live: LiveTicks;
  /** Every live tick of the desk's symbols, once each, and imported trades: the source of the bars. */
  readonly tickStore: TickStore;
  /** Live bars per symbol and timeframe, shared by the pairs (fed from the store's ticks). */
  readonly symbolBars: SymbolBars;
  /** A view whose listener throws is reported; it never stops the engine or the other views. */
  private readonly events = new Emitter<DeskEvent>();
  private readonly feed: FeedLink;
  /** The ingest worker's side on this thread, when it ingests (options.ingestion 'worker'). */
  private readonly worker?: WorkerIngestion;
  private rest: DeskRest;
  private catalogue: SymbolCatalogue;
  private readonly alerts: PairAlerts;
  /** Imported files' series (trades in the tick store under names no live symbol has): pairs are made of them. */
  readonly library: ImportLibrary;
  private readonly imported: ImportedPairs;
  private timer?: ReturnType<typeof setInterval>;
  private readonly now: () => number;
  /** Exchange time minus local time, from the newest tick: bars close on the exchange's clock. */
  private clockSkew = 0;
  private disposed = false;

  constructor(
    private readonly engine: DeskEngine,
    private options: DeskOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.live = new LiveTicks(options.tickHistoryMs ?? 30 * 60_000);
    this.tickStore = this.live.store;
    this.symbolBars = this.live.bars;
    this.rest = engine.createRest(options.restBaseUrl, options.network);
    this.catalogue = this.createCatalogue();
    this.alerts = new PairAlerts(engine.createAlerts(), { fired: (firing) => this.events.emit({ kind: 'alertFired', firing }), log: (level, m) => this.log(level, m) });
    if (options.ingestion === 'worker')
      this.worker = new WorkerIngestion({
        flushIntervalMs: updatePeriodMs(options),
        tickHistoryMs: options.tickHistoryMs ?? 30 * 60_000,
        onPreviews: (p) => this.onPreviews(p),
        log: (level, m) => this.log(level, m),
      });
    this.pairs = new PairSet((config, id) => new PairRuntime(config, engine, this.options.historyBars, this.options.stream, (rt, row) => this.onRow(rt, row), this.worker ?? this.symbolBars, id), this.tickStore);
    this.library = new ImportLibrary(this.tickStore);
    this.imported = new ImportedPairs(this.pairs, this.library, (m) => this.log('info', m));
    const handlers = { onTick: (t: Tick) => this.onTick(t), onState: (s: FeedState) => this.onFeedState(s), warn: (m: string) => this.log('warn', m), now: this.now };
    this.feed = new FeedLink((feedOptions) => this.worker?.createFeed(feedOptions) ?? engine.createFeed(feedOptions), handlers);
    this.startClock();
  }

  onEvent(listener: (event: DeskEvent) => void): Disposable {
    return this.events.on(listener);
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.events.emit({ kind: 'log', level, message });
  }

  private pairsChanged(): void {
    this.events.emit({ kind: 'pairsChanged', pairs: this.list() });
  }

  private startClock(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => this.publish(), updatePeriodMs(this.options));
  }

  private createCatalogue(): SymbolCatalogue {
    const { restBaseUrl, symbolsTimeoutMs = 5000 } = this.options;
    return new SymbolCatalogue(this.rest, { source: `exchangeInfo from ${restBaseUrl}`, now: this.now, timeoutMs: symbolsTimeoutMs, warn: (m) => this.log('warn', m) });
  }

  /** Connected or trying to be; false after a 451, which stops the feed until Connect (or a settings change). */
  get connected(): boolean {
    return this.feed.connected && !this.feed.refused;
  }

  /** Applies new endpoints / stream / throttle; reconnects when the feed settings changed. */
  async reconfigure(options: Partial<DeskOptions>): Promise<void> {
    const before = this.options;
    this.options = { ...this.options, ...options };
    const change = optionsChange(before, this.options);
    if (change.clock) {
      this.startClock();
      this.worker?.setFlushInterval(updatePeriodMs(this.options));
    }
    // A relabelled source (settings) shows at once, not at the pair's next trade.
    if (change.labels) for (const p of this.pairs.values()) p.markChanged();
    if (change.rest) {
      this.rest = this.engine.createRest(this.options.restBaseUrl, this.options.network);
      this.catalogue = this.createCatalogue();
    }
    // Ticks of another source or stream carry other ids: they must not mix with (or be taken for repeats of) the stored ones.
    if (change.source) this.live.clear();
    if (change.feed && this.feed.connected) {
      await this.disconnect();
      this.connect();
      for (const p of this.pairs.values()) if (p.source === 'live') await this.restartPair(p.config);
    }
  }

  setRules(rules: readonly AlertRule[]): void {
    this.alerts.engine.setRules(rules);
  }

  connect(): void {
    if (this.connected || this.disposed) return;
    const symbols = this.pairs.liveSymbols();
    const { wsBaseUrl, restBaseUrl, stream, network } = this.options;
    this.log('info', `Connecting to ${wsBaseUrl} (${stream}) for ${symbols.join(', ') || 'no symbols yet'}`);
    this.feed.connect({ wsBaseUrl, restBaseUrl, stream, network, symbols });
  }

  async disconnect(): Promise<void> {
    await this.feed.disconnect();
  }

  private onFeedState(state: FeedState): void {
    for (const p of this.pairs.values()) p.markChanged();
    this.log(state.kind === 'error' ? 'error' : 'info', feedStateMessage(state, this.pairs.liveSymbols(), this.options.liveLabel));
    this.events.emit({ kind: 'feedState', state });
  }

  private onTick(tick: Tick): void {
    this.clockSkew = tick.time - this.now();
    this.live.add(tick);
    for (const p of this.pairs.values()) p.onTick(tick);
  }

  /** USD-M symbols from exchangeInfo (cached 10 minutes; see SymbolCatalogue for timeouts and an unanswered refresh). */
  symbols(): Promise<SymbolInfo[]> {
    return this.catalogue.symbols();
  }

  list(): PairView[] {
    return this.pairs.values().map((p) => this.view(p));
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
    if (this.pairs.get(id)) throw new EngineError('BAD_ARGUMENT', `${id} is already on the desk.`);
    validatePairSymbols(config.y, config.x, await this.symbols());
    return this.startPair(config);
  }

  /** Adds a pair without contacting exchangeInfo (restoring persisted pairs; symbols were checked when added). */
  async restorePair(config: PairConfig): Promise<PairView> {
    const existing = this.pairs.get(pairId(config.y, config.x));
    return existing ? this.view(existing) : this.startPair(config);
  }

  private async startPair(config: PairConfig): Promise<PairView> {
    const runtime = this.pairs.replace(config);
    this.feed.addSymbols(runtime.symbols);
    this.pairsChanged();
    try {
      const serverTime = await this.rest.serverTime();
      this.clockSkew = serverTime - this.now();
      if (this.worker && this.connected) await warmIntoWorker(runtime, this.worker, serverTime, this.startInputs());
      else await warmFromRest(runtime, serverTime, this.startInputs());
    } catch (err) {
      runtime.fail(errorMessage(err));
      this.log('error', `Warm start of ${runtime.id} failed: ${runtime.error}`);
    }
    return this.changed(runtime);
  }

  private startInputs(): StartInputs {
    return {
      rest: this.rest,
      exchangeNow: () => this.now() + this.clockSkew,
      firstTickWaitMs: this.connected ? (this.options.firstTickWaitMs ?? 2000) : 0,
      keepWaiting: () => this.connected && !this.disposed,
      log: (level, m) => this.log(level, m),
    };
  }

  /**
   * The worker's preview of each symbol's newest trade (once per flush, itself throttled to updateMs): prices for
   * the preview z, and not silent. Published at once, not at the clock's next step, which would add up to one more period.
   */
  private onPreviews(p: LivePreviews): void {
    for (let i = 0; i < p.symbols.length; i++) {
      this.clockSkew = p.time[i] - this.now();
      this.feed.noteTrade(p.symbols[i]);
      for (const pair of this.pairs.values()) pair.onLastTrade(p.symbols[i], p.price[i], p.time[i]);
    }
    this.publish();
  }

  removePair(id: string): boolean {
    const runtime = this.pairs.remove(id);
    if (!runtime) return false;
    this.imported.forget(id);
    const still = new Set(this.pairs.liveSymbols());
    this.feed.removeSymbols(runtime.symbols.filter((s) => !still.has(s)));
    this.pairsChanged();
    return true;
  }

  /**
   * A timeframe change resamples the pair from the tick store when it holds the window for both legs (no
   * REST); otherwise the pair is rebuilt from REST history like a new one.
   */
  async setTimeframe(id: string, timeframe: Timeframe): Promise<PairView> {
    const old = this.pairs.require(id);
    const config = { ...old.config, timeframe };
    if (old.source === 'live' && old.phase === 'live') {
      const view = await this.restartFromStoredTicks(config);
      if (view) return view;
    }
    return this.restartPair(config, id);
  }

  /**
   * The pair rebuilt from the stored ticks (the desk's, or the ingest worker's while it is connected), or
   * undefined when they do not cover its window.
   */
  private async restartFromStoredTicks(config: PairConfig): Promise<PairView | undefined> {
    if (this.worker && !this.connected) return undefined;
    const runtime = this.pairs.replace(config);
    const [store, storeName] = this.worker ? [this.worker, "the ingest worker's store"] : [this.symbolBars, 'the tick store'];
    return (await startFromStoredTicks(runtime, store, storeName, this.startInputs())) ? this.changed(runtime) : undefined;
  }

  /** Window / hedge changes re-fit the kept bars at once (live and imported pairs alike). */
  async setWindow(id: string, window: number): Promise<PairView> {
    return this.refit(id, { window });
  }

  async setHedge(id: string, hedge: HedgeMethod): Promise<PairView> {
    return this.refit(id, { hedge });
  }

  private refit(id: string, change: { window?: number; hedge?: HedgeMethod }): PairView {
    const runtime = this.pairs.require(id);
    runtime.refit(change);
    this.log('info', `${id}: ${change.window !== undefined ? `window ${change.window}` : `regression ${change.hedge}`}, re-fitted on ${runtime.rows.length} bars`);
    return this.changed(runtime);
  }

  private async restartPair(config: PairConfig, id = pairId(config.y, config.x)): Promise<PairView> {
    const imported = this.imported.rebuild(id, config);
    return imported ? this.changed(imported) : this.startPair(config);
  }

  runTests(id: string): StationarityView {
    const runtime = this.pairs.require(id);
    const tests = runPairTests(runtime.analytics, runtime.config.window);
    runtime.setTests(tests);
    this.log('info', testsSummary(id, tests));
    return tests;
  }

  /** docs/backtest.md on the pair's retained bars; parameters not given take the defaults (stop 4 only when above entry). */
  backtest(id: string, entryZ: number, exitZ: number, more: Partial<BacktestParams> = {}): BacktestView {
    return this.pairs.require(id).analytics.backtest(backtestParams({ ...more, entry: entryZ, exit: exitZ }));
  }

  /** A pair of two library series (by key) beside any live pair of the same symbols: "BTCUSDT/ETHUSDT (imported)". */
  addImportedPair(spec: ImportedPairSpec): PairView {
    return this.changed(this.imported.add(spec));
  }

  /** Drops an imported file's series from the library, with the pairs made of them; says what went. */
  removeImportedFile(path: string): { series: ImportedSeries[]; pairs: string[] } {
    const pairs = this.imported.madeOfFile(path);
    for (const id of pairs) this.removePair(id);
    return { series: this.library.removeFile(path), pairs };
  }

  /** The pairs of library series on the desk, as the extension saves them. */
  importedPairs(): (ImportedPairSpec & { id: string })[] {
    return this.imported.specs();
  }

  /** Imported bars (OHLC file) beside any live pair of the same symbols ("Y/X (imported)"), labelled imported, no feed. */
  importBars(config: PairConfig, yBars: Bar[], xBars: Bar[], label: string): PairView {
    return this.changed(this.imported.importBars(config, yBars, xBars, label));
  }

  /** Imported trades, moved into the tick store, as a pair beside any live pair of the same symbols ("Y/X (imported)"). */
  importTicks(config: PairConfig, seconds: ImportedSeconds): PairView {
    return this.changed(this.imported.importTicks(config, seconds));
  }

  /** Advance the clock by hand (tests and imports drive time explicitly). */
  advanceTo(now: number): void {
    this.live.advanceTo(now);
    for (const p of this.pairs.values()) p.advanceTo(now);
  }

  /** Publishes pending updates now instead of at the next clock tick. */
  flush(): void {
    this.publish();
  }

  /** One step of the clock: closes due bars, then publishes each changed pair (with live alert rules on its preview). */
  private publish(): void {
    const exchangeNow = this.now() + this.clockSkew;
    this.live.advanceTo(exchangeNow);
    for (const p of this.pairs.values()) {
      if (p.source === 'live') {
        p.advanceTo(exchangeNow);
        this.reportSilence(p);
      }
      if (!p.takeChanged()) continue;
      this.alerts.onPreview(p, exchangeNow);
      this.events.emit({ kind: 'pairUpdated', pair: this.view(p) });
    }
  }

  private onRow(runtime: PairRuntime, row: PairBarRow): void {
    this.events.emit({ kind: 'barClosed', pairId: runtime.id, row });
    this.alerts.onBarClosed(runtime, row);
  }

  /** A silent leg: logged once, and the pair's views refreshed each second so "no trades for N s" counts up. */
  private reportSilence(p: PairRuntime): void {
    for (const symbol of p.symbols) {
      const silent = this.feed.checkSilence(symbol, this.now(), updatePeriodMs(this.options));
      if (silent?.recount) p.markChanged();
      if (silent?.report) this.log('warn', silenceMessage({ symbol, ...silent, wsBaseUrl: this.options.wsBaseUrl, liveLabel: symbolSourceLabel(this.sourceLabels(), symbol), waitingPairs: this.pairs.waitingOn(symbol) }));
    }
  }

  /** The pair's view, after telling the views the list of pairs changed (a pair was made or rebuilt). */
  private changed(p: PairRuntime): PairView {
    this.pairsChanged();
    return this.view(p);
  }

  private view(p: PairRuntime): PairView {
    const legs = this.feed.legs(p.symbols, p.source === 'live', this.now());
    return pairView(p, { ...legs, activeAlert: this.alerts.engine.active(p.id), preview: p.preview(), liveLabel: pairSourceLabel(this.sourceLabels(), p.symbols) });
  }

  private sourceLabels(): SourceLabels {
    return { feed: this.options.liveLabel, bySymbol: this.options.symbolLabels };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.disconnect();
    this.pairs.dispose();
    this.events.clear();
  }
}
