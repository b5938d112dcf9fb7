// Live bar builder: ticks of any number of symbols in, closed bars out. A bar [open, open+interval) closes
// when the clock passes open+interval+grace. The clock is the newest trade time seen, pushed further by
// advanceTo(now) from the owner's timer (or the replay clock), so a bar closes even if no tick follows.
// Late ticks whose bar is still open amend it; older ones are counted (lateDropped). An interval with no
// trade becomes an explicit empty bar so the legs of a pair stay aligned. O(1) per tick.
import type { Bar, Disposable, Tick } from '../types';
import { EngineError } from '../errors';
import { Emitter } from '../emitter';
import { BarAccumulator, emptyBar } from './barAccumulator';
import { barOpenTime, checkIntervalMs } from './timeframe';

export interface BarBuilderOptions {
  intervalMs: number;
  /** How long after its end a bar stays open for late ticks (ms, default 0). */
  graceMs?: number;
  /** Publish empty bars for intervals without trades (default true). */
  emitEmpty?: boolean;
}

export type BarListener = (bar: Bar) => void;

/** Per-symbol state: the bars still open (sorted by open time) and the next open time to publish. */
class SymbolBars {
  readonly open: BarAccumulator[] = [];
  lastClose: number | undefined;
  lateDropped = 0;
  constructor(public nextToClose: number) {}
}

export class BarBuilder {
  readonly intervalMs: number;
  readonly graceMs: number;
  private readonly emitEmpty: boolean;
  private readonly symbols = new Map<string, SymbolBars>();
  private readonly closed = new Emitter<Bar>();
  private clock = -Infinity;
  /** Earliest time at which some symbol has a bar to close; lets the tick path skip the symbol loop. */
  private nextDeadline = Infinity;

  constructor(options: BarBuilderOptions) {
    this.intervalMs = checkIntervalMs(options.intervalMs);
    const grace = options.graceMs ?? 0;
    if (!Number.isFinite(grace) || grace < 0) throw new EngineError('BAD_ARGUMENT', `bad grace period ${grace} ms: it must be 0 or more`);
    this.graceMs = grace;
    this.emitEmpty = options.emitEmpty ?? true;
  }

  /** A listener that throws is reported (console.error) and the other listeners still get the bar. */
  onBarClose(listener: BarListener): Disposable {
    return this.closed.on(listener);
  }

  /** The clock: newest trade time seen or time given to advanceTo, whichever is later. */
  get now(): number {
    return this.clock;
  }

  add(tick: Tick): void {
    const openTime = barOpenTime(tick.time, this.intervalMs);
    let state = this.symbols.get(tick.symbol);
    if (!state) {
      state = new SymbolBars(openTime);
      this.symbols.set(tick.symbol, state);
      this.nextDeadline = Math.min(this.nextDeadline, this.deadlineOf(state));
    }
    if (openTime < state.nextToClose) {
      state.lateDropped++;
      return;
    }
    this.accumulatorFor(state, tick.symbol, openTime).add(tick);
    if (tick.time > this.clock) this.advanceTo(tick.time);
  }

  /** Moves the clock to `nowMs` (never back) and publishes every bar whose end + grace has passed. */
  advanceTo(nowMs: number): void {
    if (nowMs > this.clock) this.clock = nowMs;
    if (this.clock < this.nextDeadline) return;
    let next = Infinity;
    for (const [symbol, state] of this.symbols) {
      this.closeDue(symbol, state, this.clock);
      next = Math.min(next, this.deadlineOf(state));
    }
    this.nextDeadline = next;
  }

  /** Publishes every bar still open (end of a file or replay), whatever the clock says. */
  flush(): void {
    for (const [symbol, state] of this.symbols) {
      const last = state.open[state.open.length - 1];
      if (last) this.closeDue(symbol, state, last.barOpenTime + this.intervalMs + this.graceMs);
    }
    this.nextDeadline = Infinity;
    for (const state of this.symbols.values()) this.nextDeadline = Math.min(this.nextDeadline, this.deadlineOf(state));
  }

  /** Open time of the symbol's next bar to publish (every bar before it is published); undefined before its first tick. */
  nextOpen(symbol: string): number | undefined {
    return this.symbols.get(symbol)?.nextToClose;
  }

  /** The newest open (not yet published) bar of the symbol, as it stands now. */
  partial(symbol: string): Bar | undefined {
    const state = this.symbols.get(symbol);
    const last = state?.open[state.open.length - 1];
    return last?.toBar();
  }

  /** Ticks that came after their bar had closed (per symbol, or over all symbols). */
  lateDropped(symbol?: string): number {
    if (symbol !== undefined) return this.symbols.get(symbol)?.lateDropped ?? 0;
    let total = 0;
    for (const state of this.symbols.values()) total += state.lateDropped;
    return total;
  }

  private deadlineOf(state: SymbolBars): number {
    return state.nextToClose + this.intervalMs + this.graceMs;
  }

  private accumulatorFor(state: SymbolBars, symbol: string, openTime: number): BarAccumulator {
    const open = state.open;
    let i = open.length - 1;
    // Usually the newest bar (or a new one after it); a late tick walks back over the few bars in grace.
    while (i >= 0 && open[i].barOpenTime > openTime) i--;
    if (i >= 0 && open[i].barOpenTime === openTime) return open[i];
    const acc = new BarAccumulator(symbol, openTime, this.intervalMs);
    open.splice(i + 1, 0, acc);
    return acc;
  }

  private closeDue(symbol: string, state: SymbolBars, now: number): void {
    const interval = this.intervalMs;
    while (state.nextToClose + interval + this.graceMs <= now) {
      const openTime = state.nextToClose;
      const first = state.open[0];
      if (first && first.barOpenTime === openTime) {
        state.open.shift();
        const bar = first.toBar();
        state.lastClose = bar.close;
        this.emit(bar);
      } else if (!first && state.lastClose === undefined) {
        break; // nothing has traded yet
      } else if (this.emitEmpty && state.lastClose !== undefined) {
        this.emit(emptyBar(symbol, openTime, interval, state.lastClose));
      }
      state.nextToClose = openTime + interval;
      // Without empty bars, jump over an idle stretch in one step instead of one interval at a time.
      if (!this.emitEmpty) {
        const lastDue = barOpenTime(now - interval - this.graceMs, interval) + interval;
        const target = state.open.length > 0 ? state.open[0].barOpenTime : lastDue;
        if (target > state.nextToClose) state.nextToClose = Math.min(target, lastDue);
      }
    }
  }

  private emit(bar: Bar): void {
    this.closed.emit(bar);
  }
}
