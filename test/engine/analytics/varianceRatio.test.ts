import assert from 'node:assert/strict';
import { varianceRatio } from '../../../src/engine/analytics/varianceRatio';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';
import { meanReversionCases } from './meanReversionFixtures';

describe('varianceRatio (Lo–MacKinlay) — numpy implementation of the same formulas', () => {
  for (const c of meanReversionCases()) {
    for (const [q, e] of Object.entries(c.varianceRatio)) {
      it(`${c.name}, q = ${q}`, () => {
        const r = varianceRatio(c.series, Number(q));
        assert.equal(r.nobs, e.nobs);
        assertClose(r.ratio, e.ratio, 1e-10, 0, 'VR');
        assertClose(r.z, e.z, 1e-9, 1e-12, 'z');
        assertClose(r.zRobust, e.zRobust, 1e-9, 1e-12, 'z*');
        assertClose(r.pValue, e.pValue, 1e-8, 1e-15, 'p');
        assertClose(r.pValueRobust, e.pValueRobust, 1e-8, 1e-15, 'p*');
      });
    }
  }

  it('hand case: 0,1,0,1,0 with q = 2 has VR 0, z −2, z* −1/√0.75', () => {
    // T = 4, μ = 0, one-bar changes ±1 → σ²_a = 4/3; two-bar changes all 0 → VR = 0.
    // φ = 2·3·1/(3·2·4) = 1/4; δ₁ = T·Σd_t²d_{t−1}²/(Σd²)² = 4·3/16 = 3/4, φ* = 1·δ₁.
    const r = varianceRatio([0, 1, 0, 1, 0], 2);
    assert.equal(r.ratio, 0);
    assertClose(r.z, -2, 1e-15);
    assertClose(r.zRobust, -1 / Math.sqrt(0.75), 1e-15);
  });

  it('refuses q < 2, too short a series and a series that moves by a constant step', () => {
    const code = (c: string) => (e: unknown) => e instanceof EngineError && e.code === c;
    assert.throws(() => varianceRatio([1, 2, 1, 2, 1, 2], 1), code('BAD_ARGUMENT'));
    assert.throws(() => varianceRatio([1, 2, 1, 2], 2), code('TOO_FEW_OBSERVATIONS'));
    assert.throws(() => varianceRatio(Array.from({ length: 30 }, (_, i) => 5 + 0.25 * i), 4), code('CONSTANT_SERIES'));
  });
});
