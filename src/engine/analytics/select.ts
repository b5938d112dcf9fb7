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
