// Hurst exponent of a series from the scaling of its lagged differences: the standard deviation of
// x_{t+τ} − x_t grows like τ^H. H is the least-squares slope of ln σ(τ) on ln τ over τ = 2 … maxLag
// (σ with denominator N, as numpy's std). H ≈ 0.5 for a random walk, below for mean reversion, above
// for trending. Written out in docs/statistics.md ("Hurst exponent").
import { EngineError } from '../errors';
import { isRoundingNoise } from './roundingNoise';

export interface HurstResult {
  hurst: number;
  /** Lags used: 2 … maxLag. */
  maxLag: number;
  /** R² of the log-log fit: how well a single power law describes the lags. */
  rSquared: number;
}

/** Default largest lag: a quarter of the series (so every lag has ≥ 3n/4 differences), at most 100. */
export function defaultHurstMaxLag(n: number): number {
  return Math.min(100, Math.floor(n / 4));
}

export function hurstExponent(series: ArrayLike<number>, maxLag = defaultHurstMaxLag(series.length)): HurstResult {
  const n = series.length;
  if (!Number.isInteger(maxLag) || maxLag < 4) {
    throw new EngineError('TOO_FEW_OBSERVATIONS', `Hurst: needs lags 2…4 at least (maxLag ${maxLag}; ${n} values give ${defaultHurstMaxLag(n)})`);
  }
  if (maxLag >= n - 1) throw new EngineError('TOO_FEW_OBSERVATIONS', `Hurst: maxLag ${maxLag} leaves fewer than 2 differences of ${n} values`);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i])) throw new EngineError('BAD_ARGUMENT', `Hurst: value ${i + 1} is not a finite number`);
    scale = Math.max(scale, Math.abs(series[i]));
  }
  const logLag: number[] = [];
  const logStd: number[] = [];
  for (let lag = 2; lag <= maxLag; lag++) {
    const m = n - lag;
    let mean = 0;
    for (let t = 0; t < m; t++) mean += series[t + lag] - series[t];
    mean /= m;
    let ss = 0;
    for (let t = 0; t < m; t++) {
      const d = series[t + lag] - series[t] - mean;
      ss += d * d;
    }
    const std = Math.sqrt(ss / m);
    if (isRoundingNoise(std, scale, n)) throw new EngineError('CONSTANT_SERIES', `Hurst: the series does not move over ${lag} bars (up to rounding)`);
    logLag.push(Math.log(lag));
    logStd.push(Math.log(std));
  }
  const k = logLag.length;
  const mx = logLag.reduce((a, b) => a + b, 0) / k;
  const my = logStd.reduce((a, b) => a + b, 0) / k;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < k; i++) {
    sxx += (logLag[i] - mx) ** 2;
    sxy += (logLag[i] - mx) * (logStd[i] - my);
    syy += (logStd[i] - my) ** 2;
  }
  const hurst = sxy / sxx;
  return { hurst, maxLag, rSquared: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1 };
}
