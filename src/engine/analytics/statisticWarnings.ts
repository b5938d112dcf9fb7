// Warnings to show beside the numbers: when a statistic is computed on too little, or on data that
// mostly did not move, it says so. Pure: the caller passes the window's facts, this decides.
// Thresholds are in STATISTIC_WARNING_LIMITS (one place), and every warning carries the figure it is about.

export type StatisticWarningCode =
  | 'carried-forward'
  | 'effective-sample'
  | 'beta-unstable'
  | 'short-test'
  | 'half-life-below-bar'
  | 'half-life-beyond-window';

export interface StatisticWarning {
  code: StatisticWarningCode;
  /** The statistic the warning qualifies ("z-score", "ADF", "Half-life", …). */
  statistic: string;
  /** The figure behind the warning (a share, a count, a number of standard errors, bars). */
  value: number;
  message: string;
}

export const STATISTIC_WARNING_LIMITS = {
  /** Share of bars in the window in which a leg had no trade (its close carried). */
  carriedShare: 0.1,
  /** Warn when fewer than this share of the window's returns are non-zero. */
  nonZeroReturnShare: 0.5,
  /** β's range over the window, in standard errors of β, beyond which β is called unstable. */
  betaRangeInStdErrs: 4,
  /** Stationarity verdicts on fewer bars are not to be trusted. */
  minTestBars: 50,
} as const;

export interface StatisticWarningInput {
  /** Bars in the window. */
  window: number;
  /** Per bar of the window, oldest first: true when that leg had no trade (the previous close carried). */
  yEmpty?: ArrayLike<boolean>;
  xEmpty?: ArrayLike<boolean>;
  /** The window's raw closes, oldest first, for the share of zero returns. */
  yCloses?: ArrayLike<number>;
  xCloses?: ArrayLike<number>;
  /** β of each bar in the window (nulls skipped) and the standard error of the latest β. */
  betas?: ArrayLike<number | null>;
  betaStdErr?: number | null;
  /** Bars the stationarity tests (ADF, Engle-Granger) ran on; null if they did not run. */
  testBars?: number | null;
  /** Half-life in bars; null if there is none. */
  halfLife?: number | null;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function nonZeroMoves(closes: ArrayLike<number>): number {
  let moves = 0;
  for (let i = 1; i < closes.length; i++) if (closes[i] !== closes[i - 1]) moves++;
  return moves;
}

export function statisticWarnings(input: StatisticWarningInput): StatisticWarning[] {
  const limits = STATISTIC_WARNING_LIMITS;
  const out: StatisticWarning[] = [];

  if (input.yEmpty && input.xEmpty && input.yEmpty.length > 0) {
    const n = Math.min(input.yEmpty.length, input.xEmpty.length);
    let carried = 0;
    for (let i = 0; i < n; i++) if (input.yEmpty[i] || input.xEmpty[i]) carried++;
    const share = carried / n;
    if (share >= limits.carriedShare) {
      out.push({
        code: 'carried-forward',
        statistic: 'window',
        value: share,
        message: `${percent(share)} of the ${n} bars in the window had no trade in a leg (previous close carried)`,
      });
    }
  }

  if (input.yCloses && input.xCloses && input.yCloses.length > 1) {
    const returns = Math.min(input.yCloses.length, input.xCloses.length) - 1;
    // A return of exactly 0 carries no information about co-movement: the sample is the leg that moved least.
    const effective = Math.min(nonZeroMoves(input.yCloses), nonZeroMoves(input.xCloses));
    if (effective < limits.nonZeroReturnShare * returns) {
      out.push({
        code: 'effective-sample',
        statistic: 'Return correlation',
        value: effective,
        message: `effective sample ${effective} of ${returns} returns: most returns are zero`,
      });
    }
  }

  if (input.betas && input.betaStdErr !== undefined && input.betaStdErr !== null && input.betaStdErr > 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < input.betas.length; i++) {
      const b = input.betas[i];
      if (b === null || !Number.isFinite(b)) continue;
      lo = Math.min(lo, b);
      hi = Math.max(hi, b);
    }
    const range = (hi - lo) / input.betaStdErr;
    if (hi >= lo && range > limits.betaRangeInStdErrs) {
      out.push({
        code: 'beta-unstable',
        statistic: 'Hedge ratio',
        value: range,
        message: `β ranged over ${range.toFixed(1)} standard errors in the window (${lo.toPrecision(4)} to ${hi.toPrecision(4)})`,
      });
    }
  }

  if (input.testBars !== undefined && input.testBars !== null && input.testBars < limits.minTestBars) {
    out.push({
      code: 'short-test',
      statistic: 'Stationarity',
      value: input.testBars,
      message: `stationarity verdict on ${input.testBars} bars (fewer than ${limits.minTestBars}): not reliable`,
    });
  }

  if (input.halfLife !== undefined && input.halfLife !== null) {
    if (input.halfLife < 1) {
      out.push({
        code: 'half-life-below-bar',
        statistic: 'Half-life',
        value: input.halfLife,
        message: `half-life ${input.halfLife.toPrecision(2)} bars is shorter than one bar: reversion faster than the data can show`,
      });
    } else if (input.halfLife > input.window) {
      out.push({
        code: 'half-life-beyond-window',
        statistic: 'Half-life',
        value: input.halfLife,
        message: `half-life ${input.halfLife.toPrecision(3)} bars is longer than the ${input.window}-bar window`,
      });
    }
  }
  return out;
}
