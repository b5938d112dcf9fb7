// Half-life of mean reversion from the AR(1) fit of a spread: Δs_t = c + λ·s_{t−1} + ε_t, HL = −ln 2 / λ.
// λ ≥ 0 means no pull back to the mean, so there is no half-life to report.
import { EngineError, isEngineError } from '../errors';
import { olsWithIntercept } from './ols';

export interface HalfLifeResult {
  /** In bars; null when the spread does not mean-revert (λ ≥ 0). */
  halfLife: number | null;
  lambda: number;
  meanReverting: boolean;
  /** Observations in the regression (series length − 1). */
  nobs: number;
}

export function halfLife(spread: ArrayLike<number>): HalfLifeResult {
  const n = spread.length - 1;
  const delta = new Float64Array(Math.max(n, 0));
  const lagged = new Float64Array(Math.max(n, 0));
  for (let t = 0; t < n; t++) {
    lagged[t] = spread[t];
    delta[t] = spread[t + 1] - spread[t];
  }
  // olsWithIntercept centres the lagged level, so a spread far from zero keeps its digits. Its messages
  // speak of X and Y; here X is the lagged spread and Y its change, so they are said in those terms.
  let fit;
  try {
    fit = olsWithIntercept(delta, lagged);
  } catch (err) {
    if (isEngineError(err) && err.code === 'CONSTANT_SERIES') {
      const what = /^X/.test(err.message) ? 'the spread is constant' : 'the spread changes by the same amount every bar';
      throw new EngineError('CONSTANT_SERIES', `${what} (up to rounding), so it has no half-life`);
    }
    if (isEngineError(err) && err.code === 'TOO_FEW_OBSERVATIONS') {
      throw new EngineError('TOO_FEW_OBSERVATIONS', `the half-life needs at least 4 spread values (got ${spread.length})`);
    }
    throw err;
  }
  const lambda = fit.beta;
  const meanReverting = lambda < 0;
  return { halfLife: meanReverting ? -Math.LN2 / lambda : null, lambda, meanReverting, nobs: n };
}
