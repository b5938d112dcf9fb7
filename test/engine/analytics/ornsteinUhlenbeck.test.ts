import assert from 'node:assert/strict';
import { ornsteinUhlenbeck } from '../../../src/engine/analytics/ornsteinUhlenbeck';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';
import { meanReversionCases } from './meanReversionFixtures';

describe('ornsteinUhlenbeck — statsmodels OLS of S(t+1) on [1, S(t)] and the exact discretisation', () => {
  for (const c of meanReversionCases()) {
    it(c.name, () => {
      const r = ornsteinUhlenbeck(c.series);
      const e = c.ou;
      assert.equal(r.nobs, e.nobs);
      assertClose(r.a, e.a, 1e-9, 1e-12, 'a');
      assertClose(r.b, e.b, 1e-10, 0, 'b');
      assertClose(r.residualVariance, e.residualVariance, 1e-10, 0, 'Var ε');
      for (const k of ['theta', 'mu', 'sigma', 'halfLife', 'equilibriumStd'] as const) {
        if (e[k] === null) assert.equal(r[k], null, k);
        else assertClose(r[k]!, e[k]!, 1e-9, 0, k);
      }
    });
  }

  it('hand case: 8, 4, 2, 1, 0.5 halves each bar → b = ½, θ = ln 2, half-life 1 bar, μ = 0, σ = 0', () => {
    const r = ornsteinUhlenbeck([8, 4, 2, 1, 0.5]);
    assertClose(r.b, 0.5, 1e-14);
    assertClose(r.theta!, Math.LN2, 1e-14);
    assertClose(r.halfLife!, 1, 1e-14);
    assertClose(r.mu!, 0, 0, 1e-13);
    assertClose(r.sigma!, 0, 0, 1e-13);
    assertClose(r.equilibriumStd!, 0, 0, 1e-13);
  });

  it('equilibrium std is σ/√(2θ) and the half-life ln 2/θ (identities of the definition)', () => {
    const c = meanReversionCases()[1];
    const r = ornsteinUhlenbeck(c.series);
    assertClose(r.equilibriumStd!, r.sigma! / Math.sqrt(2 * r.theta!), 1e-12);
    assertClose(r.halfLife!, Math.LN2 / r.theta!, 1e-15);
  });

  it('an alternating spread (b ≤ 0) or a random walk with b ≥ 1 has no OU parameters', () => {
    const alternating = meanReversionCases().find((c) => c.name.startsWith('alternating'))!;
    const r = ornsteinUhlenbeck(alternating.series);
    assert.ok(r.b < 0);
    assert.equal(r.theta, null);
    assert.equal(r.halfLife, null);
    const explosive = ornsteinUhlenbeck([1, 2, 4, 8, 16, 32]);
    assert.ok(explosive.b >= 1);
    assert.equal(explosive.equilibriumStd, null);
  });

  it('a constant spread is CONSTANT_SERIES naming the spread', () => {
    assert.throws(() => ornsteinUhlenbeck(new Array(30).fill(61659.8)), (e: unknown) => e instanceof EngineError && e.code === 'CONSTANT_SERIES' && /spread is constant/.test(e.message));
  });
});
