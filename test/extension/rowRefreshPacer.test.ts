// The Pairs tree's row pacing on a hand-driven clock: a quiet row refreshes at once, a busy one at most once per
// interval with its newest state, each row on its own.
import { strict as assert } from 'assert';
import { RowRefreshPacer } from '../../src/extension/rowRefreshPacer';
import { FakeClock } from '../engine/feed/fakeClock';

describe('extension/RowRefreshPacer', () => {
  it('refreshes a quiet row at once, then at most once per interval while it keeps changing', () => {
    const clock = new FakeClock();
    const t0 = clock.now();
    const fired: [string, number][] = [];
    const pacer = new RowRefreshPacer<string>(1000, (key) => fired.push([key, clock.now() - t0]), clock);
    pacer.request('a');
    assert.deepEqual(fired, [['a', 0]], 'at once');
    // Ten updates a second for 3.5 s.
    for (let t = 100; t <= 3500; t += 100) {
      clock.advance(100);
      pacer.request('a');
    }
    clock.advance(2000);
    assert.deepEqual(fired.map(([, at]) => at), [0, 1000, 2000, 3000, 4000], 'one a second, the last one after the updates stopped');
    for (let i = 1; i < fired.length; i++) assert.ok(fired[i][1] - fired[i - 1][1] >= 1000);
    assert.equal(clock.pendingTimers, 0);
  });

  it('paces each row on its own', () => {
    const clock = new FakeClock();
    const fired: string[] = [];
    const pacer = new RowRefreshPacer<string>(1000, (key) => fired.push(key), clock);
    pacer.request('a');
    pacer.request('b');
    pacer.request('a');
    assert.deepEqual(fired, ['a', 'b'], 'b not held back by a');
    clock.advance(1000);
    assert.deepEqual(fired, ['a', 'b', 'a'], "a's second change at the end of its interval; b had none");
  });

  it('forget and dispose drop what is pending (a removed pair, a whole-tree refresh)', () => {
    const clock = new FakeClock();
    const fired: string[] = [];
    const pacer = new RowRefreshPacer<string>(1000, (key) => fired.push(key), clock);
    pacer.request('a');
    pacer.request('a');
    pacer.request('b');
    pacer.request('b');
    pacer.forget('a');
    assert.equal(clock.pendingTimers, 1);
    pacer.dispose();
    assert.equal(clock.pendingTimers, 0);
    clock.advance(5000);
    assert.deepEqual(fired, ['a', 'b']);
    pacer.request('a');
    assert.deepEqual(fired, ['a', 'b', 'a'], 'after a forget the next change refreshes at once');
  });
});
