// Stationarity tests of a pair on its window, run on demand (and on bar close), never per tick:
// - ADF (regression "c", AIC autolag, statsmodels' default maxlag) on the window's spread;
// - Engle-Granger `coint(Y, X)` (trend "c", AIC) on the window's prices: this, not a plain ADF
//   p-value of the spread, is what "cointegrated" means on the dashboard;
// - Engle-Granger the other way round (X on Y), and the verdict of the weaker ordering;
// - half-life of mean reversion of the spread (AR(1) on Δs), its Ornstein-Uhlenbeck fit, Hurst exponent
//   and variance ratio; and the warnings that qualify these results (statisticWarnings.ts).
// A test that fails on its input (constant spread, too few points) reports why instead of a number.
import { EngineError, isEngineError } from '../errors';
import { adfuller, type AdfResult } from './adf';
import type { CointResult } from './coint';
import { engleGrangerBothWays, type CointOrdering } from './cointBothWays';
import { halfLife, type HalfLifeResult } from './halfLife';
import { hurstExponent, type HurstResult } from './hurst';
import { ornsteinUhlenbeck, type OrnsteinUhlenbeckFit } from './ornsteinUhlenbeck';
import { requirement, type Requirement } from './requirements';
import { statisticWarnings, type StatisticWarning } from './statisticWarnings';
import { varianceRatio, type VarianceRatioResult } from './varianceRatio';

/** Horizon of the variance ratio on the dashboard: 4-bar changes against 4 one-bar changes. */
export const VARIANCE_RATIO_Q = 4;

/** Fewer points make ADF's lag search and p-values meaningless. */
export const MIN_TEST_OBSERVATIONS = 20;

export interface PairTests {
  /** Open time of the last bar in the tested window; null if no bar. */
  time: number | null;
  nobs: number;
  adf: AdfResult | null;
  /** Engle-Granger of Y on X (the hedge regression's direction). */
  eg: CointResult | null;
  /** Engle-Granger of X on Y. */
  egReverse: CointResult | null;
  /** The ordering with the larger p-value and that p: the verdict to trust; null unless both ran. */
  egWeaker: { ordering: CointOrdering; pValue: number } | null;
  halfLife: HalfLifeResult | null;
  ou: OrnsteinUhlenbeckFit | null;
  hurst: HurstResult | null;
  /** Lo–MacKinlay variance ratio at q = VARIANCE_RATIO_Q. */
  varianceRatio: VarianceRatioResult | null;
  /** Caveats: a verdict on fewer than 50 bars, a half-life under 1 bar or beyond the window. */
  warnings: StatisticWarning[];
  /** Why a test gave no result ("ADF: needs 23 more bars", "Engle-Granger: constant series …"). */
  notes: string[];
}

export function testRequirements(barCount: number, window: number, barsForSpreadWindow: number): Requirement[] {
  const names = ['ADF', 'Engle-Granger', 'Half-life'];
  if (window < MIN_TEST_OBSERVATIONS) {
    return names.map((statistic) => ({
      statistic,
      moreBars: null,
      message: `${statistic}: needs a window of at least ${MIN_TEST_OBSERVATIONS} bars (window is ${window})`,
    }));
  }
  return [
    requirement('ADF', barCount, barsForSpreadWindow),
    requirement('Engle-Granger', barCount, window),
    requirement('Half-life', barCount, barsForSpreadWindow),
  ];
}

/** Engine messages of the tests start with their own tag ("ADF: …", "coint: …"): one label is enough. */
const OWN_PREFIX = /^(ADF|coint|Engle-Granger|Half-life|OU fit|Hurst|variance ratio):\s*/;

function attempt<T>(name: string, notes: string[], run: () => T): T | null {
  try {
    return run();
  } catch (err) {
    if (!isEngineError(err)) throw err;
    notes.push(`${name}: ${err.message.replace(OWN_PREFIX, '')}`);
    return null;
  }
}

function adfOfSpread(spread: Float64Array): AdfResult {
  try {
    return adfuller(spread, { regression: 'c', autolag: 'AIC' });
  } catch (err) {
    if (isEngineError(err) && err.code === 'CONSTANT_SERIES') {
      throw new EngineError('CONSTANT_SERIES', 'the spread is constant on the window (up to rounding), so there is nothing to test');
    }
    throw err;
  }
}

export function runPairTests(
  time: number | null,
  spread: Float64Array | null,
  y: Float64Array,
  x: Float64Array,
  barCount: number,
  window: number,
  barsForSpreadWindow: number,
): PairTests {
  const notes: string[] = [];
  const unmet = testRequirements(barCount, window, barsForSpreadWindow).filter((r) => r.moreBars !== 0);
  for (const r of unmet) notes.push(r.message);
  const ready = (name: string): boolean => !unmet.some((r) => r.statistic === name);
  const adf = ready('ADF') && spread ? attempt('ADF', notes, () => adfOfSpread(spread)) : null;
  const both = ready('Engle-Granger') ? engleGrangerBothWays(y, x, { trend: 'c', autolag: 'AIC' }) : null;
  for (const note of both?.notes ?? []) notes.push(`Engle-Granger ${note.replace(/^(Y on X|X on Y): /, '($1): ')}`);
  const spreadReady = ready('Half-life') && spread !== null;
  const hl = spreadReady ? attempt('Half-life', notes, () => halfLife(spread)) : null;
  const ou = spreadReady ? attempt('OU fit', notes, () => ornsteinUhlenbeck(spread)) : null;
  const hurst = spreadReady ? attempt('Hurst', notes, () => hurstExponent(spread)) : null;
  const vr = spreadReady ? attempt('Variance ratio', notes, () => varianceRatio(spread, VARIANCE_RATIO_Q)) : null;
  const tested = adf !== null || (both?.yOnX ?? null) !== null;
  const warnings = statisticWarnings({ window, testBars: tested ? Math.min(spread?.length ?? y.length, y.length) : null, halfLife: hl?.halfLife ?? null });
  return {
    time,
    nobs: spread?.length ?? 0,
    adf,
    eg: both?.yOnX ?? null,
    egReverse: both?.xOnY ?? null,
    egWeaker: both?.weaker && both.pValue !== null ? { ordering: both.weaker, pValue: both.pValue } : null,
    halfLife: hl,
    ou,
    hurst,
    varianceRatio: vr,
    warnings,
    notes,
  };
}
