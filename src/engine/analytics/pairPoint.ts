// One closed bar of a pair "Y = α + β·X + ε", as the dashboard, CSV export and alerts read it.
// Every statistic is a finite number or null while it warms up: never NaN.

export interface PairPoint {
  /** Bar open time, UTC ms. */
  time: number;
  /** Close prices (raw, even when the regression uses logs). */
  y: number;
  x: number;
  beta: number | null;
  alpha: number | null;
  /** Y − (α + β·X), in regression units (log units with log prices). */
  spread: number | null;
  /** Mean and sample std (n − 1) of the spread over the window. */
  spreadMean: number | null;
  spreadStd: number | null;
  /** (spread − spreadMean) / spreadStd. */
  z: number | null;
  /** Pearson correlation of the legs' log returns over the window. */
  corrReturns: number | null;
  /** Pearson correlation of the legs' prices (log prices when logPrices) over the window. */
  corrPrices: number | null;
}

/** Null for anything that is not a finite number, so NaN and ±∞ never leave the engine. */
export function finiteOrNull(v: number | null | undefined): number | null {
  return v !== null && v !== undefined && Number.isFinite(v) ? v : null;
}
