// The replay clock and pump: merges the symbols' tapes by trade time and emits each trade (and the aggregate
// it completes) when the clock reaches it. Speed 1 = real time, N = N× faster, Infinity = as fast as the
// sockets take it, pausing while a client's send buffer is full so memory stays bounded.
import { newAggView, newTradeView, type SymbolTape } from './tape';
import type { StreamHub } from './hub';
import type { MarketFeed } from './marketFeed';
import type { BookTape } from './bookTape';

/** Trades dropped from the streams by the skipIds fault. */
export interface SkipState {
  remaining: number;
  alsoFromRest: boolean;
}

/** Ids REST no longer serves either (an unrepairable gap). */
export interface HiddenRange {
  fromAggId: number;
  toAggId: number;
}

const STEP_EVENTS = 2048;
const BACKLOG_BYTES = 4 * 1024 * 1024;
const MAX_WAIT_MS = 50;

export class Replay {
  readonly emitted: number[];
  readonly emittedAggs: number[];
  readonly skips: SkipState[];
  readonly hidden: HiddenRange[][];
  private readonly nextTime: number[];
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
  ) {
    this.emitted = tapes.map(() => 0);
    this.emittedAggs = tapes.map(() => 0);
    this.skips = tapes.map(() => ({ remaining: 0, alsoFromRest: false }));
    this.hidden = tapes.map(() => []);
    this.nextTime = tapes.map((t) => t.tradeTime(0));
    this.startClock = this.clock = Math.min(...this.nextTime, Infinity);
    if (!Number.isFinite(this.clock)) this.startClock = this.clock = Date.now();
  }

  clockNow(): number {
    if (this.running && Number.isFinite(this.speed)) this.clock = this.startClock + (Date.now() - this.startWall) * this.speed;
    return this.clock;
  }

  start(): void {
    this.running = true;
    this.startWall = Date.now();
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

  /** The source whose next event comes first: tape i, or book tape j as `tapes.length + j`; -1 when none. */
  private earliest(): number {
    let best = -1;
    let bestTime = Infinity;
    for (let i = 0; i < this.nextTime.length; i++) {
      if (this.nextTime[i] < bestTime) {
        bestTime = this.nextTime[i];
        best = i;
      }
    }
    if (this.booksActive) {
      for (let j = 0; j < this.nextBookTime.length; j++) {
        if (this.nextBookTime[j] < bestTime) {
          bestTime = this.nextBookTime[j];
          best = this.tapes.length + j;
        }
      }
    }
    return best;
  }

  private timeOf(source: number): number {
    return source < this.tapes.length ? this.nextTime[source] : this.nextBookTime[source - this.tapes.length];
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

  private emit(i: number): void {
    if (i >= this.tapes.length) return this.emitBook(i - this.tapes.length);
    const tape = this.tapes[i];
    const n = this.emitted[i];
    tape.readTrade(n, this.trade);
    const skip = this.skips[i];
    const suppressed = skip.remaining > 0;
    if (suppressed) skip.remaining--;
    this.feed.onTrade(i, this.trade, suppressed);
    const m = tape.aggCompletedBy(n);
    if (m >= 0) {
      tape.readAgg(m, this.agg);
      if (suppressed && skip.alsoFromRest) this.hideAgg(i, this.agg.id);
      this.feed.onAgg(i, this.agg, suppressed);
      this.emittedAggs[i] = m + 1;
    }
    this.emitted[i] = n + 1;
    this.nextTime[i] = tape.tradeTime(n + 1);
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
