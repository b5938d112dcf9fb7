// The desk's live bars, one series per (symbol, bar length) whatever the number of pairs: pairs that share a
// symbol and timeframe share its builder and receive the same Bar objects. The desk feeds each stored tick
// to the series of its symbol (O(series of that symbol) per tick, at most one per timeframe in use). A
// series made while the store already holds the symbol's ticks starts from them, so its bar in progress is
// whole at once. Each series keeps its own clock (one builder per symbol, as before per leg): one symbol's
// trades never make another's look late. `resample` gives a pair starting from the store its bars up to a series.
import { BarBuilder } from '../bars/barBuilder';
import { barOpenTime } from '../bars/timeframe';
import { resampleStore } from '../store/resample';
import type { TickStore } from '../store/tickStore';
import type { Bar, Disposable, Tick } from '../types';
import type { StoredSeries } from './ports';

interface Series {
  builder: BarBuilder;
  listeners: Set<(bar: Bar) => void>;
  /** Open time from which the series' bars hold every trade of the symbol (undefined before its first tick). */
  completeFrom?: number;
}

export class SymbolBars {
  private readonly bySymbol = new Map<string, Map<number, Series>>();

  constructor(private readonly store: TickStore) {}

  /** Closed bars of `symbol` at `intervalMs` from now on; the first subscriber makes the series. */
  subscribe(symbol: string, intervalMs: number, listener: (bar: Bar) => void): Disposable {
    const series = this.series(symbol, intervalMs) ?? this.create(symbol, intervalMs);
    series.listeners.add(listener);
    return {
      dispose: () => {
        // The series of now (a reseed replaces it, keeping its listeners).
        const current = this.series(symbol, intervalMs);
        if (!current) return;
        current.listeners.delete(listener);
        if (current.listeners.size > 0) return;
        const bars = this.bySymbol.get(symbol);
        bars?.delete(intervalMs);
        if (bars?.size === 0) this.bySymbol.delete(symbol);
      },
    };
  }

  /**
   * The symbol's series started again from the store, their listeners kept: older trades were put into the store
   * before the stored ones (a warm start's history in the ingest worker), so the bar in progress is whole again.
   * Nothing is published twice: the restarted series publish from their bar in progress on.
   */
  reseed(symbol: string): void {
    const bars = this.bySymbol.get(symbol);
    if (!bars) return;
    for (const [intervalMs, old] of [...bars]) {
      const series = this.create(symbol, intervalMs);
      for (const listener of old.listeners) series.listeners.add(listener);
    }
  }

  /** A tick the store has just taken. */
  add(tick: Tick): void {
    const bars = this.bySymbol.get(tick.symbol);
    if (!bars) return;
    for (const [intervalMs, series] of bars) {
      series.completeFrom ??= barOpenTime(tick.time, intervalMs) + intervalMs;
      series.builder.add(tick);
    }
  }

  advanceTo(now: number): void {
    for (const bars of this.bySymbol.values()) for (const series of bars.values()) series.builder.advanceTo(now);
  }

  /** Closes the symbol's bars due at `now` (its own clock). */
  advanceSymbolTo(symbol: string, now: number): void {
    for (const series of this.bySymbol.get(symbol)?.values() ?? []) series.builder.advanceTo(now);
  }

  /**
   * First open time from which a pair may take this series' bars: every trade of those bars is in the series
   * (after its first tick) and none of them has been published yet. Undefined before the first tick.
   */
  takeoverFrom(symbol: string, intervalMs: number): number | undefined {
    const series = this.series(symbol, intervalMs);
    if (series?.completeFrom === undefined) return undefined;
    const inProgress = series.builder.nextOpen(symbol);
    return inProgress === undefined ? series.completeFrom : Math.max(series.completeFrom, inProgress);
  }

  /**
   * The symbol's bars from the store up to where its series takes over (StoredBars, the answer the ingest worker
   * gives from its own store): from `fromOpen`, or from the first whole bar stored. Subscribe first: a symbol
   * without a series has no takeover, and no bars.
   */
  resample(symbol: string, intervalMs: number, fromOpen?: number): StoredSeries {
    const takeoverFrom = this.takeoverFrom(symbol, intervalMs);
    const firstTime = this.store.firstTime(symbol);
    const lastTime = this.store.lastTime(symbol);
    // Ticks at the store's first time may have had same-bar predecessors before it: the first whole bar is the next.
    const from = fromOpen ?? (firstTime === undefined ? undefined : barOpenTime(firstTime, intervalMs) + intervalMs);
    const bars = takeoverFrom === undefined || from === undefined || from >= takeoverFrom ? [] : resampleStore(this.store, symbol, intervalMs, from, takeoverFrom);
    const lastTrade = lastTime === undefined ? undefined : { id: this.store.lastId(symbol)!, time: lastTime, price: this.store.lastPriceBefore(symbol, Infinity)! };
    return { bars, takeoverFrom, firstTime, lastTrade };
  }

  /** The series' bar in progress as it stands (undefined without a series or before its first tick). */
  forming(symbol: string, intervalMs: number): Bar | undefined {
    return this.series(symbol, intervalMs)?.builder.partial(symbol);
  }

  /** Series alive (one per symbol and bar length in use). */
  get seriesCount(): number {
    let n = 0;
    for (const bars of this.bySymbol.values()) n += bars.size;
    return n;
  }

  private series(symbol: string, intervalMs: number): Series | undefined {
    return this.bySymbol.get(symbol)?.get(intervalMs);
  }

  /** A new series, started from the stored ticks of the bar before the one in progress (to know its close). */
  private create(symbol: string, intervalMs: number): Series {
    const series: Series = { builder: new BarBuilder({ intervalMs }), listeners: new Set() };
    series.builder.onBarClose((bar) => {
      for (const listener of series.listeners) listener(bar);
    });
    const first = this.store.firstTime(symbol);
    const last = this.store.lastTime(symbol);
    if (first !== undefined && last !== undefined) {
      const seedFrom = barOpenTime(last, intervalMs) - intervalMs;
      // Ticks at the store's first time may have had same-millisecond predecessors before it: that bar is not whole.
      series.completeFrom = first < seedFrom ? seedFrom : barOpenTime(first, intervalMs) + intervalMs;
      this.store.forEachInRange(symbol, seedFrom, Infinity, (time, price, qty, id, buyerIsMaker) => series.builder.add({ symbol, time, price, qty, id, buyerIsMaker }));
    }
    let bars = this.bySymbol.get(symbol);
    if (!bars) this.bySymbol.set(symbol, (bars = new Map()));
    bars.set(intervalMs, series);
    return series;
  }
}
