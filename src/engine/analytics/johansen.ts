// Johansen's cointegration rank test, computed as statsmodels' coint_johansen(endog, det_order, k_ar_diff)
// (statsmodels/tsa/vector_ar/vecm.py, 0.13/0.14), quirks included:
// - det_order 1 removes a linear trend (on linspace(−1, 1, n)) from the levels, then only demeans the
//   differences, their lags and the lagged levels (it does not detrend them); det_order 0 demeans all;
// - the "lagged" level is y[1 … n−k_ar_diff−1], i.e. y_{t−k_ar_diff} next to Δy_t, not y_{t−1};
// - moments are divided by the T = n − k_ar_diff − 1 rows used.
// The eigenproblem S₁₀S₀₀⁻¹S₀₁ v = λ S₁₁ v is solved from QR factors of the residual matrices (squared
// canonical correlations), which is better conditioned than statsmodels' eig(inv(S₁₁)·…): where the two
// differ (near-singular S₁₁), the digits lost are statsmodels'.
import { EngineError } from '../errors';
import { JOHANSEN_MAX_EIG_CRITICAL, JOHANSEN_TRACE_CRITICAL } from './johansenTables';
import { applyQ, applyQt, householderQr, leastSquaresQR, projectOut, qrRank, symmetricEigen, upperR, type QrFactorization } from './linalg';

/** −1: no deterministic terms; 0: a constant; 1: a linear trend (statsmodels' det_order). */
export type JohansenDetOrder = -1 | 0 | 1;

export interface JohansenResult {
  /** Rows the regressions use: n − kArDiff − 1. */
  nobs: number;
  /** Eigenvalues (squared canonical correlations), descending. */
  eig: number[];
  /** Trace statistic for H0 rank ≤ r, r = 0 … k−1: −T·Σ_{i≥r} ln(1 − λᵢ). */
  trace: number[];
  /** Maximum-eigenvalue statistic for H0 rank = r against r + 1: −T·ln(1 − λ_r). */
  maxEig: number[];
  /** [90%, 95%, 99%] critical values of trace[r]. */
  traceCrit: number[][];
  /** [90%, 95%, 99%] critical values of maxEig[r]. */
  maxEigCrit: number[][];
  /** Eigenvectors in the order of eig, each of length k, scaled so that v′S₁₁v = 1 and signed so that
   *  the first non-zero element is positive (statsmodels leaves each sign to LAPACK). */
  evec: number[][];
}

export const JOHANSEN_MAX_SERIES = 12;

/** Residuals of each column (length n) on a linear trend over linspace(−1, 1, n) and a constant. */
function detrendLinear(column: Float64Array): Float64Array {
  const n = column.length;
  const design = new Float64Array(n * 2);
  // numpy's linspace: start + i·step, the last point set to stop exactly.
  const step = 2 / (n - 1);
  for (let i = 0; i < n; i++) {
    design[i * 2] = i === n - 1 ? 1 : -1 + i * step;
    design[i * 2 + 1] = 1;
  }
  return leastSquaresQR(design, n, 2, column).residuals;
}

function demean(column: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < column.length; i++) sum += column[i];
  const mean = sum / column.length;
  for (let i = 0; i < column.length; i++) column[i] -= mean;
}

function checkedColumns(series: readonly ArrayLike<number>[]): Float64Array[] {
  if (!Array.isArray(series) || series.length < 2 || series.length > JOHANSEN_MAX_SERIES) {
    throw new EngineError('BAD_ARGUMENT', `johansen needs 2 to ${JOHANSEN_MAX_SERIES} series (got ${Array.isArray(series) ? series.length : 'none'}): the critical value tables stop at 12`);
  }
  const n = series[0].length;
  return series.map((s, j) => {
    if (s.length !== n) throw new EngineError('BAD_ARGUMENT', `johansen: series ${j} has ${s.length} values, series 0 has ${n}`);
    const column = Float64Array.from(s);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(column[i])) throw new EngineError('BAD_ARGUMENT', `johansen: series ${j} has a non-finite value at row ${i}`);
    }
    return column;
  });
}

/** QR of a set of columns (each of length t) as one t×k matrix, refusing a rank-deficient one. */
function factorColumns(columns: Float64Array[], t: number, what: string): QrFactorization {
  const k = columns.length;
  const a = new Float64Array(t * k);
  columns.forEach((c, j) => a.set(c, j * t));
  const qr = householderQr(a, t, k, new Float64Array(t));
  const rank = qrRank(qr);
  if (rank < k) throw new EngineError('SINGULAR_MATRIX', `johansen: ${what} are collinear (rank ${rank} of ${k}): a series is constant or a combination of the others`);
  return qr;
}

/**
 * Johansen test of `series` (one array per series, all the same length, 2 to 12 of them).
 * Throws BAD_ARGUMENT for bad options, TOO_FEW_OBSERVATIONS when the regressions have no degrees of
 * freedom, SINGULAR_MATRIX for constant or exactly collinear series.
 */
export function johansen(series: readonly ArrayLike<number>[], detOrder: JohansenDetOrder, kArDiff: number): JohansenResult {
  if (detOrder !== -1 && detOrder !== 0 && detOrder !== 1) {
    throw new EngineError('BAD_ARGUMENT', `johansen: det_order must be -1, 0 or 1 (got ${String(detOrder)})`);
  }
  if (!Number.isInteger(kArDiff) || kArDiff < 0) {
    throw new EngineError('BAD_ARGUMENT', `johansen: k_ar_diff must be a whole number ≥ 0 (got ${String(kArDiff)})`);
  }
  const levels = checkedColumns(series);
  const k = levels.length;
  const n = levels[0].length;
  const t = n - kArDiff - 1;
  // Each regression has k·kArDiff lagged differences (+1 mean) and k left-hand columns to keep apart.
  const regressors = k * kArDiff + (detOrder >= 0 ? 1 : 0);
  if (t <= regressors + k) {
    throw new EngineError('TOO_FEW_OBSERVATIONS', `johansen: ${n} rows leave ${t} observations for ${k} series with ${kArDiff} lagged differences; need more than ${regressors + k}`);
  }

  const detrended = levels.map((c) => (detOrder === -1 ? c : detOrder === 0 ? (demean(c), c) : detrendLinear(c)));
  const diffs = detrended.map((c) => {
    const d = new Float64Array(n - 1);
    for (let i = 0; i < n - 1; i++) d[i] = c[i + 1] - c[i];
    return d;
  });
  const demeanAfter = detOrder >= 0;
  // Row r of the regressions is difference index r + kArDiff.
  const dy = diffs.map((d) => d.slice(kArDiff, kArDiff + t));
  const lagged: Float64Array[] = [];
  for (let lag = 1; lag <= kArDiff; lag++) for (const d of diffs) lagged.push(d.slice(kArDiff - lag, kArDiff - lag + t));
  const lx = detrended.map((c) => c.slice(1, 1 + t));
  if (demeanAfter) [...dy, ...lagged, ...lx].forEach(demean);

  if (lagged.length > 0) {
    const z = factorColumns(lagged, t, 'the lagged differences');
    for (const c of [...dy, ...lx]) projectOut(z, c);
  }
  const q0 = factorColumns(dy, t, 'the differences (after the lags)');
  const q1 = factorColumns(lx, t, 'the levels (after the lags)');

  // With R₀ = Q₀U₀ and R₁ = Q₁U₁: S₁₁⁻¹S₁₀S₀₀⁻¹S₀₁ is similar to M·Mᵀ, M = Q₁ᵀQ₀ (k×k), and v = √T·U₁⁻¹w.
  const m = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const e = new Float64Array(t);
    e[j] = 1;
    applyQ(q0, e); // column j of the thin Q₀
    applyQt(q1, e);
    for (let i = 0; i < k; i++) m[i * k + j] = e[i];
  }
  const mmT = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += m[i * k + l] * m[j * k + l];
      mmT[i * k + j] = mmT[j * k + i] = s;
    }
  }
  const { values, vectors } = symmetricEigen(mmT, k);
  const eig = Array.from(values, (v) => Math.min(Math.max(v, 0), 1));
  if (eig[0] >= 1) throw new EngineError('SINGULAR_MATRIX', 'johansen: the levels explain the differences exactly (an eigenvalue of 1)');

  const u1 = upperR(q1);
  const evec = Array.from({ length: k }, (_, j) => {
    // Back substitution U₁x = w.
    const x = new Array<number>(k).fill(0);
    for (let i = k - 1; i >= 0; i--) {
      let s = vectors[j * k + i];
      for (let l = i + 1; l < k; l++) s -= u1[i * k + l] * x[l];
      x[i] = s / u1[i * k + i];
    }
    const first = x.find((v) => v !== 0) ?? 1;
    const scale = Math.sqrt(t) * (first < 0 ? -1 : 1);
    return x.map((v) => v * scale);
  });

  const logs = eig.map((l) => Math.log1p(-l));
  const trace: number[] = [];
  const maxEig: number[] = [];
  const traceCrit: number[][] = [];
  const maxEigCrit: number[][] = [];
  for (let r = 0; r < k; r++) {
    let s = 0;
    for (let i = r; i < k; i++) s += logs[i];
    trace.push(-t * s);
    maxEig.push(-t * logs[r]);
    traceCrit.push([...JOHANSEN_TRACE_CRITICAL[detOrder + 1][k - r - 1]]);
    maxEigCrit.push([...JOHANSEN_MAX_EIG_CRITICAL[detOrder + 1][k - r - 1]]);
  }
  return { nobs: t, eig, trace, maxEig, traceCrit, maxEigCrit, evec };
}
