// Configuration of one pair, "Y = α + β·X + ε" (Y regressed on X), and its validation.
import { EngineError } from '../errors';
import { validateBacktestParams, type BacktestParams } from './backtest';
import { isHedgeMethod, HEDGE_METHODS, type HedgeMethod, type KalmanSettings } from './hedgeMethod';

export interface PairConfig {
  /** Dependent leg symbol (Y). */
  y: string;
  /** Regressor leg symbol (X). */
  x: string;
  /** Bars in every rolling window (hedge fit, spread statistics, correlations, tests). */
  window: number;
  hedge: HedgeMethod;
  /** Regress log prices instead of prices (β is then an elasticity). */
  logPrices?: boolean;
  kalman?: KalmanSettings;
  backtest?: BacktestParams;
  /** Closed bars kept for setWindow / setHedge / backtest (default max(2000, 4·window)). */
  historyBars?: number;
}

/**
 * What the statistics can compute on, not what the product offers (that is WINDOW_MIN–WINDOW_MAX in
 * src/shared/constants.ts, enforced by the settings, commands and dashboard): 3 bars is the least that leaves
 * a residual degree of freedom after fitting α and β; the CLI analyses files with windows outside the
 * product's range (a day of 1 s bars is 86,400), so the library accepts the wider one.
 */
export const MIN_WINDOW = 3;
export const MAX_WINDOW = 100_000;
/** Theil-Sen keeps all window·(window − 1)/2 slopes (twice): 2,000 bars is ~32 MB. */
export const MAX_THEIL_SEN_WINDOW = 2000;

export function validatePairConfig(config: PairConfig): void {
  if (typeof config.y !== 'string' || config.y.trim() === '') throw new EngineError('BAD_SYMBOL', 'pair: the Y symbol is empty');
  if (typeof config.x !== 'string' || config.x.trim() === '') throw new EngineError('BAD_SYMBOL', 'pair: the X symbol is empty');
  if (config.y === config.x) throw new EngineError('BAD_SYMBOL', `pair: Y and X are the same symbol (${config.y})`);
  if (!Number.isInteger(config.window) || config.window < MIN_WINDOW || config.window > MAX_WINDOW) {
    throw new EngineError('BAD_ARGUMENT', `pair window must be a whole number of bars between ${MIN_WINDOW} and ${MAX_WINDOW}, got ${config.window}`);
  }
  if (!isHedgeMethod(config.hedge)) {
    throw new EngineError('BAD_ARGUMENT', `unknown hedge method "${String(config.hedge)}" (accepted: ${HEDGE_METHODS.join(', ')})`);
  }
  if (config.hedge === 'theil-sen' && config.window > MAX_THEIL_SEN_WINDOW) {
    throw new EngineError('BAD_ARGUMENT', `theil-sen keeps every pairwise slope: use a window of at most ${MAX_THEIL_SEN_WINDOW} bars (got ${config.window})`);
  }
  if (config.kalman) {
    const { delta, observationVariance } = config.kalman;
    if (!Number.isFinite(delta) || delta <= 0 || delta >= 1) throw new EngineError('BAD_ARGUMENT', `kalman delta must be in (0, 1), got ${delta}`);
    if (observationVariance !== undefined && !(Number.isFinite(observationVariance) && observationVariance > 0)) {
      throw new EngineError('BAD_ARGUMENT', `kalman observationVariance must be a positive number, got ${observationVariance}`);
    }
  }
  if (config.backtest) validateBacktestParams(config.backtest);
  if (config.historyBars !== undefined && !(Number.isInteger(config.historyBars) && config.historyBars >= config.window)) {
    throw new EngineError('BAD_ARGUMENT', `historyBars must be a whole number ≥ the window (${config.window}), got ${config.historyBars}`);
  }
}
