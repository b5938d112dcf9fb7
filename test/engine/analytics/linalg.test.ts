import assert from 'node:assert/strict';
import { householderQr, leastSquaresQR, projectOut, symmetricEigen } from '../../../src/engine/analytics/linalg';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';

function rowMajor(rows: number[][]): Float64Array {
  return Float64Array.from(rows.flat());
}

describe('leastSquaresQR', () => {
  it('matches a hand calculation of y = a + b·x with standard errors', () => {
    // x = 1..5, y = 1,3,2,5,4: Sxx = 10, Sxy = 8 → b = 0.8, a = 3 − 0.8·3 = 0.6,
    // residuals −0.4, 0.8, −1, 1.2, −0.6 → SSR = 3.6, σ² = 1.2,
    // se(b) = √(1.2/10), se(a) = √(1.2·(1/5 + 9/10)).
    const x = [1, 2, 3, 4, 5];
    const y = Float64Array.from([1, 3, 2, 5, 4]);
    const fit = leastSquaresQR(rowMajor(x.map((v) => [1, v])), 5, 2, y);
    assertClose(fit.coef[0], 0.6, 1e-14, 1e-14);
    assertClose(fit.coef[1], 0.8, 1e-14);
    [-0.4, 0.8, -1, 1.2, -0.6].forEach((r, i) => assertClose(fit.residuals[i], r, 1e-13, 1e-14));
    assertClose(fit.ssr, 3.6, 1e-13);
    assertClose(fit.stdErr[1], Math.sqrt(0.12), 1e-13);
    assertClose(fit.stdErr[0], Math.sqrt(1.32), 1e-13);
    assertClose(fit.tValues[1], 0.8 / Math.sqrt(0.12), 1e-13);
    assert.equal(fit.rank, 2);
  });

  it('recovers an exact quadratic, columns in any order', () => {
    const t = [0, 1, 2, 3, 4, 5, 6];
    const y = Float64Array.from(t.map((v) => 1 + 2 * v + 3 * v * v));
    const fit = leastSquaresQR(rowMajor(t.map((v) => [v * v, 1, v])), 7, 3, y);
    assertClose(fit.coef[0], 3, 1e-12);
    assertClose(fit.coef[1], 1, 1e-12);
    assertClose(fit.coef[2], 2, 1e-12);
    assert.ok(fit.ssr < 1e-20);
  });

  it('keeps the slope of prices near 60,000 to 1e-9 (the hand case shifted by 60,000)', () => {
    const x = [1, 2, 3, 4, 5].map((v) => v + 60_000);
    const y = Float64Array.from([1, 3, 2, 5, 4].map((v) => v + 60_000));
    const fit = leastSquaresQR(rowMajor(x.map((v) => [1, v])), 5, 2, y);
    assertClose(fit.coef[1], 0.8, 1e-9);
    assertClose(fit.coef[0], 60_003 - 0.8 * 60_003, 1e-9);
    assertClose(fit.ssr, 3.6, 1e-7);
  });

  it('throws SINGULAR_MATRIX on collinear columns and TOO_FEW_OBSERVATIONS when n ≤ k', () => {
    const x = [1, 2, 3, 4];
    const y = Float64Array.from([2, 1, 4, 3]);
    assert.throws(
      () => leastSquaresQR(rowMajor(x.map((v) => [1, v, 2 * v + 1])), 4, 3, y),
      (e: unknown) => e instanceof EngineError && e.code === 'SINGULAR_MATRIX',
    );
    assert.throws(
      () => leastSquaresQR(rowMajor([[1, 1], [1, 2]]), 2, 2, Float64Array.from([1, 2])),
      (e: unknown) => e instanceof EngineError && e.code === 'TOO_FEW_OBSERVATIONS',
    );
    assert.throws(
      () => leastSquaresQR(rowMajor(x.map((v) => [1, v])), 4, 2, Float64Array.from([1, NaN, 2, 3])),
      (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT',
    );
  });
});

describe('symmetricEigen', () => {
  it('matches hand-computed eigenpairs, largest first', () => {
    // [[2,1],[1,2]]: 3 with (1,1)/√2, 1 with (1,−1)/√2.
    const two = symmetricEigen([2, 1, 1, 2], 2);
    assertClose(two.values[0], 3, 1e-15);
    assertClose(two.values[1], 1, 1e-15);
    assertClose(Math.abs(two.vectors[0]), Math.SQRT1_2, 1e-15);
    assertClose(two.vectors[0] * two.vectors[1], 0.5, 1e-15);
    assertClose(two.vectors[2] * two.vectors[3], -0.5, 1e-15);
    // Tridiagonal (4, 1): eigenvalues 4 + 2cos(jπ/4) = 4 + √2, 4, 4 − √2.
    const three = symmetricEigen([4, 1, 0, 1, 4, 1, 0, 1, 4], 3);
    [4 + Math.SQRT2, 4, 4 - Math.SQRT2].forEach((l, i) => assertClose(three.values[i], l, 1e-15));
  });

  it('keeps a tiny eigenvalue of a positive definite matrix to relative accuracy', () => {
    // diag(1, 1e-12) rotated by 30°: eigenvalues exactly 1 and 1e-12.
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const a = [c * c + 1e-12 * s * s, c * s * (1 - 1e-12), c * s * (1 - 1e-12), s * s + 1e-12 * c * c];
    const r = symmetricEigen(a, 2);
    assertClose(r.values[0], 1, 1e-15);
    assertClose(r.values[1], 1e-12, 1e-4);
  });

  it('refuses an asymmetric or non-finite matrix', () => {
    assert.throws(() => symmetricEigen([1, 2, 3, 4], 2), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
    assert.throws(() => symmetricEigen([1, NaN, NaN, 4], 2), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
  });
});

describe('projectOut', () => {
  it('leaves the least-squares residuals of y on the factorised columns', () => {
    // Same hand calculation as above: y = 1,3,2,5,4 on (1, x = 1..5) leaves −0.4, 0.8, −1, 1.2, −0.6.
    const design = new Float64Array([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]); // column-major 5×2
    const qr = householderQr(design, 5, 2, new Float64Array(5));
    const y = Float64Array.from([1, 3, 2, 5, 4]);
    projectOut(qr, y);
    [-0.4, 0.8, -1, 1.2, -0.6].forEach((r, i) => assertClose(y[i], r, 1e-13, 1e-14));
  });
});
