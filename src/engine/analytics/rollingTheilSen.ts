// Theil-Sen on a sliding window, incrementally: the multiset of pairwise slopes is kept sorted. A new bar
// removes the evicted point's w − 1 slopes and adds the new point's w − 1 slopes (each batch sorted, then
// one merge pass over the ~w²/2 slopes): O(w log w + w²) memory-linear work instead of recomputing and
// selecting among all slopes. The median is then read off directly. Each slope is computed as
// (y_newer − y_older)/(x_newer − x_older) both when added and when removed, so removal matches exactly.
// Same result as TheilSenFitter on the window (tested).
import { EngineError } from '../errors';
import { RingBuffer } from './ringBuffer';
import type { LineFit } from './rollingCoMoments';
import { medianInPlace } from './select';

export class RollingTheilSen {
  private readonly xs: RingBuffer;
  private readonly ys: RingBuffer;
  /** Two halves: the sorted slopes live in one (at `base`), the next merge writes the other. */
  private readonly slopes: Float64Array;
  private readonly half: number;
  private base = 0;
  private count = 0;
  private readonly removed: Float64Array;
  private readonly added: Float64Array;
  private readonly residuals: Float64Array;

  constructor(readonly capacity: number) {
    this.xs = new RingBuffer(capacity);
    this.ys = new RingBuffer(capacity);
    this.half = (capacity * (capacity - 1)) / 2;
    this.slopes = new Float64Array(2 * this.half);
    this.removed = new Float64Array(capacity);
    this.added = new Float64Array(capacity);
    this.residuals = new Float64Array(capacity);
  }

  get full(): boolean {
    return this.xs.full;
  }

  push(x: number, y: number): void {
    let nRemoved = 0;
    if (this.xs.full) {
      const x0 = this.xs.get(0);
      const y0 = this.ys.get(0);
      for (let j = 1; j < this.xs.length; j++) {
        const dx = this.xs.get(j) - x0;
        if (dx !== 0) this.removed[nRemoved++] = (this.ys.get(j) - y0) / dx;
      }
    }
    this.xs.push(x);
    this.ys.push(y);
    let nAdded = 0;
    const last = this.xs.length - 1;
    for (let i = 0; i < last; i++) {
      const dx = x - this.xs.get(i);
      if (dx !== 0) this.added[nAdded++] = (y - this.ys.get(i)) / dx;
    }
    this.merge(nRemoved, nAdded);
  }

  /** The Theil-Sen line of the window: β = median slope, α = median(y − β·x). */
  fit(): LineFit {
    if (this.count === 0) throw new EngineError('CONSTANT_SERIES', 'Theil-Sen: x is constant on the window, no slope can be formed');
    const m = this.count;
    const mid = m >> 1;
    const b = this.base;
    const beta = m % 2 ? this.slopes[b + mid] : (this.slopes[b + mid - 1] + this.slopes[b + mid]) / 2;
    const n = this.xs.length;
    for (let i = 0; i < n; i++) this.residuals[i] = this.ys.get(i) - beta * this.xs.get(i);
    return { beta, alpha: medianInPlace(this.residuals, n) };
  }

  /**
   * sorted ← (sorted − removed) ∪ added. Both batches are sorted, then located in the old half by binary
   * search; the long runs between those points are moved with copyWithin (a memmove) into the other half.
   */
  private merge(nRemoved: number, nAdded: number): void {
    const removed = this.removed.subarray(0, nRemoved).sort();
    const added = this.added.subarray(0, nAdded).sort();
    const buf = this.slopes;
    const from = this.base;
    const end = from + this.count;
    const to = from === 0 ? this.half : 0;
    let r = 0;
    let a = 0;
    let i = from; // next unread old value
    let o = to;
    while (r < nRemoved || a < nAdded) {
      const removing = r < nRemoved && (a >= nAdded || removed[r] <= added[a]);
      // Removal: the first unread copy of the value. Insertion: after every unread value ≤ it.
      const pos = removing ? lowerBound(buf, removed[r], i, end) : upperBound(buf, added[a], i, end);
      buf.copyWithin(o, i, pos);
      o += pos - i;
      if (removing) {
        i = pos + 1;
        r++;
      } else {
        buf[o++] = added[a++];
        i = pos;
      }
    }
    buf.copyWithin(o, i, end);
    o += end - i;
    this.base = to;
    this.count = o - to;
  }
}

/** First index in [from, to) with a[index] ≥ value (to if none). */
function lowerBound(a: Float64Array, value: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [from, to) with a[index] > value (to if none). */
function upperBound(a: Float64Array, value: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
