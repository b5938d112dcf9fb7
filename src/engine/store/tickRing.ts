// One symbol's ticks as columnar typed arrays, kept in fixed-size chunks: no JS object per tick, and growth
// never copies stored ticks (a full tail chunk just gets a fresh chunk after it), so an append costs O(1)
// with at most one chunk allocation. The chunks sit in a small ring of references; the oldest are dropped
// from its front when the count bound (the oldest tick is overwritten) or the age bound (ticks older than
// the newest minus maxAgeMs) evicts every tick they hold. One released chunk is kept as a spare, so a
// bounded store at its bound recycles chunks instead of allocating.
import { EngineError } from '../errors';
import { BYTES_PER_TICK, FLAG_BUYER_IS_MAKER, TickChunk, type TickColumnName } from './tickChunk';

export { BYTES_PER_TICK, FLAG_BUYER_IS_MAKER };

/** Ticks per chunk when no count bound asks for smaller ones: 32 768 × 33 bytes ≈ 1.1 MB per chunk. */
export const DEFAULT_CHUNK_TICKS = 32_768;

export interface TickRingBounds {
  /** Keep at most this many ticks (the oldest are overwritten). A whole number ≥ 1. */
  maxCount?: number;
  /** Keep only ticks whose time is within this many ms of the newest tick. */
  maxAgeMs?: number;
  /** Largest chunk, in ticks (default DEFAULT_CHUNK_TICKS); small values let tests cross many chunks. */
  chunkTicks?: number;
}

/** Visitor for one stored tick; receives columns, not an object, to stay allocation-free. */
export type TickVisitor = (time: number, price: number, qty: number, id: number, buyerIsMaker: boolean) => void;

/**
 * Chunk size: the count bound split into equal chunks of at most `largest` ticks, so that a ring at its
 * count bound holds at most one chunk beyond the bound (the first chunk's evicted part plus the tail's free part).
 */
export function chunkTicksFor(maxCount: number, largest: number): number {
  if (maxCount === Infinity) return largest;
  return Math.ceil(maxCount / Math.ceil(maxCount / largest));
}

function checkBounds(bounds: TickRingBounds): void {
  const { maxCount, maxAgeMs, chunkTicks } = bounds;
  if (maxCount !== undefined && maxCount !== Infinity && !(Number.isInteger(maxCount) && maxCount >= 1)) {
    throw new EngineError('BAD_ARGUMENT', `tick store maxCount must be a whole number ≥ 1, got ${maxCount}`);
  }
  if (maxAgeMs !== undefined && !(maxAgeMs >= 0)) {
    throw new EngineError('BAD_ARGUMENT', `tick store maxAgeMs must be a number of ms ≥ 0, got ${maxAgeMs}`);
  }
  if (chunkTicks !== undefined && !(Number.isInteger(chunkTicks) && chunkTicks >= 1)) {
    throw new EngineError('BAD_ARGUMENT', `tick store chunkTicks must be a whole number ≥ 1, got ${chunkTicks}`);
  }
}

export class TickRing {
  private readonly maxCount: number;
  private readonly maxAgeMs: number;
  /** Ticks per chunk (every chunk of this ring has this size). */
  private readonly chunkTicks: number;
  /** Ring of chunk references, oldest first from `firstSlot`; its length is a power of two. */
  private slots: Array<TickChunk | undefined> = new Array<TickChunk | undefined>(4);
  private firstSlot = 0;
  private chunkCount = 0;
  /** The newest chunk (the one appends write into) and how many of its slots are written. */
  private tail: TickChunk | undefined;
  private tailFill = 0;
  /** Index of the oldest tick within the first chunk. */
  private headOffset = 0;
  private length = 0;
  /** A released chunk kept for the next allocation. */
  private spare: TickChunk | undefined;

  constructor(bounds: TickRingBounds = {}) {
    checkBounds(bounds);
    this.maxCount = bounds.maxCount ?? Infinity;
    this.maxAgeMs = bounds.maxAgeMs ?? Infinity;
    this.chunkTicks = chunkTicksFor(this.maxCount, bounds.chunkTicks ?? DEFAULT_CHUNK_TICKS);
  }

  get count(): number {
    return this.length;
  }

  /** Typed-array bytes allocated: every chunk held (including the spare and unused slots). */
  get bytes(): number {
    return (this.chunkCount + (this.spare ? 1 : 0)) * this.chunkTicks * BYTES_PER_TICK;
  }

  /** Ticks per chunk of this ring. */
  get ticksPerChunk(): number {
    return this.chunkTicks;
  }

  /** Appends one tick; callers append in non-decreasing time (the feed delivers in id order). O(1). */
  append(time: number, price: number, qty: number, id: number, buyerIsMaker: boolean): void {
    if (this.length === this.maxCount) this.dropOldest();
    if (this.tail === undefined || this.tailFill === this.chunkTicks) this.addChunk();
    const chunk = this.tail as TickChunk;
    const slot = this.tailFill++;
    chunk.time[slot] = time;
    chunk.price[slot] = price;
    chunk.qty[slot] = qty;
    chunk.id[slot] = id;
    chunk.flags[slot] = buyerIsMaker ? FLAG_BUYER_IS_MAKER : 0;
    this.length++;
    if (this.maxAgeMs !== Infinity) this.evictOlderThan(time - this.maxAgeMs);
  }

  /**
   * Drops every tick whose time is before `minTime`. Whole chunks go in O(1) each; within the chunk that
   * keeps ticks, a binary search finds the first kept one (ticks are in time order).
   */
  evictOlderThan(minTime: number): void {
    while (this.length > 0) {
      const first = this.slots[this.firstSlot] as TickChunk;
      const end = first === this.tail ? this.tailFill : this.chunkTicks;
      if (first.time[end - 1] < minTime) {
        this.length -= end - this.headOffset;
        if (this.length === 0) this.releaseAll(true);
        else this.releaseFirstChunk();
        continue;
      }
      let lo = this.headOffset;
      let hi = end - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (first.time[mid] < minTime) lo = mid + 1;
        else hi = mid;
      }
      this.length -= lo - this.headOffset;
      this.headOffset = lo;
      return;
    }
  }

  timeAt(index: number): number {
    const p = this.headOffset + index;
    const k = Math.floor(p / this.chunkTicks);
    return this.chunkAt(k).time[p - k * this.chunkTicks];
  }
  priceAt(index: number): number {
    const p = this.headOffset + index;
    const k = Math.floor(p / this.chunkTicks);
    return this.chunkAt(k).price[p - k * this.chunkTicks];
  }
  qtyAt(index: number): number {
    const p = this.headOffset + index;
    const k = Math.floor(p / this.chunkTicks);
    return this.chunkAt(k).qty[p - k * this.chunkTicks];
  }
  idAt(index: number): number {
    const p = this.headOffset + index;
    const k = Math.floor(p / this.chunkTicks);
    return this.chunkAt(k).id[p - k * this.chunkTicks];
  }
  buyerIsMakerAt(index: number): boolean {
    const p = this.headOffset + index;
    const k = Math.floor(p / this.chunkTicks);
    return (this.chunkAt(k).flags[p - k * this.chunkTicks] & FLAG_BUYER_IS_MAKER) !== 0;
  }

  /** Logical index of the first tick with time >= `time` (binary search; ticks are in time order). */
  lowerBound(time: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Visits ticks with fromTime <= time < toTime, oldest first, chunk by chunk. */
  forEachInRange(fromTime: number, toTime: number, visit: TickVisitor): number {
    const start = this.lowerBound(fromTime);
    const end = this.lowerBound(toTime);
    let remaining = end - start;
    let p = this.headOffset + start;
    let k = Math.floor(p / this.chunkTicks);
    let offset = p - k * this.chunkTicks;
    while (remaining > 0) {
      const c = this.chunkAt(k);
      const stop = Math.min(this.chunkTicks, offset + remaining);
      for (let j = offset; j < stop; j++) {
        visit(c.time[j], c.price[j], c.qty[j], c.id[j], (c.flags[j] & FLAG_BUYER_IS_MAKER) !== 0);
      }
      remaining -= stop - offset;
      k++;
      offset = 0;
    }
    return Math.max(0, end - start);
  }

  /** Copies the column `name` for logical indexes [start, end) into a new array (one block copy per chunk). */
  copyColumn(name: TickColumnName, start = 0, end = this.length): Float64Array {
    const out = new Float64Array(Math.max(0, end - start));
    let written = 0;
    const p = this.headOffset + start;
    let k = Math.floor(p / this.chunkTicks);
    let offset = p - k * this.chunkTicks;
    while (written < out.length) {
      const stop = Math.min(this.chunkTicks, offset + out.length - written);
      out.set(this.chunkAt(k)[name].subarray(offset, stop), written);
      written += stop - offset;
      k++;
      offset = 0;
    }
    return out;
  }

  /** Drops every tick and releases every chunk. */
  clear(): void {
    this.releaseAll(false);
  }

  private chunkAt(k: number): TickChunk {
    return this.slots[(this.firstSlot + k) & (this.slots.length - 1)] as TickChunk;
  }

  private dropOldest(): void {
    this.headOffset++;
    this.length--;
    if (this.length === 0) this.releaseAll(true);
    else if (this.headOffset === this.chunkTicks) this.releaseFirstChunk();
  }

  /** Appends a chunk (the spare if there is one) after the tail. */
  private addChunk(): void {
    const chunk = this.spare ?? new TickChunk(this.chunkTicks);
    this.spare = undefined;
    if (this.chunkCount === this.slots.length) this.growSlots();
    this.slots[(this.firstSlot + this.chunkCount) & (this.slots.length - 1)] = chunk;
    this.chunkCount++;
    this.tail = chunk;
    this.tailFill = 0;
  }

  /** Removes the first chunk, whose ticks are all evicted; keeps it as the spare if there is none. */
  private releaseFirstChunk(): void {
    const chunk = this.slots[this.firstSlot];
    this.slots[this.firstSlot] = undefined;
    this.firstSlot = (this.firstSlot + 1) & (this.slots.length - 1);
    this.chunkCount--;
    this.headOffset = 0;
    if (this.spare === undefined) this.spare = chunk;
  }

  /** Empties the ring; `keepSpare` keeps one chunk for the next append (eviction), clear() frees all. */
  private releaseAll(keepSpare: boolean): void {
    if (keepSpare && this.spare === undefined) this.spare = this.tail;
    else if (!keepSpare) this.spare = undefined;
    this.slots = new Array<TickChunk | undefined>(4);
    this.firstSlot = 0;
    this.chunkCount = 0;
    this.tail = undefined;
    this.tailFill = 0;
    this.headOffset = 0;
    this.length = 0;
  }

  /** Doubles the ring of chunk references (copies references only, one per chunk). */
  private growSlots(): void {
    const next = new Array<TickChunk | undefined>(this.slots.length * 2);
    for (let k = 0; k < this.chunkCount; k++) next[k] = this.chunkAt(k);
    this.slots = next;
    this.firstSlot = 0;
  }
}
