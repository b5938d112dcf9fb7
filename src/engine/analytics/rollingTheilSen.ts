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
  private sorted: Float64Array;
  private spare: Float64Array;
  private count = 0;
  private readonly removed: Float64Array;
  private readonly added: Float64Array;
  private readonly residuals: Float64Array;

  constructor(readonly capacity: number) {
    this.xs = new RingBuffer(capacity);
    this.ys = new RingBuffer(capacity);
    const pairs = (capacity * (capacity - 1)) / 2;
    this.sorted = new Float64Array(pairs);
    this.spare = new Float64Array(pairs);
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
    const beta = m % 2 ? this.sorted[mid] : (this.sorted[mid - 1] + this.sorted[mid]) / 2;
    const n = this.xs.length;
    for (let i = 0; i < n; i++) this.residuals[i] = this.ys.get(i) - beta * this.xs.get(i);
    return { beta, alpha: medianInPlace(this.residuals, n) };
  }

  /** sorted ← (sorted − removed) ∪ added, both batches sorted first; one pass, into the spare buffer. */
  private merge(nRemoved: number, nAdded: number): void {
    const removed = this.removed.subarray(0, nRemoved).sort();
    const added = this.added.subarray(0, nAdded).sort();
    const old = this.sorted;
    const out = this.spare;
    let r = 0;
    let a = 0;
    let o = 0;
    for (let i = 0; i < this.count; i++) {
      const v = old[i];
      if (r < nRemoved && v === removed[r]) {
        r++;
        continue;
      }
      while (a < nAdded && added[a] < v) out[o++] = added[a++];
      out[o++] = v;
    }
    while (a < nAdded) out[o++] = added[a++];
    this.spare = old;
    this.sorted = out;
    this.count = o;
  }
}
