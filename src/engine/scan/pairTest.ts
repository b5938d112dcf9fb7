// Stage 2 for one candidate pair: Engle-Granger on log prices in both orderings (statsmodels'
// coint(log y, log x), trend c, autolag AIC), the ordering with the smaller p kept as y/x, p = the larger
// (a pair must look cointegrated whichever leg is regressed on which); then the spread's half-life,
// Hurst exponent, mean crossings and σ, the Johansen trace test and the out-of-sample check.
import { coint } from '../analytics/coint';
import { halfLife } from '../analytics/halfLife';
import { cointegratingRegression } from '../analytics/coint';
import { isEngineError } from '../errors';
import { hurstExponent } from '../analytics/hurst';
import { meanCrossingsPer100 } from './meanCrossings';
import { outOfSampleTest } from './outOfSample';

export interface PairStatistics {
  /** Symbol indices of the reported ordering: y regressed on x. */
  y: number;
  x: number;
  corr: number;
  /** Hedge ratio of log y on log x (OLS with a constant), and of the reverse ordering. */
  beta: number;
  betaReverse: number;
  egP: number;
  egPReverse: number;
  /** max(egP, egPReverse): the p-value the multiple-testing correction reads. */
  p: number;
  johansenTrace: number | null;
  johansenCrit95: number | null;
  halfLife: number | null;
  hurst: number | null;
  crossingsPer100: number;
  /** σ of the in-sample spread (log y − α − β log x), in basis points. */
  sigmaBp: number;
  oosP: number | null;
  oosHalfLife: number | null;
  /** Set when a statistic could not be computed (then p = 1 and the pair cannot pass). */
  error?: string;
}

/** Johansen trace statistic for rank 0 and its 95% critical value, when a Johansen test is available. */
export type JohansenTraceTest = (y: Float64Array, x: Float64Array) => { trace: number; crit95: number };

export interface PairTestOptions {
  inSampleShare: number;
  johansen?: JohansenTraceTest;
}

/** The spread statistics before they are computed (and what a pair whose test failed reports). */
const NOT_YET_COMPUTED = {
  johansenTrace: null,
  johansenCrit95: null,
  halfLife: null,
  hurst: null,
  crossingsPer100: 0,
  sigmaBp: 0,
  oosP: null,
  oosHalfLife: null,
} as const satisfies Partial<PairStatistics>;

export function testPair(i: number, j: number, corr: number, a: Float64Array, b: Float64Array, options: PairTestOptions): PairStatistics {
  let forward: ReturnType<typeof coint>;
  let reverse: ReturnType<typeof coint>;
  try {
    forward = coint(a, b, { trend: 'c', autolag: 'AIC' });
    reverse = coint(b, a, { trend: 'c', autolag: 'AIC' });
  } catch (err) {
    if (!isEngineError(err)) throw err;
    return failed(i, j, corr, err.message);
  }
  const swap = reverse.pValue < forward.pValue;
  const [y, x, fy, fx] = swap ? [j, i, b, a] : [i, j, a, b];
  const chosen = swap ? reverse : forward;
  const other = swap ? forward : reverse;
  const stats: PairStatistics = {
    y,
    x,
    corr,
    beta: chosen.beta,
    betaReverse: other.beta,
    egP: chosen.pValue,
    egPReverse: other.pValue,
    p: Math.max(chosen.pValue, other.pValue),
    ...NOT_YET_COMPUTED,
  };
  const spread = cointegratingRegression(fy, fx, 'c').residuals;
  stats.halfLife = halfLife(spread).halfLife;
  stats.crossingsPer100 = meanCrossingsPer100(spread);
  stats.sigmaBp = standardDeviation(spread) * 1e4;
  const notes: string[] = [];
  const attempt = (what: string, f: () => void) => {
    try {
      f();
    } catch (err) {
      if (!isEngineError(err)) throw err;
      notes.push(`${what}: ${err.message}`);
    }
  };
  attempt('Hurst', () => (stats.hurst = hurstExponent(spread).hurst));
  attempt('out of sample', () => {
    const oos = outOfSampleTest(fy, fx, options.inSampleShare);
    stats.oosP = oos.pValue;
    stats.oosHalfLife = oos.halfLife;
  });
  if (options.johansen) {
    attempt('Johansen', () => {
      const jo = options.johansen!(fy, fx);
      stats.johansenTrace = jo.trace;
      stats.johansenCrit95 = jo.crit95;
    });
  }
  if (notes.length > 0) stats.error = notes.join('; ');
  return stats;
}

function failed(i: number, j: number, corr: number, message: string): PairStatistics {
  return {
    y: i,
    x: j,
    corr,
    beta: NaN,
    betaReverse: NaN,
    egP: 1,
    egPReverse: 1,
    p: 1,
    ...NOT_YET_COMPUTED,
    error: message,
  };
}

function standardDeviation(v: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i];
  mean /= v.length;
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i] - mean) * (v[i] - mean);
  return Math.sqrt(ss / (v.length - 1));
}
