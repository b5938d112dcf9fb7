import { strict as assert } from 'assert';
import { resampleStore } from '../../../src/engine/store/resample';
import { TickStore } from '../../../src/engine/store/tickStore';
import type { Tick } from '../../../src/engine/types';

const M = 60_000;
const T0 = Date.UTC(2024, 6, 19, 0, 0, 0);
const tick = (id: number, time: number, price: number, qty: number): Tick => ({ symbol: 'BTCUSDT', time, price, qty, id, buyerIsMaker: false });

describe('resampleStore', () => {
  it('builds 1m bars from stored ticks by hand: OHLCV, VWAP, empty minutes carrying the close, before-range close carried in', () => {
    const store = new TickStore();
    // minute 0: one trade (before the range); minute 1 silent; minute 2: three trades; minute 3 silent; minute 4: one trade
    [
      tick(1, T0 + 10_000, 100, 1),
      tick(2, T0 + 2 * M + 1_000, 101, 2),
      tick(3, T0 + 2 * M + 30_000, 99.5, 1),
      tick(4, T0 + 2 * M + 59_999, 100.5, 1),
      tick(5, T0 + 4 * M, 102, 0.5),
    ].forEach((t) => store.append(t));
    const bars = resampleStore(store, 'BTCUSDT', M, T0 + M, T0 + 6 * M);
    assert.deepEqual(
      bars.map((b) => [(b.openTime - T0) / M, b.open, b.high, b.low, b.close, b.volume, b.trades, b.empty]),
      [
        [1, 100, 100, 100, 100, 0, 0, true], // carries minute 0's close, from before the range
        [2, 101, 101, 99.5, 100.5, 4, 3, false],
        [3, 100.5, 100.5, 100.5, 100.5, 0, 0, true],
        [4, 102, 102, 102, 102, 0.5, 1, false],
        [5, 102, 102, 102, 102, 0, 0, true],
      ],
    );
    assert.equal(bars[1].vwap, (101 * 2 + 99.5 + 100.5) / 4);
    // 5-minute bars of the same ticks: [0, 5m) holds all five trades.
    const five = resampleStore(store, 'BTCUSDT', 5 * M, T0, T0 + 5 * M);
    assert.deepEqual(five.map((b) => [b.open, b.high, b.low, b.close, b.volume, b.trades]), [[100, 102, 99.5, 102, 5.5, 5]]);
    assert.deepEqual(resampleStore(store, 'ETHUSDT', M, T0, T0 + 3 * M), [], 'no ticks, no price: no bars');
  });
});
