// Engle-Granger two-step cointegration test, computed exactly as statsmodels.tsa.stattools.coint
// (method "aeg"): OLS of Y on X with the trend terms, then ADF without deterministic terms on the
// residuals; p-value by MacKinnon (1994) and critical values by MacKinnon (2010) for N = 2 series.
// This, not a plain ADF p-value of the residuals, is what "cointegrated" means on the dashboard.
import { EngineError } from '../errors';
import { leastSquaresQR } from './linalg';
import { adfuller, type AdfAutolag } from './adf';
import { mackinnonp, mackinnoncrit, type CriticalValues } from './mackinnon';
import { isRoundingNoise } from './roundingNoise';

export type CointTrend = 'c' | 'ct' | 'ctt' | 'n';

export interface CointOptions {
  /** Deterministic terms of the cointegrating regression (default c; ctt adds t and t²). */
  trend?: CointTrend;
  /** Lag selection of the residual ADF (default AIC, as statsmodels). */
  autolag?: AdfAutolag | null;
  maxlag?: number | null;
}

export interface CointResult {
  /** Slope of Y on X in the cointegrating regression Y = α (+ trend) + β·X + ε. */
  beta: number;
  /** Constant of that regression (0 when trend is n). */
  alpha: number;
  statistic: number;
  /** MacKinnon p-value of "no cointegration"; small means cointegrated. */
  pValue: number;
  /** MacKinnon (2010) critical values; null for trend n, which the 2010 tables do not cover (statsmodels gives NaN). */
  critical: CriticalValues | null;
  usedLag: number;
  /** Observations of the residual ADF regression. */
  nobs: number;
}

export interface CointegratingRegression {
  beta: number;
  alpha: number;
  /** Y − fitted, in input order: the spread the Engle-Granger test is run on. */
  residuals: Float64Array;
  /** Centred R² with deterministic terms, uncentred without (as statsmodels). */
  rSquared: number;
}

/** statsmodels' collinearity guard: R² ≥ 1 − 100·√eps makes the test meaningless. */
const COLLINEAR_R2 = 1 - 100 * Math.sqrt(2.220446049250313e-16);

/** First Engle-Granger step: OLS of Y on [X, deterministic terms] (statsmodels' column order). */
export function cointegratingRegression(y: ArrayLike<number>, x: ArrayLike<number>, trend: CointTrend = 'c'): CointegratingRegression {
  if (trend !== 'c' && trend !== 'ct' && trend !== 'ctt' && trend !== 'n') {
    throw new EngineError('BAD_ARGUMENT', `coint: trend must be c, ct, ctt or n (got "${trend}")`);
  }
  const n = y.length;
  if (x.length !== n) throw new EngineError('BAD_ARGUMENT', `coint: Y and X must have the same length (${n} vs ${x.length})`);
  const ntrend = trend === 'n' ? 0 : trend.length;
  if (n <= ntrend + 2) throw new EngineError('TOO_FEW_OBSERVATIONS', `coint: ${n} observations are too few`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]) || !Number.isFinite(x[i])) {
      throw new EngineError('BAD_ARGUMENT', `coint: observation ${i + 1} is not a finite number`);
    }
  }
  // Columns [x, 1, t, t²] as statsmodels' add_trend(prepend=False), t = 1..n.
  const k = 1 + ntrend;
  const X = new Float64Array(n * k);
  const yy = Float64Array.from(y);
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let i = 0; i < n; i++) {
    X[i * k] = x[i];
    if (ntrend >= 1) X[i * k + 1] = 1;
    if (ntrend >= 2) X[i * k + 2] = i + 1;
    if (ntrend >= 3) X[i * k + 3] = (i + 1) * (i + 1);
    xMin = Math.min(xMin, x[i]);
    xMax = Math.max(xMax, x[i]);
  }
  if (xMin === xMax && trend !== 'n') throw new EngineError('CONSTANT_SERIES', 'coint: X is constant, so there is no hedge ratio');
  const fit = leastSquaresQR(X, n, k, yy);

  // R² as statsmodels: centred with a constant, uncentred without.
  let yMean = 0;
  if (trend !== 'n') {
    for (let i = 0; i < n; i++) yMean += yy[i];
    yMean /= n;
  }
  let tss = 0;
  let yScale = 0;
  for (let i = 0; i < n; i++) {
    tss += (yy[i] - yMean) * (yy[i] - yMean);
    yScale = Math.max(yScale, Math.abs(yy[i]));
  }
  // Constant up to the rounding of its mean (61659.8 ×60 averages to 61659.80000000003) is constant.
  if (tss === 0 || (trend !== 'n' && isRoundingNoise(Math.sqrt(tss / n), yScale, n))) {
    throw new EngineError('CONSTANT_SERIES', 'coint: Y is constant, so there is nothing to test');
  }
  const rSquared = 1 - fit.ssr / tss;

  return { beta: fit.coef[0], alpha: ntrend >= 1 ? fit.coef[1] : 0, residuals: fit.residuals, rSquared };
}

export function coint(y: ArrayLike<number>, x: ArrayLike<number>, options: CointOptions = {}): CointResult {
  const trend = options.trend ?? 'c';
  const n = y.length;
  const reg = cointegratingRegression(y, x, trend);
  if (reg.rSquared >= COLLINEAR_R2) {
    // statsmodels returns τ = −∞ with a warning here; a typed error says the same thing without infinities.
    throw new EngineError('SINGULAR_MATRIX', 'coint: Y and X are (almost) perfectly collinear; the cointegration test is not reliable');
  }
  const adf = adfuller(reg.residuals, { regression: 'n', maxlag: options.maxlag, autolag: options.autolag });
  return {
    beta: reg.beta,
    alpha: reg.alpha,
    statistic: adf.statistic,
    pValue: mackinnonp(adf.statistic, trend, 2),
    // n − 1 as statsmodels (to match Stata's egranger).
    critical: trend === 'n' ? null : mackinnoncrit(2, trend, n - 1),
    usedLag: adf.usedLag,
    nobs: adf.nobs,
  };
}
