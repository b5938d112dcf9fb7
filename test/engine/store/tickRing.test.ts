import { strict as assert } from 'assert';
import { EngineError } from '../../../src/engine/errors';
import { TickRing } from '../../../src/engine/store/tickRing';

const times = (ring: TickRing) => Array.from({ length: ring.count }, (_, i) => ring.timeAt(i));

describe('TickRing', () => {
  it('rejects bounds that are not usable with BAD_ARGUMENT', () => {
    const bad = [{ maxCount: 0 }, { maxCount: -3 }, { maxCount: 2.5 }, { maxCount: NaN }, { maxCount: 2 ** 33 }, { maxAgeMs: -1 }, { maxAgeMs: NaN }, { chunkTicks: 0 }, { chunkTicks: 1.5 }];
    for (const bounds of bad) {
      assert.throws(
        () => new TickRing(bounds),
        (err: unknown) => err instanceof EngineError && err.code === 'BAD_ARGUMENT',
        JSON.stringify(bounds),
      );
    }
    assert.doesNotThrow(() => new TickRing({ maxCount: Infinity, maxAgeMs: 0, chunkTicks: 1 }));
  });

  it('frees evicted chunks of a wrapping ring and reuses the spare when the tail comes round', () => {
    // maxCount 10 in chunks of 4, 4 and 2 (positions 0-3, 4-7, 8-9).
    const ring = new TickRing({ maxCount: 10, chunkTicks: 4 });
    for (let t = 0; t < 10; t++) ring.append(t, 100 + t, 1, t + 1, false);
    assert.equal(ring.bytes, 10 * 17);
    ring.evictOlderThan(8); // keeps times 8, 9 (chunk 2); chunk 0 becomes the spare, chunk 1 is freed
    assert.deepEqual(times(ring), [8, 9]);
    assert.equal(ring.bytes, (2 + 4) * 17);
    for (let t = 10; t < 13; t++) ring.append(t, 100 + t, 1, t + 1, t % 2 === 0); // positions 0-2: the spare again
    assert.equal(ring.bytes, (2 + 4) * 17);
    assert.deepEqual(times(ring), [8, 9, 10, 11, 12]);
    assert.deepEqual([...ring.copyColumn('id')], [9, 10, 11, 12, 13]);
    assert.deepEqual([ring.buyerIsMakerAt(2), ring.buyerIsMakerAt(3)], [true, false]);
    assert.equal(ring.lowerBound(9.5), 2);
    const seen: number[] = [];
    assert.equal(ring.forEachInRange(9, 12, (_t, price) => seen.push(price)), 3);
    assert.deepEqual(seen, [109, 110, 111]);
    assert.equal(ring.forEachInRange(12, 9, () => assert.fail('visited an empty range')), 0);
  });

  it('empties when every tick is evicted, then starts again at chunk 0', () => {
    const ring = new TickRing({ chunkTicks: 4 });
    for (let t = 0; t < 9; t++) ring.append(t, 1, 1, t, false);
    ring.evictOlderThan(100);
    assert.equal(ring.count, 0);
    assert.equal(ring.bytes, 4 * 17); // only the spare
    ring.append(200, 2, 3, 4, true);
    assert.deepEqual([ring.timeAt(0), ring.priceAt(0), ring.qtyAt(0), ring.idAt(0), ring.buyerIsMakerAt(0)], [200, 2, 3, 4, true]);
    ring.clear();
    assert.equal(ring.count, 0);
    assert.equal(ring.bytes, 0);
  });
});
