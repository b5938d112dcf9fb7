// OLS of Y on X with a constant ("Y = α + β·X + ε"), the static hedge ratio of a pair.
// simple-statistics supplies the means; its linearRegression has no standard errors or t-ratios and
// works on raw sums, so the fit itself goes through the Householder QR of linalg.ts on centred data
// (centring keeps 60,000-scale prices from drowning the slope in the intercept's magnitude).
import { mean } from 'simple-statistics';
import { EngineError } from '../errors';
import { leastSquaresQR } from './linalg';
import { isRoundingNoise } from './roundingNoise';

export interface OlsWithInterceptResult {
  alpha: number;
  beta: number;
  /** y − (α + β·x), in input order. */
  residuals: Float64Array;
  rSquared: number;
  stdErrBeta: number;
  tBeta: number;
  nobs: number;
}

export function olsWithIntercept(y: ArrayLike<number>, x: ArrayLike<number>): OlsWithInterceptResult {
  const n = y.length;
  if (x.length !== n) throw new EngineError('BAD_ARGUMENT', `Y and X must have the same length (${n} vs ${x.length})`);
  if (n < 3) throw new EngineError('TOO_FEW_OBSERVATIONS', `OLS with a constant needs at least 3 observations (got ${n})`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]) || !Number.isFinite(x[i])) {
      throw new EngineError('BAD_ARGUMENT', `OLS input has a non-finite value at index ${i}`);
    }
  }
  const yMean = mean(Array.from(y));
  const xMean = mean(Array.from(x));
  const design = new Float64Array(2 * n);
  const yc = new Float64Array(n);
  let sxx = 0;
  let syy = 0;
  let xScale = 0;
  let yScale = 0;
  for (let i = 0; i < n; i++) {
    xScale = Math.max(xScale, Math.abs(x[i]));
    yScale = Math.max(yScale, Math.abs(y[i]));
    const xc = x[i] - xMean;
    design[2 * i] = 1;
    design[2 * i + 1] = xc;
    yc[i] = y[i] - yMean;
    sxx += xc * xc;
    syy += yc[i] * yc[i];
  }
  // Constant up to the rounding of the mean counts as constant (see roundingNoise.ts).
  if (isRoundingNoise(Math.sqrt(sxx / n), xScale, n)) throw new EngineError('CONSTANT_SERIES', 'X is constant: the hedge ratio is undefined');
  if (isRoundingNoise(Math.sqrt(syy / n), yScale, n)) throw new EngineError('CONSTANT_SERIES', 'Y is constant: R² and the t-ratio are undefined');
  const fit = leastSquaresQR(design, n, 2, yc);
  const beta = fit.coef[1];
  const alpha = yMean + fit.coef[0] - beta * xMean;
  return {
    alpha,
    beta,
    residuals: fit.residuals,
    rSquared: 1 - fit.ssr / syy,
    stdErrBeta: fit.stdErr[1],
    tBeta: fit.tValues[1],
    nobs: n,
  };
}
