// Kalman filter for a time-varying hedge ratio, "y_t = α_t + β_t·x_t + ε_t":
//   state θ_t = [β_t, α_t], random walk θ_t = θ_{t−1} + w_t, w_t ~ N(0, diag(qBeta, qAlpha));
//   observation y_t = [x_t, 1]·θ_t + ε_t, ε_t ~ N(0, r).
// Each step: predict P⁻ = P + Q; one-step forecast ŷ = β·x + α with error e = y − ŷ and variance
// S = H P⁻ Hᵀ + r; gain K = P⁻ Hᵀ / S; update θ += K·e, P = (I − K H) P⁻ (Joseph-free form,
// symmetrised; 2×2 so everything is written out).

export interface KalmanState {
  beta: number;
  alpha: number;
  /** Covariance of [β, α]: pBB = Var β, pBA = Cov(β, α), pAA = Var α. */
  pBB: number;
  pBA: number;
  pAA: number;
}

export interface KalmanStep {
  /** The state used to forecast this observation (before seeing y). */
  betaPrior: number;
  alphaPrior: number;
  /** y − (α⁻ + β⁻·x): the causal spread of this bar. */
  forecastError: number;
  /** Variance of the forecast error, S. */
  forecastVariance: number;
}

export class KalmanHedge {
  private s: KalmanState;

  constructor(
    initial: KalmanState,
    private readonly qBeta: number,
    private readonly qAlpha: number,
    private readonly r: number,
  ) {
    this.s = { ...initial };
  }

  get state(): Readonly<KalmanState> {
    return this.s;
  }

  step(x: number, y: number): KalmanStep {
    const s = this.s;
    // Predict.
    const pBB = s.pBB + this.qBeta;
    const pBA = s.pBA;
    const pAA = s.pAA + this.qAlpha;
    // Forecast with H = [x, 1].
    const betaPrior = s.beta;
    const alphaPrior = s.alpha;
    const e = y - (betaPrior * x + alphaPrior);
    const phB = pBB * x + pBA; // (P⁻ Hᵀ)_β
    const phA = pBA * x + pAA; // (P⁻ Hᵀ)_α
    const S = x * phB + phA + this.r;
    const kB = phB / S;
    const kA = phA / S;
    // Update: θ += K e; P = P⁻ − K (H P⁻) = P⁻ − K Kᵀ S.
    s.beta = betaPrior + kB * e;
    s.alpha = alphaPrior + kA * e;
    s.pBB = pBB - kB * phB;
    s.pBA = pBA - kB * phA;
    s.pAA = pAA - kA * phA;
    return { betaPrior, alphaPrior, forecastError: e, forecastVariance: S };
  }
}
