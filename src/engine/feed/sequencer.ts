// Per-symbol id sequencer: delivers ticks in strictly increasing, contiguous id order.
// Duplicates are dropped; ticks ahead of a hole are held (bounded) for a short reorder window; a hole still
// open after the window is a gap, handed to the backfiller, and live ticks stay held behind it until it is
// filled or reported as unrepairable. Nothing is ever bridged silently.
import type { Tick } from '../types';
import type { FeedClock } from './clock';

export interface SequencerCounters {
  duplicatesDropped: number;
  outOfOrderFixed: number;
  /** Live ticks not held because the buffer was full; they lie beyond the gap and are fetched again over REST. */
  overflowDropped: number;
}

export interface SequencerSink {
  deliver(tick: Tick): void;
  /** A hole [fromId, toId] outlasted the reorder window: start backfilling. */
  gapDetected(symbol: string, fromId: number, toId: number): void;
  /** A hole that will not be repaired; the sequence continues after it. */
  unrepaired(symbol: string, fromId: number, toId: number, reason: string): void;
}

export interface SequencerOptions {
  reorderWindowMs: number;
  maxPending: number;
}

export class IdSequencer {
  /** Next id to deliver; -1 until the first tick fixes the start of the sequence. */
  private nextId = -1;
  private readonly pending = new Map<number, Tick>();
  private reorderTimer: unknown = undefined;
  private backfilling = false;

  constructor(
    readonly symbol: string,
    private readonly options: SequencerOptions,
    private readonly clock: FeedClock,
    private readonly counters: SequencerCounters,
    private readonly sink: SequencerSink,
  ) {}

  /** Id the sequence expects next (-1 before the first tick). */
  get expectedId(): number {
    return this.nextId;
  }

  get heldCount(): number {
    return this.pending.size;
  }

  /**
   * Continues a sequence delivered before (by an earlier feed, e.g. an ingest worker that died): the next id
   * expected is `lastId + 1`, so live ticks after a hole wait for backfill and older ones are duplicates.
   * Only before the first tick.
   */
  resumeAfter(lastId: number): void {
    if (this.nextId < 0 && Number.isSafeInteger(lastId) && lastId >= 0) this.nextId = lastId + 1;
  }

  push(tick: Tick): void {
    const id = tick.id;
    if (id === this.nextId && this.pending.size === 0) {
      this.nextId = id + 1;
      this.sink.deliver(tick);
      return;
    }
    if (this.nextId < 0) {
      this.nextId = id + 1;
      this.sink.deliver(tick);
      return;
    }
    if (id < this.nextId) {
      this.counters.duplicatesDropped++;
      return;
    }
    if (id === this.nextId) {
      // A late tick fills the hole that held others back.
      this.counters.outOfOrderFixed++;
      this.nextId = id + 1;
      this.sink.deliver(tick);
      this.drain();
      return;
    }
    if (this.pending.has(id)) {
      this.counters.duplicatesDropped++;
      return;
    }
    if (this.pending.size >= this.options.maxPending) {
      this.counters.overflowDropped++;
      return;
    }
    this.pending.set(id, tick);
    if (!this.backfilling && this.reorderTimer === undefined) {
      this.reorderTimer = this.clock.setTimeout(() => this.onReorderWindowElapsed(), this.options.reorderWindowMs);
    }
  }

  /** The hole backfill should fill next, or undefined when nothing known is missing. */
  currentGap(): { fromId: number; toId: number } | undefined {
    if (this.pending.size === 0 || this.nextId < 0) return undefined;
    let min = Infinity;
    for (const id of this.pending.keys()) if (id < min) min = id;
    return { fromId: this.nextId, toId: min - 1 };
  }

  beginBackfill(): void {
    this.backfilling = true;
    this.clearReorderTimer();
  }

  /** Ticks from REST (ascending ids). Delivers the contiguous run starting at the expected id; returns how many. */
  acceptBackfill(rows: readonly Tick[]): number {
    let delivered = 0;
    for (const row of rows) {
      if (row.id < this.nextId) continue;
      if (row.id !== this.nextId) break;
      this.pending.delete(row.id);
      this.nextId = row.id + 1;
      this.sink.deliver(row);
      delivered++;
      this.drain();
    }
    return delivered;
  }

  /** Gives up on ids [expected, toId]: reports them and continues after them. */
  skipTo(nextId: number, reason: string): void {
    if (nextId <= this.nextId) return;
    this.sink.unrepaired(this.symbol, this.nextId, nextId - 1, reason);
    for (const id of this.pending.keys()) if (id < nextId) this.pending.delete(id);
    this.nextId = nextId;
    this.drain();
  }

  endBackfill(): void {
    this.backfilling = false;
    if (this.pending.size > 0 && this.reorderTimer === undefined) {
      this.reorderTimer = this.clock.setTimeout(() => this.onReorderWindowElapsed(), this.options.reorderWindowMs);
    }
  }

  dispose(): void {
    this.clearReorderTimer();
    this.pending.clear();
  }

  private drain(): void {
    while (this.pending.size > 0) {
      const next = this.pending.get(this.nextId);
      if (next === undefined) return;
      this.pending.delete(this.nextId);
      this.nextId++;
      this.sink.deliver(next);
    }
    this.clearReorderTimer();
  }

  private onReorderWindowElapsed(): void {
    this.reorderTimer = undefined;
    if (this.backfilling) return;
    const gap = this.currentGap();
    if (gap) this.sink.gapDetected(this.symbol, gap.fromId, gap.toId);
  }

  private clearReorderTimer(): void {
    if (this.reorderTimer !== undefined) {
      this.clock.clearTimeout(this.reorderTimer);
      this.reorderTimer = undefined;
    }
  }
}
