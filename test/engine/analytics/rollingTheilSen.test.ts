import { strict as assert } from 'node:assert';
import { RollingTheilSen } from '../../../src/engine/analytics/rollingTheilSen';
import { TheilSenFitter } from '../../../src/engine/analytics/theilSen';
import { seededRandom } from './testData';

describe('RollingTheilSen', () => {
  it('equals the from-scratch Theil-Sen fit of every window, with tied x values and repeated slopes', () => {
    const rnd = seededRandom(17);
    const window = 25;
    const rolling = new RollingTheilSen(window);
    const batch = new TheilSenFitter();
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = 0; t < 200; t++) {
      const x = 100 + Math.round(rnd() * 8); // many ties in x
      const y = 7 + 0.5 * x + Math.round((rnd() - 0.5) * 6) / 2;
      xs.push(x);
      ys.push(y);
      rolling.push(x, y);
      if (t + 1 < window) continue;
      const fx = Float64Array.from(xs.slice(-window));
      const fy = Float64Array.from(ys.slice(-window));
      const ref = batch.fit(fx, fy, window);
      const got = rolling.fit();
      assert.equal(got.beta, ref.beta, `t=${t}`);
      assert.equal(got.alpha, ref.alpha, `t=${t}`);
    }
  });

  it('reports a constant x window clearly', () => {
    const r = new RollingTheilSen(3);
    [1, 2, 3].forEach((y) => r.push(5, y));
    assert.throws(() => r.fit(), /x is constant/);
  });
});
