// Least squares by Householder QR: backward stable, so prices around 60,000 next to a constant column
// keep their digits (normal equations would square the condition number).
// simple-statistics has no multiple regression, no QR and no t-statistics, hence this file.
import { EngineError } from '../errors';

const EPS = 2.220446049250313e-16;

/** A Householder QR factorisation of an n×k matrix (column-major), with Qᵀy applied on the way. */
export interface QrFactorization {
  n: number;
  k: number;
  /** Column-major n×k: R on and above the diagonal (R[j,j] in rDiag), Householder vectors below. */
  packed: Float64Array;
  /** Diagonal of R (signed). */
  rDiag: Float64Array;
  /** Qᵀy, length n: the first k entries solve R·coef = z, the rest carry the residual sum of squares. */
  qty: Float64Array;
  /** Euclidean norm of each original column, for the rank test. */
  columnNorms: Float64Array;
}

/**
 * Factorises A (column-major n×k, overwritten in place) and transforms y (copied).
 * No pivoting: column order is kept so that every leading block of columns is itself a QR fit
 * (ADF's autolag uses this to fit all nested lag models from one factorisation).
 */
export function householderQr(a: Float64Array, n: number, k: number, y: ArrayLike<number>): QrFactorization {
  const rDiag = new Float64Array(k);
  const columnNorms = new Float64Array(k);
  const qty = Float64Array.from(y);
  for (let j = 0; j < k; j++) {
    const col = j * n;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += a[col + i] * a[col + i];
    columnNorms[j] = Math.sqrt(sq);
  }
  for (let j = 0; j < k; j++) {
    const col = j * n;
    let norm = 0;
    for (let i = j; i < n; i++) norm += a[col + i] * a[col + i];
    norm = Math.sqrt(norm);
    if (norm === 0) {
      rDiag[j] = 0;
      continue;
    }
    // alpha takes the sign opposite to the pivot so that v = x − alpha·e1 does not cancel.
    const alpha = a[col + j] > 0 ? -norm : norm;
    a[col + j] -= alpha;
    // H = I − v vᵀ / (vᵀv / 2), with vᵀv/2 = −alpha·v0 for this choice of v.
    const halfVtv = -alpha * a[col + j];
    // Two columns per pass over v: the reflection is memory-bound, so reading v once for both pays.
    let c = j + 1;
    for (; c + 1 < k; c += 2) {
      const o1 = c * n;
      const o2 = o1 + n;
      let dot1 = 0;
      let dot2 = 0;
      for (let i = j; i < n; i++) {
        const v = a[col + i];
        dot1 += v * a[o1 + i];
        dot2 += v * a[o2 + i];
      }
      const s1 = dot1 / halfVtv;
      const s2 = dot2 / halfVtv;
      for (let i = j; i < n; i++) {
        const v = a[col + i];
        a[o1 + i] -= s1 * v;
        a[o2 + i] -= s2 * v;
      }
    }
    if (c < k) {
      const other = c * n;
      let dot = 0;
      for (let i = j; i < n; i++) dot += a[col + i] * a[other + i];
      const s = dot / halfVtv;
      for (let i = j; i < n; i++) a[other + i] -= s * a[col + i];
    }
    let dotY = 0;
    for (let i = j; i < n; i++) dotY += a[col + i] * qty[i];
    const sy = dotY / halfVtv;
    for (let i = j; i < n; i++) qty[i] -= sy * a[col + i];
    rDiag[j] = alpha;
  }
  return { n, k, packed: a, rDiag, qty, columnNorms };
}

/** Numerical rank: a column whose new direction is below max(n,k)·eps of its own length adds nothing. */
export function qrRank(qr: QrFactorization, columns = qr.k): number {
  let rank = 0;
  const scale = Math.max(qr.n, qr.k) * EPS;
  for (let j = 0; j < columns; j++) if (Math.abs(qr.rDiag[j]) > scale * qr.columnNorms[j] && qr.columnNorms[j] > 0) rank++;
  return rank;
}

/** R[i,j] for i ≤ j. */
function rAt(qr: QrFactorization, i: number, j: number): number {
  return i === j ? qr.rDiag[j] : qr.packed[j * qr.n + i];
}

export interface LeastSquaresResult {
  coef: Float64Array;
  residuals: Float64Array;
  ssr: number;
  stdErr: Float64Array;
  tValues: Float64Array;
  rank: number;
}

/**
 * Ordinary least squares of y on the columns of X (row-major n×k), as statsmodels' OLS reports it:
 * coefficients, residuals, SSR, standard errors with σ² = SSR/(n − k), and t-ratios.
 * Throws SINGULAR_MATRIX when X has deficient rank and TOO_FEW_OBSERVATIONS when n ≤ k.
 */
export function leastSquaresQR(X: Float64Array, n: number, k: number, y: Float64Array): LeastSquaresResult {
  if (X.length !== n * k || y.length !== n) {
    throw new EngineError('BAD_ARGUMENT', `leastSquaresQR: X must be ${n}×${k} and y of length ${n}`);
  }
  if (n <= k) {
    throw new EngineError('TOO_FEW_OBSERVATIONS', `least squares needs more observations (${n}) than coefficients (${k})`);
  }
  const a = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) a[j * n + i] = X[i * k + j];
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new EngineError('BAD_ARGUMENT', 'least squares: the regressors contain a non-finite value');
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new EngineError('BAD_ARGUMENT', 'least squares: the dependent series contains a non-finite value');
  }
  const qr = householderQr(a, n, k, y);
  return solveFactorized(qr, X, y);
}

/** Coefficients, residuals and standard errors from a factorisation of X (X and y are the originals). */
export function solveFactorized(qr: QrFactorization, X: Float64Array, y: ArrayLike<number>): LeastSquaresResult {
  const { n, k } = qr;
  const rank = qrRank(qr);
  if (rank < k) {
    throw new EngineError('SINGULAR_MATRIX', `the regressors are collinear (rank ${rank} of ${k} columns)`);
  }
  const rInv = invertUpperTriangular(qr);
  const coef = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = i; j < k; j++) s += rInv[i * k + j] * qr.qty[j];
    coef[i] = s;
  }
  // Residuals from the original data (not from Q) so they are exactly y − Xβ as statsmodels computes them.
  const residuals = new Float64Array(n);
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    const row = i * k;
    for (let j = 0; j < k; j++) fit += X[row + j] * coef[j];
    const r = y[i] - fit;
    residuals[i] = r;
    ssr += r * r;
  }
  const sigma2 = ssr / (n - k);
  const stdErr = new Float64Array(k);
  const tValues = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    // diag((RᵀR)⁻¹) = squared row norms of R⁻¹.
    let s = 0;
    for (let j = i; j < k; j++) s += rInv[i * k + j] * rInv[i * k + j];
    stdErr[i] = Math.sqrt(sigma2 * s);
    tValues[i] = coef[i] / stdErr[i];
  }
  return { coef, residuals, ssr, stdErr, tValues, rank };
}

/** R⁻¹ (row-major k×k, upper triangular) by back substitution. */
function invertUpperTriangular(qr: QrFactorization): Float64Array {
  const k = qr.k;
  const inv = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    inv[j * k + j] = 1 / qr.rDiag[j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let m = i + 1; m <= j; m++) s += rAt(qr, i, m) * inv[m * k + j];
      inv[i * k + j] = -s / qr.rDiag[i];
    }
  }
  return inv;
}

/** One Householder reflection H_j of a factorisation applied to v in place (H_j is its own inverse). */
function reflect(qr: QrFactorization, j: number, v: Float64Array): void {
  const { n, packed, rDiag } = qr;
  const col = j * n;
  const halfVtv = -rDiag[j] * packed[col + j];
  if (halfVtv === 0) return; // a zero column was left unreflected
  let dot = 0;
  for (let i = j; i < n; i++) dot += packed[col + i] * v[i];
  const s = dot / halfVtv;
  for (let i = j; i < n; i++) v[i] -= s * packed[col + i];
}

/** v ← Qᵀv (length n), with Q the orthogonal factor of a factorisation. */
export function applyQt(qr: QrFactorization, v: Float64Array): void {
  for (let j = 0; j < qr.k; j++) reflect(qr, j, v);
}

/** v ← Qv (length n). */
export function applyQ(qr: QrFactorization, v: Float64Array): void {
  for (let j = qr.k - 1; j >= 0; j--) reflect(qr, j, v);
}

/** The k×k upper-triangular factor R, row-major. */
export function upperR(qr: QrFactorization): Float64Array {
  const k = qr.k;
  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) r[i * k + j] = rAt(qr, i, j);
  return r;
}

/** The part of v (length n) orthogonal to the columns of the factorised matrix: Q·[0; (Qᵀv)ₖ…], in place. */
export function projectOut(qr: QrFactorization, v: Float64Array): void {
  applyQt(qr, v);
  for (let j = 0; j < qr.k; j++) v[j] = 0;
  applyQ(qr, v);
}

export interface SymmetricEigen {
  /** Eigenvalues in descending order. */
  values: Float64Array;
  /** Unit eigenvectors, column-major: component i of vector j at [j·k + i], in the order of values. */
  vectors: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric k×k matrix (row-major, not modified) by cyclic Jacobi rotations.
 * A rotation is skipped once |a_pq| ≤ eps·√|a_pp·a_qq|, the test that keeps small eigenvalues of a
 * positive semi-definite matrix to high relative accuracy (Demmel & Veselić 1992). Meant for the small
 * matrices of multivariate tests (k ≤ a few dozen).
 */
export function symmetricEigen(matrix: ArrayLike<number>, k: number): SymmetricEigen {
  if (matrix.length !== k * k) throw new EngineError('BAD_ARGUMENT', `symmetricEigen: the matrix must be ${k}×${k}`);
  const a = Float64Array.from(matrix);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const lower = a[i * k + j];
      const upper = a[j * k + i];
      // Mirrors computed in a different order may differ in the last bits; anything more is a caller's error.
      if (!Number.isFinite(lower) || !Number.isFinite(upper) || Math.abs(lower - upper) > 1e-12 * (Math.abs(lower) + Math.abs(upper))) {
        throw new EngineError('BAD_ARGUMENT', 'symmetricEigen: the matrix is not symmetric and finite');
      }
      a[i * k + j] = a[j * k + i] = (lower + upper) / 2;
    }
    if (!Number.isFinite(a[i * k + i])) throw new EngineError('BAD_ARGUMENT', 'symmetricEigen: the matrix is not symmetric and finite');
  }
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q];
        const app = a[p * k + p];
        const aqq = a[q * k + q];
        if (apq === 0 || Math.abs(apq) <= EPS * Math.sqrt(Math.abs(app * aqq))) continue;
        rotated = true;
        // Golub & Van Loan's symmetric Schur rotation: J with c, s so that (JᵀAJ)_pq = 0.
        const tau = (aqq - app) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p];
          const arq = a[r * k + q];
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r];
          const aqr = a[q * k + r];
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
    if (!rotated) break;
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((i, j) => a[j * k + j] - a[i * k + i]);
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * k);
  order.forEach((src, dst) => {
    values[dst] = a[src * k + src];
    for (let r = 0; r < k; r++) vectors[dst * k + r] = v[r * k + src];
  });
  return { values, vectors };
}
