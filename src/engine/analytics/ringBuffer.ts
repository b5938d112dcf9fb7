// Fixed-capacity FIFO of numbers on a Float64Array: the window every rolling statistic slides over.
// Pushing returns the value that fell out, so a statistic can remove it in O(1).
// Indices wrap by one subtraction, not `%`: a modulo by a field is an integer division (~25 cycles), and the
// window refits read every value on every bar (Theil-Sen's rebuild reads each w times).

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
      this.data[this.index(this.count)] = value;
      this.count++;
      return undefined;
    }
    const evicted = this.data[this.start];
    this.data[this.start] = value;
    this.start = this.index(1);
    return evicted;
  }

  /** The i-th value, 0 = oldest (0 ≤ i < length). */
  get(i: number): number {
    return this.data[this.index(i)];
  }

  /** Position in `data` of the i-th value: start + i < 2·capacity for 0 ≤ i ≤ capacity. */
  private index(i: number): number {
    const k = this.start + i;
    return k < this.capacity ? k : k - this.capacity;
  }

  last(): number {
    return this.get(this.count - 1);
  }

  /** Copies the values, oldest first, into `out` (allocation-free for hot paths); returns the count. */
  copyTo(out: Float64Array): number {
    const data = this.data;
    const firstRun = Math.min(this.count, this.capacity - this.start);
    for (let i = 0; i < firstRun; i++) out[i] = data[this.start + i];
    for (let i = firstRun; i < this.count; i++) out[i] = data[i - firstRun];
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
