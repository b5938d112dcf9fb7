// The out-of-sample check: α, β fitted by OLS on the first part of the lookback only, then the spread of
// the remaining bars with that frozen α, β tested by ADF (constant, autolag AIC) and its half-life taken.
// A pair whose hedge only works on the bars it was fitted on fails here.
import { olsWithIntercept } from '../analytics/ols';
import { adfuller } from '../analytics/adf';
import { halfLife } from '../analytics/halfLife';

export interface OutOfSampleResult {
  alpha: number;
  beta: number;
  /** ADF p-value of the frozen spread over the held-out bars. */
  pValue: number;
  /** In bars; null when the held-out spread does not mean-revert. */
  halfLife: number | null;
  inSampleBars: number;
}

export function outOfSampleTest(y: Float64Array, x: Float64Array, inSampleShare: number): OutOfSampleResult {
  const n = y.length;
  const split = Math.floor(n * inSampleShare + 1e-9);
  const fit = olsWithIntercept(y.subarray(0, split), x.subarray(0, split));
  const spread = new Float64Array(n - split);
  for (let t = split; t < n; t++) spread[t - split] = y[t] - fit.alpha - fit.beta * x[t];
  const adf = adfuller(spread, { regression: 'c', autolag: 'AIC' });
  return { alpha: fit.alpha, beta: fit.beta, pValue: adf.pValue, halfLife: halfLife(spread).halfLife, inSampleBars: split };
}
