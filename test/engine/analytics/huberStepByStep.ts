// The plain, step-by-step Huber IRLS (src/engine/analytics/huber.ts before its passes were fused), kept as
// the reference the fused fitter must equal bit for bit. Not used by the product.
import { EngineError } from '../../../src/engine/errors';
import type { LineFit } from '../../../src/engine/analytics/rollingCoMoments';
import { isRoundingNoise } from '../../../src/engine/analytics/roundingNoise';
import { medianInPlace } from '../../../src/engine/analytics/select';

const HUBER_T = 1.345;
/** Φ⁻¹(0.75): makes the MAD a consistent estimate of σ for normal errors (statsmodels `mad`). */
const MAD_NORMAL_CONSTANT = 0.6744897501960817;
const MAX_ITERATIONS = 50;
const TOLERANCE = 1e-8;

interface HuberFit extends LineFit {
  /** Final MAD scale (statsmodels `results.scale`). */
  scale: number;
  /** statsmodels' `fit_history['iteration']` (the OLS start counts as 1). */
  iterations: number;
}

export class StepByStepHuber {
  private weights = new Float64Array(0);
  private residuals = new Float64Array(0);
  private scratch = new Float64Array(0);

  fit(x: Float64Array, y: Float64Array, n: number): HuberFit {
    if (n < 3) throw new EngineError('TOO_FEW_OBSERVATIONS', `Huber regression needs at least 3 observations, got ${n}`);
    if (this.weights.length < n) {
      this.weights = new Float64Array(n);
      this.residuals = new Float64Array(n);
      this.scratch = new Float64Array(n);
    }
    const w = this.weights;
    w.fill(1, 0, n);
    let line = this.weightedFit(x, y, n);
    let scale = this.madAboutZero(n);
    let previousDeviance = Infinity;
    let deviance = this.deviance(n);
    let iteration = 1;
    for (;;) {
      if (scale === 0) break; // perfect fit on more than half the points: statsmodels stops here too
      for (let i = 0; i < n; i++) {
        const z = Math.abs(this.residuals[i] / scale);
        w[i] = z <= HUBER_T ? 1 : HUBER_T / z;
      }
      line = this.weightedFit(x, y, n);
      scale = this.madAboutZero(n);
      previousDeviance = deviance;
      deviance = this.deviance(n);
      iteration++;
      if (!(Math.abs(deviance - previousDeviance) > TOLERANCE && iteration < MAX_ITERATIONS)) break;
    }
    return { ...line, scale, iterations: iteration };
  }

  /** Weighted least squares with intercept; leaves the residuals in `this.residuals`. */
  private weightedFit(x: Float64Array, y: Float64Array, n: number): LineFit {
    const w = this.weights;
    let sw = 0;
    let swx = 0;
    let swy = 0;
    for (let i = 0; i < n; i++) {
      sw += w[i];
      swx += w[i] * x[i];
      swy += w[i] * y[i];
    }
    const mx = swx / sw;
    const my = swy / sw;
    let sxx = 0;
    let sxy = 0;
    let xScale = 0;
    for (let i = 0; i < n; i++) {
      const dx = x[i] - mx;
      sxx += w[i] * dx * dx;
      sxy += w[i] * dx * (y[i] - my);
      xScale = Math.max(xScale, Math.abs(x[i]));
    }
    // x constant up to rounding of its weighted mean (61659.8 ×300 averages to 61659.80000000001).
    if (isRoundingNoise(Math.sqrt(sxx / sw), xScale, n)) throw new EngineError('CONSTANT_SERIES', 'Huber regression: X is constant on the window, so there is no hedge ratio');
    let syy = 0;
    let yScale = 0;
    for (let i = 0; i < n; i++) {
      syy += w[i] * (y[i] - my) * (y[i] - my);
      yScale = Math.max(yScale, Math.abs(y[i]));
    }
    if (isRoundingNoise(Math.sqrt(syy / sw), yScale, n)) {
      // Y constant (up to rounding): the exact line is flat through Y, not a slope of noise.
      for (let i = 0; i < n; i++) this.residuals[i] = y[i] - y[n - 1];
      return { alpha: y[n - 1], beta: 0 };
    }
    const beta = sxy / sxx;
    const alpha = my - beta * mx;
    for (let i = 0; i < n; i++) this.residuals[i] = y[i] - alpha - beta * x[i];
    return { alpha, beta };
  }

  private madAboutZero(n: number): number {
    for (let i = 0; i < n; i++) this.scratch[i] = Math.abs(this.residuals[i]);
    return medianInPlace(this.scratch, n) / MAD_NORMAL_CONSTANT;
  }

  /** Σ ρ(r / s²_w) with HuberT ρ: z²/2 inside ±t, t|z| − t²/2 outside (see the header). */
  private deviance(n: number): number {
    let ssr = 0;
    for (let i = 0; i < n; i++) ssr += this.weights[i] * this.residuals[i] * this.residuals[i];
    const scale = ssr / (n - 2);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = Math.abs(this.residuals[i] / scale);
      sum += z <= HUBER_T ? 0.5 * z * z : HUBER_T * z - 0.5 * HUBER_T * HUBER_T;
    }
    return sum;
  }
}
