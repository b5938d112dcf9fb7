// One pair on the desk: each leg's bars, alignment of the legs' bars, the analytics, and a bounded history of
// aligned rows. A leg's bars come from two places, split at one open time per leg (`handover`):
//  - before it, the pair's own warm-up builder: REST history and the live ticks that arrived while the pair
//    warmed up, merged without a gap or a double count (fetched by warmStart.ts);
//  - from it on, the desk's shared series of the symbol (SymbolBars), which every pair on that symbol and
//    timeframe reads. The handover is the first bar, at or after the warm-up, that the shared series holds
//    whole and has not yet published; a pair rebuilt from the tick store starts there at once.
import { errorMessage } from '../../shared/errorMessage';
import type { Bar, Disposable, StoredTrade, StreamKind, Tick } from '../types';
import { TIMEFRAME_MS } from '../types';
import { BarBuilder } from '../bars/barBuilder';
import { emptyBar } from '../bars/barAccumulator';
import { PairAligner } from '../bars/pairAligner';
import { barOpenTime } from '../bars/timeframe';
import { barsFromSeconds } from '../bars/barsFromSeconds';
import { resampleStore } from '../store/resample';
import type { TickStore } from '../store/tickStore';
import type { DeskAnalytics, DeskEngine, LivePreview, SharedBars } from './ports';
import type { BarsStart } from './warmStart';
import type { PairPoint } from '../analytics/pairPoint';
import type { DataSource, PairBarRow, PairConfig, StationarityView } from '../../shared/model';
import { pairId } from './types';

/** Imported trades of both legs as 1-second bars (traded seconds only, oldest first). */
export interface ImportedSeconds {
  y: Bar[];
  x: Bar[];
  lastTradeTime?: number;
  label: string;
  /** The files' trades (LoadedFiles.trades, a series per symbol): the desk moves the legs' series into its store. */
  trades?: TickStore;
  /** Names of the legs' series in the desk's tick store, once moved there: the pair's bars are resampled from them. */
  series?: [string, string];
}

export type PairPhase = 'warming' | 'live' | 'imported' | 'error';

interface Leg {
  symbol: string;
  /** The warm-up builder, for bars before `handover` (dropped at the handover). */
  own?: BarBuilder;
  /** The shared series' bars, subscribed once the pair is live. */
  shared?: Disposable;
  /** Open time from which this leg's bars are the shared series' (undefined until handed over). */
  handover?: number;
  /** Ticks received live while warming, merged once history is in. */
  buffer: Tick[];
  /** Shared bars received while warming (before a store's answer), taken from the handover once it is known. */
  early: Bar[];
  /** Highest tick id pushed into the builder (aggTrade dedupe). */
  lastId: number;
  lastPrice?: number;
  /**
   * After REST klines: where history ends and its last close. The first tick after it fills any silent
   * bars in between with empty bars (a fresh builder knows no previous close to carry), and ticks before
   * it are already counted in the klines.
   */
  carry?: { nextOpen: number; close: number };
}

export class PairRuntime {
  readonly id: string;
  readonly intervalMs: number;
  private currentPhase: PairPhase = 'warming';
  private failure?: string;
  source: DataSource = 'live';
  sourceLabel?: string;
  liveFrom?: number;
  lastPoint?: PairPoint;
  private stationarity?: StationarityView;
  lastTradeTime?: number;
  /** An imported trade file's 1-second bars, kept to rebuild the pair at another timeframe. */
  importedSeconds?: ImportedSeconds;
  /** Aligned rows, oldest first, at most `maxRows`. */
  readonly rows: PairBarRow[] = [];
  private readonly legs: [Leg, Leg];
  private readonly aligner: PairAligner;
  readonly analytics: DeskAnalytics;
  /** Changed since the views last saw it. */
  private changed = true;

  constructor(
    private currentConfig: PairConfig,
    engine: DeskEngine,
    private readonly maxRows: number,
    private readonly stream: StreamKind,
    private readonly onRow: (runtime: PairRuntime, row: PairBarRow) => void,
    private readonly symbolBars?: SharedBars,
    /** The pair's id when it is not `Y/X`: a pair of imported series is "Y/X (imported)". */
    id?: string,
  ) {
    const config = currentConfig;
    this.id = id ?? pairId(config.y, config.x);
    this.intervalMs = TIMEFRAME_MS[config.timeframe];
    this.analytics = engine.createAnalytics({ y: config.y, x: config.x, window: config.window, hedge: config.hedge });
    this.aligner = new PairAligner(config.y, config.x, (y, x) => this.emitRow(y, x, this.isHistory(y.openTime)));
    // One builder per leg: each leg's clock runs on its own trade times, so history of one leg never
    // makes the other leg's history look late.
    this.legs = [this.makeLeg(config.y), this.makeLeg(config.x)];
  }

  private makeLeg(symbol: string): Leg {
    const own = new BarBuilder({ intervalMs: this.intervalMs });
    own.onBarClose((bar) => this.aligner.push(bar));
    return { symbol, own, buffer: [], early: [], lastId: -1 };
  }

  /**
   * Starts reading the shared series of both legs (live pairs: once live, or before the start's history is
   * fetched when the worker ingests, so no bar of the series falls between its answer and this subscription).
   */
  subscribeShared(): void {
    if (!this.symbolBars) return;
    for (const leg of this.legs) leg.shared ??= this.symbolBars.subscribe(leg.symbol, this.intervalMs, (bar) => this.takeShared(leg, bar));
  }

  private takeShared(leg: Leg, bar: Bar): void {
    if (this.currentPhase === 'warming') {
      leg.early.push(bar);
      return;
    }
    // Without ticks on this side (worker ingestion) a leg the worker held no trade of hands over at its first bar.
    if (leg.handover === undefined && !this.symbolBars?.takeoverFrom) this.handOver(leg, bar.openTime);
    if (leg.handover !== undefined && bar.openTime >= leg.handover) this.aligner.push(bar);
  }

  /**
   * From `open` on, the leg reads the shared series: the carried close fills the silent bars up to it, the
   * warm-up builder publishes every bar before it and is dropped.
   */
  private handOver(leg: Leg, open: number): void {
    this.fillCarry(leg, open);
    leg.own?.advanceTo(open);
    leg.own = undefined;
    leg.handover = open;
  }

  /** The bars from the end of REST history up to `open`, silent ones, as empty bars carrying its last close. */
  private fillCarry(leg: Leg, open: number): void {
    if (!leg.carry) return;
    for (let t = leg.carry.nextOpen; t < open; t += this.intervalMs) this.aligner.push(emptyBar(leg.symbol, t, this.intervalMs, leg.carry.close));
    leg.carry = undefined;
  }

  private isHistory(openTime: number): boolean {
    if (this.phase === 'imported') return true;
    return this.liveFrom === undefined || openTime < this.liveFrom;
  }

  get config(): PairConfig {
    return this.currentConfig;
  }

  get phase(): PairPhase {
    return this.currentPhase;
  }

  /** Why the pair stopped (warm start failed) or the analytics rejected a bar. */
  get error(): string | undefined {
    return this.failure;
  }

  get tests(): StationarityView | undefined {
    return this.stationarity;
  }

  /** The warm start failed: the pair shows the error and takes no more ticks. */
  fail(message: string): void {
    for (const leg of this.legs) {
      leg.shared?.dispose();
      leg.shared = undefined;
    }
    this.currentPhase = 'error';
    this.failure = message;
    this.changed = true;
  }

  setTests(tests: StationarityView): void {
    this.stationarity = tests;
    this.changed = true;
  }

  /** Something the view shows outside the pair changed (its feed's state, a leg's silence). */
  markChanged(): void {
    this.changed = true;
  }

  /** Whether the pair changed since the last call. */
  takeChanged(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  /** The open bar's z and spread from the latest tick prices, once a bar has been fitted. */
  preview(): LivePreview | undefined {
    const yPrice = this.lastPrice(0);
    const xPrice = this.lastPrice(1);
    if (yPrice === undefined || xPrice === undefined || !this.lastPoint) return undefined;
    return this.analytics.preview(yPrice, xPrice);
  }

  get symbols(): [string, string] {
    return [this.legs[0].symbol, this.legs[1].symbol];
  }

  get barsNeeded(): number {
    return this.analytics.barsNeeded();
  }

  lastPrice(leg: 0 | 1): number | undefined {
    return this.legs[leg].lastPrice;
  }

  firstBufferedTime(leg: 0 | 1): number | undefined {
    return this.legs[leg].buffer[0]?.time;
  }

  /** A live tick for one of this pair's symbols. */
  onTick(tick: Tick): void {
    for (const leg of this.legs) {
      if (leg.symbol !== tick.symbol) continue;
      if (this.phase === 'warming') leg.buffer.push(tick);
      else if (this.phase === 'live') this.pushTick(leg, tick);
    }
  }

  private pushTick(leg: Leg, tick: Tick): void {
    // aggTrade ids are shared between REST and the stream, so an id at or below the last one is a repeat.
    if (this.stream === 'aggTrade' && tick.id <= leg.lastId) return;
    if (leg.carry && tick.time < leg.carry.nextOpen) return;
    if (leg.handover === undefined && leg.shared && this.symbolBars) {
      const open = barOpenTime(tick.time, this.intervalMs);
      const from = this.symbolBars.takeoverFrom?.(leg.symbol, this.intervalMs);
      if (from !== undefined && open >= from) this.handOver(leg, open);
    }
    if (leg.handover === undefined) {
      this.fillCarry(leg, barOpenTime(tick.time, this.intervalMs));
      leg.own?.add(tick);
    }
    this.noteTrade(leg, tick);
  }

  /** Records the leg's newest trade: its id (a repeat at or below it is dropped), its price (the preview's), its time. */
  private noteTrade(leg: Leg, trade: StoredTrade): void {
    leg.lastId = Math.max(leg.lastId, trade.id);
    leg.lastPrice = trade.price;
    if (this.lastTradeTime === undefined || trade.time > this.lastTradeTime) this.lastTradeTime = trade.time;
    this.changed = true;
  }

  /** Feeds history bars (REST klines or an imported OHLC file) of both legs, aligned by open time. */
  pushHistoryBars(yBars: Bar[], xBars: Bar[]): void {
    const xByTime = new Map(xBars.map((b) => [b.openTime, b]));
    for (const y of yBars) {
      const x = xByTime.get(y.openTime);
      if (x) this.emitRow(y, x, true);
    }
    const lastY = yBars[yBars.length - 1];
    const lastX = xBars[xBars.length - 1];
    if (lastY && lastX && lastY.openTime === lastX.openTime) {
      for (const [leg, last] of [[this.legs[0], lastY], [this.legs[1], lastX]] as const) {
        leg.lastPrice = last.close;
        leg.carry = { nextOpen: last.openTime + this.intervalMs, close: last.close };
      }
    }
  }

  /**
   * Ends the warm-up (warmStart.ts fetched it): history bars first, then the history ticks (REST aggTrades before
   * the first live tick), then the buffered live ticks. `liveFrom` is the open time of the bar in progress when
   * live data began.
   */
  finishWarmup({ history, tail: historyTicks, liveFrom }: { history: [Bar[], Bar[]]; tail: [Tick[], Tick[]]; liveFrom: number }): void {
    this.pushHistoryBars(...history);
    this.changed = true;
    this.liveFrom = liveFrom;
    this.currentPhase = 'live';
    this.subscribeShared();
    for (const index of [0, 1] as const) {
      const leg = this.legs[index];
      const firstLive = leg.buffer[0]?.time ?? Infinity;
      for (const t of historyTicks[index]) if (t.time < firstLive || this.stream === 'aggTrade') this.pushTick(leg, t);
      const buffered = leg.buffer;
      leg.buffer = [];
      for (const t of buffered) this.pushTick(leg, t);
    }
  }

  /**
   * Imported trades, as the 1-second bars of each leg (see bars/barsFromSeconds.ts): resampled to the pair's timeframe,
   * empty intervals filled up to the newest trade like the live builder does, then aligned. The seconds are
   * kept (a few MB at most) so a timeframe change rebuilds from them.
   */
  loadImportedSeconds(seconds: ImportedSeconds, store?: TickStore): void {
    this.markImportedBars(seconds.label);
    this.importedSeconds = seconds;
    const end = seconds.lastTradeTime;
    const lastOpen = end === undefined ? -Infinity : barOpenTime(end, this.intervalMs);
    const series = store && seconds.series;
    const legBars = (index: 0 | 1): Bar[] => {
      if (!series) return barsFromSeconds(index === 0 ? seconds.y : seconds.x, this.intervalMs, lastOpen);
      // From the stored trades: the same bars, at any bar length.
      const first = store.firstTime(series[index]);
      if (first === undefined) return [];
      return resampleStore(store, series[index], this.intervalMs, barOpenTime(first, this.intervalMs), lastOpen + this.intervalMs, this.legs[index].symbol);
    };
    this.pushHistoryBars(legBars(0), legBars(1));
    for (const [i, bars] of [seconds.y, seconds.x].entries()) {
      const leg = this.legs[i];
      leg.carry = undefined;
      // Without 1-second bars (a library pair): the close of the last bar, as resampled from the store.
      leg.lastPrice = bars[bars.length - 1]?.close ?? (store && series ? store.lastPriceBefore(series[i], lastOpen + this.intervalMs) : undefined);
    }
    this.lastTradeTime = end;
  }

  /**
   * Starts the pair live from bars a store answered (warmStart.ts: fetchWorkerStart when the worker ingests, and
   * storedTicksStart on a timeframe change, from the desk's store or the worker's): history first, then each leg's
   * bars up to its handover, then the shared series from there (those received meanwhile included). A leg
   * without a handover takes over at its first shared bar.
   */
  startFromBars(start: BarsStart): void {
    this.pushHistoryBars(...start.history);
    this.currentPhase = 'live';
    this.liveFrom = start.liveFrom;
    this.subscribeShared();
    this.legs.forEach((leg, i) => {
      const bars = start.bars[i];
      const handover = start.handovers[i];
      const resumes = bars[0]?.openTime ?? handover;
      if (resumes !== undefined) this.fillCarry(leg, resumes);
      for (const bar of bars) this.aligner.push(bar);
      leg.own = undefined;
      leg.handover = handover;
      leg.lastPrice = bars[bars.length - 1]?.close ?? leg.lastPrice;
      const newest = start.lastTrades?.[i];
      if (newest) this.noteTrade(leg, newest);
      for (const bar of leg.early.splice(0)) this.takeShared(leg, bar);
    });
    this.changed = true;
  }

  /** The newest trade of a symbol (worker ingestion's preview, once per flush): the price the preview z uses. */
  onLastTrade(symbol: string, price: number, time: number): void {
    for (const leg of this.legs) {
      if (leg.symbol !== symbol) continue;
      leg.lastPrice = price;
      if (this.lastTradeTime === undefined || time > this.lastTradeTime) this.lastTradeTime = time;
      this.changed = true;
    }
  }

  markImportedBars(label: string): void {
    this.currentPhase = 'imported';
    this.source = 'imported';
    this.sourceLabel = label;
  }

  advanceTo(now: number): void {
    if (this.phase !== 'live' && this.phase !== 'imported') return;
    for (const leg of this.legs) leg.own?.advanceTo(now);
  }

  private emitRow(y: Bar, x: Bar, history: boolean): void {
    let point: PairPoint | undefined;
    try {
      point = this.analytics.onBars(y, x);
    } catch (err) {
      this.failure = errorMessage(err);
    }
    const row: PairBarRow = {
      time: y.openTime,
      yOpen: y.open,
      yHigh: y.high,
      yLow: y.low,
      yClose: y.close,
      yVolume: y.volume,
      xOpen: x.open,
      xHigh: x.high,
      xLow: x.low,
      xClose: x.close,
      xVolume: x.volume,
      point,
      history,
    };
    if (point) this.lastPoint = point;
    this.rows.push(row);
    // Trim in chunks so the shift cost is amortised.
    if (this.rows.length > this.maxRows + 256) this.rows.splice(0, this.rows.length - this.maxRows);
    this.changed = true;
    this.onRow(this, row);
  }

  /**
   * New window or regression type: the analytics re-fit their kept bars (no network), and the rows take
   * the recomputed points; rows older than what the analytics keep lose their (stale) point.
   */
  refit(change: { window?: number; hedge?: PairConfig['hedge'] }): void {
    if (change.window !== undefined) this.analytics.setWindow(change.window);
    if (change.hedge !== undefined) this.analytics.setHedge(change.hedge);
    this.currentConfig = { ...this.currentConfig, ...change };
    const byTime = new Map(this.analytics.points().map((p) => [p.time, p]));
    for (const row of this.rows) row.point = byTime.get(row.time);
    const last = this.analytics.points();
    this.lastPoint = last[last.length - 1];
    this.stationarity = undefined;
    this.changed = true;
  }

  dispose(): void {
    for (const leg of this.legs) {
      leg.shared?.dispose();
      leg.shared = undefined;
      leg.own = undefined;
    }
  }
}
