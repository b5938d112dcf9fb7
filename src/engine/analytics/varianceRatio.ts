// Lo–MacKinlay (1988) variance ratio of a series' q-bar changes to q times its one-bar changes, with
// overlapping q-bar changes and both bias corrections, and its two test statistics (homoskedastic z and
// heteroskedasticity-robust z*). VR < 1: changes reverse (mean reversion); VR > 1: they persist.
// Formulas in docs/statistics.md ("Variance ratio").
import { EngineError } from '../errors';
import { normalSf } from './normal';
import { isRoundingNoise } from './roundingNoise';

export interface VarianceRatioResult {
  q: number;
  /** σ²_c(q) / σ²_a. */
  ratio: number;
  /** (VR − 1)/√φ(q), asymptotically N(0, 1) under a homoskedastic random walk. */
  z: number;
  /** Robust to heteroskedastic increments: (VR − 1)/√φ*(q). */
  zRobust: number;
  /** Two-sided normal p-values of z and zRobust. */
  pValue: number;
  pValueRobust: number;
  /** Increments used, T = n − 1. */
  nobs: number;
}

export function varianceRatio(series: ArrayLike<number>, q: number): VarianceRatioResult {
  const n = series.length;
  const T = n - 1;
  if (!Number.isInteger(q) || q < 2) throw new EngineError('BAD_ARGUMENT', `variance ratio: q must be a whole number ≥ 2 (got ${q})`);
  if (T < 2 * q) throw new EngineError('TOO_FEW_OBSERVATIONS', `variance ratio: ${n} values are too few for q = ${q} (need at least ${2 * q + 1})`);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i])) throw new EngineError('BAD_ARGUMENT', `variance ratio: value ${i + 1} is not a finite number`);
    scale = Math.max(scale, Math.abs(series[i]));
  }
  const mu = (series[T] - series[0]) / T;
  let sa = 0;
  const dev = new Float64Array(T); // one-bar changes less their mean
  for (let t = 1; t <= T; t++) {
    dev[t - 1] = series[t] - series[t - 1] - mu;
    sa += dev[t - 1] * dev[t - 1];
  }
  const varA = sa / (T - 1);
  if (isRoundingNoise(Math.sqrt(varA), scale, n)) throw new EngineError('CONSTANT_SERIES', 'variance ratio: the series moves by the same amount every bar (up to rounding)');
  let sc = 0;
  for (let t = q; t <= T; t++) {
    const d = series[t] - series[t - q] - q * mu;
    sc += d * d;
  }
  const m = q * (T - q + 1) * (1 - q / T);
  const varC = sc / m;
  const ratio = varC / varA;
  const phi = (2 * (2 * q - 1) * (q - 1)) / (3 * q * T);
  // φ* = Σ_{j=1}^{q−1} (2(q − j)/q)² δ_j, δ_j = T Σ_{t=j+1}^{T} d_t² d_{t−j}² / (Σ d_t²)².
  let phiRobust = 0;
  for (let j = 1; j < q; j++) {
    let num = 0;
    for (let t = j; t < T; t++) num += dev[t] * dev[t] * dev[t - j] * dev[t - j];
    const delta = (T * num) / (sa * sa);
    phiRobust += ((2 * (q - j)) / q) ** 2 * delta;
  }
  const z = (ratio - 1) / Math.sqrt(phi);
  const zRobust = (ratio - 1) / Math.sqrt(phiRobust);
  return { q, ratio, z, zRobust, pValue: 2 * normalSf(Math.abs(z)), pValueRobust: 2 * normalSf(Math.abs(zRobust)), nobs: T };
}
