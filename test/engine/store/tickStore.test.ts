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

  it('stops at the count bound keeping order, in storage of exactly the bound', () => {
    const store = new TickStore({ maxCount: 3000 });
    for (let id = 1; id <= 5000; id++) store.append(tick(id, id));
    assert.equal(store.count('BTCUSDT'), 3000);
    const ids = store.ids('BTCUSDT');
    assert.equal(ids[0], 2001);
    for (let i = 1; i < ids.length; i++) assert.equal(ids[i], ids[i - 1] + 1);
    assert.equal(store.bytesPerTick(), 17);
    // A bound under one chunk is one chunk of exactly 3,000 ticks, written round and round.
    assert.equal(store.memoryBytes(), 3000 * 17);
  });

  it('crosses default-size chunks (32,768 ticks) without losing or reordering a tick', () => {
    const unbounded = new TickStore();
    for (let id = 1; id <= 150_000; id++) unbounded.append(tick(id, 1000 + id));
    assert.equal(unbounded.count('BTCUSDT'), 150_000);
    const ids = unbounded.ids('BTCUSDT');
    for (let i = 0; i < ids.length; i++) if (ids[i] !== i + 1) assert.fail(`ids[${i}] is ${ids[i]}`);
    assert.equal(unbounded.memoryBytes(), 5 * 32_768 * 17); // ceil(150,000 / 32,768) = 5 chunks
    const r = unbounded.range('BTCUSDT', 1000 + 32_760, 1000 + 32_780); // spans chunks 1 and 2
    assert.deepEqual([...r.id], Array.from({ length: 20 }, (_, i) => 32_760 + i));
    assert.equal(r.price[8], 100 + 32_768 / 10);

    // A bound of 100,000 is 3 chunks of 32,768 and one of 1,696, allocated as first written: the ring
    // holds 17 bytes per tick of the bound, no more, while it overwrites past it.
    const bounded = new TickStore({ maxCount: 100_000 });
    for (let id = 1; id <= 70_000; id++) bounded.append(tick(id, 1000 + id));
    assert.equal(bounded.memoryBytes(), 3 * 32_768 * 17);
    for (let id = 70_001; id <= 150_000; id++) bounded.append(tick(id, 1000 + id));
    assert.equal(bounded.count('BTCUSDT'), 100_000);
    assert.equal(bounded.firstTime('BTCUSDT'), 1000 + 50_001);
    assert.equal(bounded.lastId('BTCUSDT'), 150_000);
    const kept = bounded.ids('BTCUSDT');
    for (let i = 0; i < kept.length; i++) if (kept[i] !== 50_001 + i) assert.fail(`kept[${i}] is ${kept[i]}`);
    assert.equal(bounded.memoryBytes(), 100_000 * 17);
  });

  it('releases whole chunks when the age bound evicts them', () => {
    const store = new TickStore({ maxAgeMs: 1000, chunkTicks: 8 });
    for (let id = 1; id <= 100; id++) store.append(tick(id, id));
    assert.equal(store.memoryBytes(), 13 * 8 * 17); // 100 ticks in ceil(100 / 8) = 13 chunks
    store.append(tick(101, 10_000));
    assert.deepEqual([...store.ids('BTCUSDT')], [101]);
    assert.equal(store.memoryBytes(), 2 * 8 * 17); // the tail chunk and one spare
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
