import assert from 'node:assert/strict';
import { defaultHurstMaxLag, hurstExponent } from '../../../src/engine/analytics/hurst';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';
import { meanReversionCases } from './meanReversionFixtures';

describe('hurstExponent — numpy (polyfit of ln std of lagged differences on ln lag)', () => {
  for (const c of meanReversionCases()) {
    it(c.name, () => {
      const r = hurstExponent(c.series);
      assert.equal(r.maxLag, c.hurst.maxLag);
      assert.equal(defaultHurstMaxLag(c.series.length), c.hurst.maxLag);
      assertClose(r.hurst, c.hurst.hurst, 1e-9, 1e-12, 'H');
      assertClose(r.rSquared, c.hurst.rSquared, 1e-9, 0, 'R²');
      assertClose(hurstExponent(c.series, 20).hurst, c.hurstLag20.hurst, 1e-9, 1e-12, 'H lags 2…20');
    });
  }

  it('orders the regimes: AR(1) φ 0.9 well below ½, the random walk near ½', () => {
    const cases = new Map(meanReversionCases().map((c) => [c.name, c]));
    assert.ok(hurstExponent(cases.get('AR(1) phi 0.9 around 50')!.series).hurst < 0.3);
    assertClose(hurstExponent(cases.get('random walk at 60000')!.series).hurst, 0.5, 0.1);
  });

  it('refuses too few lags, a constant series and non-finite values', () => {
    const code = (c: string) => (e: unknown) => e instanceof EngineError && e.code === c;
    assert.throws(() => hurstExponent([1, 2, 3, 5, 4, 6, 5, 7, 6, 8, 9, 8, 10, 9, 11]), code('TOO_FEW_OBSERVATIONS'));
    assert.throws(() => hurstExponent(new Array(40).fill(61659.8)), code('CONSTANT_SERIES'));
    assert.throws(() => hurstExponent(Array.from({ length: 40 }, (_, i) => (i === 7 ? NaN : i % 3))), code('BAD_ARGUMENT'));
  });
});
