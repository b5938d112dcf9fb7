import { strict as assert } from 'assert';
import { IdSequencer, type SequencerCounters } from '../../../src/engine/feed/sequencer';
import type { Tick } from '../../../src/engine/types';
import { FakeClock } from './fakeClock';

const tick = (id: number): Tick => ({ symbol: 'BTCUSDT', id, time: 1000 + id, price: 100 + id, qty: 1, buyerIsMaker: false });

function setup(maxPending = 100) {
  const clock = new FakeClock();
  const counters: SequencerCounters = { duplicatesDropped: 0, outOfOrderFixed: 0, overflowDropped: 0 };
  const delivered: number[] = [];
  const gaps: Array<[number, number]> = [];
  const unrepaired: Array<[number, number, string]> = [];
  const seq = new IdSequencer('BTCUSDT', { reorderWindowMs: 50, maxPending }, clock, counters, {
    deliver: (t) => delivered.push(t.id),
    gapDetected: (_s, from, to) => gaps.push([from, to]),
    unrepaired: (_s, from, to, reason) => unrepaired.push([from, to, reason]),
  });
  return { clock, counters, delivered, gaps, unrepaired, seq };
}

describe('feed/sequencer', () => {
  it('delivers an in-order stream unchanged', () => {
    const { seq, delivered, counters } = setup();
    for (const id of [10, 11, 12, 13]) seq.push(tick(id));
    assert.deepEqual(delivered, [10, 11, 12, 13]);
    assert.deepEqual(counters, { duplicatesDropped: 0, outOfOrderFixed: 0, overflowDropped: 0 });
  });

  it('resumeAfter continues an earlier sequence: older ids are duplicates, a hole after it waits for backfill', () => {
    const { seq, delivered, gaps, counters, clock } = setup();
    seq.resumeAfter(10);
    for (const id of [9, 10, 14, 15]) seq.push(tick(id));
    assert.deepEqual(delivered, []);
    assert.equal(counters.duplicatesDropped, 2);
    clock.advance(50);
    assert.deepEqual(gaps, [[11, 13]]);
    seq.beginBackfill();
    assert.equal(seq.acceptBackfill([11, 12, 13].map(tick)), 3);
    assert.deepEqual(delivered, [11, 12, 13, 14, 15]);
    seq.resumeAfter(100); // only before the first tick
    seq.push(tick(16));
    assert.deepEqual(delivered, [11, 12, 13, 14, 15, 16]);
  });

  it('drops duplicates, both already delivered and already held', () => {
    const { seq, delivered, counters } = setup();
    for (const id of [1, 2, 2, 1, 4, 4, 3, 4]) seq.push(tick(id));
    assert.deepEqual(delivered, [1, 2, 3, 4]);
    assert.equal(counters.duplicatesDropped, 4); // 2, 1, the second 4, the final 4
  });

  it('reorders swapped pairs within the window without calling them gaps', () => {
    const { seq, delivered, counters, gaps, clock } = setup();
    for (const id of [1, 3, 2, 5, 4, 6]) seq.push(tick(id));
    assert.deepEqual(delivered, [1, 2, 3, 4, 5, 6]);
    assert.equal(counters.outOfOrderFixed, 2);
    clock.advance(1000);
    assert.deepEqual(gaps, []);
    assert.equal(clock.pendingTimers, 0);
  });

  it('declares a gap when the hole outlasts the reorder window, holding later ticks', () => {
    const { seq, delivered, gaps, clock } = setup();
    for (const id of [1, 2, 6, 7]) seq.push(tick(id));
    clock.advance(49);
    assert.deepEqual(gaps, []);
    clock.advance(1);
    assert.deepEqual(gaps, [[3, 5]]);
    assert.deepEqual(delivered, [1, 2]);
    assert.deepEqual(seq.currentGap(), { fromId: 3, toId: 5 });
  });

  it('backfill rows fill the gap and release the held ticks in id order', () => {
    const { seq, delivered, clock } = setup();
    for (const id of [1, 2, 6, 7]) seq.push(tick(id));
    clock.advance(50);
    seq.beginBackfill();
    seq.push(tick(8)); // live tick during backfill stays behind the gap
    assert.equal(seq.acceptBackfill([tick(2), tick(3), tick(4), tick(5)]), 3);
    assert.deepEqual(delivered, [1, 2, 3, 4, 5, 6, 7, 8]);
    seq.endBackfill();
    assert.equal(seq.currentGap(), undefined);
  });

  it('skipTo reports the unrepaired ids and continues after them', () => {
    const { seq, delivered, unrepaired } = setup();
    for (const id of [1, 5, 6]) seq.push(tick(id));
    seq.beginBackfill();
    seq.skipTo(5, 'not on REST');
    assert.deepEqual(unrepaired, [[2, 4, 'not on REST']]);
    assert.deepEqual(delivered, [1, 5, 6]);
    assert.equal(seq.expectedId, 7);
  });

  it('bounds the held ticks; the ones not held are still missing, so they come back as a gap', () => {
    const { seq, delivered, counters } = setup(2);
    for (const id of [1, 3, 4, 5, 6]) seq.push(tick(id));
    assert.equal(seq.heldCount, 2);
    assert.equal(counters.overflowDropped, 2);
    seq.beginBackfill();
    seq.acceptBackfill([tick(2)]);
    assert.deepEqual(delivered, [1, 2, 3, 4]);
    seq.push(tick(7));
    assert.deepEqual(seq.currentGap(), { fromId: 5, toId: 6 });
  });
});
