import { strict as assert } from 'node:assert';
import { TheilSenFitter } from '../../../src/engine/analytics/theilSen';
import { seededRandom } from './testData';

function sortedMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Brute force: every pair, sort, take the middle. */
function bruteForce(x: number[], y: number[]): { beta: number; alpha: number } {
  const slopes: number[] = [];
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) if (x[j] !== x[i]) slopes.push((y[j] - y[i]) / (x[j] - x[i]));
  const beta = sortedMedian(slopes);
  return { beta, alpha: sortedMedian(y.map((v, i) => v - beta * x[i])) };
}

describe('TheilSenFitter', () => {
  it('gives the hand-computed fit of a 4-point example', () => {
    // Points (0,1) (1,3) (2,4) (3,10): slopes 2, 1.5, 3, 1, 3.5, 6 → sorted 1, 1.5, 2, 3, 3.5, 6 → median 2.5.
    // y − 2.5x = 1, 0.5, −1, 2.5 → median (0.5 + 1)/2 = 0.75.
    const fit = new TheilSenFitter().fit(Float64Array.from([0, 1, 2, 3]), Float64Array.from([1, 3, 4, 10]), 4);
    assert.equal(fit.beta, 2.5);
    assert.equal(fit.alpha, 0.75);
  });

  it('matches brute force on random samples, odd and even sizes, with tied x values', () => {
    const rnd = seededRandom(3);
    const fitter = new TheilSenFitter();
    for (const n of [5, 6, 17, 40]) {
      const x = Array.from({ length: n }, () => Math.round(rnd() * 10));
      const y = x.map((v) => 3 - 0.7 * v + (rnd() - 0.5) * 4);
      const fit = fitter.fit(Float64Array.from(x), Float64Array.from(y), n);
      const ref = bruteForce(x, y);
      assert.ok(Math.abs(fit.beta - ref.beta) < 1e-12, `n=${n} beta ${fit.beta} vs ${ref.beta}`);
      assert.ok(Math.abs(fit.alpha - ref.alpha) < 1e-12, `n=${n} alpha`);
    }
  });

  it('rejects a constant x with a clear error', () => {
    assert.throws(() => new TheilSenFitter().fit(Float64Array.from([2, 2, 2]), Float64Array.from([1, 2, 3]), 3), /x is constant/);
  });
});
