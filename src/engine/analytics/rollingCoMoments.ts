// Rolling co-moments of a pair (x, y) over a fixed window in O(1) per pair: means, centred sums of
// squares and of cross-products. From them: the OLS fit of y on x with intercept, the Pearson
// correlation and the residual variance, all without raw sums of squares (safe at BTC-scale prices).
// Same scheme as RollingMoments: Welford add/remove on values shifted by a reference level (so the
// running means hold deviations of a few dollars, not 60,000-dollar levels whose rounding would
// leak into every update), and an exact two-pass recompute once per window that also re-centres.
//
// Note: simple-statistics has sampleCorrelation / linearRegression, but only as whole-array
// functions; a sliding window needs the incremental form, so it is written here.
import { RingBuffer } from './ringBuffer';
import { CANCELLATION_RATIO } from './rollingMoments';
import { isCancellationNoise, isRoundingNoise } from './roundingNoise';

export interface LineFit {
  alpha: number;
  beta: number;
}

export class RollingCoMoments {
  private readonly xs: RingBuffer;
  private readonly ys: RingBuffer;
  /** Reference levels subtracted from every x, y; re-centred on each exact recompute. */
  private kx = 0;
  private ky = 0;
  /** Means of x − kx, y − ky. */
  private mx = 0;
  private my = 0;
  private sxx = 0;
  private syy = 0;
  private sxy = 0;
  private pushesSinceExact = 0;
  /** Peaks of sxx, syy since the last exact recompute (see RollingMoments: cancellation guard). */
  private sxxPeak = 0;
  private syyPeak = 0;

  constructor(readonly capacity: number) {
    this.xs = new RingBuffer(capacity);
    this.ys = new RingBuffer(capacity);
  }

  get count(): number {
    return this.xs.length;
  }

  get full(): boolean {
    return this.xs.full;
  }

  push(xValue: number, yValue: number): void {
    const ex = this.xs.push(xValue);
    const ey = this.ys.push(yValue);
    const n = this.xs.length;
    if (n === 1 && ex === undefined) {
      this.kx = xValue;
      this.ky = yValue;
    }
    if (ex !== undefined && ey !== undefined) this.remove(ex - this.kx, ey - this.ky, n);
    const x = xValue - this.kx;
    const y = yValue - this.ky;
    // Add (n − 1 → n).
    const dx = x - this.mx;
    const dy = y - this.my;
    this.mx += dx / n;
    this.my += dy / n;
    this.sxx += dx * (x - this.mx);
    this.syy += dy * (y - this.my);
    this.sxy += dx * (y - this.my);
    if (this.sxx > this.sxxPeak) this.sxxPeak = this.sxx;
    if (this.syy > this.syyPeak) this.syyPeak = this.syy;
    if (
      ++this.pushesSinceExact >= this.capacity ||
      this.sxx < this.sxxPeak * CANCELLATION_RATIO ||
      this.syy < this.syyPeak * CANCELLATION_RATIO
    ) {
      this.recomputeExactly();
    }
  }

  /** Newest x, y (call only when count > 0). */
  get lastX(): number {
    return this.xs.last();
  }

  get lastY(): number {
    return this.ys.last();
  }

  get meanX(): number {
    return this.kx + this.mx;
  }

  get meanY(): number {
    return this.ky + this.my;
  }

  /** Centred sums Σ(x−x̄)², Σ(y−ȳ)², Σ(x−x̄)(y−ȳ). */
  get sums(): { sxx: number; syy: number; sxy: number } {
    return { sxx: this.sxx, syy: this.syy, sxy: this.sxy };
  }

  /** X constant on the window, up to rounding (see roundingNoise.ts). */
  get xIsConstant(): boolean {
    return isRoundingNoise(Math.sqrt(this.sxx / this.count), Math.abs(this.meanX) + Math.sqrt(Math.max(this.sxx, 0)), this.count);
  }

  /** Y constant on the window, up to rounding. */
  get yIsConstant(): boolean {
    return isRoundingNoise(Math.sqrt(this.syy / this.count), Math.abs(this.meanY) + Math.sqrt(Math.max(this.syy, 0)), this.count);
  }

  /** Pearson correlation of the window; null with < 3 pairs or a side constant up to rounding. */
  correlation(): number | null {
    if (this.count < 3 || this.xIsConstant || this.yIsConstant) return null;
    const r = this.sxy / Math.sqrt(this.sxx * this.syy);
    return Math.max(-1, Math.min(1, r));
  }

  /**
   * OLS of y on x with intercept on the window ("y = α + β·x + ε"); null with < 3 pairs or x constant
   * up to rounding.
   * With centred sums this is what QR gives for a two-column design (centring is the orthogonalisation).
   */
  olsFit(): LineFit | null {
    if (this.count < 3 || this.xIsConstant) return null;
    // Y constant (up to rounding): the exact fit is β = 0 through Y itself, not a slope of noise (2.8e-22).
    if (this.yIsConstant) return { beta: 0, alpha: this.lastY };
    const beta = this.sxy / this.sxx;
    // α = ȳ − β·x̄, evaluated around the reference levels to keep the small terms exact.
    return { beta, alpha: this.ky + this.my - beta * this.mx - beta * this.kx };
  }

  /**
   * Sample variance (n − 1) of the OLS residuals of the window: (Syy − Sxy²/Sxx)/(n − 1); exactly 0 when
   * Y is constant or the difference is only cancellation (Y an exact line in X), so z is never noise.
   */
  residualVariance(): number | null {
    if (this.count < 3 || this.xIsConstant) return null;
    if (this.yIsConstant) return 0;
    const ssr = Math.max(this.syy - (this.sxy * this.sxy) / this.sxx, 0);
    return isCancellationNoise(ssr, this.syy, this.count) ? 0 : ssr / (this.count - 1);
  }

  /** Standard error of the window's OLS β, √(σ²/Sxx) with σ² = SSR/(n − 2) (statsmodels' bse); 0 for an exact line. */
  betaStandardError(): number | null {
    const variance = this.residualVariance();
    if (variance === null) return null;
    return Math.sqrt((variance * (this.count - 1)) / (this.count - 2) / this.sxx);
  }

  /** Copies the window (oldest first) into the given arrays; returns the count. */
  copyTo(xOut: Float64Array, yOut: Float64Array): number {
    this.xs.copyTo(xOut);
    return this.ys.copyTo(yOut);
  }

  clear(): void {
    this.xs.clear();
    this.ys.clear();
    this.kx = this.ky = this.mx = this.my = this.sxx = this.syy = this.sxy = 0;
    this.pushesSinceExact = this.sxxPeak = this.syyPeak = 0;
  }

  /** Welford removal (n → n − 1) of a shifted pair, `n` counting the evicted pair. */
  private remove(x: number, y: number, n: number): void {
    const mxWithout = this.mx - (x - this.mx) / (n - 1);
    const myWithout = this.my - (y - this.my) / (n - 1);
    this.sxx -= (x - mxWithout) * (x - this.mx);
    this.syy -= (y - myWithout) * (y - this.my);
    this.sxy -= (x - mxWithout) * (y - this.my);
    this.mx = mxWithout;
    this.my = myWithout;
  }

  private recomputeExactly(): void {
    const n = this.xs.length;
    // Re-centre on the newest values: the next window lives around them.
    this.kx = this.xs.last();
    this.ky = this.ys.last();
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      sx += this.xs.get(i) - this.kx;
      sy += this.ys.get(i) - this.ky;
    }
    const mx = sx / n;
    const my = sy / n;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < n; i++) {
      const dx = this.xs.get(i) - this.kx - mx;
      const dy = this.ys.get(i) - this.ky - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
      cx += dx;
      cy += dy;
    }
    this.mx = mx + cx / n;
    this.my = my + cy / n;
    this.sxx = sxx - (cx * cx) / n;
    this.syy = syy - (cy * cy) / n;
    this.sxy = sxy - (cx * cy) / n;
    this.pushesSinceExact = 0;
    this.sxxPeak = this.sxx;
    this.syyPeak = this.syy;
  }
}
