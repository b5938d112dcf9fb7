import assert from 'node:assert/strict';
import { halfLife } from '../../../src/engine/analytics/halfLife';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';
import { loadCases } from './statsmodelsFixtures';

interface HalfLifeCase {
  series: number[];
  trueLambda: number;
  expected: { lambda: number; halfLife: number; nobs: number };
}

describe('halfLife (Δs on s₋₁ with a constant, HL = −ln 2 / λ)', () => {
  it('matches statsmodels’ OLS on a simulated AR(1) with φ = 0.9 (λ = −0.1)', () => {
    const [c] = loadCases<HalfLifeCase>('halflife_vectors.json');
    const r = halfLife(c.series);
    assertClose(r.lambda, c.expected.lambda, 1e-9);
    assertClose(r.halfLife!, c.expected.halfLife, 1e-9);
    assert.equal(r.nobs, c.expected.nobs);
    assert.equal(r.meanReverting, true);
    // And close to the true half-life ln 2 / 0.1 ≈ 6.93 bars (sampling error on 1,500 points).
    assert.ok(Math.abs(r.lambda - c.trueLambda) < 0.03, `λ ${r.lambda}`);
  });

  it('hand case: s = 8, 4, 2, 1, 0.5 halves each step → λ = −0.5, HL = ln 2 / 0.5', () => {
    // Δs = −0.5·s₋₁ exactly, so the constant is 0 and the fit is exact.
    const r = halfLife([8, 4, 2, 1, 0.5]);
    assertClose(r.lambda, -0.5, 1e-12);
    assertClose(r.halfLife!, Math.LN2 / 0.5, 1e-12);
  });

  it('a trending spread has no half-life (λ ≥ 0)', () => {
    const r = halfLife([1, 2, 4, 8, 16, 32]);
    assert.ok(r.lambda > 0);
    assert.equal(r.halfLife, null);
    assert.equal(r.meanReverting, false);
  });

  it('constant or too short spreads are typed errors', () => {
    assert.throws(() => halfLife([3, 3, 3, 3]), (e: unknown) => e instanceof EngineError && e.code === 'CONSTANT_SERIES');
    assert.throws(() => halfLife([1, 2, 3]), (e: unknown) => e instanceof EngineError && e.code === 'TOO_FEW_OBSERVATIONS');
  });

  it('says what is constant: the spread (not "X"), or its change', () => {
    // The lagged spread is the regressor: a constant spread used to read "X is constant: the hedge ratio is undefined".
    assert.throws(() => halfLife([3, 3, 3, 3, 5]), (e: unknown) => e instanceof EngineError && e.code === 'CONSTANT_SERIES' && /^the spread is constant/.test(e.message) && !/hedge|X/.test(e.message));
    // 61659.8 repeated: its float mean is off by a few ulps, yet the spread is exactly constant.
    assert.throws(() => halfLife(new Array(40).fill(61659.8)), (e: unknown) => e instanceof EngineError && /^the spread is constant/.test(e.message));
    // A straight line moves by the same step each bar: Δs is constant.
    assert.throws(() => halfLife([1, 2, 3, 4, 5, 6]), (e: unknown) => e instanceof EngineError && /changes by the same amount/.test(e.message));
  });
});
