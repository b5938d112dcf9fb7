import { strict as assert } from 'node:assert';
import { RollingMoments } from '../../../src/engine/analytics/rollingMoments';
import { btcPrices, seededRandom } from './testData';

function twoPass(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, variance };
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('RollingMoments', () => {
  it('matches a two-pass recomputation on BTC-scale prices to 1e-9 relative, bar after bar', () => {
    const prices = btcPrices(5000);
    const window = 300;
    const rolling = new RollingMoments(window);
    let worstMean = 0;
    let worstVar = 0;
    for (let i = 0; i < prices.length; i++) {
      rolling.push(prices[i]);
      if (i < 1) continue;
      const ref = twoPass(prices.slice(Math.max(0, i + 1 - window), i + 1));
      worstMean = Math.max(worstMean, relErr(rolling.mean, ref.mean));
      worstVar = Math.max(worstVar, relErr(rolling.variance as number, ref.variance));
    }
    assert.ok(worstMean < 1e-12, `mean error ${worstMean}`);
    assert.ok(worstVar < 1e-9, `variance error ${worstVar}`);
  });

  it('keeps precision for a window whose spread is tiny against the level (60,000 ± 0.1)', () => {
    const rnd = seededRandom(7);
    const rolling = new RollingMoments(50);
    const values: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const v = 60_000 + (rnd() - 0.5) * 0.2;
      values.push(v);
      rolling.push(v);
    }
    const ref = twoPass(values.slice(-50));
    assert.ok(relErr(rolling.variance as number, ref.variance) < 1e-9);
  });

  it('recovers full precision when a huge value leaves the window (cancellation guard)', () => {
    const r = new RollingMoments(8);
    const values = [6.4, 1e-4, -2e-4, 3e-4, 1e-4, -1e-4, 2e-4, 0, 5e-5, -3e-4, 1e-4];
    values.forEach((v) => r.push(v));
    const ref = twoPass(values.slice(-8));
    assert.ok(relErr(r.variance as number, ref.variance) < 1e-9, `${r.variance} vs ${ref.variance}`);
  });

  it('reports the sample variance of a hand-checked window and null below two values', () => {
    const r = new RollingMoments(3);
    r.push(10);
    assert.equal(r.variance, null);
    r.push(12);
    r.push(14); // window 10, 12, 14: mean 12, variance (4 + 0 + 4)/2 = 4
    assert.equal(r.mean, 12);
    assert.equal(r.variance, 4);
    r.push(20); // window 12, 14, 20: mean 46/3, variance ((−10/3)² + (−4/3)² + (14/3)²)/2 = 312/18
    assert.ok(Math.abs(r.mean - 46 / 3) < 1e-12);
    assert.ok(Math.abs((r.variance as number) - 312 / 18) < 1e-12);
    assert.deepEqual(Array.from(r.values()), [12, 14, 20]);
  });
});
