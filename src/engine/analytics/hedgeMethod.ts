// The hedge-ratio methods a pair can use, and their settings. The list itself is a product constant
// shared with the webview (src/shared/constants.ts).
import { HEDGE_METHODS, type HedgeMethod } from '../../shared/constants';

export { HEDGE_METHODS, type HedgeMethod };

export function isHedgeMethod(value: unknown): value is HedgeMethod {
  return typeof value === 'string' && (HEDGE_METHODS as readonly string[]).includes(value);
}

/**
 * Kalman settings. `delta` is dimensionless: the per-bar state-noise variance is δ/(1−δ)·r for α and
 * δ/(1−δ)·r/x̄² for β (x̄ = mean of x on the initial window), so each state component moves the
 * spread by the same amount and δ does not depend on the price scale. `observationVariance` (r) is
 * in squared spread units (squared log-price units with log prices); default: the residual variance
 * of the OLS fit on the initial window.
 */
export interface KalmanSettings {
  delta: number;
  observationVariance?: number;
}

export const DEFAULT_KALMAN_DELTA = 1e-4;
