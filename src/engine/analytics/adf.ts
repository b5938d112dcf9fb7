// Augmented Dickey-Fuller test, computed exactly as statsmodels.tsa.stattools.adfuller (0.13/0.14):
//   Δx_t = [deterministic terms] + γ·x_{t−1} + Σ_{j=1..p} φ_j·Δx_{t−j} + ε_t,   statistic = t-ratio of γ.
// Autolag fits every lag 0..maxlag on the same sample (the one maxlag allows) and keeps the best; the
// chosen lag is then refitted on the longest sample it allows. Because the candidate models are nested
// column prefixes of one lag matrix, a single Householder QR gives all of them: the SSR of the model
// with m columns is Σ_{i≥m} (Qᵀy)_i², and the t-ratio of its last column is sign(R_mm)·(Qᵀy)_m / σ_m.
// AIC/BIC with a constant or no trend choose the lag from the lag matrix's cross-products instead (O(n·p),
// see adfLagGram.ts) and compute the chosen criterion by QR; close calls and ill-conditioning take the QR.
// simple-statistics has no ADF, lag regression or t-statistics, hence this file.
import { EngineError } from '../errors';
import { nestedLagSsr } from './adfLagGram';
import { householderQr, qrRank, leastSquaresQR, upperR, type QrFactorization } from './linalg';
import { mackinnonp, mackinnoncrit, type CriticalValues, type TrendRegression } from './mackinnon';

export type AdfAutolag = 'AIC' | 'BIC' | 't-stat';

export interface AdfOptions {
  /** Deterministic terms: c constant (default), ct constant + trend, ctt + trend², n none. */
  regression?: TrendRegression;
  /** Largest lag of Δx; null/undefined → ceil(12·(n/100)^¼) capped at n//2 − ntrend − 1. */
  maxlag?: number | null;
  /** Lag selection (default AIC, as statsmodels); null uses maxlag as given. */
  autolag?: AdfAutolag | null;
}

export interface AdfResult {
  statistic: number;
  /** MacKinnon (1994) approximate p-value of the unit-root null. */
  pValue: number;
  usedLag: number;
  /** Observations in the final regression. */
  nobs: number;
  /** MacKinnon (2010) critical values for this nobs. */
  critical: CriticalValues;
  /** Best information criterion (or |t| for t-stat) of the lag search; absent without autolag. */
  icBest?: number;
  regression: TrendRegression;
  autolag: AdfAutolag | null;
}

/** statsmodels' stop value for t-stat autolag: norm.ppf(0.95). */
const T_STAT_STOP = 1.6448536269514722;
const LOG_2PI = Math.log(2 * Math.PI);

function trendCount(regression: TrendRegression): number {
  return regression === 'n' ? 0 : regression.length;
}

function normaliseAutolag(autolag: AdfOptions['autolag']): AdfAutolag | null {
  if (autolag === null) return null;
  if (autolag === undefined) return 'AIC';
  const lower = String(autolag).toLowerCase();
  if (lower === 'aic') return 'AIC';
  if (lower === 'bic') return 'BIC';
  if (lower === 't-stat') return 't-stat';
  if (lower === 'none') return null;
  throw new EngineError('BAD_ARGUMENT', `autolag must be AIC, BIC, t-stat or none (got "${autolag}")`);
}

/** Validates the series and returns it as a Float64Array. */
function checkedSeries(series: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(series);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) throw new EngineError('BAD_ARGUMENT', `ADF: value ${i + 1} of the series is not a finite number`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (x.length > 0 && min === max) {
    throw new EngineError('CONSTANT_SERIES', 'ADF: the series is constant, so there is nothing to test');
  }
  return x;
}

/** Default or checked maxlag, following statsmodels' rules and messages. */
function resolveMaxlag(n: number, ntrend: number, requested: number | null | undefined): number {
  const cap = Math.floor(n / 2) - ntrend - 1;
  if (requested === null || requested === undefined) {
    const schwert = Math.ceil(12 * Math.pow(n / 100, 1 / 4));
    const maxlag = Math.min(cap, schwert);
    if (maxlag < 0) {
      throw new EngineError('TOO_FEW_OBSERVATIONS', `ADF: ${n} observations are too few for this regression (need at least ${2 * (ntrend + 1)})`);
    }
    return maxlag;
  }
  if (!Number.isInteger(requested) || requested < 0) {
    throw new EngineError('BAD_ARGUMENT', `ADF: maxlag must be a whole number ≥ 0 (got ${requested})`);
  }
  if (requested > cap) {
    throw new EngineError(
      'TOO_FEW_OBSERVATIONS',
      `ADF: maxlag ${requested} needs more data: with ${n} observations maxlag must be at most n/2 − 1 − ntrend = ${Math.max(cap, 0)}`,
    );
  }
  return requested;
}

/**
 * Value of regressor `col` at row `t` of the lag regression with `lags` lags, the row standing for
 * Δx at index lags + t of diff. Column order: [level, Δ lag 1..lags].
 */
function lagValue(x: Float64Array, lags: number, t: number, col: number): number {
  const i = lags + t; // index into diff: diff[i] = x[i+1] − x[i]
  if (col === 0) return x[i];
  const j = i - col;
  return x[j + 1] - x[j];
}

function trendValue(term: number, t: number): number {
  // statsmodels' add_trend: 1, t, t² with t = 1..nobs of the regression sample.
  const tt = t + 1;
  return term === 0 ? 1 : term === 1 ? tt : tt * tt;
}

interface LagChoice {
  lag: number;
  icBest: number;
  /** The chosen model's own QR on the maxlag sample, when the search made one (cross-product path). */
  chosenQr?: QrFactorization;
}

/**
 * QR of the first `cols` columns of the lag matrix on the maxlag sample: column-major [trend terms,
 * level, Δ lags 1..], as statsmodels' add_trend(prepend=True); Qᵀy is that of Δx on the same rows.
 */
function lagMatrixQr(x: Float64Array, ntrend: number, maxlag: number, cols: number): QrFactorization {
  const rows = x.length - 1 - maxlag;
  const a = new Float64Array(rows * cols);
  for (let c = 0; c < Math.min(ntrend, cols); c++) for (let t = 0; t < rows; t++) a[c * rows + t] = trendValue(c, t);
  for (let c = 0; c < cols - ntrend; c++) {
    const base = (ntrend + c) * rows;
    for (let t = 0; t < rows; t++) a[base + t] = lagValue(x, maxlag, t, c);
  }
  const y = new Float64Array(rows);
  for (let t = 0; t < rows; t++) y[t] = x[maxlag + t + 1] - x[maxlag + t];
  return householderQr(a, rows, cols, y);
}

/** Σ_{i≥m} (Qᵀy)_i²: the SSR of the model made of the first m columns of a factorisation. */
function tailSsr(qr: QrFactorization, m: number): number {
  let s = 0;
  for (let i = qr.n - 1; i >= m; i--) s += qr.qty[i] * qr.qty[i];
  return s;
}

function informationCriterion(ssr: number, rows: number, params: number, penalty: number): number {
  const llf = -0.5 * rows * (LOG_2PI + Math.log(ssr / rows) + 1);
  return -2 * llf + penalty * params;
}

/**
 * AIC/BIC with a constant or no trend, the common case: the lag is chosen from the cross-products of the
 * lag matrix (adfLagGram.ts, O(n·p) instead of a QR's O(n·p²)), then the chosen model's criterion is
 * computed by QR of its own columns, as the full-QR search would. Null (use the full QR) when the
 * cross-products are ill-conditioned or two lags' criteria are too close for them to decide.
 */
function searchLagByCrossProducts(x: Float64Array, regression: 'c' | 'n', maxlag: number, method: 'AIC' | 'BIC'): LagChoice | null {
  const nested = nestedLagSsr(x, maxlag, regression === 'c');
  if (!nested) return null;
  const { ssr, relativeError } = nested;
  const ntrend = trendCount(regression);
  const rows = x.length - 1 - maxlag;
  const startlag = ntrend + 1;
  const penalty = method === 'AIC' ? 2 : Math.log(rows);
  let best = 0;
  let bestIc = Infinity;
  let runnerUp = Infinity;
  for (let lag = 0; lag <= maxlag; lag++) {
    const ic = informationCriterion(ssr[lag], rows, startlag + lag, penalty);
    if (ic < bestIc) {
      runnerUp = bestIc;
      bestIc = ic;
      best = lag;
    } else if (ic < runnerUp) runnerUp = ic;
  }
  // A relative SSR error δ moves a criterion by rows·δ: criteria closer than that are left to the full QR.
  if (!(runnerUp - bestIc > 4 * rows * relativeError)) return null;
  const m = startlag + best;
  if (rows === m) return null; // no degrees of freedom: the full path reports it
  const qr = lagMatrixQr(x, ntrend, maxlag, m);
  if (qrRank(qr) < m) return null;
  const icBest = informationCriterion(tailSsr(qr, m), rows, m, penalty);
  return Number.isFinite(icBest) ? { lag: best, icBest, chosenQr: qr } : null;
}

/** The autolag search: every lag 0..maxlag on the maxlag sample, from one QR of the full lag matrix. */
function searchLag(x: Float64Array, regression: TrendRegression, maxlag: number, method: AdfAutolag): LagChoice {
  const ntrend = trendCount(regression);
  const rows = x.length - 1 - maxlag;
  const cols = ntrend + 1 + maxlag;
  // rows = cols is allowed here, as in statsmodels: the longest candidate then has no degrees of
  // freedom; t-stat passes over it (its |t| is undefined) and AIC/BIC choosing it is reported below.
  if (rows < cols) {
    throw new EngineError('TOO_FEW_OBSERVATIONS', `ADF: ${x.length} observations leave no degrees of freedom with maxlag ${maxlag}`);
  }
  if (method !== 't-stat' && (regression === 'c' || regression === 'n') && rows > cols) {
    const fast = searchLagByCrossProducts(x, regression, maxlag, method);
    if (fast) return fast;
  }
  const qr = lagMatrixQr(x, ntrend, maxlag, cols);
  if (qrRank(qr) < cols) {
    throw new EngineError('SINGULAR_MATRIX', 'ADF: the lag regressors are collinear (is the series a deterministic trend?)');
  }
  // tail[m] = Σ_{i≥m} (Qᵀy)_i² = SSR of the model made of the first m columns.
  const tail = new Float64Array(cols + 1);
  let s = 0;
  for (let i = rows - 1; i >= cols; i--) s += qr.qty[i] * qr.qty[i];
  tail[cols] = s;
  for (let m = cols - 1; m >= 0; m--) tail[m] = tail[m + 1] + qr.qty[m] * qr.qty[m];

  const startlag = ntrend + 1;
  if (method === 't-stat') {
    let icBest = 0;
    let best = maxlag;
    for (let lag = maxlag; lag >= 0; lag--) {
      const m = startlag + lag;
      if (rows === m) continue; // no residual degrees of freedom: |t| undefined, never significant
      const sigma = Math.sqrt(tail[m] / (rows - m));
      icBest = Math.abs(qr.qty[m - 1] / sigma);
      best = lag;
      if (icBest >= T_STAT_STOP) break;
    }
    return { lag: best, icBest };
  }
  const penalty = method === 'AIC' ? 2 : Math.log(rows);
  let icBest = Infinity;
  let best = 0;
  for (let lag = 0; lag <= maxlag; lag++) {
    const m = startlag + lag;
    const llf = -0.5 * rows * (LOG_2PI + Math.log(tail[m] / rows) + 1);
    const ic = -2 * llf + penalty * m;
    // Strictly smaller: ties go to the shorter lag, as Python's min over (ic, lag) tuples.
    if (ic < icBest) {
      icBest = ic;
      best = lag;
    }
  }
  if (rows === startlag + best) {
    throw new EngineError(
      'TOO_FEW_OBSERVATIONS',
      `ADF: with ${x.length} observations the ${method} search ends at lag ${best}, which leaves no degrees of freedom; use a smaller maxlag`,
    );
  }
  if (!Number.isFinite(icBest)) {
    throw new EngineError('SINGULAR_MATRIX', 'ADF: the series is fitted exactly by its own lags; the test is undefined');
  }
  return { lag: best, icBest };
}

/**
 * The final regression from the chosen model's QR on the maxlag sample: the longest sample adds the
 * first maxlag − lags rows, which Givens rotations fold into [R | Qᵀy] (O(rows added · m²) instead of
 * a new QR of the whole sample). The level's t-ratio is then read from R: coefficient u·z and standard
 * error σ·‖u‖ with u the level's row of R⁻¹. Null (use the full fit) when the SSR is not positive.
 */
function levelTStatByAddingRows(qr: QrFactorization, x: Float64Array, regression: TrendRegression, lags: number, maxlag: number): { stat: number; nobs: number } | null {
  const ntrend = trendCount(regression);
  // A trend column restarts at t = 1 on the longest sample, so its rows would not match those above:
  // only c and n (a constant is 1 on every row), which is all the cross-product path serves.
  if (ntrend > 1) return null;
  const m = qr.k;
  const w = m + 1; // augmented with the dependent column
  // Row-major augmented upper triangle [R | z; 0 | √SSR].
  const a = new Float64Array(w * w);
  const r = upperR(qr);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) a[i * w + j] = r[i * m + j];
    a[i * w + m] = qr.qty[i];
  }
  a[m * w + m] = Math.sqrt(tailSsr(qr, m));
  const row = new Float64Array(w);
  for (let t = 0; t < maxlag - lags; t++) {
    // Row t of the longest sample: Δx at index lags + t, columns [trend terms, level, Δ lags 1..lags].
    for (let c = 0; c < ntrend; c++) row[c] = trendValue(c, t);
    for (let c = 0; c <= lags; c++) row[ntrend + c] = lagValue(x, lags, t, c);
    row[m] = x[lags + t + 1] - x[lags + t];
    for (let k = 0; k < w; k++) {
      const akk = a[k * w + k];
      const vk = row[k];
      if (vk === 0) continue;
      const h = Math.sqrt(akk * akk + vk * vk);
      const c = akk / h;
      const s = vk / h;
      a[k * w + k] = h;
      for (let j = k + 1; j < w; j++) {
        const p = a[k * w + j];
        const q = row[j];
        a[k * w + j] = c * p + s * q;
        row[j] = c * q - s * p;
      }
    }
  }
  const ssr = a[m * w + m] * a[m * w + m];
  const nobs = x.length - 1 - lags;
  if (!(ssr > 0) || nobs <= m) return null;
  const level = ntrend; // the level's column
  const u = new Float64Array(m);
  let uu = 0;
  let coef = 0;
  for (let j = level; j < m; j++) {
    let sum = j === level ? 1 : 0;
    for (let i = level; i < j; i++) sum -= u[i] * a[i * w + j];
    u[j] = sum / a[j * w + j];
    uu += u[j] * u[j];
    coef += u[j] * a[j * w + m];
  }
  const sigma2 = ssr / (nobs - m);
  return { stat: coef / Math.sqrt(sigma2 * uu), nobs };
}

/** The ADF regression with `lags` lags on the longest sample they allow; returns the level's t-ratio. */
function fitLevelTStat(x: Float64Array, regression: TrendRegression, lags: number): { stat: number; nobs: number } {
  const ntrend = trendCount(regression);
  const rows = x.length - 1 - lags;
  const cols = 1 + lags + ntrend;
  if (rows <= cols) {
    throw new EngineError('TOO_FEW_OBSERVATIONS', `ADF: ${x.length} observations leave no degrees of freedom with ${lags} lags`);
  }
  // Row-major [level, Δ lags, trend terms], as statsmodels' add_trend(prepend=False).
  const X = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    const row = t * cols;
    for (let c = 0; c <= lags; c++) X[row + c] = lagValue(x, lags, t, c);
    for (let c = 0; c < ntrend; c++) X[row + 1 + lags + c] = trendValue(c, t);
    y[t] = x[lags + t + 1] - x[lags + t];
  }
  const fit = leastSquaresQR(X, rows, cols, y);
  if (!(fit.ssr > 0)) {
    throw new EngineError('SINGULAR_MATRIX', 'ADF: the series is fitted exactly by its own lags; the test is undefined');
  }
  return { stat: fit.tValues[0], nobs: rows };
}

export function adfuller(series: ArrayLike<number>, options: AdfOptions = {}): AdfResult {
  const regression = options.regression ?? 'c';
  if (regression !== 'c' && regression !== 'ct' && regression !== 'ctt' && regression !== 'n') {
    throw new EngineError('BAD_ARGUMENT', `ADF: regression must be c, ct, ctt or n (got "${regression}")`);
  }
  const autolag = normaliseAutolag(options.autolag);
  const x = checkedSeries(series);
  const ntrend = trendCount(regression);
  const maxlag = resolveMaxlag(x.length, ntrend, options.maxlag);

  let usedLag = maxlag;
  let icBest: number | undefined;
  let chosenQr: QrFactorization | undefined;
  if (autolag !== null) {
    const choice = searchLag(x, regression, maxlag, autolag);
    usedLag = choice.lag;
    icBest = choice.icBest;
    chosenQr = choice.chosenQr;
  }
  const { stat, nobs } = (chosenQr && levelTStatByAddingRows(chosenQr, x, regression, usedLag, maxlag)) || fitLevelTStat(x, regression, usedLag);
  const result: AdfResult = {
    statistic: stat,
    pValue: mackinnonp(stat, regression, 1),
    usedLag,
    nobs,
    critical: mackinnoncrit(1, regression, nobs),
    regression,
    autolag,
  };
  if (icBest !== undefined) result.icBest = icBest;
  return result;
}
