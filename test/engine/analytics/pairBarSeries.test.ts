import { strict as assert } from 'node:assert';
import { alignPairBars } from '../../../src/engine/analytics/pairBarSeries';
import type { Bar } from '../../../src/engine/types';

const bar = (symbol: string, openTime: number, close: number): Bar => ({
  symbol, openTime, intervalMs: 1000, open: close, high: close, low: close, close, volume: 1, trades: 1, vwap: close, empty: false,
});

describe('alignPairBars', () => {
  it('starts where both legs traded, fills gaps with the previous close as empty bars, ends at the last bar', () => {
    const y = [bar('E', 0, 10), bar('E', 1000, 11), bar('E', 4000, 14)];
    const x = [bar('B', 1000, 100), bar('B', 2000, 102), bar('B', 5000, 105)];
    const pairs = alignPairBars(y, x, 1000);
    assert.deepEqual(
      pairs.map(([a, b]) => [a.openTime, a.close, a.empty, b.close, b.empty]),
      [
        [1000, 11, false, 100, false],
        [2000, 11, true, 102, false],
        [3000, 11, true, 102, true],
        [4000, 14, false, 102, true],
        [5000, 14, true, 105, false],
      ],
    );
    assert.equal(pairs[1][0].volume, 0);
    assert.deepEqual(alignPairBars([], x, 1000), []);
  });
});
