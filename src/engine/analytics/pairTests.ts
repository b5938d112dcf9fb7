// Stationarity tests of a pair on its window, run on demand (and on bar close), never per tick:
// - ADF (regression "c", AIC autolag, statsmodels' default maxlag) on the window's spread;
// - Engle-Granger `coint(Y, X)` (trend "c", AIC) on the window's prices: this, not a plain ADF
//   p-value of the spread, is what "cointegrated" means on the dashboard;
// - half-life of mean reversion of the spread (AR(1) on Δs).
// A test that fails on its input (constant spread, too few points) reports why instead of a number.
import { EngineError, isEngineError } from '../errors';
import { adfuller, type AdfResult } from './adf';
import { coint, type CointResult } from './coint';
import { halfLife, type HalfLifeResult } from './halfLife';
import { requirement, type Requirement } from './requirements';

/** Fewer points make ADF's lag search and p-values meaningless. */
export const MIN_TEST_OBSERVATIONS = 20;

export interface PairTests {
  /** Open time of the last bar in the tested window; null if no bar. */
  time: number | null;
  nobs: number;
  adf: AdfResult | null;
  eg: CointResult | null;
  halfLife: HalfLifeResult | null;
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
const OWN_PREFIX = /^(ADF|coint|Engle-Granger|Half-life):\s*/;

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
  const eg = ready('Engle-Granger') ? attempt('Engle-Granger', notes, () => coint(y, x, { trend: 'c', autolag: 'AIC' })) : null;
  const hl = ready('Half-life') && spread ? attempt('Half-life', notes, () => halfLife(spread)) : null;
  return { time, nobs: spread?.length ?? 0, adf, eg, halfLife: hl, notes };
}
