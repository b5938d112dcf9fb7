// Median by quickselect (expected O(n), in place on a scratch array). simple-statistics' `median`
// sorts a copy (O(n log n) plus an allocation); the hedge fits call this on every bar.

/** Median of the first `n` values of `scratch`; reorders them. Even n: mean of the two middle values. */
export function medianInPlace(scratch: Float64Array, n: number): number {
  if (n <= 0) throw new RangeError('median of an empty sample');
  const mid = n >> 1;
  const upper = selectInPlace(scratch, n, mid);
  if (n % 2 === 1) return upper;
  // After selection, everything left of `mid` is ≤ upper: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (scratch[i] > lower) lower = scratch[i];
  return (lower + upper) / 2;
}

/** k-th smallest (0-based) of the first n values, Hoare partition with median-of-three pivots. */
export function selectInPlace(a: Float64Array, n: number, k: number): number {
  let left = 0;
  let right = n - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three as pivot, guards against sorted input.
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** The middle of a sample, and the ranks just outside it (what bounds the middle of the next, similar sample). */
export interface SampleMiddle {
  /** Lower and upper middle values (equal for odd n) and their mean, the median. */
  lower: number;
  upper: number;
  median: number;
  /** One rank below `lower` and one above `upper`; −∞ / +∞ when that rank is not among the values selected from. */
  belowLower: number;
  aboveUpper: number;
}

export function emptyMiddle(): SampleMiddle {
  return { lower: NaN, upper: NaN, median: NaN, belowLower: NaN, aboveUpper: NaN };
}

/**
 * The middle of a sample of n values from part of it: `values[0, count)` are all the sample's values in some
 * interval and `below` of the n lie under it (count = n, below = 0: the whole sample). Reorders that part.
 * Returns false, writing nothing, when the part does not hold both middle ranks; else the exact order
 * statistics, as from the whole sample. `neighbours`: also `belowLower` and `aboveUpper`.
 */
export function selectMiddle(values: Float64Array, count: number, below: number, n: number, out: SampleMiddle, neighbours: boolean): boolean {
  const upperRank = n >> 1;
  const odd = n % 2 === 1;
  const lowerRank = odd ? upperRank : upperRank - 1;
  if (!(below <= lowerRank && below + count > upperRank)) return false;
  const k = upperRank - below;
  const upper = selectInPlace(values, count, k);
  // After selection, everything left of k is ≤ upper: the lower middle is their maximum (even n) and the next
  // rank down their runner-up (the maximum itself for odd n); everything right of k is ≥ upper.
  let lower = upper;
  let runnerUp = -Infinity;
  if (!odd || neighbours) {
    let first = -Infinity;
    for (let i = 0; i < k; i++) {
      const v = values[i];
      if (v > first) {
        runnerUp = first;
        first = v;
      } else if (v > runnerUp) runnerUp = v;
    }
    if (odd) runnerUp = first;
    else lower = first;
  }
  out.lower = lower;
  out.upper = upper;
  out.median = odd ? upper : (lower + upper) / 2;
  if (neighbours) {
    let next = Infinity;
    for (let i = k + 1; i < count; i++) if (values[i] < next) next = values[i];
    out.belowLower = runnerUp;
    out.aboveUpper = next;
  }
  return true;
}
