// Huber M-estimate of y on x ("y = α + β·x + ε") by iteratively reweighted least squares, the same
// algorithm and defaults as statsmodels `RLM(y, add_constant(x), M=HuberT()).fit()`: HuberT t = 1.345,
// start from OLS, scale = MAD of the residuals about 0 (/ Φ⁻¹(3/4)) re-estimated each iteration,
// stop when the change of the "deviance" is ≤ 1e-8 or after 50 iterations. Like statsmodels, that
// deviance is Σρ(r / s²_w) with s²_w = Σw·r²/(n − 2), the weighted fit's variance (not the MAD scale):
// odd, but it decides when the iteration stops, so it is copied to reproduce statsmodels' numbers.
// Each weighted fit of the two-column design is solved in centred (weighted) form, exact for k = 2.
//
// Every number is bit-for-bit that of the plain step-by-step IRLS (test/engine/analytics/huberStepByStep.ts);
// the speed comes from work that changes no number:
// - the passes of a step are fused (weights with the weighted sums and the deviance; residuals with |r| and
//   Σw·r²), each sum keeping its terms and their order;
// - divisions only where they decide something: a weight is 1 unless |r|·(1/s) is within rounding of t or
//   above it, and then it is t / (|r| / s) exactly; the deviance is summed with 1/s²_w and compared with the
//   tolerance with its rounding bound, and recomputed exactly (both iterates) only when that bound straddles it;
// - the MAD is selected among the few |r| that can hold it: the median of |r| moves by at most the largest
//   change of a residual, max |Δα + Δβ·x| (at the smallest or largest x), so the pass that writes the
//   residuals counts those below that band and keeps those inside it; a full selection when it misses. The
//   OLS start takes its band from the last fit's (the window moved by a bar: one point out, one in).
//   Whatever the band, the result is the exact order statistic: the counts show whether it holds the middle.
// No warm start from the previous bar's fit: statsmodels stops short of the fixed point (on the real BTC/ETH
// 1 h windows of 300 its β is up to 4e-4 relative from it, median 2e-9), so another path stops elsewhere.
import { EngineError } from '../errors';
import type { LineFit } from './rollingCoMoments';
import { EPS, isRoundingNoise } from './roundingNoise';
import { emptyMiddle, selectMiddle } from './select';

export const HUBER_T = 1.345;
/** Φ⁻¹(0.75): makes the MAD a consistent estimate of σ for normal errors (statsmodels `mad`). */
const MAD_NORMAL_CONSTANT = 0.6744897501960817;
const MAX_ITERATIONS = 50;
const TOLERANCE = 1e-8;
const HALF_T_SQUARED = 0.5 * HUBER_T * HUBER_T;
/** Below this, |r|·(1/s) proves fl(|r| / s) ≤ t: 1/s and the product each round within ε/2, and 2ε is twice that. */
const WEIGHT_ONE_BELOW = HUBER_T * (1 - 2 * EPS);
const MIN_NORMAL = 2.2250738585072014e-308;
/** Each point's x, y, weight and residual side by side in one array: a loop then checks one array, not four. */
const STRIDE = 4;
const Y = 1;
const WEIGHT = 2;
const RESIDUAL = 3;

export interface HuberFit extends LineFit {
  /** Final MAD scale (statsmodels `results.scale`). */
  scale: number;
  /** statsmodels' `fit_history['iteration']` (the OLS start counts as 1). */
  iterations: number;
}

/** 1/v when it is a normal number, so that multiplying by it stays within rounding of dividing by v; else NaN. */
function reciprocalOrNaN(v: number): number {
  const inverse = 1 / v;
  return inverse >= MIN_NORMAL && inverse <= Number.MAX_VALUE ? inverse : NaN;
}

/**
 * Σρ(|r| / s²_w) exactly as statsmodels (and the step-by-step reference) add it, for the residuals of α + β·x
 * (recomputed by the expression the fit uses, so the same numbers).
 */
function exactDeviance(points: Float64Array, alpha: number, beta: number, devianceScale: number, n: number): number {
  let sum = 0;
  for (let i = 0, p = 0; i < n; i++, p += STRIDE) {
    const r = points[p + Y] - alpha - beta * points[p];
    const z = Math.abs(r / devianceScale);
    sum += z <= HUBER_T ? 0.5 * z * z : HUBER_T * z - HALF_T_SQUARED;
  }
  return sum;
}

export class HuberFitter {
  /** STRIDE values per point: x, y, weight, residual of the latest weighted fit. */
  private points = new Float64Array(0);
  /** |r| of the latest fit, for a full selection of the MAD. */
  private magnitudes = new Float64Array(0);
  /** The |r| inside the band that holds the MAD. */
  private band = new Float64Array(0);

  // Left by `weightedFit`.
  private alpha = 0;
  private beta = 0;
  /** Σw·r² of the last weighted fit (the deviance's scale). */
  private weightedSsr = 0;
  /** The middle |r| of the last weighted fit: their median is the MAD before its constant. */
  private readonly middle = emptyMiddle();
  /** Range of x on the window: a change of α, β moves the residuals most at one of its ends. */
  private xMin = 0;
  private xMax = 0;
  /**
   * The last fit's OLS start (n, α, β) and the |r| one rank outside its middle ones: the next window is usually this
   * one moved by a bar, whose residuals then move by at most max|Δα + Δβ·x| except one point in, one out, which
   * shifts each rank by at most one. So they bracket the next OLS start's MAD too (checked by the counts, as always).
   */
  private startN = 0;
  private startAlpha = NaN;
  private startBeta = NaN;
  private startBelowMiddle = NaN;
  private startAboveMiddle = NaN;

  fit(x: Float64Array, y: Float64Array, n: number): HuberFit {
    if (n < 3) throw new EngineError('TOO_FEW_OBSERVATIONS', `Huber regression needs at least 3 observations, got ${n}`);
    if (this.magnitudes.length < n) {
      this.points = new Float64Array(STRIDE * n);
      this.magnitudes = new Float64Array(n);
      this.band = new Float64Array(n);
    }
    const points = this.points;
    let xScale = 0;
    let yScale = 0;
    let xMin = Infinity;
    let xMax = -Infinity;
    let sw = 0;
    let swx = 0;
    let swy = 0;
    for (let i = 0, p = 0; i < n; i++, p += STRIDE) {
      const xi = x[i];
      const yi = y[i];
      points[p] = xi;
      points[p + Y] = yi;
      points[p + WEIGHT] = 1;
      sw += 1;
      swx += xi;
      swy += yi;
      xScale = Math.max(xScale, Math.abs(xi));
      yScale = Math.max(yScale, Math.abs(yi));
      xMin = Math.min(xMin, xi);
      xMax = Math.max(xMax, xi);
    }
    this.xMin = xMin;
    this.xMax = xMax;
    const fromLastStart = this.startN === n;
    this.weightedFit(n, sw, swx, swy, xScale, yScale, fromLastStart ? this.startAlpha : NaN, fromLastStart ? this.startBeta : NaN, this.startBelowMiddle, this.startAboveMiddle, true);
    this.startN = n;
    this.startAlpha = this.alpha;
    this.startBeta = this.beta;
    this.startBelowMiddle = this.middle.belowLower;
    this.startAboveMiddle = this.middle.aboveUpper;
    let priorAlpha = NaN;
    let priorBeta = NaN;
    let scale = this.middle.median / MAD_NORMAL_CONSTANT;
    let devianceScale = this.weightedSsr / (n - 2);
    let priorDevianceScale = NaN;
    let priorDeviance = Infinity;
    let priorDevianceError = 0;
    let priorDevianceExact = false;
    let iteration = 1;
    for (;;) {
      if (iteration >= MAX_ITERATIONS) break;
      if (scale === 0) break; // perfect fit on more than half the points: statsmodels stops here too
      // Deviance of the current residuals (within `devianceError`), and the next step's weights and weighted sums.
      const inverseDevianceScale = reciprocalOrNaN(devianceScale);
      const inverseScale = reciprocalOrNaN(scale);
      // Module constants as locals: V8 otherwise reloads and type-checks them on every element.
      const t = HUBER_T;
      const weightOneBelow = WEIGHT_ONE_BELOW;
      let deviance = 0;
      sw = 0;
      swx = 0;
      swy = 0;
      for (let p = 0, end = STRIDE * n; p < end; p += STRIDE) {
        const magnitude = Math.abs(points[p + RESIDUAL]);
        // ρ(z) = min(z, t)·(z − min(z, t)/2): z²/2 inside ±t, t·z − t²/2 outside.
        const zd = magnitude * inverseDevianceScale;
        const clipped = Math.min(zd, t);
        deviance += clipped * (zd - 0.5 * clipped);
        let wi = 1;
        if (!(magnitude * inverseScale < weightOneBelow)) {
          const z = magnitude / scale;
          wi = z <= t ? 1 : t / z;
        }
        points[p + WEIGHT] = wi;
        sw += wi;
        swx += wi * points[p];
        swy += wi * points[p + Y];
      }
      // Each term is within 7ε of the reference's (ρ(z(1 + 3ε)) within 6ε of ρ(z), plus their own roundings), each
      // sum of n non-negative terms within (n − 1)·ε/2 of its terms' sum: (n + 6)·ε·deviance in all, of which this is
      // four times, plus what underflow can lose. NaN (no usable 1/s²_w, or a NaN residual): infinite.
      const devianceError = deviance === deviance ? 4 * (n + 10) * EPS * deviance + n * MIN_NORMAL : Infinity;
      let exact = false;
      if (iteration > 1) {
        const change = Math.abs(deviance - priorDeviance);
        const changeError = devianceError + priorDevianceError;
        if (!(change - changeError > TOLERANCE)) {
          if (change + changeError <= TOLERANCE) break;
          // Too close to call with the fast sums: decide on the exact ones, as the reference computes them.
          deviance = exactDeviance(points, this.alpha, this.beta, devianceScale, n);
          const exactPrior = priorDevianceExact ? priorDeviance : exactDeviance(points, priorAlpha, priorBeta, priorDevianceScale, n);
          if (!(Math.abs(deviance - exactPrior) > TOLERANCE)) break;
          exact = true;
        }
      }
      priorDeviance = deviance;
      priorDevianceError = exact ? 0 : devianceError;
      priorDevianceExact = exact;
      priorAlpha = this.alpha;
      priorBeta = this.beta;
      this.weightedFit(n, sw, swx, swy, xScale, yScale, this.alpha, this.beta, this.middle.lower, this.middle.upper, false);
      scale = this.middle.median / MAD_NORMAL_CONSTANT;
      priorDevianceScale = devianceScale;
      devianceScale = this.weightedSsr / (n - 2);
      iteration++;
    }
    return { alpha: this.alpha, beta: this.beta, scale, iterations: iteration };
  }

  /**
   * Weighted least squares with intercept from the weighted sums: α, β into `alpha`, `beta`, the residuals into
   * `points`, Σw·r² into `weightedSsr`, the middle |r| and their median. The median of |r| is looked for in
   * [refLow, refHigh] widened by how far the residuals can have moved from those of the line `refAlpha`, `refBeta`
   * (NaN: no such line, select among all). `neighbours`: also find the |r| one rank outside the middle ones.
   */
  private weightedFit(n: number, sw: number, swx: number, swy: number, xScale: number, yScale: number, refAlpha: number, refBeta: number, refLow: number, refHigh: number, neighbours: boolean): void {
    const points = this.points;
    const end = STRIDE * n;
    const mx = swx / sw;
    const my = swy / sw;
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    for (let p = 0; p < end; p += STRIDE) {
      const wi = points[p + WEIGHT];
      const dx = points[p] - mx;
      const dy = points[p + Y] - my;
      sxx += wi * dx * dx;
      sxy += wi * dx * dy;
      syy += wi * dy * dy;
    }
    // x constant up to rounding of its weighted mean (61659.8 ×300 averages to 61659.80000000001).
    if (isRoundingNoise(Math.sqrt(sxx / sw), xScale, n)) throw new EngineError('CONSTANT_SERIES', 'Huber regression: X is constant on the window, so there is no hedge ratio');
    let alpha: number;
    let beta: number;
    const flat = isRoundingNoise(Math.sqrt(syy / sw), yScale, n);
    if (flat) {
      // Y constant (up to rounding): the exact line is flat through Y, not a slope of noise. Its residuals
      // y − α − 0·x are y − y[n−1] (x is finite here, or the check above threw).
      alpha = points[end - STRIDE + Y];
      beta = 0;
    } else {
      beta = sxy / sxx;
      alpha = my - beta * mx;
    }
    // Each residual moves by −(Δα + Δβ·x) (the flat line is α = y[n−1], β = 0 in the same formula), plus the
    // rounding of the two residuals; so does each order statistic of |r|, at most by the largest such move.
    // The band only sets how much is selected: the counts below show whether the middle ranks fell in it.
    // (NaN anywhere leaves an empty band, and so a full selection.)
    const dAlpha = alpha - refAlpha;
    const dBeta = beta - refBeta;
    const move = Math.max(Math.abs(dAlpha + dBeta * this.xMin), Math.abs(dAlpha + dBeta * this.xMax));
    const size = 2 * yScale + Math.abs(alpha) + Math.abs(refAlpha) + Math.abs(dAlpha) + (Math.abs(beta) + Math.abs(refBeta) + Math.abs(dBeta)) * xScale + Math.abs(refHigh);
    const reach = move + 8 * EPS * size;
    const low = refLow - reach;
    const high = refHigh + reach;
    const magnitudes = this.magnitudes;
    const band = this.band;
    let ssr = 0;
    let below = 0;
    let inBand = 0;
    for (let p = 0; p < end; p += STRIDE) {
      const r = points[p + Y] - alpha - beta * points[p];
      points[p + RESIDUAL] = r;
      const magnitude = Math.abs(r);
      // Unary plus counts without a branch (half of the |r| are below the band, in no predictable order); the
      // band is narrow, so the branch that keeps a value is nearly never taken.
      below += +(magnitude < low);
      if (+(magnitude >= low) & +(magnitude <= high)) band[inBand++] = magnitude;
      ssr += points[p + WEIGHT] * r * r;
    }
    this.alpha = alpha;
    this.beta = beta;
    this.weightedSsr = ssr;
    // A NaN residual makes ssr NaN and escapes every count: select among all, as the reference does.
    if (!(ssr === ssr && selectMiddle(band, inBand, below, n, this.middle, neighbours))) {
      for (let i = 0; i < n; i++) magnitudes[i] = Math.abs(points[STRIDE * i + RESIDUAL]);
      selectMiddle(magnitudes, n, 0, n, this.middle, neighbours);
    }
  }
}
