// A leg's bars from its traded seconds: empty intervals carry the previous close, as the live builder's do;
// resampled bars sum their seconds.
import { strict as assert } from 'assert';
import { barsFromSeconds } from '../../../src/engine/bars/barsFromSeconds';
import type { Bar } from '../../../src/engine/types';

const bar = (t: number, price: number, volume = 1): Bar => ({ symbol: 'S', openTime: t, intervalMs: 1000, open: price, high: price, low: price, close: price, volume, trades: 1, vwap: price, empty: false });

describe('barsFromSeconds', () => {
  it('empty intervals carry the previous close up to the last open time; a 5 s gap gives 4 empty bars', () => {
    const out = barsFromSeconds([bar(0, 10), bar(5000, 12)], 1000, 7000);
    assert.deepEqual(out.map((b) => [b.openTime, b.close, b.empty]), [
      [0, 10, false], [1000, 10, true], [2000, 10, true], [3000, 10, true], [4000, 10, true], [5000, 12, false], [6000, 12, true], [7000, 12, true],
    ]);
  });

  it('5 s bars: open of the first second, close of the last, high/low/volume over the seconds; an empty 5 s bar between', () => {
    const out = barsFromSeconds([bar(1000, 10, 2), bar(3000, 14, 3), bar(4000, 11, 1), bar(12_000, 9, 5)], 5000, 15_000);
    // Hand-computed: [0,5000) has 10, 14, 11; [5000,10000) nothing; [10000,15000) 9; 15000 empty up to the last open.
    assert.deepEqual(out.map((b) => [b.openTime, b.open, b.high, b.low, b.close, b.volume, b.empty]), [
      [0, 10, 14, 10, 11, 6, false], [5000, 11, 11, 11, 11, 0, true], [10_000, 9, 9, 9, 9, 5, false], [15_000, 9, 9, 9, 9, 0, true],
    ]);
  });
});
