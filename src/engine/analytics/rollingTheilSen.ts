// Theil-Sen on a sliding window, incrementally. Only the slopes near the median are kept sorted (the
// "band" [lo, hi]); the slopes below and above it are only counted. A new bar removes the evicted point's
// w − 1 slopes and adds the new point's w − 1: each is classified against lo/hi in O(1), and the few
// that fall inside the band are merged into it in one pass (O(band), a few thousand values). The median
// rank wanders (the slopes of one point are correlated, so by up to ~w ranks a bar); when it leaves the
// band (or the band grows too wide), the band is rebuilt around it from all ~w²/2 slopes by selection;
// usually the median has left by less than half the band, and then only the slopes beyond the band's far
// side are selected and sorted ("recentre"). On the benchmark's data (20 pairs × 900 bars, w = 300): 205
// recentres and 22 rebuilds (20 of them the first fits) in 12,020 fits, with a band of ±6w ranks (±8w: 113
// and 22, but each merge copies a third more). Per bar that is O(w + band) instead of merging all w²/2 slopes.
// Each slope is computed as (y_newer − y_older)/(x_newer − x_older) when added, when removed and when
// rebuilt, so removal matches exactly and the median is the exact order statistic: the same result as
// TheilSenFitter (tested).
import { EngineError } from '../errors';
import { RingBuffer } from './ringBuffer';
import type { LineFit } from './rollingCoMoments';
import { medianInPlace, selectInPlace } from './select';

/** Slopes kept sorted on each side of the median rank after a rebuild, per point of the window. */
const BAND_RANKS_PER_POINT = 6;

/** All pairwise slopes during a rebuild; shared (single-threaded, and used only inside rebuild). */
let rebuildScratch = new Float64Array(0);

export class RollingTheilSen {
  private readonly xs: RingBuffer;
  private readonly ys: RingBuffer;
  /** Sorted slopes with lo ≤ s ≤ hi, in band[0, bandCount); `spare` receives the next merge. */
  private band = new Float64Array(0);
  private spare = new Float64Array(0);
  private bandCount = 0;
  private lo = 0;
  private hi = 0;
  /** Slopes < lo and > hi. */
  private below = 0;
  private above = 0;
  /** False until the first fit builds the band (pushes before it only fill the window). */
  private hasBand = false;
  private readonly bandHalfWidth: number;
  private readonly removed: Float64Array;
  private readonly added: Float64Array;
  private readonly residuals: Float64Array;
  /** The window, oldest first, for the rebuild's w²/2 slopes. */
  private readonly windowX: Float64Array;
  private readonly windowY: Float64Array;

  constructor(readonly capacity: number) {
    this.xs = new RingBuffer(capacity);
    this.ys = new RingBuffer(capacity);
    this.bandHalfWidth = Math.max(64, BAND_RANKS_PER_POINT * capacity);
    this.removed = new Float64Array(capacity);
    this.added = new Float64Array(capacity);
    this.residuals = new Float64Array(capacity);
    this.windowX = new Float64Array(capacity);
    this.windowY = new Float64Array(capacity);
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
    if (!this.hasBand) return; // the next fit rebuilds from the window
    this.merge(this.keepInBand(this.removed, nRemoved, -1), this.keepInBand(this.added, nAdded, 1));
  }

  /** Counts the slopes outside the band (sign −1 removes, +1 adds) and compacts those inside; returns their number. */
  private keepInBand(slopes: Float64Array, n: number, sign: number): number {
    const lo = this.lo;
    const hi = this.hi;
    let below = 0;
    let above = 0;
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const s = slopes[k];
      // Counted without a branch (about half the slopes are below, in no predictable order); the band holds
      // a few percent of them, so the branch that keeps one is rarely taken.
      const isBelow = +(s < lo);
      const isAbove = +(s > hi);
      below += isBelow;
      above += isAbove;
      if (!(isBelow | isAbove)) slopes[kept++] = s;
    }
    this.below += sign * below;
    this.above += sign * above;
    return kept;
  }

  /** The Theil-Sen line of the window: β = median slope, α = median(y − β·x). */
  fit(): LineFit {
    if (!this.hasBand || this.bandCount > 8 * this.bandHalfWidth) this.rebuild();
    else if (!this.medianInBand() && !this.recentre()) this.rebuild();
    const m = this.below + this.bandCount + this.above;
    if (m === 0) throw new EngineError('CONSTANT_SERIES', 'Theil-Sen: x is constant on the window, no slope can be formed');
    const mid = (m >> 1) - this.below;
    const beta = m % 2 ? this.band[mid] : (this.band[mid - 1] + this.band[mid]) / 2;
    const n = this.xs.length;
    for (let i = 0; i < n; i++) this.residuals[i] = this.ys.get(i) - beta * this.xs.get(i);
    return { beta, alpha: medianInPlace(this.residuals, n) };
  }

  /** Whether the one or two middle ranks of all slopes lie inside the band. */
  private medianInBand(): boolean {
    const m = this.below + this.bandCount + this.above;
    if (m === 0) return true;
    const upper = m >> 1;
    const lower = m % 2 ? upper : upper - 1;
    return lower >= this.below && upper < this.below + this.bandCount;
  }

  /**
   * band ← (band − removed) ∪ added, both batches sorted, in one pass into the spare buffer: the edit
   * points are found by binary search and the runs between them copied (plain loops: no subarray objects).
   */
  private merge(nRemoved: number, nAdded: number): void {
    if (nRemoved === 0 && nAdded === 0) return;
    const removed = this.removed.subarray(0, nRemoved).sort();
    const added = this.added.subarray(0, nAdded).sort();
    const old = this.band;
    const end = this.bandCount;
    if (this.spare.length < end + nAdded) this.spare = new Float64Array(Math.max(2 * (end + nAdded), 16));
    const out = this.spare;
    let r = 0;
    let a = 0;
    let i = 0; // next unread old value
    let o = 0;
    while (r < nRemoved || a < nAdded) {
      const removing = r < nRemoved && (a >= nAdded || removed[r] <= added[a]);
      // Removal: the first unread copy of the value. Insertion: after every unread value ≤ it.
      const pos = removing ? lowerBound(old, removed[r], i, end) : upperBound(old, added[a], i, end);
      while (i < pos) out[o++] = old[i++];
      if (removing) {
        i = pos + 1;
        r++;
      } else {
        out[o++] = added[a++];
        i = pos;
      }
    }
    while (i < end) out[o++] = old[i++];
    this.spare = old;
    this.band = out;
    this.bandCount = o;
  }

  /** All slopes of the window, then lo/hi = the order statistics bandHalfWidth ranks either side of the median. */
  private rebuild(): void {
    const m = this.collectSlopes(Infinity, -Infinity);
    const all = rebuildScratch;
    this.hasBand = true;
    this.below = 0;
    this.above = 0;
    this.bandCount = 0;
    if (m === 0) {
      this.lo = Infinity; // every later slope counts below; the next fit rebuilds (median not in band)
      this.hi = -Infinity;
      return;
    }
    const mid = m >> 1;
    const loRank = Math.max(0, mid - 1 - this.bandHalfWidth);
    const hiRank = Math.min(m - 1, mid + this.bandHalfWidth);
    // Selection leaves all[0, loRank) ≤ lo ≤ all(loRank, m); the second one only needs that upper part, after
    // which all(loRank, hiRank) lie in [lo, hi] and all(hiRank, m) ≥ hi. So the band is all[loRank..hiRank]
    // plus the copies of lo and hi outside it, found without classifying every slope. (Slopes of finite
    // prices are never NaN, which selection could not place: the pipeline rejects non-finite prices.)
    this.lo = selectInPlace(all, m, loRank);
    this.hi = hiRank > loRank ? selectInPlace(all.subarray(loRank + 1, m), m - loRank - 1, hiRank - loRank - 1) : this.lo;
    const lo = this.lo;
    const hi = this.hi;
    let tiesBelow = 0;
    for (let k = 0; k < loRank; k++) if (all[k] === lo) tiesBelow++;
    let tiesAbove = 0;
    for (let k = hiRank + 1; k < m; k++) if (all[k] === hi) tiesAbove++;
    const inBand = hiRank - loRank + 1 + tiesBelow + tiesAbove;
    this.below = loRank - tiesBelow;
    this.above = m - 1 - hiRank - tiesAbove;
    if (this.band.length < inBand) this.band = new Float64Array(Math.max(inBand, 2 * (2 * this.bandHalfWidth + 2)));
    const band = this.band;
    let count = 0;
    if (tiesBelow > 0) for (let k = 0; k < loRank; k++) if (all[k] === lo) band[count++] = all[k];
    for (let k = loRank; k <= hiRank; k++) band[count++] = all[k];
    if (tiesAbove > 0) for (let k = hiRank + 1; k < m; k++) if (all[k] === hi) band[count++] = all[k];
    this.bandCount = count;
    band.subarray(0, count).sort();
  }

  /** The window's slopes outside [from, to] (every slope when from > to) into `rebuildScratch`; returns their number. */
  private collectSlopes(from: number, to: number): number {
    const n = this.xs.copyTo(this.windowX);
    this.ys.copyTo(this.windowY);
    const wx = this.windowX;
    const wy = this.windowY;
    const pairs = (n * (n - 1)) / 2;
    if (rebuildScratch.length < pairs) rebuildScratch = new Float64Array(pairs);
    const out = rebuildScratch;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const xi = wx[i];
      const yi = wy[i];
      for (let j = i + 1; j < n; j++) {
        const dx = wx[j] - xi;
        if (dx !== 0) {
          const slope = (wy[j] - yi) / dx;
          out[m] = slope;
          m += +!(slope >= from && slope <= to);
        }
      }
    }
    return m;
  }

  /**
   * The rebuild's result when the median rank has left the band by less than bandHalfWidth ranks: the new lo
   * (or hi) is then a value of the band, already sorted, and only the slopes beyond its far side need computing,
   * selecting and sorting (a selection over ~w²/4 slopes instead of two over w²/2 and w²/4, a sort of half the
   * band). Same lo, hi, counts and band as `rebuild()` (tested). False, changing nothing, when it does not apply.
   */
  private recentre(): boolean {
    const count = this.bandCount;
    if (count === 0) return false;
    const m = this.below + count + this.above;
    const mid = m >> 1;
    const loRank = Math.max(0, mid - 1 - this.bandHalfWidth);
    const hiRank = Math.min(m - 1, mid + this.bandHalfWidth);
    const bandFirst = this.below;
    const bandEnd = this.below + count;
    const upward = hiRank >= bandEnd;
    const kept = upward ? loRank : hiRank; // the rank whose value the band already holds
    if (!(kept >= bandFirst && kept < bandEnd)) return false;
    const old = this.band;
    // Upward: the slopes above hi, ranks [bandEnd, m); downward: those below lo, ranks [0, bandFirst).
    const outside = upward ? this.collectSlopes(-Infinity, this.hi) : this.collectSlopes(this.lo, Infinity);
    if (outside !== (upward ? this.above : this.below)) return false; // not the band's window: start afresh
    const far = rebuildScratch;
    const keptValue = old[kept - bandFirst];
    const farRank = upward ? hiRank - bandEnd : loRank;
    const farValue = selectInPlace(far, outside, farRank);
    // After selection, far[0, farRank) ≤ farValue ≤ far(farRank, outside): the far side of the new band is far[0..farRank]
    // (upward) or far[farRank..] (downward), plus the copies of farValue on the other side of farRank.
    let ties = 0;
    if (upward) for (let k = farRank + 1; k < outside; k++) ties += +(far[k] === farValue);
    else for (let k = 0; k < farRank; k++) ties += +(far[k] === farValue);
    const farCount = (upward ? farRank + 1 : outside - farRank) + ties;
    // The band's part that stays: values ≥ the new lo (upward) or ≤ the new hi (downward), ties included.
    const stayFrom = upward ? lowerBound(old, keptValue, 0, count) : 0;
    const stayTo = upward ? count : upperBound(old, keptValue, 0, count);
    const total = stayTo - stayFrom + farCount;
    if (this.spare.length < total) this.spare = new Float64Array(Math.max(2 * total, 16));
    const out = this.spare;
    let o = 0;
    if (upward) for (let k = stayFrom; k < stayTo; k++) out[o++] = old[k];
    const farStart = o;
    if (upward) {
      for (let k = 0; k <= farRank; k++) out[o++] = far[k];
      if (ties > 0) for (let k = farRank + 1; k < outside; k++) if (far[k] === farValue) out[o++] = far[k];
    } else {
      if (ties > 0) for (let k = 0; k < farRank; k++) if (far[k] === farValue) out[o++] = far[k];
      for (let k = farRank; k < outside; k++) out[o++] = far[k];
    }
    out.subarray(farStart, o).sort();
    if (!upward) for (let k = stayFrom; k < stayTo; k++) out[o++] = old[k];
    if (upward) {
      this.below += stayFrom;
      this.above = outside - farCount;
      this.lo = keptValue;
      this.hi = farValue;
    } else {
      this.above += count - stayTo;
      this.below = outside - farCount;
      this.lo = farValue;
      this.hi = keptValue;
    }
    this.spare = old;
    this.band = out;
    this.bandCount = o;
    return true;
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
