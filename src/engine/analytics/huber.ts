// Huber M-estimate of y on x ("y = α + β·x + ε") by iteratively reweighted least squares, the same
// algorithm and defaults as statsmodels `RLM(y, add_constant(x), M=HuberT()).fit()`: HuberT t = 1.345,
// start from OLS, scale = MAD of the residuals about 0 (/ Φ⁻¹(3/4)) re-estimated each iteration,
// stop when the change of the "deviance" is ≤ 1e-8 or after 50 iterations. Like statsmodels, that
// deviance is Σρ(r / s²_w) with s²_w = Σw·r²/(n − 2), the weighted fit's variance (not the MAD scale):
// odd, but it decides when the iteration stops, so it is copied to reproduce statsmodels' numbers.
// Each weighted fit of the two-column design is solved in centred (weighted) form, exact for k = 2.
import { EngineError } from '../errors';
import type { LineFit } from './rollingCoMoments';
import { isRoundingNoise } from './roundingNoise';
import { medianInPlace } from './select';

export const HUBER_T = 1.345;
/** Φ⁻¹(0.75): makes the MAD a consistent estimate of σ for normal errors (statsmodels `mad`). */
const MAD_NORMAL_CONSTANT = 0.6744897501960817;
const MAX_ITERATIONS = 50;
const TOLERANCE = 1e-8;

export interface HuberFit extends LineFit {
  /** Final MAD scale (statsmodels `results.scale`). */
  scale: number;
  /** statsmodels' `fit_history['iteration']` (the OLS start counts as 1). */
  iterations: number;
}

export class HuberFitter {
  private weights = new Float64Array(0);
  private residuals = new Float64Array(0);
  private scratch = new Float64Array(0);

  // The passes of one IRLS step are fused (weights with the weighted sums and the deviance, residuals with
  // the MAD copy and Σw·r²); each sum still adds the same terms in the same order, so the numbers are
  // bit-for-bit those of the step-by-step algorithm (tested against it).
  fit(x: Float64Array, y: Float64Array, n: number): HuberFit {
    if (n < 3) throw new EngineError('TOO_FEW_OBSERVATIONS', `Huber regression needs at least 3 observations, got ${n}`);
    if (this.weights.length < n) {
      this.weights = new Float64Array(n);
      this.residuals = new Float64Array(n);
      this.scratch = new Float64Array(n);
    }
    const w = this.weights;
    const res = this.residuals;
    let xScale = 0;
    let yScale = 0;
    let sw = 0;
    let swx = 0;
    let swy = 0;
    for (let i = 0; i < n; i++) {
      w[i] = 1;
      sw += 1;
      swx += x[i];
      swy += y[i];
      xScale = Math.max(xScale, Math.abs(x[i]));
      yScale = Math.max(yScale, Math.abs(y[i]));
    }
    let line = this.weightedFit(x, y, n, sw, swx, swy, xScale, yScale);
    let scale = this.madAboutZero(n);
    let deviance = 0;
    let previousDeviance = Infinity;
    let devianceScale = this.weightedSsr / (n - 2);
    let iteration = 1;
    for (;;) {
      // Deviance of the current residuals, and the next step's weights and weighted sums, in one pass.
      deviance = 0;
      sw = 0;
      swx = 0;
      swy = 0;
      for (let i = 0; i < n; i++) {
        const r = res[i];
        const zd = Math.abs(r / devianceScale);
        deviance += zd <= HUBER_T ? 0.5 * zd * zd : HUBER_T * zd - 0.5 * HUBER_T * HUBER_T;
        const z = Math.abs(r / scale);
        const wi = z <= HUBER_T ? 1 : HUBER_T / z;
        w[i] = wi;
        sw += wi;
        swx += wi * x[i];
        swy += wi * y[i];
      }
      if (iteration > 1 && !(Math.abs(deviance - previousDeviance) > TOLERANCE && iteration < MAX_ITERATIONS)) break;
      if (scale === 0) break; // perfect fit on more than half the points: statsmodels stops here too
      line = this.weightedFit(x, y, n, sw, swx, swy, xScale, yScale);
      scale = this.madAboutZero(n);
      previousDeviance = deviance;
      devianceScale = this.weightedSsr / (n - 2);
      iteration++;
    }
    return { ...line, scale, iterations: iteration };
  }

  /** Σw·r² of the last weighted fit (the deviance's scale). */
  private weightedSsr = 0;

  /**
   * Weighted least squares with intercept from the weighted sums; leaves the residuals in `this.residuals`,
   * their absolute values in `this.scratch` and Σw·r² in `weightedSsr`.
   */
  private weightedFit(x: Float64Array, y: Float64Array, n: number, sw: number, swx: number, swy: number, xScale: number, yScale: number): LineFit {
    const w = this.weights;
    const res = this.residuals;
    const abs = this.scratch;
    const mx = swx / sw;
    const my = swy / sw;
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
      const dx = x[i] - mx;
      const dy = y[i] - my;
      sxx += w[i] * dx * dx;
      sxy += w[i] * dx * dy;
      syy += w[i] * dy * dy;
    }
    // x constant up to rounding of its weighted mean (61659.8 ×300 averages to 61659.80000000001).
    if (isRoundingNoise(Math.sqrt(sxx / sw), xScale, n)) throw new EngineError('CONSTANT_SERIES', 'Huber regression: X is constant on the window, so there is no hedge ratio');
    let alpha: number;
    let beta: number;
    const flat = isRoundingNoise(Math.sqrt(syy / sw), yScale, n);
    if (flat) {
      // Y constant (up to rounding): the exact line is flat through Y, not a slope of noise.
      alpha = y[n - 1];
      beta = 0;
    } else {
      beta = sxy / sxx;
      alpha = my - beta * mx;
    }
    let ssr = 0;
    for (let i = 0; i < n; i++) {
      const r = flat ? y[i] - y[n - 1] : y[i] - alpha - beta * x[i];
      res[i] = r;
      abs[i] = Math.abs(r);
      ssr += w[i] * r * r;
    }
    this.weightedSsr = ssr;
    return { alpha, beta };
  }

  private madAboutZero(n: number): number {
    return medianInPlace(this.scratch, n) / MAD_NORMAL_CONSTANT;
  }
}
