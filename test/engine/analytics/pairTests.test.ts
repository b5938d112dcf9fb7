import assert from 'node:assert/strict';
import { engleGrangerBothWays } from '../../../src/engine/analytics/cointBothWays';
import { hurstExponent } from '../../../src/engine/analytics/hurst';
import { ornsteinUhlenbeck } from '../../../src/engine/analytics/ornsteinUhlenbeck';
import { runPairTests } from '../../../src/engine/analytics/pairTests';
import { varianceRatio } from '../../../src/engine/analytics/varianceRatio';

describe('runPairTests notes', () => {
  it('a constant spread is named once per test, without a doubled prefix', () => {
    const n = 60;
    const x = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i) * 3 + i * 0.1);
    const y = Float64Array.from(x, (v, i) => 2 * v + 5 + Math.cos(i * 1.7));
    const spread = new Float64Array(n).fill(61659.8);
    const r = runPairTests(123, spread, y, x, n, n, n);
    assert.equal(r.adf, null);
    assert.equal(r.halfLife, null);
    assert.ok(r.eg, 'Engle-Granger runs on the prices');
    assert.deepEqual(r.notes, [
      'ADF: the spread is constant on the window (up to rounding), so there is nothing to test',
      'Half-life: the spread is constant (up to rounding), so it has no half-life',
      'OU fit: the spread is constant (up to rounding)',
      'Hurst: the series does not move over 2 bars (up to rounding)',
      'Variance ratio: the series moves by the same amount every bar (up to rounding)',
    ]);
  });

  it('Engle-Granger on a constant X says so per ordering ("Engle-Granger (Y on X): X is constant…", not "…: coint: …")', () => {
    const n = 60;
    const x = new Float64Array(n).fill(7);
    const y = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i));
    const r = runPairTests(1, null, y, x, n, n, n);
    assert.equal(r.eg, null);
    assert.equal(r.egWeaker, null);
    assert.deepEqual(r.notes, ['Engle-Granger (Y on X): X is constant, so there is no hedge ratio', 'Engle-Granger (X on Y): X is constant, so there is nothing to test']);
  });
});

describe('runPairTests figures', () => {
  // Y = 2X + 5 + AR(1) noise on a deterministic X walk.
  const n = 45;
  const x = new Float64Array(n);
  const spread = new Float64Array(n);
  let level = 100;
  let noise = 0;
  for (let i = 0; i < n; i++) {
    level += Math.sin(i * 2.1) * 0.8;
    noise = 0.6 * noise + Math.cos(i * 3.7);
    x[i] = level;
    spread[i] = noise;
  }
  const y = Float64Array.from(x, (v, i) => 2 * v + 5 + spread[i]);

  it('carries both Engle-Granger orderings, the weaker verdict, OU, Hurst and VR(4) of the spread', () => {
    const r = runPairTests(1, spread, y, x, n, n, n);
    const both = engleGrangerBothWays(y, x, { trend: 'c', autolag: 'AIC' });
    assert.deepEqual(r.eg, both.yOnX);
    assert.deepEqual(r.egReverse, both.xOnY);
    assert.deepEqual(r.egWeaker, { ordering: both.weaker, pValue: both.pValue });
    assert.deepEqual(r.ou, ornsteinUhlenbeck(spread));
    assert.deepEqual(r.hurst, hurstExponent(spread));
    assert.deepEqual(r.varianceRatio, varianceRatio(spread, 4));
  });

  it('warns that a verdict on 45 bars is not to be trusted', () => {
    const r = runPairTests(1, spread, y, x, n, n, n);
    assert.ok(r.warnings.some((w) => w.code === 'short-test' && w.value === 45), JSON.stringify(r.warnings));
  });
});
