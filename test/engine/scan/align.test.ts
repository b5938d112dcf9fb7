import { strict as assert } from 'assert';
import { alignUniverse } from '../../../src/engine/scan/align';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);
const hours = (from: number, count: number, skip: number[] = []) =>
  Array.from({ length: count }, (_, i) => T0 + (from + i) * H).filter((_, i) => !skip.includes(from + i));

describe('scan: alignment to the last N common bars', () => {
  it('cuts longer series to their last N, excludes short or gapped ones with the reason, never pads', () => {
    const long = hours(0, 12);
    const short = hours(6, 6);
    const gapped = hours(0, 12, [9]);
    const series = [
      { symbol: 'AUSDT', openTimes: long, closes: long.map((_, i) => 100 + i) },
      { symbol: 'BUSDT', openTimes: long, closes: long.map((_, i) => 50 * 1.01 ** i) },
      { symbol: 'NEWUSDT', openTimes: short, closes: short.map(() => 1 + Math.random()) },
      { symbol: 'GAPUSDT', openTimes: gapped, closes: gapped.map((_, i) => 2 + i) },
      { symbol: 'FLATUSDT', openTimes: long, closes: long.map(() => 3) },
      { symbol: 'AUSDT', openTimes: long, closes: long.map(() => 9) },
    ];
    const a = alignUniverse(series, H, 8);
    assert.deepEqual(a.symbols, ['AUSDT', 'BUSDT']);
    assert.deepEqual(Array.from(a.openTimes), hours(4, 8));
    // Row 0 holds ln(close) of bars 4…11.
    assert.deepEqual(Array.from(a.logPrices.subarray(0, 8)), [104, 105, 106, 107, 108, 109, 110, 111].map(Math.log));
    assert.deepEqual(
      a.excluded.map((e) => [e.symbol, e.reason]),
      [
        // 6 bars (hours 6…11) of the 8 the lookback (hours 4…11) needs: said as a count, never as a listing date.
        ['NEWUSDT', 'only 6 bars of 1h (needs 8), the first at 2025-01-01T06:00:00Z'],
        ['GAPUSDT', '1 missing bar in the lookback (first 2025-01-01T09:00:00Z)'],
        ['FLATUSDT', 'the close never changes in the lookback'],
        ['AUSDT', 'given twice; the first series is used'],
      ],
    );
  });

  it('a symbol that stopped early misses the newest bars and is excluded', () => {
    const a = alignUniverse(
      [
        { symbol: 'AUSDT', openTimes: hours(0, 10), closes: hours(0, 10).map((_, i) => 1 + i) },
        { symbol: 'STALEUSDT', openTimes: hours(0, 8), closes: hours(0, 8).map((_, i) => 1 + i) },
      ],
      H,
      5,
    );
    assert.deepEqual(a.excluded, [{ symbol: 'STALEUSDT', reason: '2 missing bars in the lookback (first 2025-01-01T08:00:00Z)' }]);
  });
});
