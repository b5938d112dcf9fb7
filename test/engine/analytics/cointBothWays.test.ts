import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { engleGrangerBothWays } from '../../../src/engine/analytics/cointBothWays';
import { assertClose } from './assertClose';
import { FIXTURES } from './statsmodelsFixtures';

const fixture = JSON.parse(readFileSync(join(FIXTURES, 'rolling_coint_vectors.json'), 'utf8')) as {
  y: number[];
  x: number[];
  firstHalf: { yOnX: { stat: number; pvalue: number }; xOnY: { stat: number; pvalue: number } };
};

describe('engleGrangerBothWays', () => {
  it('equals statsmodels coint(y, x) and coint(x, y); the verdict is the larger p-value', () => {
    const r = engleGrangerBothWays(fixture.y.slice(0, 500), fixture.x.slice(0, 500), { trend: 'c', autolag: 'AIC' });
    assertClose(r.yOnX!.statistic, fixture.firstHalf.yOnX.stat, 1e-6);
    assertClose(r.xOnY!.statistic, fixture.firstHalf.xOnY.stat, 1e-6);
    assertClose(r.yOnX!.pValue, fixture.firstHalf.yOnX.pvalue, 1e-6, 1e-15);
    assertClose(r.xOnY!.pValue, fixture.firstHalf.xOnY.pvalue, 1e-6, 1e-15);
    assert.equal(r.pValue, Math.max(r.yOnX!.pValue, r.xOnY!.pValue));
    assert.equal(r.weaker, r.xOnY!.pValue > r.yOnX!.pValue ? 'x-on-y' : 'y-on-x');
    assert.deepEqual(r.notes, []);
  });

  it('when one ordering cannot run there is no verdict, and the note names the pair’s own legs', () => {
    const y = Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i) + i * 0.1);
    const x = new Array(60).fill(61659.8);
    const r = engleGrangerBothWays(y, x);
    assert.equal(r.yOnX, null);
    assert.equal(r.pValue, null);
    assert.equal(r.weaker, null);
    // Y on X: X (the regressor) is constant; X on Y: X is now the dependent series, constant too.
    assert.match(r.notes[0], /^Y on X: X is constant/);
    assert.match(r.notes[1], /^X on Y: X is constant/);
  });
});
