// Bars and trades survive the trip through columns field for field (what crosses the thread is what was sent).
import { strict as assert } from 'assert';
import { barColumnBuffers, barColumns, barsOf, tradeColumnBuffers, tradeColumns } from '../../../src/engine/ingest/columns';
import type { Bar } from '../../../src/engine/types';

describe('ingest/columns', () => {
  it('bars: every field back as it went, empty as 1/0; nine buffers to transfer', () => {
    const bars: Bar[] = [
      { symbol: 'S', openTime: 60_000, intervalMs: 60_000, open: 1.5, high: 2.25, low: 1.25, close: 2, volume: 3.5, vwap: 1.75, trades: 4, empty: false },
      { symbol: 'S', openTime: 120_000, intervalMs: 60_000, open: 2, high: 2, low: 2, close: 2, volume: 0, vwap: 2, trades: 0, empty: true },
    ];
    const c = barColumns('S', 60_000, bars);
    assert.deepEqual(Array.from(c.empty), [0, 1]);
    assert.deepEqual(barsOf(c), bars);
    assert.equal(new Set(barColumnBuffers(c)).size, 9, 'one buffer per column, none shared');
  });

  it('trades: columns in order, buyerIsMaker as 1/0; five buffers', () => {
    const c = tradeColumns('S', [
      { symbol: 'S', time: 10, price: 100.5, qty: 0.25, id: 7, buyerIsMaker: true },
      { symbol: 'S', time: 11, price: 100, qty: 1, id: 8, buyerIsMaker: false },
    ]);
    assert.deepEqual([Array.from(c.time), Array.from(c.price), Array.from(c.qty), Array.from(c.id), Array.from(c.buyerIsMaker)], [[10, 11], [100.5, 100], [0.25, 1], [7, 8], [1, 0]]);
    assert.equal(tradeColumnBuffers(c).length, 5);
  });
});
