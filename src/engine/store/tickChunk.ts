// One block of a symbol's tick columns. A chunk covers a fixed range of ring positions (`size`) but allocates
// only `capacity` slots, doubled as it fills (a quiet symbol holds kilobytes, not a full chunk).
//
// Compact layout, 17 bytes a tick, exact: time and id as Int32 deltas from the chunk's first tick, price and
// qty as Int32 multiples of 10^-decimals. A chunk's decimals only grow: a value with more decimals rescales
// the slots written so far (at most once per extra decimal, so an append stays bounded). Any value the
// compact layout cannot hold exactly (a time or id more than 2^31 from the chunk's first, a price that
// needs more than 9 decimals or overflows Int32, NaN) turns the chunk wide: Float64 columns, 33 bytes a tick.
// Either way every stored value reads back === the one appended.

/** Bytes per tick of the compact layout: time, price, qty, id (Int32) and flags (Uint8). */
export const BYTES_PER_TICK = 4 * 4 + 1;
/** Bytes per tick of a chunk that had to fall back to Float64 columns. */
export const WIDE_BYTES_PER_TICK = 8 * 4 + 1;

export const FLAG_BUYER_IS_MAKER = 1;

export type TickColumnName = 'time' | 'price' | 'qty' | 'id';

const MAX_DECIMALS = 9;
const POW10 = Array.from({ length: MAX_DECIMALS + 1 }, (_, d) => 10 ** d);

/** Smallest d ≥ from with round(value·10^d)/10^d === value, or -1 when there is none up to MAX_DECIMALS. */
function decimalsOf(value: number, from: number): number {
  for (let d = from; d <= MAX_DECIMALS; d++) {
    const units = Math.round(value * POW10[d]);
    if ((units | 0) !== units) return -1; // Int32 overflow: more decimals only make it bigger
    if (units / POW10[d] === value) return d;
  }
  return -1;
}

export class TickChunk {
  capacity: number;
  /** Slots written at least once (a wrapping ring rewrites from slot 0 while older slots are still live). */
  private filled = 0;
  private wide = false;
  private baseTime = 0;
  private baseId = 0;
  private priceDecimals = 0;
  private qtyDecimals = 0;
  private priceScale = 1;
  private qtyScale = 1;
  // Compact columns (valid while !wide).
  private time32: Int32Array;
  private price32: Int32Array;
  private qty32: Int32Array;
  private id32: Int32Array;
  // Wide columns (valid while wide).
  private time64 = new Float64Array(0);
  private price64 = new Float64Array(0);
  private qty64 = new Float64Array(0);
  private id64 = new Float64Array(0);
  flags: Uint8Array;

  constructor(
    readonly size: number,
    capacity = size,
  ) {
    this.capacity = Math.min(size, capacity);
    const buffer = new ArrayBuffer(this.capacity * BYTES_PER_TICK);
    const n = this.capacity;
    this.time32 = new Int32Array(buffer, 0, n);
    this.price32 = new Int32Array(buffer, 4 * n, n);
    this.qty32 = new Int32Array(buffer, 8 * n, n);
    this.id32 = new Int32Array(buffer, 12 * n, n);
    this.flags = new Uint8Array(buffer, 16 * n, n);
  }

  /** Typed-array bytes this chunk holds. */
  get bytes(): number {
    return this.capacity * (this.wide ? WIDE_BYTES_PER_TICK : BYTES_PER_TICK);
  }

  get isWide(): boolean {
    return this.wide;
  }

  write(slot: number, time: number, price: number, qty: number, id: number, flags: number): void {
    if (this.filled === 0) {
      this.baseTime = time;
      this.baseId = id;
    }
    if (slot >= this.filled) this.filled = slot + 1;
    this.flags[slot] = flags;
    if (!this.wide) {
      const dt = time - this.baseTime;
      const di = id - this.baseId;
      const p = Math.round(price * this.priceScale);
      const q = Math.round(qty * this.qtyScale);
      if ((dt | 0) === dt && (di | 0) === di && (p | 0) === p && p / this.priceScale === price && (q | 0) === q && q / this.qtyScale === qty) {
        this.time32[slot] = dt;
        this.id32[slot] = di;
        this.price32[slot] = p;
        this.qty32[slot] = q;
        return;
      }
      // Slow path. The slot may hold a stale value of an earlier lap: cleared so a rescale ignores it.
      this.price32[slot] = this.qty32[slot] = 0;
      if (!this.adapt(time, price, qty, id)) this.widen();
      else {
        this.time32[slot] = time - this.baseTime;
        this.id32[slot] = id - this.baseId;
        this.price32[slot] = Math.round(price * this.priceScale);
        this.qty32[slot] = Math.round(qty * this.qtyScale);
        return;
      }
    }
    this.time64[slot] = time;
    this.price64[slot] = price;
    this.qty64[slot] = qty;
    this.id64[slot] = id;
  }

  timeAt(slot: number): number {
    return this.wide ? this.time64[slot] : this.baseTime + this.time32[slot];
  }
  priceAt(slot: number): number {
    return this.wide ? this.price64[slot] : this.price32[slot] / this.priceScale;
  }
  qtyAt(slot: number): number {
    return this.wide ? this.qty64[slot] : this.qty32[slot] / this.qtyScale;
  }
  idAt(slot: number): number {
    return this.wide ? this.id64[slot] : this.baseId + this.id32[slot];
  }

  /** Decodes column `name` of slots [from, to) into `out` at `at`. */
  copyColumn(name: TickColumnName, from: number, to: number, out: Float64Array, at: number): void {
    if (this.wide) {
      const column = name === 'time' ? this.time64 : name === 'price' ? this.price64 : name === 'qty' ? this.qty64 : this.id64;
      out.set(column.subarray(from, to), at);
      return;
    }
    if (name === 'time' || name === 'id') {
      const column = name === 'time' ? this.time32 : this.id32;
      const base = name === 'time' ? this.baseTime : this.baseId;
      for (let k = from; k < to; k++) out[at++] = base + column[k];
    } else {
      const column = name === 'price' ? this.price32 : this.qty32;
      const scale = name === 'price' ? this.priceScale : this.qtyScale;
      for (let k = from; k < to; k++) out[at++] = column[k] / scale;
    }
  }

  /** Doubles the allocated slots (up to `size`), copying the slots written so far. */
  grow(): void {
    const n = Math.min(this.size, this.capacity * 2);
    if (n === this.capacity) return;
    const used = this.filled;
    const oldFlags = this.flags;
    if (this.wide) {
      const copy = (from: Float64Array) => {
        const to = new Float64Array(n);
        to.set(from.subarray(0, used));
        return to;
      };
      [this.time64, this.price64, this.qty64, this.id64] = [copy(this.time64), copy(this.price64), copy(this.qty64), copy(this.id64)];
      this.flags = new Uint8Array(n);
    } else {
      const buffer = new ArrayBuffer(n * BYTES_PER_TICK);
      const copy = (from: Int32Array, offset: number) => {
        const to = new Int32Array(buffer, offset, n);
        to.set(from.subarray(0, used));
        return to;
      };
      [this.time32, this.price32, this.qty32, this.id32] = [copy(this.time32, 0), copy(this.price32, 4 * n), copy(this.qty32, 8 * n), copy(this.id32, 12 * n)];
      this.flags = new Uint8Array(buffer, 16 * n, n);
    }
    this.flags.set(oldFlags.subarray(0, used));
    this.capacity = n;
  }

  /** Forgets every tick (the chunk is reused as a ring's spare); a wide chunk stays wide. */
  reset(): void {
    this.filled = 0;
    this.priceDecimals = this.qtyDecimals = 0;
    this.priceScale = this.qtyScale = 1;
  }

  /**
   * More decimals for price and/or qty so the new tick fits the compact layout, rescaling the slots written
   * so far. False when it cannot fit (time/id delta, overflow, no finite decimal form).
   */
  private adapt(time: number, price: number, qty: number, id: number): boolean {
    const dt = time - this.baseTime;
    const di = id - this.baseId;
    if ((dt | 0) !== dt || (di | 0) !== di) return false;
    const pd = decimalsOf(price, this.priceDecimals);
    const qd = decimalsOf(qty, this.qtyDecimals);
    if (pd < 0 || qd < 0) return false;
    const priceFactor = POW10[pd - this.priceDecimals];
    const qtyFactor = POW10[qd - this.qtyDecimals];
    if (!this.fitsScaled(this.price32, priceFactor) || !this.fitsScaled(this.qty32, qtyFactor)) return false;
    this.scale(this.price32, priceFactor);
    this.scale(this.qty32, qtyFactor);
    this.priceDecimals = pd;
    this.qtyDecimals = qd;
    this.priceScale = POW10[pd];
    this.qtyScale = POW10[qd];
    return true;
  }

  /** True when every written slot times `factor` still fits Int32. */
  private fitsScaled(column: Int32Array, factor: number): boolean {
    if (factor === 1) return true;
    const limit = 2 ** 31 / factor;
    for (let k = 0; k < this.filled; k++) if (Math.abs(column[k]) >= limit) return false;
    return true;
  }

  private scale(column: Int32Array, factor: number): void {
    if (factor !== 1) for (let k = 0; k < this.filled; k++) column[k] *= factor;
  }

  /** Falls back to Float64 columns, decoding the slots written so far. */
  private widen(): void {
    const n = this.capacity;
    const used = this.filled;
    const t = new Float64Array(n), p = new Float64Array(n), q = new Float64Array(n), i = new Float64Array(n);
    this.copyColumn('time', 0, used, t, 0);
    this.copyColumn('price', 0, used, p, 0);
    this.copyColumn('qty', 0, used, q, 0);
    this.copyColumn('id', 0, used, i, 0);
    const flags = new Uint8Array(n);
    flags.set(this.flags.subarray(0, used));
    [this.time64, this.price64, this.qty64, this.id64, this.flags] = [t, p, q, i, flags];
    this.time32 = this.price32 = this.qty32 = this.id32 = new Int32Array(0);
    this.wide = true;
  }
}
