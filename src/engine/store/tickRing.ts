// One symbol's ticks as columnar typed arrays in a ring: no JS object is kept per tick, so millions of
// ticks cost a few dozen bytes each. Capacity grows geometrically up to the count bound, then the oldest
// tick is overwritten; an age bound evicts ticks older than the newest minus maxAgeMs.

/** Bytes of typed-array storage per tick: time, price, qty, id (Float64) and flags (Uint8). */
export const BYTES_PER_TICK = 8 * 4 + 1;

export const FLAG_BUYER_IS_MAKER = 1;

const INITIAL_CAPACITY = 1024;

export interface TickRingBounds {
  /** Keep at most this many ticks (the oldest are overwritten). */
  maxCount?: number;
  /** Keep only ticks whose time is within this many ms of the newest tick. */
  maxAgeMs?: number;
}

/** Visitor for one stored tick; receives columns, not an object, to stay allocation-free. */
export type TickVisitor = (time: number, price: number, qty: number, id: number, buyerIsMaker: boolean) => void;

export class TickRing {
  private capacity: number;
  private time: Float64Array;
  private price: Float64Array;
  private qty: Float64Array;
  private id: Float64Array;
  private flags: Uint8Array;
  /** Physical index of the oldest tick. */
  private head = 0;
  private length = 0;
  private readonly maxCount: number;
  private readonly maxAgeMs: number;

  constructor(bounds: TickRingBounds = {}) {
    this.maxCount = bounds.maxCount ?? Infinity;
    this.maxAgeMs = bounds.maxAgeMs ?? Infinity;
    this.capacity = Math.max(1, Math.min(INITIAL_CAPACITY, this.maxCount));
    this.time = new Float64Array(this.capacity);
    this.price = new Float64Array(this.capacity);
    this.qty = new Float64Array(this.capacity);
    this.id = new Float64Array(this.capacity);
    this.flags = new Uint8Array(this.capacity);
  }

  get count(): number {
    return this.length;
  }

  /** Typed-array bytes allocated (capacity, not just the ticks in use). */
  get bytes(): number {
    return this.capacity * BYTES_PER_TICK;
  }

  /** Appends one tick; callers append in non-decreasing time (the feed delivers in id order). O(1) amortised. */
  append(time: number, price: number, qty: number, id: number, buyerIsMaker: boolean): void {
    if (this.length === this.capacity) {
      if (this.capacity < this.maxCount) this.grow();
      else this.dropOldest(1);
    }
    const slot = (this.head + this.length) % this.capacity;
    this.time[slot] = time;
    this.price[slot] = price;
    this.qty[slot] = qty;
    this.id[slot] = id;
    this.flags[slot] = buyerIsMaker ? FLAG_BUYER_IS_MAKER : 0;
    this.length++;
    if (this.maxAgeMs !== Infinity) this.evictOlderThan(time - this.maxAgeMs);
  }

  /** Drops every tick whose time is before `minTime` (oldest first, so it stops at the first kept one). */
  evictOlderThan(minTime: number): void {
    while (this.length > 0 && this.time[this.head] < minTime) this.dropOldest(1);
  }

  timeAt(index: number): number {
    return this.time[this.physical(index)];
  }
  priceAt(index: number): number {
    return this.price[this.physical(index)];
  }
  qtyAt(index: number): number {
    return this.qty[this.physical(index)];
  }
  idAt(index: number): number {
    return this.id[this.physical(index)];
  }
  buyerIsMakerAt(index: number): boolean {
    return (this.flags[this.physical(index)] & FLAG_BUYER_IS_MAKER) !== 0;
  }

  /** Logical index of the first tick with time >= `time` (binary search; ticks are in time order). */
  lowerBound(time: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time[this.physical(mid)] < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Visits ticks with fromTime <= time < toTime, oldest first. */
  forEachInRange(fromTime: number, toTime: number, visit: TickVisitor): number {
    const start = this.lowerBound(fromTime);
    const end = this.lowerBound(toTime);
    for (let i = start; i < end; i++) {
      const p = this.physical(i);
      visit(this.time[p], this.price[p], this.qty[p], this.id[p], (this.flags[p] & FLAG_BUYER_IS_MAKER) !== 0);
    }
    return end - start;
  }

  /** Copies the column `name` for logical indexes [start, end) into a new array. */
  copyColumn(name: 'time' | 'price' | 'qty' | 'id', start = 0, end = this.length): Float64Array {
    const source = this[name];
    const out = new Float64Array(Math.max(0, end - start));
    for (let i = start; i < end; i++) out[i - start] = source[this.physical(i)];
    return out;
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }

  private physical(index: number): number {
    const p = this.head + index;
    return p < this.capacity ? p : p - this.capacity;
  }

  private dropOldest(n: number): void {
    this.head = (this.head + n) % this.capacity;
    this.length -= n;
  }

  /**
   * Grows the capacity by half (capped by maxCount), unwrapping the ring so the oldest tick lands at index 0.
   * 1.5 rather than 2 keeps the unused tail, and so the bytes per tick, lower for large stores.
   */
  private grow(): void {
    const next = Math.min(Math.ceil(this.capacity * 1.5), this.maxCount);
    const move = <T extends Float64Array | Uint8Array>(old: T, fresh: T): T => {
      for (let i = 0; i < this.length; i++) fresh[i] = old[this.physical(i)];
      return fresh;
    };
    this.time = move(this.time, new Float64Array(next));
    this.price = move(this.price, new Float64Array(next));
    this.qty = move(this.qty, new Float64Array(next));
    this.id = move(this.id, new Float64Array(next));
    this.flags = move(this.flags, new Uint8Array(next));
    this.head = 0;
    this.capacity = next;
  }
}
