// One fixed-size block of a symbol's tick columns. A chunk is one ArrayBuffer (a single allocation, freed
// as a whole) viewed as the four Float64 columns followed by the flags byte column.

/** Bytes of typed-array storage per tick: time, price, qty, id (Float64) and flags (Uint8). */
export const BYTES_PER_TICK = 8 * 4 + 1;

export const FLAG_BUYER_IS_MAKER = 1;

export type TickColumnName = 'time' | 'price' | 'qty' | 'id';

export class TickChunk {
  readonly time: Float64Array;
  readonly price: Float64Array;
  readonly qty: Float64Array;
  readonly id: Float64Array;
  readonly flags: Uint8Array;

  constructor(readonly size: number) {
    const buffer = new ArrayBuffer(size * BYTES_PER_TICK);
    this.time = new Float64Array(buffer, 0, size);
    this.price = new Float64Array(buffer, 8 * size, size);
    this.qty = new Float64Array(buffer, 16 * size, size);
    this.id = new Float64Array(buffer, 24 * size, size);
    this.flags = new Uint8Array(buffer, 32 * size, size);
  }

  get bytes(): number {
    return this.size * BYTES_PER_TICK;
  }
}
