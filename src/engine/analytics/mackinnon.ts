// MacKinnon p-values (1994 response surfaces) and critical values (2010) for ADF and Engle-Granger tests,
// computed exactly as statsmodels.tsa.adfvalues.mackinnonp / mackinnoncrit.
import { EngineError } from '../errors';
import { normalCdf } from './normal';
import * as T from './mackinnonTables';

export type TrendRegression = 'c' | 'ct' | 'ctt' | 'n';

export interface CriticalValues {
  '1%': number;
  '5%': number;
  '10%': number;
}

interface PValueSurface {
  max: readonly number[];
  min: readonly number[];
  star: readonly number[];
  smallP: readonly (readonly number[])[];
  largeP: readonly (readonly number[])[];
}

// statsmodels multiplies the published coefficients by these factors (numpy float products, reproduced here).
const SMALL_SCALING = [1, 1, 1e-2];
const LARGE_SCALING = [1, 1e-1, 1e-1, 1e-2];

function scale(rows: readonly (readonly number[])[], factors: readonly number[]): number[][] {
  return rows.map((row) => row.map((v, i) => v * factors[i]));
}

const P_SURFACES: Readonly<Record<TrendRegression, PValueSurface>> = {
  n: { max: T.TAU_MAX_NC, min: T.TAU_MIN_NC, star: T.TAU_STAR_NC, smallP: scale(T.TAU_NC_SMALLP_RAW, SMALL_SCALING), largeP: scale(T.TAU_NC_LARGEP_RAW, LARGE_SCALING) },
  c: { max: T.TAU_MAX_C, min: T.TAU_MIN_C, star: T.TAU_STAR_C, smallP: scale(T.TAU_C_SMALLP_RAW, SMALL_SCALING), largeP: scale(T.TAU_C_LARGEP_RAW, LARGE_SCALING) },
  ct: { max: T.TAU_MAX_CT, min: T.TAU_MIN_CT, star: T.TAU_STAR_CT, smallP: scale(T.TAU_CT_SMALLP_RAW, SMALL_SCALING), largeP: scale(T.TAU_CT_LARGEP_RAW, LARGE_SCALING) },
  ctt: { max: T.TAU_MAX_CTT, min: T.TAU_MIN_CTT, star: T.TAU_STAR_CTT, smallP: scale(T.TAU_CTT_SMALLP_RAW, SMALL_SCALING), largeP: scale(T.TAU_CTT_LARGEP_RAW, LARGE_SCALING) },
};

const CRIT_SURFACES: Readonly<Record<TrendRegression, readonly (readonly (readonly number[])[])[]>> = {
  n: T.TAU_NC_2010,
  c: T.TAU_C_2010,
  ct: T.TAU_CT_2010,
  ctt: T.TAU_CTT_2010,
};

/** Horner evaluation of c0 + c1·x + c2·x² + …, in numpy.polyval's order (highest power first). */
function polyvalAscending(coefs: readonly number[], x: number): number {
  let y = 0;
  for (let i = coefs.length - 1; i >= 0; i--) y = y * x + coefs[i];
  return y;
}

function checkRegression(regression: string): asserts regression is TrendRegression {
  if (regression !== 'c' && regression !== 'ct' && regression !== 'ctt' && regression !== 'n') {
    throw new EngineError('BAD_ARGUMENT', `regression must be one of c, ct, ctt, n (got "${regression}")`);
  }
}

/**
 * MacKinnon (1994) approximate asymptotic p-value of a Dickey-Fuller τ statistic: the probability,
 * under the null of a unit root (no cointegration among N series), of a statistic at most this low.
 * N = 1 for ADF, N = number of series for Engle-Granger (1 ≤ N ≤ 6).
 */
export function mackinnonp(stat: number, regression: TrendRegression, N: number): number {
  checkRegression(regression);
  const surface = P_SURFACES[regression];
  if (!Number.isInteger(N) || N < 1 || N > surface.max.length) {
    throw new EngineError('BAD_ARGUMENT', `MacKinnon p-values exist for 1 to ${surface.max.length} series (got N = ${N})`);
  }
  if (Number.isNaN(stat)) throw new EngineError('BAD_ARGUMENT', 'MacKinnon p-value of a statistic that is not a number');
  if (stat > surface.max[N - 1] || stat === Infinity) return 1; // τ_max is +∞ for n, N = 1
  if (stat < surface.min[N - 1]) return 0;
  const coefs = stat <= surface.star[N - 1] ? surface.smallP[N - 1] : surface.largeP[N - 1];
  return normalCdf(polyvalAscending(coefs, stat));
}

/**
 * MacKinnon (2010) critical values at 1%, 5% and 10% for a sample of `nobs` observations
 * (Infinity gives the asymptotic values). Regression 'n' is tabulated for N = 1 only.
 */
export function mackinnoncrit(N: number, regression: TrendRegression, nobs: number): CriticalValues {
  checkRegression(regression);
  const table = CRIT_SURFACES[regression];
  if (!Number.isInteger(N) || N < 1 || N > table.length) {
    throw new EngineError(
      'BAD_ARGUMENT',
      `MacKinnon (2010) critical values for regression "${regression}" exist for 1 to ${table.length} series (got N = ${N})`,
    );
  }
  if (!(nobs > 0)) throw new EngineError('BAD_ARGUMENT', `critical values need a positive number of observations (got ${nobs})`);
  const levels = table[N - 1];
  const at = (level: readonly number[]): number => (nobs === Infinity ? level[0] : polyvalAscending(level, 1 / nobs));
  return { '1%': at(levels[0]), '5%': at(levels[1]), '10%': at(levels[2]) };
}
