import { strict as assert } from 'assert';
import { BarResampler } from '../../../src/engine/bars/barResampler';
import type { Bar } from '../../../src/engine/types';

const m1 = (minute: number, o: number, h: number, l: number, c: number, v: number, vwap: number): Bar => ({
  symbol: 'BTCUSDT', openTime: minute * 60_000, intervalMs: 60_000, open: o, high: h, low: l, close: c, volume: v, trades: 1, vwap, empty: v === 0,
});

describe('BarResampler', () => {
  it('merges 1m bars into 5m bars in any order (hand-computed)', () => {
    const r = new BarResampler(300_000);
    for (const b of [m1(2, 12, 14, 11, 13, 1, 12.5), m1(0, 10, 11, 9, 10.5, 2, 10), m1(4, 13, 13, 13, 13, 0, 13), m1(5, 20, 20, 20, 20, 1, 20)]) r.add(b);
    const bars = r.bars('BTCUSDT');
    // VWAP of the first 5 minutes = (10·2 + 12.5·1) / 3
    assert.deepEqual(bars.map((b) => [b.openTime, b.open, b.high, b.low, b.close, b.volume, b.trades, b.vwap, b.empty]), [
      [0, 10, 14, 9, 13, 3, 3, 32.5 / 3, false],
      [300_000, 20, 20, 20, 20, 1, 1, 20, false],
    ]);
  });
  it('refuses a timeframe that is not a multiple of the bar length', () => {
    const r = new BarResampler(60_000);
    assert.throws(() => r.add({ ...m1(0, 1, 1, 1, 1, 1, 1), intervalMs: 300_000 }), { code: 'BAD_TIMEFRAME' });
  });
});
