// The residual sums of squares of all nested ADF lag models at once, from the cross-products of the lag
// matrix instead of its QR: the Δ-lag columns are shifts of one series, so their cross-products follow
// from each other by adding the entering and removing the leaving term (O(n·p) for all of them, against
// O(n·p²) for a QR of the n×p matrix). A Cholesky factor of the (p+2)×(p+2) matrix then gives every
// prefix model's SSR. Cross-products square the condition number, so adf.ts uses these only to choose
// the lag (with a margin) and computes the reported criterion by QR. The constant is handled by centring
// (the level is first shifted by its mean, so no digits cancel), which leaves γ and the SSRs unchanged.
import { EPS } from './roundingNoise';

/** Pivots below this fraction of their column's centred sum of squares count as collinear (caller falls back). */
const MIN_PIVOT_RATIO = 1e-6;

export interface NestedLagSsr {
  /** ssr[lag], lag = 0..maxlag. */
  ssr: Float64Array;
  /**
   * A generous bound on the relative error of each ssr: (columns·eps) amplified by the squared condition
   * (1 / the smallest share of a column not explained by those before it) and by the level's rounding
   * (max |x| over the level's spread: x − mean carries eps·|x| of error).
   */
  relativeError: number;
}

/**
 * ssr[lag] for lag = 0..maxlag: the SSR of Δx_t on [constant if `withConstant`, x_{t−1}, Δx_{t−1..t−lag}],
 * every model on the sample maxlag allows (t = maxlag+1 … n−1). Null when a column is (nearly) collinear
 * with the previous ones, or the fit is exact: the caller then uses the QR path, which reports why.
 */
export function nestedLagSsr(x: Float64Array, maxlag: number, withConstant: boolean): NestedLagSsr | null {
  const p = maxlag;
  const rows = x.length - 1 - p;
  const d = new Float64Array(x.length - 1);
  for (let i = 0; i < d.length; i++) d[i] = x[i + 1] - x[i];
  // Level column x[p+t], shifted by its mean when a constant is in the model (exact FWL: same γ, same SSR).
  let shift = 0;
  if (withConstant) {
    for (let t = 0; t < rows; t++) shift += x[p + t];
    shift /= rows;
  }
  const level = new Float64Array(rows);
  for (let t = 0; t < rows; t++) level[t] = x[p + t] - shift;

  // Δ block: g[i][j] = Σ_t d[p+t−i]·d[p+t−j], i, j = 0..p (0 is the dependent Δx_t).
  const k = p + 1;
  const g = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let t = 0; t < rows; t++) s += d[p + t] * d[p + t - j];
    g[j] = s;
  }
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      g[(i + 1) * k + j + 1] = g[i * k + j] + d[p - 1 - i] * d[p - 1 - j] - d[p + rows - 1 - i] * d[p + rows - 1 - j];
    }
  }
  const sumD = new Float64Array(k);
  const levelD = new Float64Array(k);
  let sumLevel = 0;
  let levelLevel = 0;
  for (let t = 0; t < rows; t++) {
    sumLevel += level[t];
    levelLevel += level[t] * level[t];
  }
  for (let j = 0; j < k; j++) {
    let s = 0;
    let c = 0;
    for (let t = 0; t < rows; t++) {
      const v = d[p + t - j];
      s += v;
      c += level[t] * v;
    }
    sumD[j] = s;
    levelD[j] = c;
  }

  // Centred cross-products of [level, lag 1..p, Δx_t] (dimension m = p + 2), upper triangle, row-major.
  const m = p + 2;
  const deltaIndex = (col: number): number => (col === m - 1 ? 0 : col); // column → lag of Δ (0 = dependent)
  const centre = withConstant ? 1 / rows : 0;
  const a = new Float64Array(m * m);
  a[0] = levelLevel - centre * sumLevel * sumLevel;
  const levelSpread = a[0];
  for (let c = 1; c < m; c++) {
    const dc = deltaIndex(c);
    a[c] = levelD[dc] - centre * sumLevel * sumD[dc];
    for (let r = 1; r <= c; r++) {
      const dr = deltaIndex(r);
      const lo = Math.min(dr, dc);
      const hi = Math.max(dr, dc);
      a[r * m + c] = g[lo * k + hi] - centre * sumD[dr] * sumD[dc];
    }
  }

  let minPivotRatio = 1;
  // Upper Cholesky in place: R[r][c] for r ≤ c; the last column holds z = (Qᵀy) and the last pivot the full SSR.
  for (let j = 0; j < m; j++) {
    let pivot = a[j * m + j];
    for (let r = 0; r < j; r++) pivot -= a[r * m + j] * a[r * m + j];
    if (j < m - 1) {
      const ratio = pivot / a[j * m + j];
      if (!(ratio > MIN_PIVOT_RATIO)) return null;
      minPivotRatio = Math.min(minPivotRatio, ratio);
      const rjj = Math.sqrt(pivot);
      a[j * m + j] = rjj;
      for (let c = j + 1; c < m; c++) {
        let s = a[j * m + c];
        for (let r = 0; r < j; r++) s -= a[r * m + j] * a[r * m + c];
        a[j * m + c] = s / rjj;
      }
    } else {
      if (!(pivot > 0)) return null; // an exact fit: let the QR path say so
      a[j * m + j] = pivot; // the SSR of the full model, kept squared
    }
  }
  // ssr[lag]: the model has columns level, lag 1..lag (indices 0..lag); add back z² of the columns it lacks.
  const ssr = new Float64Array(p + 1);
  let tail = a[m * m - 1];
  for (let lag = p; lag >= 0; lag--) {
    ssr[lag] = tail;
    const z = a[lag * m + m - 1];
    tail += z * z;
  }
  let maxAbs = 0;
  for (let t = 0; t < rows; t++) maxAbs = Math.max(maxAbs, Math.abs(x[p + t]));
  const levelRms = Math.sqrt(levelSpread / rows);
  return { ssr, relativeError: (64 * m * EPS * (1 + maxAbs / levelRms)) / minPivotRatio };
}
