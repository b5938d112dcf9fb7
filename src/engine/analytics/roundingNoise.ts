// When a variation is nothing but rounding: the one rule by which every hedge method and rolling statistic
// returns null (or an exact 0) instead of a number made of noise. A double carries a relative error of
// eps = 2⁻⁵²; a mean or sum of n terms of magnitude `scale` is off by up to about n·eps·scale, and so is
// every deviation taken from it. Values whose standard deviation is below that cannot be told from
// constant ones: e.g. 300 closes of exactly 61659.8 whose float mean is 61659.80000000001 leave
// Σ(x − x̄)² ≈ 1e-22, not 0. Real prices move by at least a tick (≈1e-6 of the level), far above it.
export const EPS = 2.220446049250313e-16;

/** Safety factor over the first-order bound n·eps·scale. */
const SAFETY = 8;

/** The largest standard deviation that rounding alone can produce in n values computed at magnitude `scale`. */
export function roundingStd(scale: number, n: number): number {
  return SAFETY * Math.max(n, 1) * EPS * Math.abs(scale);
}

/** True when `std` (of n values of magnitude `scale`) is rounding noise — or not a positive finite number. */
export function isRoundingNoise(std: number, scale: number, n: number): boolean {
  return !(std > roundingStd(scale, n)) || !Number.isFinite(std);
}

/**
 * True when a residual sum of squares obtained as Syy − Sxy²/Sxx (or any difference of sums of squares)
 * is only what cancellation leaves: relative to Syy it carries about n·eps of error.
 */
export function isCancellationNoise(residualSumSq: number, totalSumSq: number, n: number): boolean {
  return !(residualSumSq > SAFETY * Math.max(n, 1) * EPS * totalSumSq);
}
