// Fixed-capacity FIFO of numbers on a Float64Array: the window every rolling statistic slides over.
// Pushing returns the value that fell out, so a statistic can remove it in O(1).

export class RingBuffer {
  private readonly data: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
    this.data = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Appends `value`; returns the evicted oldest value when the buffer was full, else undefined. */
  push(value: number): number | undefined {
    if (this.count < this.capacity) {
      this.data[(this.start + this.count) % this.capacity] = value;
      this.count++;
      return undefined;
    }
    const evicted = this.data[this.start];
    this.data[this.start] = value;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  /** The i-th value, 0 = oldest. */
  get(i: number): number {
    return this.data[(this.start + i) % this.capacity];
  }

  last(): number {
    return this.get(this.count - 1);
  }

  /** Copies the values, oldest first, into `out` (allocation-free for hot paths); returns the count. */
  copyTo(out: Float64Array): number {
    for (let i = 0; i < this.count; i++) out[i] = this.data[(this.start + i) % this.capacity];
    return this.count;
  }

  toArray(): Float64Array {
    const out = new Float64Array(this.count);
    this.copyTo(out);
    return out;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }
}
