// A scanned pair's spread over the lookback, small enough to draw in a table row: ln y − β·ln x, demeaned,
// reduced to `buckets` time buckets of (min, max) in the order they occur, so a spike is never averaged away.

/** The spread of the pair whose log prices are `logY`, `logX` (same bars), as at most 2·buckets points. */
export function spreadSparkline(logY: ArrayLike<number>, logX: ArrayLike<number>, beta: number, buckets = 24): number[] {
  const n = Math.min(logY.length, logX.length);
  if (n === 0 || !Number.isFinite(beta)) return [];
  const spread = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    spread[i] = logY[i] - beta * logX[i];
    sum += spread[i];
  }
  const mean = sum / n;
  const out: number[] = [];
  const k = Math.min(buckets, n);
  for (let b = 0; b < k; b++) {
    const from = Math.floor((b * n) / k);
    const to = Math.floor(((b + 1) * n) / k);
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if (spread[i] < spread[lo]) lo = i;
      if (spread[i] > spread[hi]) hi = i;
    }
    if (lo === hi) out.push(spread[lo] - mean);
    else for (const i of lo < hi ? [lo, hi] : [hi, lo]) out.push(spread[i] - mean);
  }
  return out;
}
