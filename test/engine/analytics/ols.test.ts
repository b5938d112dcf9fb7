import assert from 'node:assert/strict';
import { olsWithIntercept } from '../../../src/engine/analytics/ols';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';

describe('olsWithIntercept (Y = α + β·X + ε)', () => {
  it('matches a hand calculation', () => {
    // See linalg.test.ts: β = 0.8, α = 0.6, SSR = 3.6, Syy = 10 → R² = 0.64, se(β) = √0.12.
    const fit = olsWithIntercept([1, 3, 2, 5, 4], [1, 2, 3, 4, 5]);
    assertClose(fit.beta, 0.8, 1e-14);
    assertClose(fit.alpha, 0.6, 1e-14);
    assertClose(fit.rSquared, 0.64, 1e-14);
    assertClose(fit.stdErrBeta, Math.sqrt(0.12), 1e-13);
    assertClose(fit.tBeta, 0.8 / Math.sqrt(0.12), 1e-13);
    assert.equal(fit.nobs, 5);
    [-0.4, 0.8, -1, 1.2, -0.6].forEach((r, i) => assertClose(fit.residuals[i], r, 1e-13, 1e-14));
  });

  it('is exact on BTC/ETH-scale prices (Y near 60,000, X near 3,000)', () => {
    // Y = 60,000 + 20·(X − 3,000) + e with e summing to zero and orthogonal to X: β = 20 exactly.
    const x = [3000.5, 3001.25, 3002, 3002.75, 3003.5];
    const e = [0.01, -0.02, 0, 0.02, -0.01];
    const y = x.map((v, i) => 60_000 + 20 * (v - 3000) + e[i]);
    const fit = olsWithIntercept(y, x);
    assertClose(fit.beta, 20, 1e-9);
    // α = ȳ − β·x̄ inherits x̄·δβ from the inputs' own rounding (ulp of 60,000 ≈ 7e-12).
    assertClose(fit.alpha, 60_000 - 20 * 3000, 0, 1e-7);
    e.forEach((r, i) => assertClose(fit.residuals[i], r, 1e-6, 1e-9));
  });

  it('rejects constant inputs, short input and mismatched lengths with typed errors', () => {
    const code = (c: string) => (e: unknown) => e instanceof EngineError && e.code === c;
    assert.throws(() => olsWithIntercept([1, 2, 3], [5, 5, 5]), code('CONSTANT_SERIES'));
    assert.throws(() => olsWithIntercept([4, 4, 4], [1, 2, 3]), code('CONSTANT_SERIES'));
    assert.throws(() => olsWithIntercept([1, 2], [1, 2]), code('TOO_FEW_OBSERVATIONS'));
    assert.throws(() => olsWithIntercept([1, 2, 3], [1, 2]), code('BAD_ARGUMENT'));
  });

  it('X constant up to the rounding of its mean is CONSTANT_SERIES, not a slope through noise', () => {
    const x = new Array(300).fill(61659.8);
    assert.notEqual(x.reduce((a, b) => a + b, 0) / 300, 61659.8); // the float mean is off by ulps
    const y = x.map((_, i) => 3000 + (i % 7));
    assert.throws(() => olsWithIntercept(y, x), (e: unknown) => e instanceof EngineError && e.code === 'CONSTANT_SERIES' && /^X is constant/.test(e.message));
    assert.throws(() => olsWithIntercept(x, y), (e: unknown) => e instanceof EngineError && e.code === 'CONSTANT_SERIES' && /^Y is constant/.test(e.message));
  });
});
