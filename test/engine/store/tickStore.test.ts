import { strict as assert } from 'assert';
import { TickStore } from '../../../src/engine/store/tickStore';
import type { Tick } from '../../../src/engine/types';

const tick = (id: number, time: number, symbol = 'BTCUSDT'): Tick => ({ symbol, time, price: 100 + id / 10, qty: id / 1000, id, buyerIsMaker: id % 2 === 0 });

describe('TickStore', () => {
  it('keeps the newest maxCount ticks, overwriting the oldest', () => {
    const store = new TickStore({ maxCount: 3 });
    for (let id = 1; id <= 5; id++) store.append(tick(id, id * 10));
    assert.equal(store.count('BTCUSDT'), 3);
    assert.deepEqual([...store.ids('BTCUSDT')], [3, 4, 5]);
    assert.equal(store.lastId('BTCUSDT'), 5);
    assert.equal(store.lastTime('BTCUSDT'), 50);
    assert.equal(store.firstTime('BTCUSDT'), 30);
  });

  it('grows geometrically past its first capacity and stops at the count bound, keeping order', () => {
    const store = new TickStore({ maxCount: 3000 });
    for (let id = 1; id <= 5000; id++) store.append(tick(id, id));
    assert.equal(store.count('BTCUSDT'), 3000);
    const ids = store.ids('BTCUSDT');
    assert.equal(ids[0], 2001);
    for (let i = 1; i < ids.length; i++) assert.equal(ids[i], ids[i - 1] + 1);
    assert.equal(store.bytesPerTick(), 33);
    assert.equal(store.memoryBytes(), 3000 * 33); // 1024 → 1536 → 2304 → capped at 3000
  });

  it('evicts ticks older than maxAgeMs before the newest', () => {
    const store = new TickStore({ maxAgeMs: 1000 });
    for (const [id, time] of [[1, 0], [2, 500], [3, 1000], [4, 1600]]) store.append(tick(id, time));
    assert.deepEqual([...store.range('BTCUSDT', 0, Infinity).time], [1000, 1600]);
    store.append(tick(5, 5000));
    assert.deepEqual([...store.ids('BTCUSDT')], [5]);
  });

  it('returns a half-open time range as columns and by visitor, per symbol', () => {
    const store = new TickStore({ maxCount: 4 });
    for (let id = 1; id <= 6; id++) store.append(tick(id, id * 100)); // ring wraps: keeps 300..600
    store.append(tick(9, 250, 'ETHUSDT'));
    const r = store.range('BTCUSDT', 350, 600);
    assert.equal(r.length, 2);
    assert.deepEqual([...r.id], [4, 5]);
    assert.deepEqual([...r.price], [100.4, 100.5]);
    assert.deepEqual([...r.qty], [0.004, 0.005]);
    const seen: Array<[number, boolean]> = [];
    const n = store.forEachInRange('BTCUSDT', 0, 450, (time, _p, _q, id, buyerIsMaker) => seen.push([id, buyerIsMaker]));
    assert.equal(n, 2);
    assert.deepEqual(seen, [[3, false], [4, true]]);
    assert.deepEqual(store.symbols().sort(), ['BTCUSDT', 'ETHUSDT']);
    store.clear('BTCUSDT');
    assert.equal(store.count('BTCUSDT'), 0);
    assert.equal(store.lastId('BTCUSDT'), undefined);
    assert.equal(store.count('ETHUSDT'), 1);
  });
});
