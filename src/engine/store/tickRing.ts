// One symbol's ticks as columnar typed arrays, kept in fixed-size chunks: no JS object per tick, and growth
// never copies a stored tick (the next chunk is allocated when the tail reaches it), so an append is O(1)
// with at most one chunk allocation.
//
// A chunk allocates only part of its positions at first (see TickChunk): a ring holding few ticks starts
// its chunk at MIN_CHUNK_TICKS slots and doubles it as it fills, a ring that already holds a chunk's worth
// allocates new chunks whole. Only the tail chunk is ever partly allocated.
//
// A tick's position decides its chunk: chunk j holds positions [j·C, (j+1)·C).
//  - With a count bound M, positions wrap at M: the ring's capacity is exactly M, cut into chunks of C
//    (the last one shorter), allocated as first written. At the bound, the tail writes over the oldest tick;
//    the store never holds more than M ticks of storage.
//  - Without one, positions only grow and chunks sit in a growable ring of references keyed by j.
// The age bound (ticks older than the newest minus maxAgeMs) and the count bound release every chunk the
// oldest tick moves past; one released chunk is kept as a spare, so a busy bounded store recycles chunks.
import { EngineError } from '../errors';
import { BYTES_PER_TICK, FLAG_BUYER_IS_MAKER, TickChunk, type TickColumnName } from './tickChunk';

export { BYTES_PER_TICK, FLAG_BUYER_IS_MAKER };

/** Ticks per chunk unless chosen otherwise: 32 768 × 17 bytes ≈ 557 kB per full chunk. */
export const DEFAULT_CHUNK_TICKS = 32_768;

/** Slots a chunk starts with when its ring holds fewer ticks (64 × 17 bytes ≈ 1 kB). */
export const MIN_CHUNK_TICKS = 64;

/** Largest count bound accepted (2^32 ticks, 141 GB): keeps the table of chunk references small. */
export const MAX_COUNT_BOUND = 2 ** 32;

export interface TickRingBounds {
  /** Keep at most this many ticks (the oldest are overwritten). A whole number from 1 to MAX_COUNT_BOUND. */
  maxCount?: number;
  /** Keep only ticks whose time is within this many ms of the newest tick. */
  maxAgeMs?: number;
  /** Ticks per chunk (default DEFAULT_CHUNK_TICKS); small values let tests cross many chunks. */
  chunkTicks?: number;
  /** Slots a chunk starts with in a ring holding fewer ticks (default MIN_CHUNK_TICKS), then doubled. */
  minChunkTicks?: number;
}

/** Visitor for one stored tick; receives columns, not an object, to stay allocation-free. */
export type TickVisitor = (time: number, price: number, qty: number, id: number, buyerIsMaker: boolean) => void;

function checkBounds(bounds: TickRingBounds): void {
  const { maxCount, maxAgeMs, chunkTicks, minChunkTicks } = bounds;
  if (maxCount !== undefined && maxCount !== Infinity && !(Number.isInteger(maxCount) && maxCount >= 1 && maxCount <= MAX_COUNT_BOUND)) {
    throw new EngineError('BAD_ARGUMENT', `tick store maxCount must be a whole number from 1 to ${MAX_COUNT_BOUND}, got ${maxCount}`);
  }
  if (maxAgeMs !== undefined && !(maxAgeMs >= 0)) {
    throw new EngineError('BAD_ARGUMENT', `tick store maxAgeMs must be a number of ms ≥ 0, got ${maxAgeMs}`);
  }
  if (chunkTicks !== undefined && !(Number.isInteger(chunkTicks) && chunkTicks >= 1 && chunkTicks <= 1 << 24)) {
    throw new EngineError('BAD_ARGUMENT', `tick store chunkTicks must be a whole number from 1 to ${1 << 24}, got ${chunkTicks}`);
  }
  if (minChunkTicks !== undefined && !(Number.isInteger(minChunkTicks) && minChunkTicks >= 1)) {
    throw new EngineError('BAD_ARGUMENT', `tick store minChunkTicks must be a whole number ≥ 1, got ${minChunkTicks}`);
  }
}

export class TickRing {
  private readonly maxCount: number;
  private readonly maxAgeMs: number;
  /** True with a count bound: positions wrap at maxCount and `slots` is indexed by chunk number. */
  private readonly wraps: boolean;
  /** Ticks per chunk (the last chunk of a wrapping ring may be shorter). */
  private readonly chunkTicks: number;
  private readonly minChunkTicks: number;
  /** Chunks in a wrapping ring. */
  private readonly chunkTotal: number;
  /** Chunk references: by chunk number when wrapping, else by chunk number & mask (a power-of-two ring). */
  private slots: Array<TickChunk | undefined>;
  private mask = 0;
  /** Position of the oldest tick. */
  private headPos = 0;
  private length = 0;
  /** Chunk the next append writes into (undefined when empty), its number and the next offset in it. */
  private tail: TickChunk | undefined;
  private tailChunk = 0;
  private tailOffset = 0;
  /** A released full-size chunk kept for the next allocation. */
  private spare: TickChunk | undefined;

  constructor(bounds: TickRingBounds = {}) {
    checkBounds(bounds);
    this.maxCount = bounds.maxCount ?? Infinity;
    this.maxAgeMs = bounds.maxAgeMs ?? Infinity;
    this.wraps = this.maxCount !== Infinity;
    this.chunkTicks = Math.min(bounds.chunkTicks ?? DEFAULT_CHUNK_TICKS, this.maxCount);
    this.minChunkTicks = bounds.minChunkTicks ?? MIN_CHUNK_TICKS;
    this.chunkTotal = this.wraps ? Math.ceil(this.maxCount / this.chunkTicks) : Infinity;
    this.slots = this.emptySlots();
  }

  get count(): number {
    return this.length;
  }

  /** Typed-array bytes allocated: every chunk held, including the spare and unwritten slots. O(chunks). */
  get bytes(): number {
    let total = this.spare ? this.spare.bytes : 0;
    for (const chunk of this.slots) if (chunk !== undefined) total += chunk.bytes;
    return total;
  }

  /** Appends one tick; callers append in non-decreasing time (the feed delivers in id order). O(1). */
  append(time: number, price: number, qty: number, id: number, buyerIsMaker: boolean): void {
    if (this.length === this.maxCount) this.dropOldest(1);
    if (this.tail === undefined || this.tailOffset === this.tail.size) this.advanceTail();
    const chunk = this.tail as TickChunk;
    if (this.tailOffset === chunk.capacity) chunk.grow();
    chunk.write(this.tailOffset++, time, price, qty, id, buyerIsMaker ? FLAG_BUYER_IS_MAKER : 0);
    this.length++;
    if (this.maxAgeMs !== Infinity) this.evictOlderThan(time - this.maxAgeMs);
  }

  /** Drops every tick whose time is before `minTime` (ticks are in time order). */
  evictOlderThan(minTime: number): void {
    if (this.length === 0 || !(this.timeAt(0) < minTime)) return;
    // Gallop from the oldest tick: an eviction usually drops a few ticks, so this costs O(log dropped).
    let below = 0;
    let step = 1;
    let atOrAbove = this.length;
    while (below + step < this.length) {
      if (this.timeAt(below + step) >= minTime) {
        atOrAbove = below + step;
        break;
      }
      below += step;
      step *= 2;
    }
    let lo = below + 1;
    let hi = atOrAbove;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < minTime) lo = mid + 1;
      else hi = mid;
    }
    this.dropOldest(lo);
  }

  timeAt(index: number): number {
    const p = this.position(index);
    const j = Math.floor(p / this.chunkTicks);
    return this.chunkAt(j).timeAt(p - j * this.chunkTicks);
  }
  priceAt(index: number): number {
    const p = this.position(index);
    const j = Math.floor(p / this.chunkTicks);
    return this.chunkAt(j).priceAt(p - j * this.chunkTicks);
  }
  qtyAt(index: number): number {
    const p = this.position(index);
    const j = Math.floor(p / this.chunkTicks);
    return this.chunkAt(j).qtyAt(p - j * this.chunkTicks);
  }
  idAt(index: number): number {
    const p = this.position(index);
    const j = Math.floor(p / this.chunkTicks);
    return this.chunkAt(j).idAt(p - j * this.chunkTicks);
  }
  buyerIsMakerAt(index: number): boolean {
    const p = this.position(index);
    const j = Math.floor(p / this.chunkTicks);
    return (this.chunkAt(j).flags[p - j * this.chunkTicks] & FLAG_BUYER_IS_MAKER) !== 0;
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
    const total = Math.max(0, this.lowerBound(toTime) - start);
    let remaining = total;
    const p = this.position(start);
    let j = Math.floor(p / this.chunkTicks);
    let offset = p - j * this.chunkTicks;
    while (remaining > 0) {
      const c = this.chunkAt(j);
      const stop = Math.min(c.size, offset + remaining);
      for (let k = offset; k < stop; k++) visit(c.timeAt(k), c.priceAt(k), c.qtyAt(k), c.idAt(k), (c.flags[k] & FLAG_BUYER_IS_MAKER) !== 0);
      remaining -= stop - offset;
      j = this.nextChunk(j);
      offset = 0;
    }
    return total;
  }

  /** Decodes the column `name` for logical indexes [start, end) into a new array. */
  copyColumn(name: TickColumnName, start = 0, end = this.length): Float64Array {
    const out = new Float64Array(Math.max(0, end - start));
    let written = 0;
    const p = this.position(start);
    let j = Math.floor(p / this.chunkTicks);
    let offset = p - j * this.chunkTicks;
    while (written < out.length) {
      const c = this.chunkAt(j);
      const stop = Math.min(c.size, offset + out.length - written);
      c.copyColumn(name, offset, stop, out, written);
      written += stop - offset;
      j = this.nextChunk(j);
      offset = 0;
    }
    return out;
  }

  /** Drops every tick and frees every chunk. */
  clear(): void {
    this.releaseAll();
    this.spare = undefined;
  }

  /** Position of the tick at logical index `index` (0 = oldest). */
  private position(index: number): number {
    const p = this.headPos + index;
    return this.wraps && p >= this.maxCount ? p - this.maxCount : p;
  }

  private chunkAt(j: number): TickChunk {
    return this.slots[this.wraps ? j : j & this.mask] as TickChunk;
  }

  private nextChunk(j: number): number {
    return this.wraps && j + 1 === this.chunkTotal ? 0 : j + 1;
  }

  /** Drops the `n` oldest ticks and releases the chunks the oldest tick moves past. */
  private dropOldest(n: number): void {
    if (n <= 0) return;
    if (n >= this.length) {
      this.releaseAll();
      return;
    }
    const fromChunk = Math.floor(this.headPos / this.chunkTicks);
    this.headPos = this.position(n);
    this.length -= n;
    const toChunk = Math.floor(this.headPos / this.chunkTicks);
    // The tail's chunk holds the newest ticks; in a wrapping ring it can be the chunk the head just left.
    for (let j = fromChunk; j !== toChunk; j = this.nextChunk(j)) if (j !== this.tailChunk) this.release(j);
  }

  /**
   * Moves the tail to the next chunk (chunk 0 when empty). A wrapping ring may still hold it (written
   * on an earlier lap); otherwise it is new (and its masked slot may alias an older chunk, so never look).
   */
  private advanceTail(): void {
    if (this.tail !== undefined) this.tailChunk = this.nextChunk(this.tailChunk);
    this.tailOffset = 0;
    this.tail = (this.wraps ? this.chunkAt(this.tailChunk) : undefined) ?? this.allocate(this.tailChunk);
  }

  private allocate(j: number): TickChunk {
    const size = this.wraps ? Math.min(this.chunkTicks, this.maxCount - j * this.chunkTicks) : this.chunkTicks;
    // Room for as many ticks as the ring holds now (a power of two), at least minChunkTicks.
    let capacity = this.minChunkTicks;
    while (capacity < this.length + 1 && capacity < size) capacity *= 2;
    capacity = Math.min(capacity, size);
    let chunk: TickChunk;
    if (this.spare !== undefined && this.spare.size === size && capacity === size) {
      chunk = this.spare;
      this.spare = undefined;
      chunk.reset();
    } else chunk = new TickChunk(size, capacity);
    if (!this.wraps) {
      // Chunks held run from the head's chunk to j; widen the ring of references if they no longer fit.
      const span = j - Math.floor(this.headPos / this.chunkTicks) + 1;
      if (span > this.slots.length) this.growSlots(span);
    }
    this.slots[this.wraps ? j : j & this.mask] = chunk;
    return chunk;
  }

  private release(j: number): void {
    const s = this.wraps ? j : j & this.mask;
    const chunk = this.slots[s];
    if (chunk === undefined) return;
    this.slots[s] = undefined;
    if (this.spare === undefined && this.isSpareWorthy(chunk)) this.spare = chunk;
  }

  /** Empties the ring, keeping one chunk as the spare. */
  private releaseAll(): void {
    for (const chunk of this.slots) {
      if (chunk !== undefined && this.spare === undefined && this.isSpareWorthy(chunk)) this.spare = chunk;
    }
    this.slots = this.emptySlots();
    this.headPos = 0;
    this.length = 0;
    this.tail = undefined;
    this.tailChunk = 0;
    this.tailOffset = 0;
  }

  /** Only a whole, compact, full-size chunk is kept for reuse. */
  private isSpareWorthy(chunk: TickChunk): boolean {
    return chunk.size === this.chunkTicks && chunk.capacity === chunk.size && !chunk.isWide;
  }

  private emptySlots(): Array<TickChunk | undefined> {
    const slots = new Array<TickChunk | undefined>(this.wraps ? this.chunkTotal : 4).fill(undefined);
    this.mask = slots.length - 1;
    return slots;
  }

  /** Re-keys the held chunks into a ring of references at least `span` long (copies references only). */
  private growSlots(span: number): void {
    let size = this.slots.length * 2;
    while (size < span) size *= 2;
    const next = new Array<TickChunk | undefined>(size).fill(undefined);
    const first = Math.floor(this.headPos / this.chunkTicks);
    for (let j = first; j < first + span - 1; j++) next[j & (size - 1)] = this.chunkAt(j);
    this.slots = next;
    this.mask = size - 1;
  }
}
