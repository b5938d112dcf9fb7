// Rolling stationarity: the Engle-Granger test recomputed over a moving window, so a relationship that
// breaks shows as a rising p-value. Every `step` bars over the last `span` bars, each test on the
// `window` bars ending there, in both orderings (cointBothWays.ts). Each test is a fresh fit of its
// window (an ADF lag search has no useful incremental form); the cost is (span/step) tests of O(window·lags).
import { EngineError } from '../errors';
import { engleGrangerBothWays, type CointOrdering } from './cointBothWays';
import type { CointOptions } from './coint';

export interface RollingCointOptions extends CointOptions {
  /** Bars in each test. */
  window: number;
  /** Bars between successive tests (k). */
  step: number;
  /** How far back the tests reach (W bars, ending at the last bar); default: the whole series. */
  span?: number;
}

export interface RollingCointPoint {
  /** Index of the last bar of the tested window. */
  end: number;
  pYOnX: number | null;
  pXOnY: number | null;
  /** The weaker (larger) of the two; null unless both ran. */
  pValue: number | null;
  weaker: CointOrdering | null;
  notes: string[];
}

export function rollingCointegration(y: ArrayLike<number>, x: ArrayLike<number>, options: RollingCointOptions): RollingCointPoint[] {
  const n = y.length;
  if (x.length !== n) throw new EngineError('BAD_ARGUMENT', `rolling cointegration: Y and X must have the same length (${n} vs ${x.length})`);
  const { window, step } = options;
  const span = options.span ?? n;
  if (!Number.isInteger(window) || window < 20) throw new EngineError('BAD_ARGUMENT', `rolling cointegration: window must be a whole number ≥ 20 (got ${window})`);
  if (!Number.isInteger(step) || step < 1) throw new EngineError('BAD_ARGUMENT', `rolling cointegration: step must be a whole number ≥ 1 (got ${step})`);
  if (!Number.isInteger(span) || span < 1) throw new EngineError('BAD_ARGUMENT', `rolling cointegration: span must be a whole number ≥ 1 (got ${span})`);
  const ends: number[] = [];
  // Anchored on the last bar, so the newest test always covers the newest data.
  for (let end = n - 1; end >= window - 1 && end >= n - span; end -= step) ends.push(end);
  ends.reverse();
  const yy = Float64Array.from(y);
  const xx = Float64Array.from(x);
  const { trend, autolag, maxlag } = options;
  return ends.map((end) => {
    const from = end + 1 - window;
    const r = engleGrangerBothWays(yy.subarray(from, end + 1), xx.subarray(from, end + 1), { trend, autolag, maxlag });
    return { end, pYOnX: r.yOnX?.pValue ?? null, pXOnY: r.xOnY?.pValue ?? null, pValue: r.pValue, weaker: r.weaker, notes: r.notes };
  });
}
