import { strict as assert } from 'node:assert';
import { medianInPlace, selectInPlace } from '../../../src/engine/analytics/select';
import { seededRandom } from './testData';

describe('select / medianInPlace', () => {
  it('finds every order statistic and the median as sorting does, with duplicates and sorted input', () => {
    const rnd = seededRandom(21);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const values = Array.from({ length: n }, () => Math.round(rnd() * 20));
      const sorted = [...values].sort((a, b) => a - b);
      for (const k of [0, n >> 1, n - 1]) assert.equal(selectInPlace(Float64Array.from(values), n, k), sorted[k]);
      const median = n % 2 ? sorted[n >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      assert.equal(medianInPlace(Float64Array.from(values), n), median);
      assert.equal(medianInPlace(Float64Array.from(sorted), n), median);
    }
  });
});
