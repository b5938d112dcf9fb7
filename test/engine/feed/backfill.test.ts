import { strict as assert } from 'assert';
import { Backfiller, RAW_TRADE_GAP_REASON } from '../../../src/engine/feed/backfill';
import { RateLimitedError, type AggTradesQuery } from '../../../src/engine/feed/rest';
import { IdSequencer } from '../../../src/engine/feed/sequencer';
import { EngineError } from '../../../src/engine/errors';
import type { FeedState, Tick } from '../../../src/engine/types';
import { FakeClock } from './fakeClock';

const tick = (id: number): Tick => ({ symbol: 'BTCUSDT', id, time: id, price: 1, qty: 1, buyerIsMaker: false });
const settle = () => new Promise((r) => setImmediate(r));

/** A sequencer holding ticks 1 and 10..11: ids 2…9 are the gap. */
function withGap(clock: FakeClock) {
  const delivered: number[] = [];
  const unrepaired: Array<[number, number, string]> = [];
  const seq = new IdSequencer('BTCUSDT', { reorderWindowMs: 10, maxPending: 100 }, clock, { duplicatesDropped: 0, outOfOrderFixed: 0, overflowDropped: 0 }, {
    deliver: (t) => delivered.push(t.id),
    gapDetected: () => undefined,
    unrepaired: (_s, from, to, reason) => unrepaired.push([from, to, reason]),
  });
  for (const id of [1, 10, 11]) seq.push(tick(id));
  return { seq, delivered, unrepaired };
}

describe('feed/backfill', () => {
  it('waits until Retry-After before asking again, then fills the gap', async () => {
    const clock = new FakeClock();
    const calls: Array<{ at: number; query: AggTradesQuery }> = [];
    const states: FeedState[] = [];
    const rest = {
      aggTrades: async (query: AggTradesQuery) => {
        calls.push({ at: clock.now(), query });
        if (calls.length === 1) throw new RateLimitedError('429', clock.now() + 5000);
        const from = (query as { fromId: number }).fromId;
        return Array.from({ length: query.limit ?? 0 }, (_, i) => tick(from + i));
      },
    };
    let done: boolean | undefined;
    const backfiller = new Backfiller({ rest, clock, giveUpAfterMs: 1000, retryDelayMs: 100, maxRetryDelayMs: 400, onState: (s) => states.push(s), onDone: (_s, repaired) => (done = repaired) });
    const { seq, delivered } = withGap(clock);
    const start = clock.now();
    backfiller.request(seq);
    await settle();
    assert.equal(calls.length, 1);
    clock.advance(4999);
    await settle();
    assert.equal(calls.length, 1, 'nothing before Retry-After');
    clock.advance(1);
    await settle();
    assert.equal(calls.length, 2);
    assert.equal(calls[1].at, start + 5000);
    assert.deepEqual(calls[1].query, { symbol: 'BTCUSDT', fromId: 2, limit: 8 });
    assert.deepEqual(delivered, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.equal(done, true);
    assert.deepEqual(states[0], { kind: 'backfilling', symbol: 'BTCUSDT', fromId: 2, toId: 9 });
  });

  it('retries with doubling delays and repairs the gap when REST comes back within the give-up time', async () => {
    const clock = new FakeClock();
    const callTimes: number[] = [];
    const rest = {
      aggTrades: async (query: AggTradesQuery) => {
        callTimes.push(clock.now());
        if (callTimes.length <= 4) throw new EngineError('NETWORK', 'HTTP 500');
        const from = (query as { fromId: number }).fromId;
        return Array.from({ length: query.limit ?? 0 }, (_, i) => tick(from + i));
      },
    };
    const backfiller = new Backfiller({ rest, clock, giveUpAfterMs: 1000, retryDelayMs: 100, maxRetryDelayMs: 400, onState: () => undefined, onDone: () => undefined });
    const { seq, delivered, unrepaired } = withGap(clock);
    const start = clock.now();
    backfiller.request(seq);
    for (let i = 0; i < 40; i++) {
      await settle();
      clock.advance(50);
    }
    await settle();
    // Failures at 0, 100 (+100), 300 (+200), 700 (+400), then the delay stays capped at 400 ms; the fourth
    // failure came 700 ms after the first, inside the 1000 ms give-up time, so the fifth call is made and succeeds.
    assert.deepEqual(callTimes.map((t) => t - start), [0, 100, 300, 700, 1100]);
    assert.deepEqual(unrepaired, []);
    assert.deepEqual(delivered, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('gives up when REST keeps failing past the give-up time and reports the gap instead of bridging it', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const rest = {
      aggTrades: async () => {
        calls++;
        throw new EngineError('NETWORK', 'connection refused');
      },
    };
    const backfiller = new Backfiller({ rest, clock, giveUpAfterMs: 1000, retryDelayMs: 100, maxRetryDelayMs: 400, onState: () => undefined, onDone: () => undefined });
    const { seq, delivered, unrepaired } = withGap(clock);
    backfiller.request(seq);
    for (let i = 0; i < 40; i++) {
      await settle();
      clock.advance(50);
    }
    await settle();
    assert.equal(calls, 5, 'calls at 0, 100, 300, 700 and 1100 ms; the last one is past the give-up time');
    assert.equal(unrepaired.length, 1);
    assert.deepEqual(unrepaired[0].slice(0, 2), [2, 9]);
    assert.match(unrepaired[0][2], /failed for 1\.1 s \(5 attempts\): connection refused/);
    assert.deepEqual(delivered, [1, 10, 11]);
  });

  it('without REST (raw trade stream) reports the gap at once', async () => {
    const clock = new FakeClock();
    const backfiller = new Backfiller({ rest: undefined, clock, giveUpAfterMs: 1000, retryDelayMs: 100, maxRetryDelayMs: 400, onState: () => undefined, onDone: () => undefined });
    const { seq, delivered, unrepaired } = withGap(clock);
    backfiller.request(seq);
    await settle();
    assert.deepEqual(unrepaired, [[2, 9, RAW_TRADE_GAP_REASON]]);
    assert.deepEqual(delivered, [1, 10, 11]);
  });
});
