import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { RingBuffer } from '../../../src/engine/analytics/ringBuffer';

describe('RingBuffer', () => {
  it('behaves as a plain array FIFO of the last `capacity` values (push, evicted value, get, last, copyTo, clear; fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constant(null)), { maxLength: 40 }), (capacity, steps) => {
        const ring = new RingBuffer(capacity);
        let fifo: number[] = [];
        for (const step of steps) {
          if (step === null) {
            ring.clear();
            fifo = [];
          } else {
            fifo.push(step);
            const expectedEvicted = fifo.length > capacity ? fifo.shift() : undefined;
            assert.equal(ring.push(step), expectedEvicted);
          }
          assert.equal(ring.length, fifo.length);
          assert.equal(ring.full, fifo.length === capacity);
          for (let i = 0; i < fifo.length; i++) assert.equal(ring.get(i), fifo[i]);
          if (fifo.length > 0) assert.equal(ring.last(), fifo[fifo.length - 1]);
          const out = new Float64Array(capacity + 2).fill(-1);
          assert.equal(ring.copyTo(out), fifo.length);
          assert.deepEqual(Array.from(out.subarray(0, fifo.length)), fifo);
          assert.equal(out[fifo.length], -1, 'copyTo writes nothing past the values');
          assert.deepEqual(Array.from(ring.toArray()), fifo);
        }
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('rejects a capacity that is not a positive integer', () => {
    assert.throws(() => new RingBuffer(0), RangeError);
    assert.throws(() => new RingBuffer(2.5), RangeError);
  });
});
