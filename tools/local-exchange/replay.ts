// The replay clock and pump: merges the symbols' tapes by time and emits each trade when the clock reaches
// it, and each aggregate at its push time (the end of its 100 ms window; with the trade completing it for a
// tape without push times). Speed 1 = real time, N = N× faster, Infinity = as fast as the sockets take it,
// pausing while a client's send buffer is full so memory stays bounded. When asked to join the wall clock
// (speed 1), the replay starts at now, as a client joining a live market: what came before is history.
import { firstAtOrAfter, newAggView, newTradeView, type SymbolTape } from './tape';
import type { StreamHub } from './hub';
import type { MarketFeed } from './marketFeed';
import type { BookTape } from './bookTape';

/** Push times whose send time is kept (aggSentAt): 100 ms windows of 2.8 h of replay (200 s at 50x). */
const SENT_LOG_SIZE = 100_000;

/**
 * What the skipIds fault leaves out: the next `trades` trades of the trade stream and the next `aggs`
 * aggregates of the aggTrade stream (so a client of either sees a gap of exactly the asked size).
 */
export interface SkipState {
  trades: number;
  aggs: number;
  alsoFromRest: boolean;
}

/** Ids REST no longer serves either (an unrepairable gap). */
export interface HiddenRange {
  fromAggId: number;
  toAggId: number;
}

const STEP_EVENTS = 2048;
/** Joining the wall clock needs a trade within this time after now (a short fixture may have ended before). */
const JOIN_HORIZON_MS = 60_000;
const BACKLOG_BYTES = 4 * 1024 * 1024;
const MAX_WAIT_MS = 50;

export class Replay {
  readonly emitted: number[];
  /** Trades that were history when the replay joined the wall clock (never sent on a stream). */
  readonly joinedAt: number[];
  readonly emittedAggs: number[];
  /**
   * Push time (replay clock) → wall time (Date.now) the aggregates pushed then went out, newest SENT_LOG_SIZE
   * kept: a latency benchmark counts from the real send, not the scheduled one (this timer runs late under load).
   */
  private readonly sentWall = new Map<number, number>();
  readonly skips: SkipState[];
  readonly hidden: HiddenRange[][];
  private readonly nextTime: number[];
  /** Push time of each tape's next aggregate (Infinity for tapes that push with the completing trade). */
  private readonly nextAggTime: number[];
  private joined = false;
  /** Next sequence number and its time per book tape; book tapes only take part while someone listens. */
  private nextBook: number[] = [];
  private nextBookTime: number[] = [];
  private books: readonly BookTape[] = [];
  private booksActive = false;
  private readonly trade = newTradeView();
  private readonly agg = newAggView();
  private clock: number;
  private startWall = 0;
  private startClock: number;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private running = false;

  constructor(
    private readonly tapes: readonly SymbolTape[],
    private readonly speed: number,
    private readonly hub: StreamHub,
    private readonly feed: MarketFeed,
    /**
     * At speed 1, start at the wall clock rather than at the first trade. Other speeds run their own clock
     * anyway and keep starting at the first trade, so a run sees the recording from its start.
     */
    joinWallClock = false,
  ) {
    this.emitted = tapes.map(() => 0);
    this.joinedAt = tapes.map(() => 0);
    this.emittedAggs = tapes.map(() => 0);
    this.skips = tapes.map(() => ({ trades: 0, aggs: 0, alsoFromRest: false }));
    this.hidden = tapes.map(() => []);
    this.nextTime = tapes.map((t) => t.tradeTime(0));
    this.nextAggTime = tapes.map((t) => (t.aggPushTime ? t.aggPushTime(0) : Infinity));
    this.startClock = this.clock = Math.min(...this.nextTime, Infinity);
    if (!Number.isFinite(this.clock)) this.startClock = this.clock = Date.now();
    if (joinWallClock && speed === 1) this.join(Date.now());
  }

  /** Everything before `now` becomes history (as if already emitted) when the tapes go on past it. */
  private join(now: number): void {
    if (now <= this.clock) return;
    const seqs = this.tapes.map((t) => firstAtOrAfter((n) => t.tradeTime(n), now));
    if (!this.tapes.some((t, i) => t.tradeTime(seqs[i]) <= now + JOIN_HORIZON_MS)) return;
    this.tapes.forEach((tape, i) => {
      const n = seqs[i];
      this.emitted[i] = this.joinedAt[i] = n;
      this.nextTime[i] = tape.tradeTime(n);
      const pushTime = tape.aggPushTime;
      if (pushTime) {
        this.emittedAggs[i] = firstAtOrAfter((m) => pushTime.call(tape, m), now);
        this.nextAggTime[i] = pushTime.call(tape, this.emittedAggs[i]);
      } else {
        let j = n - 1;
        while (j >= 0 && tape.aggCompletedBy(j) < 0) j--;
        this.emittedAggs[i] = j < 0 ? 0 : tape.aggCompletedBy(j) + 1;
      }
      if (n > 0) {
        tape.readTrade(n - 1, this.trade);
        this.feed.primeLastPrice(i, this.trade.price);
      }
    });
    this.startClock = this.clock = now;
    this.joined = true;
  }

  clockNow(): number {
    if (this.running && Number.isFinite(this.speed)) this.clock = this.startClock + (Date.now() - this.startWall) * this.speed;
    return this.clock;
  }

  start(): void {
    this.running = true;
    this.startWall = Date.now();
    // Trades between the join and now go out in the first step: the clock is the wall clock from here on.
    if (this.joined) this.startClock = this.clock = Math.max(this.clock, this.startWall);
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (delayMs <= 0) this.immediate = setImmediate(() => this.step());
    else this.timer = setTimeout(() => this.step(), delayMs);
  }

  /**
   * The source whose next event comes first: tape i's trades, tape i's aggregates as `tapes.length + i`, or
   * book tape j as `2 · tapes.length + j`; -1 when none. At equal times trades go before aggregates.
   */
  private earliest(): number {
    let best = -1;
    let bestTime = Infinity;
    const count = this.tapes.length;
    for (let i = 0; i < count; i++) {
      if (this.nextTime[i] < bestTime) {
        bestTime = this.nextTime[i];
        best = i;
      }
    }
    for (let i = 0; i < count; i++) {
      if (this.nextAggTime[i] < bestTime) {
        bestTime = this.nextAggTime[i];
        best = count + i;
      }
    }
    if (this.booksActive) {
      for (let j = 0; j < this.nextBookTime.length; j++) {
        if (this.nextBookTime[j] < bestTime) {
          bestTime = this.nextBookTime[j];
          best = 2 * count + j;
        }
      }
    }
    return best;
  }

  private timeOf(source: number): number {
    const count = this.tapes.length;
    if (source < count) return this.nextTime[source];
    if (source < 2 * count) return this.nextAggTime[source - count];
    return this.nextBookTime[source - 2 * count];
  }

  /** Adds the order-book tapes (loaded on demand); they join at the current clock. */
  attachBooks(books: readonly BookTape[]): void {
    this.books = books;
    this.nextBook = books.map(() => 0);
    this.nextBookTime = books.map((b) => b.time(0));
    this.booksActive = false;
  }

  /** Book streams join at the current clock when their first listener arrives (nothing is replayed unseen). */
  private syncBooks(clock: number): void {
    const active = this.feed.bookListenerCount > 0;
    if (active && !this.booksActive) {
      for (let j = 0; j < this.books.length; j++) {
        this.nextBook[j] = this.books[j].firstAfter(clock, this.nextBook[j]);
        this.nextBookTime[j] = this.books[j].time(this.nextBook[j]);
      }
    }
    this.booksActive = active;
  }

  private step(): void {
    this.timer = this.immediate = undefined;
    if (!this.running) return;
    if (Number.isFinite(this.speed)) this.stepTimed();
    else this.stepFlat();
  }

  private stepTimed(): void {
    const clock = this.clockNow();
    this.syncBooks(clock);
    let sent = 0;
    this.hub.beginBatch();
    for (let i = this.earliest(); i >= 0 && this.timeOf(i) <= clock && sent < STEP_EVENTS; i = this.earliest()) {
      this.emit(i);
      sent++;
    }
    this.feed.onClock(clock);
    this.hub.endBatch();
    if (sent >= STEP_EVENTS) return this.schedule(0);
    const next = this.earliest();
    const wait = next < 0 ? MAX_WAIT_MS : (this.timeOf(next) - clock) / this.speed;
    this.schedule(Math.min(MAX_WAIT_MS, Math.max(1, Math.ceil(wait))));
  }

  private stepFlat(): void {
    // Nobody listening: hold the clock rather than racing through the data unseen.
    if (this.hub.listenerCount === 0) return this.schedule(5);
    const backlog = this.hub.mostBacklogged();
    if (backlog && backlog.bytes > BACKLOG_BYTES) {
      const socket = backlog.sub.socket;
      const resume = () => {
        socket.off('drain', resume);
        clearTimeout(fallback);
        this.schedule(0);
      };
      const fallback = setTimeout(resume, 20);
      this.timer = fallback;
      socket.once('drain', resume);
      return;
    }
    this.syncBooks(this.clock);
    this.hub.beginBatch();
    for (let sent = 0; sent < STEP_EVENTS; sent++) {
      const i = this.earliest();
      if (i < 0) break;
      this.clock = this.timeOf(i);
      this.emit(i);
    }
    this.feed.onClock(this.clock);
    this.hub.endBatch();
    this.schedule(this.earliest() < 0 ? MAX_WAIT_MS : 0);
  }

  private emit(source: number): void {
    const count = this.tapes.length;
    if (source >= 2 * count) return this.emitBook(source - 2 * count);
    if (source >= count) return this.emitPushedAgg(source - count);
    const i = source;
    const tape = this.tapes[i];
    const n = this.emitted[i];
    tape.readTrade(n, this.trade);
    const skip = this.skips[i];
    const suppressed = skip.trades > 0;
    if (suppressed) skip.trades--;
    this.feed.onTrade(i, this.trade, suppressed);
    if (!tape.aggPushTime) {
      const m = tape.aggCompletedBy(n);
      if (m >= 0) this.emitAgg(i, m);
    }
    this.emitted[i] = n + 1;
    this.nextTime[i] = tape.tradeTime(n + 1);
  }

  /** An aggregate at its push time. */
  private emitPushedAgg(i: number): void {
    const tape = this.tapes[i];
    const m = this.emittedAggs[i];
    this.emitAgg(i, m);
    this.noteSent(this.nextAggTime[i]);
    this.nextAggTime[i] = tape.aggPushTime ? tape.aggPushTime(m + 1) : Infinity;
  }

  private emitAgg(i: number, m: number): void {
    this.tapes[i].readAgg(m, this.agg);
    const skip = this.skips[i];
    const suppressed = skip.aggs > 0;
    if (suppressed) {
      skip.aggs--;
      if (skip.alsoFromRest) this.hideAgg(i, this.agg.id);
    }
    this.feed.onAgg(i, this.agg, suppressed);
    this.emittedAggs[i] = m + 1;
  }

  /** When the aggregates pushed at `pushTime` (replay clock) were sent, wall ms; undefined if none or too old. */
  aggSentAt(pushTime: number): number | undefined {
    return this.sentWall.get(pushTime);
  }

  private noteSent(pushTime: number): void {
    // The last leg of a window counts: the latency of the window's newest trade starts when it went out.
    this.sentWall.delete(pushTime);
    this.sentWall.set(pushTime, Date.now());
    if (this.sentWall.size > SENT_LOG_SIZE) this.sentWall.delete(this.sentWall.keys().next().value as number);
  }

  /** The skipIds fault: the next `count` trades and the next `count` aggregates of tape i left out of the streams. */
  skip(i: number, count: number, alsoFromRest: boolean): void {
    const s = this.skips[i];
    s.trades += count;
    s.aggs += count;
    s.alsoFromRest = alsoFromRest;
  }

  clearSkips(): void {
    for (const s of this.skips) s.trades = s.aggs = 0;
  }

  private emitBook(j: number): void {
    const book = this.books[j];
    const n = this.nextBook[j];
    this.feed.onBook(j, book.kind(n), n);
    this.nextBook[j] = n + 1;
    this.nextBookTime[j] = book.time(n + 1);
  }

  private hideAgg(i: number, id: number): void {
    const ranges = this.hidden[i];
    const last = ranges[ranges.length - 1];
    if (last && last.toAggId === id - 1) last.toAggId = id;
    else ranges.push({ fromAggId: id, toAggId: id });
  }
}
