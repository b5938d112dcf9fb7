import { strict as assert } from 'assert';
import { ControlQueue, type ControlMessage } from '../../../src/engine/feed/controlQueue';
import { FakeClock } from './fakeClock';

describe('feed/controlQueue', () => {
  it('batches changes of one turn into one message and spaces messages by the interval', () => {
    const clock = new FakeClock();
    const sent: Array<{ at: number; message: ControlMessage }> = [];
    const queue = new ControlQueue(clock, 200, (message) => (sent.push({ at: clock.now(), message }), true));
    const t0 = clock.now();
    queue.subscribe(['a@aggTrade', 'b@aggTrade']);
    queue.subscribe(['c@aggTrade']);
    clock.advance(0);
    assert.deepEqual(sent.map((s) => s.message), [{ method: 'SUBSCRIBE', params: ['a@aggTrade', 'b@aggTrade', 'c@aggTrade'], id: 1 }]);
    queue.unsubscribe(['b@aggTrade']);
    queue.subscribe(['d@aggTrade']);
    clock.advance(199);
    assert.equal(sent.length, 1, 'nothing within 200 ms of the previous message');
    clock.advance(1);
    clock.advance(200);
    assert.deepEqual(
      sent.map((s) => [s.at - t0, s.message.method, s.message.params]),
      [
        [0, 'SUBSCRIBE', ['a@aggTrade', 'b@aggTrade', 'c@aggTrade']],
        [200, 'UNSUBSCRIBE', ['b@aggTrade']],
        [400, 'SUBSCRIBE', ['d@aggTrade']],
      ],
    );
    assert.ok(queue.idle);
  });

  it('a subscribe cancels a queued unsubscribe of the same stream (and vice versa)', () => {
    const clock = new FakeClock();
    const sent: ControlMessage[] = [];
    const queue = new ControlQueue(clock, 200, (m) => (sent.push(m), true));
    queue.unsubscribe(['x@aggTrade']);
    queue.subscribe(['x@aggTrade']);
    clock.advance(0);
    assert.deepEqual(sent, [{ method: 'SUBSCRIBE', params: ['x@aggTrade'], id: 1 }]);
  });

  it('drops what it cannot send (the next connection URL carries the streams) instead of retrying forever', () => {
    const clock = new FakeClock();
    let attempts = 0;
    const queue = new ControlQueue(clock, 200, () => (attempts++, false));
    queue.subscribe(['x@aggTrade']);
    clock.advance(5000);
    assert.equal(attempts, 1);
    assert.ok(queue.idle);
    assert.equal(clock.pendingTimers, 0);
  });
});
