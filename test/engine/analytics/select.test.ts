import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { emptyMiddle, medianInPlace, selectInPlace, selectMiddle } from '../../../src/engine/analytics/select';
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

  it('selectMiddle: the middle and its neighbours from the values inside any interval, as sorting gives them, or false when the interval misses a middle rank (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: -7, max: 7 }), fc.integer({ min: 0, max: 14 }), (values, low, width) => {
        const n = values.length;
        const sorted = [...values].sort((a, b) => a - b);
        const high = low + width;
        const inside = values.filter((v) => v >= low && v <= high);
        const below = values.filter((v) => v < low).length;
        const upperRank = n >> 1;
        const lowerRank = n % 2 ? upperRank : upperRank - 1;
        const out = emptyMiddle();
        const found = selectMiddle(Float64Array.from(inside), inside.length, below, n, out, true);
        assert.equal(found, below <= lowerRank && below + inside.length > upperRank);
        if (!found) return assert.ok(Number.isNaN(out.median), 'nothing written');
        assert.equal(out.lower, sorted[lowerRank]);
        assert.equal(out.upper, sorted[upperRank]);
        assert.equal(out.median, (sorted[lowerRank] + sorted[upperRank]) / 2);
        // A neighbour outside the interval is unknown here: ±∞, which still bounds it.
        assert.equal(out.belowLower, lowerRank - 1 >= below ? sorted[lowerRank - 1] : -Infinity);
        assert.equal(out.aboveUpper, upperRank + 1 < below + inside.length ? sorted[upperRank + 1] : Infinity);
      }),
      { numRuns: 1000, seed: 20261201 },
    );
  });
});
