// Per-symbol columnar tick store: the feed appends, bars and analytics read ranges back without
// per-tick objects. Bounded by age and/or count; storage grows and shrinks in chunks of 17 bytes a tick
// (exact), so an append copies at most the first chunk's slots while it doubles (see TickRing, TickChunk).
import type { Tick } from '../types';
import { BYTES_PER_TICK, TickRing, type TickRingBounds, type TickVisitor } from './tickRing';

/** Copies of one symbol's columns for a time range (index i of every array is the same tick). */
export interface TickColumns {
  length: number;
  time: Float64Array;
  price: Float64Array;
  qty: Float64Array;
  id: Float64Array;
}

export class TickStore {
  private readonly rings = new Map<string, TickRing>();

  constructor(private readonly bounds: TickRingBounds = {}) {}

  append(tick: Tick): void {
    this.ring(tick.symbol).append(tick.time, tick.price, tick.qty, tick.id, tick.buyerIsMaker);
  }

  /** Appends one trade to series `key` (a symbol, or any name such as an imported file's series). */
  appendTrade(key: string, time: number, price: number, qty: number, id: number, buyerIsMaker: boolean): void {
    this.ring(key).append(time, price, qty, id, buyerIsMaker);
  }

  /**
   * Moves series `fromKey` of `from` into this store as `key` (replacing any series of that name), with the
   * bounds it was made with: imported trades join the desk's store without a copy.
   */
  adopt(key: string, from: TickStore, fromKey: string): void {
    const ring = from.rings.get(fromKey);
    if (!ring) return;
    from.rings.delete(fromKey);
    this.rings.set(key, ring);
  }

  appendBatch(ticks: Iterable<Tick>): void {
    for (const tick of ticks) this.append(tick);
  }

  symbols(): string[] {
    return [...this.rings.keys()];
  }

  count(symbol: string): number {
    return this.rings.get(symbol)?.count ?? 0;
  }

  /** Id of the newest stored tick, or undefined when the symbol has none. */
  lastId(symbol: string): number | undefined {
    const ring = this.rings.get(symbol);
    return ring && ring.count > 0 ? ring.idAt(ring.count - 1) : undefined;
  }

  lastTime(symbol: string): number | undefined {
    const ring = this.rings.get(symbol);
    return ring && ring.count > 0 ? ring.timeAt(ring.count - 1) : undefined;
  }

  firstTime(symbol: string): number | undefined {
    const ring = this.rings.get(symbol);
    return ring && ring.count > 0 ? ring.timeAt(0) : undefined;
  }

  /** Price of the newest stored tick with time < `time`, or undefined when there is none. */
  lastPriceBefore(symbol: string, time: number): number | undefined {
    const ring = this.rings.get(symbol);
    const index = ring ? ring.lowerBound(time) - 1 : -1;
    return ring && index >= 0 ? ring.priceAt(index) : undefined;
  }

  /** Visits the ticks with fromTime <= time < toTime in order, without allocating; returns how many. */
  forEachInRange(symbol: string, fromTime: number, toTime: number, visit: TickVisitor): number {
    return this.rings.get(symbol)?.forEachInRange(fromTime, toTime, visit) ?? 0;
  }

  /** Copies of the ticks with fromTime <= time < toTime. */
  range(symbol: string, fromTime: number, toTime: number): TickColumns {
    const ring = this.rings.get(symbol);
    if (!ring) return { length: 0, time: new Float64Array(0), price: new Float64Array(0), qty: new Float64Array(0), id: new Float64Array(0) };
    const start = ring.lowerBound(fromTime);
    const end = Math.max(start, ring.lowerBound(toTime));
    return {
      length: end - start,
      time: ring.copyColumn('time', start, end),
      price: ring.copyColumn('price', start, end),
      qty: ring.copyColumn('qty', start, end),
      id: ring.copyColumn('id', start, end),
    };
  }

  /** All stored ids of the symbol, oldest first (for gap checks). */
  ids(symbol: string): Float64Array {
    return this.rings.get(symbol)?.copyColumn('id') ?? new Float64Array(0);
  }

  clear(symbol?: string): void {
    if (symbol === undefined) this.rings.clear();
    else this.rings.delete(symbol);
  }

  /** Bytes of typed-array storage per tick slot. */
  bytesPerTick(): number {
    return BYTES_PER_TICK;
  }

  /**
   * Typed-array bytes allocated over all symbols: whole chunks, including unwritten slots and one spare chunk
   * per symbol. With a count bound, at most maxCount × bytesPerTick() per symbol.
   */
  memoryBytes(): number {
    let total = 0;
    for (const ring of this.rings.values()) total += ring.bytes;
    return total;
  }

  private ring(symbol: string): TickRing {
    let ring = this.rings.get(symbol);
    if (!ring) {
      ring = new TickRing(this.bounds);
      this.rings.set(symbol, ring);
    }
    return ring;
  }
}
