import { strict as assert } from 'assert';
import { TickSorter } from '../../../src/engine/store/tickSorter';
import { TickStore } from '../../../src/engine/store/tickStore';

describe('TickSorter', () => {
  it('appends trades given in any order to a store series in (time, id) order, growing past its first block', () => {
    const sorter = new TickSorter();
    // Two "files" given late day first, then one same-millisecond pair out of id order; 3,000 trades in all.
    const day2 = Array.from({ length: 1500 }, (_, i) => [10_000 + i, 2000 + i]);
    const day1 = Array.from({ length: 1498 }, (_, i) => [i, 2 + i]);
    for (const [time, id] of [...day2, ...day1, [5000, 1], [5000, 0]]) sorter.push(time, 100 + id / 100, 1, id, id % 2 === 1);
    assert.equal(sorter.count, 3000);
    const store = new TickStore();
    sorter.appendTo(store, 'file BTCUSDT');
    assert.equal(sorter.count, 0);
    const r = store.range('file BTCUSDT', -Infinity, Infinity);
    assert.equal(r.length, 3000);
    for (let i = 1; i < r.length; i++) {
      const ordered = r.time[i - 1] < r.time[i] || (r.time[i - 1] === r.time[i] && r.id[i - 1] < r.id[i]);
      if (!ordered) assert.fail(`tick ${i} out of order`);
    }
    assert.deepEqual([r.time[1497], r.time[1498], r.time[1499], r.time[1500]], [1497, 5000, 5000, 10_000]);
    assert.deepEqual([r.id[1498], r.id[1499]], [0, 1]);
    assert.equal(r.price[1500], 120);
    assert.equal(store.forEachInRange('file BTCUSDT', 5000, 5001, (_t, _p, _q, id, buyerIsMaker) => assert.equal(buyerIsMaker, id % 2 === 1)), 2);
  });
});
