// Ornstein-Uhlenbeck fit of a spread, dS = θ(μ − S)dt + σ dW, from its exact AR(1) discretisation over
// one bar: S_{t+1} = a + b·S_t + ε, b = e^{−θ}, a = μ(1 − b), Var ε = σ²(1 − b²)/(2θ). a, b by OLS of
// S_{t+1} on [1, S_t] (the conditional maximum likelihood), Var ε = SSR/N (its MLE). Then θ = −ln b,
// μ = a/(1 − b), σ = √(Var ε · 2θ/(1 − b²)), half-life ln 2/θ bars, and the stationary (equilibrium)
// std σ/√(2θ) = √(Var ε/(1 − b²)), which is what z-score bands of the OU model use.
// Only 0 < b < 1 is an OU process (b ≥ 1: no pull to a mean; b ≤ 0: the AR(1) flips sign each bar).
import { EngineError, isEngineError } from '../errors';
import { olsWithIntercept } from './ols';

export interface OrnsteinUhlenbeckFit {
  /** AR(1) coefficients of S_{t+1} = a + b·S_t + ε. */
  a: number;
  b: number;
  /** MLE variance of ε (SSR / N). */
  residualVariance: number;
  /** Per bar; null unless 0 < b < 1. */
  theta: number | null;
  mu: number | null;
  sigma: number | null;
  /** ln 2 / θ, in bars. */
  halfLife: number | null;
  /** Stationary std of the spread, σ/√(2θ). */
  equilibriumStd: number | null;
  /** Transitions used (length − 1). */
  nobs: number;
}

export function ornsteinUhlenbeck(spread: ArrayLike<number>): OrnsteinUhlenbeckFit {
  const n = spread.length - 1;
  const next = new Float64Array(Math.max(n, 0));
  const prev = new Float64Array(Math.max(n, 0));
  for (let t = 0; t < n; t++) {
    prev[t] = spread[t];
    next[t] = spread[t + 1];
  }
  let fit;
  try {
    fit = olsWithIntercept(next, prev);
  } catch (err) {
    if (isEngineError(err) && err.code === 'CONSTANT_SERIES') throw new EngineError('CONSTANT_SERIES', 'OU fit: the spread is constant (up to rounding)');
    if (isEngineError(err) && err.code === 'TOO_FEW_OBSERVATIONS') throw new EngineError('TOO_FEW_OBSERVATIONS', `OU fit: needs at least 4 spread values (got ${spread.length})`);
    throw err;
  }
  let ssr = 0;
  for (const r of fit.residuals) ssr += r * r;
  const residualVariance = ssr / n;
  const b = fit.beta;
  const a = fit.alpha;
  if (!(b > 0 && b < 1)) {
    return { a, b, residualVariance, theta: null, mu: null, sigma: null, halfLife: null, equilibriumStd: null, nobs: n };
  }
  const theta = -Math.log(b);
  const oneMinusB2 = -Math.expm1(-2 * theta); // 1 − b², without cancellation when b is near 1
  return {
    a,
    b,
    residualVariance,
    theta,
    mu: a / (1 - b),
    sigma: Math.sqrt((residualVariance * 2 * theta) / oneMinusB2),
    halfLife: Math.LN2 / theta,
    equilibriumStd: Math.sqrt(residualVariance / oneMinusB2),
    nobs: n,
  };
}
