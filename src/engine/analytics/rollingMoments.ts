// Rolling mean and sample variance of one series over a fixed window, updated in O(1) per value.
// Welford's update with removal keeps the sum of squared deviations around the running mean, never
// raw sums of squares (which lose every digit for prices near 60,000 with moves of a few dollars).
// Values are shifted by a reference level so the running mean holds small deviations. Removal slowly
// accumulates rounding, so every `capacity` pushes the moments are recomputed exactly from the
// window by two passes (re-centring the shift): O(window) once per window, i.e. amortised O(1).
import { RingBuffer } from './ringBuffer';
import { isRoundingNoise } from './roundingNoise';

/** m2 below this fraction of its recent peak has lost too many digits to removal: recompute exactly. */
export const CANCELLATION_RATIO = 1e-4;

export class RollingMoments {
  private readonly window: RingBuffer;
  /** Reference level subtracted from every value; meanValue is the mean of value − shift. */
  private shift = 0;
  private meanValue = 0;
  /** Sum of squared deviations from the mean. */
  private m2 = 0;
  private pushesSinceExact = 0;
  /** Largest m2 since the last exact recompute: when m2 falls far below it (a big value left the window), the
   * digits it lost to cancellation matter, so the moments are recomputed at once. */
  private m2Peak = 0;

  constructor(readonly capacity: number) {
    this.window = new RingBuffer(capacity);
  }

  get count(): number {
    return this.window.length;
  }

  get full(): boolean {
    return this.window.full;
  }

  push(raw: number): void {
    const evictedRaw = this.window.push(raw);
    if (this.window.length === 1 && evictedRaw === undefined) this.shift = raw;
    const value = raw - this.shift;
    const evicted = evictedRaw === undefined ? undefined : evictedRaw - this.shift;
    if (evicted !== undefined) {
      // Remove first (n → n−1), then add (n−1 → n); the window count is already n.
      const n = this.window.length;
      const meanWithout = this.meanValue - (evicted - this.meanValue) / (n - 1);
      this.m2 -= (evicted - this.meanValue) * (evicted - meanWithout);
      this.meanValue = meanWithout;
      const delta = value - this.meanValue;
      this.meanValue += delta / n;
      this.m2 += delta * (value - this.meanValue);
    } else {
      const n = this.window.length;
      const delta = value - this.meanValue;
      this.meanValue += delta / n;
      this.m2 += delta * (value - this.meanValue);
    }
    if (this.m2 > this.m2Peak) this.m2Peak = this.m2;
    if (++this.pushesSinceExact >= this.capacity || this.m2 < this.m2Peak * CANCELLATION_RATIO) this.recomputeExactly();
  }

  /** Mean of the window; NaN-free: 0 for an empty window (check `count`). */
  get mean(): number {
    return this.window.length ? this.shift + this.meanValue : 0;
  }

  /** Sample variance (n − 1 in the denominator); null with fewer than 2 values; exactly 0 when the
   *  window is constant up to rounding (Welford's removals leave ~1e-22, not 0, on equal values). */
  get variance(): number | null {
    const n = this.window.length;
    if (n < 2) return null;
    const variance = Math.max(this.m2, 0) / (n - 1);
    return isRoundingNoise(Math.sqrt(variance), Math.abs(this.mean) + Math.sqrt(Math.max(this.m2, 0)), n) ? 0 : variance;
  }

  get std(): number | null {
    const v = this.variance;
    return v === null ? null : Math.sqrt(v);
  }

  last(): number {
    return this.window.last();
  }

  values(): Float64Array {
    return this.window.toArray();
  }

  clear(): void {
    this.window.clear();
    this.shift = 0;
    this.meanValue = 0;
    this.m2 = 0;
    this.pushesSinceExact = 0;
    this.m2Peak = 0;
  }

  private recomputeExactly(): void {
    const n = this.window.length;
    this.shift = this.window.last();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.window.get(i) - this.shift;
    const mean = sum / n;
    let m2 = 0;
    let correction = 0;
    for (let i = 0; i < n; i++) {
      const d = this.window.get(i) - this.shift - mean;
      m2 += d * d;
      correction += d;
    }
    // Corrected two-pass (Chan, Golub & LeVeque): removes the residual error of the first-pass mean.
    this.meanValue = mean + correction / n;
    this.m2 = m2 - (correction * correction) / n;
    this.pushesSinceExact = 0;
    this.m2Peak = this.m2;
  }
}
