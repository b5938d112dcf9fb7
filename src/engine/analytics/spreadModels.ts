// Spread models: turn the window of (x, y) into α, β and the spread s = y − (α + β·x) of the newest
// bar, with the mean and std the z-score divides by. Two families:
// - fitted on the window ("ols", "huber", "theil-sen"): one fit on the current window, and the
//   spread statistics are those of that fit's residuals over the same window;
// - causal ("rolling-ols", "kalman"): each bar's spread uses only the fit known at that bar; the
//   spread history is fixed and its mean/std roll over the last `window` spreads.
import { isEngineError } from '../errors';
import { DEFAULT_KALMAN_DELTA, type HedgeMethod, type KalmanSettings } from './hedgeMethod';
import { HuberFitter } from './huber';
import { KalmanHedge } from './kalman';
import type { LineFit, RollingCoMoments } from './rollingCoMoments';
import { RollingMoments } from './rollingMoments';
import { RollingTheilSen } from './rollingTheilSen';
import { isRoundingNoise } from './roundingNoise';

export interface SpreadReading {
  alpha: number;
  beta: number;
  spread: number;
  spreadMean: number | null;
  spreadStd: number | null;
}

export interface SpreadModel {
  /** Bars needed before α, β exist. */
  readonly barsForHedge: number;
  /** Bars needed before the spread mean/std (hence z) exist. */
  readonly barsForZ: number;
  /** Called once per closed bar, after `window` received it. Null while warming up. */
  update(window: RollingCoMoments): SpreadReading | null;
  /** α, β to apply to a price not yet closed (the next bar's), and the spread statistics. */
  current(): SpreadReading | null;
  /** The spread series the stationarity tests look at, oldest first (length ≤ window); all equal to the
   *  spread mean when the spread is constant up to rounding (spreadStd 0), so the tests say "constant". */
  windowSpread(window: RollingCoMoments): Float64Array | null;
}

/** A robust fit of the window; `observe` sees every bar first, for fitters that keep their own state. */
interface WindowFitter {
  observe?(x: number, y: number): void;
  fit(x: Float64Array, y: Float64Array, n: number): LineFit;
}

/** Fit on the current window; spread statistics of its residuals over the window. */
class WindowFitModel implements SpreadModel {
  readonly barsForHedge: number;
  readonly barsForZ: number;
  private xs: Float64Array;
  private ys: Float64Array;
  private latest: SpreadReading | null = null;

  constructor(
    private readonly windowSize: number,
    /** Null: plain OLS from the rolling co-moments in O(1). */
    private readonly fitter: WindowFitter | null,
  ) {
    this.barsForHedge = windowSize;
    this.barsForZ = windowSize;
    this.xs = new Float64Array(windowSize);
    this.ys = new Float64Array(windowSize);
  }

  update(window: RollingCoMoments): SpreadReading | null {
    this.latest = null;
    this.fitter?.observe?.(window.lastX, window.lastY);
    if (!window.full) return null;
    const n = window.count;
    const xLast = window.lastX;
    const yLast = window.lastY;
    if (this.fitter === null) {
      const fit = window.olsFit();
      const variance = window.residualVariance();
      if (!fit || variance === null) return null;
      // OLS residuals have mean ȳ − α − β·x̄ = 0 by construction; computed, not assumed.
      const spreadMean = window.meanY - fit.alpha - fit.beta * window.meanX;
      this.latest = { alpha: fit.alpha, beta: fit.beta, spread: yLast - fit.alpha - fit.beta * xLast, spreadMean, spreadStd: Math.sqrt(variance) };
      return this.latest;
    }
    window.copyTo(this.xs, this.ys);
    let fit: LineFit;
    try {
      fit = this.fitter.fit(this.xs, this.ys, n);
    } catch (err) {
      if (isEngineError(err)) return null; // constant x on the window: no hedge ratio this bar
      throw err;
    }
    let sum = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      sum += this.ys[i] - fit.alpha - fit.beta * this.xs[i];
      scale = Math.max(scale, spreadScale(fit, this.xs[i], this.ys[i]));
    }
    const mean = sum / n;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = this.ys[i] - fit.alpha - fit.beta * this.xs[i] - mean;
      m2 += d * d;
    }
    const std = Math.sqrt(m2 / (n - 1));
    // Named fields, not `...fit`: a spread of the fitter's result costs ~5% of a Huber bar (and carried its scale and iterations along).
    this.latest = { alpha: fit.alpha, beta: fit.beta, spread: yLast - fit.alpha - fit.beta * xLast, spreadMean: mean, spreadStd: isRoundingNoise(std, scale, n) ? 0 : std };
    return this.latest;
  }

  current(): SpreadReading | null {
    return this.latest;
  }

  windowSpread(window: RollingCoMoments): Float64Array | null {
    if (!this.latest || !window.full) return null;
    const n = window.copyTo(this.xs, this.ys);
    const out = new Float64Array(n);
    if (this.latest.spreadStd === 0) return out.fill(this.latest.spreadMean ?? 0);
    for (let i = 0; i < n; i++) out[i] = this.ys[i] - this.latest.alpha - this.latest.beta * this.xs[i];
    return out;
  }
}

/** Causal models keep the spread each bar had, and roll its mean/std. */
abstract class CausalModel implements SpreadModel {
  protected readonly spreads: RollingMoments;
  protected latest: SpreadReading | null = null;
  abstract readonly barsForHedge: number;
  abstract readonly barsForZ: number;

  constructor(protected readonly windowSize: number) {
    this.spreads = new RollingMoments(windowSize);
  }

  /** Records the bar's spread y − (α + β·x); its std is 0 when the spreads differ only by rounding. */
  protected record(alpha: number, beta: number, spread: number, x: number, y: number): SpreadReading {
    this.spreads.push(spread);
    const ready = this.spreads.full;
    const std = ready ? this.spreads.std : null;
    const flat = std !== null && isRoundingNoise(std, spreadScale({ alpha, beta }, x, y), this.spreads.count);
    this.latest = { alpha, beta, spread, spreadMean: ready ? this.spreads.mean : null, spreadStd: flat ? 0 : std };
    return this.latest;
  }

  abstract update(window: RollingCoMoments): SpreadReading | null;

  current(): SpreadReading | null {
    return this.latest;
  }

  windowSpread(): Float64Array | null {
    if (!this.spreads.full) return null;
    return this.latest?.spreadStd === 0 ? new Float64Array(this.spreads.count).fill(this.spreads.mean) : this.spreads.values();
  }
}

/** β, α from the window ending at this bar (inclusive); the spread history is never revised. */
class RollingOlsModel extends CausalModel {
  readonly barsForHedge = this.windowSize;
  readonly barsForZ = 2 * this.windowSize - 1;

  update(window: RollingCoMoments): SpreadReading | null {
    if (!window.full) return null;
    const fit = window.olsFit();
    if (!fit) return null;
    return this.record(fit.alpha, fit.beta, window.lastY - fit.alpha - fit.beta * window.lastX, window.lastX, window.lastY);
  }
}

/**
 * Kalman hedge: initialised from the OLS fit of the first full window (β, α and their covariance
 * σ²(XᵀX)⁻¹, so β and α start apart and with honest uncertainty), then one filter step per bar.
 * The bar's spread is the one-step forecast error, y − (α⁻ + β⁻·x), with the state known before
 * the bar: causal. `current()` then carries the updated state, the forecast for the next bar.
 */
class KalmanModel extends CausalModel {
  readonly barsForHedge = this.windowSize + 1;
  readonly barsForZ = 2 * this.windowSize;
  private filter: KalmanHedge | null = null;

  constructor(
    windowSize: number,
    private readonly settings: KalmanSettings | undefined,
  ) {
    super(windowSize);
  }

  update(window: RollingCoMoments): SpreadReading | null {
    if (!window.full) return null;
    if (!this.filter) {
      this.filter = this.initialise(window);
      return null;
    }
    const step = this.filter.step(window.lastX, window.lastY);
    return this.record(step.alphaPrior, step.betaPrior, step.forecastError, window.lastX, window.lastY);
  }

  override current(): SpreadReading | null {
    if (!this.latest || !this.filter) return this.latest;
    const { alpha, beta } = this.filter.state;
    return { ...this.latest, alpha, beta };
  }

  private initialise(window: RollingCoMoments): KalmanHedge | null {
    const fit = window.olsFit();
    const residualVariance = window.residualVariance();
    if (!fit || residualVariance === null) return null;
    const n = window.count;
    const { sxx } = window.sums;
    // Exactly 0 when Y is an exact line in X on the window (no cancellation noise posing as variance).
    const sigma2 = (residualVariance * (n - 1)) / (n - 2);
    const r = this.settings?.observationVariance ?? sigma2;
    const delta = this.settings?.delta ?? DEFAULT_KALMAN_DELTA;
    const q = (delta / (1 - delta)) * r;
    const mx = window.meanX;
    const qBeta = mx !== 0 ? q / (mx * mx) : q;
    return new KalmanHedge(
      { beta: fit.beta, alpha: fit.alpha, pBB: sigma2 / sxx, pBA: (-mx * sigma2) / sxx, pAA: sigma2 * (1 / n + (mx * mx) / sxx) },
      qBeta,
      q,
      r > 0 ? r : Number.MIN_VALUE,
    );
  }
}

/** Magnitude of the terms a spread y − (α + β·x) is computed from: its rounding is relative to this. */
function spreadScale(fit: LineFit, x: number, y: number): number {
  return Math.abs(y) + Math.abs(fit.alpha) + Math.abs(fit.beta * x);
}

export function createSpreadModel(method: HedgeMethod, windowSize: number, kalman?: KalmanSettings): SpreadModel {
  switch (method) {
    case 'ols':
      return new WindowFitModel(windowSize, null);
    case 'huber':
      return new WindowFitModel(windowSize, new HuberFitter());
    case 'theil-sen': {
      const theilSen = new RollingTheilSen(windowSize);
      return new WindowFitModel(windowSize, { observe: (x, y) => theilSen.push(x, y), fit: () => theilSen.fit() });
    }
    case 'rolling-ols':
      return new RollingOlsModel(windowSize);
    case 'kalman':
      return new KalmanModel(windowSize, kalman);
  }
}
