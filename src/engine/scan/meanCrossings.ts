// How often a spread crosses its own mean, per 100 bars: a trader's sense of how many round trips a
// pair offers (a value at exactly the mean continues the previous side).

export function meanCrossingsPer100(spread: ArrayLike<number>): number {
  const n = spread.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += spread[i];
  mean /= n;
  let side = 0;
  let crossings = 0;
  for (let i = 0; i < n; i++) {
    const d = spread[i] - mean;
    const s = d > 0 ? 1 : d < 0 ? -1 : 0;
    if (s === 0) continue;
    if (side !== 0 && s !== side) crossings++;
    side = s;
  }
  return (crossings * 100) / (n - 1);
}
