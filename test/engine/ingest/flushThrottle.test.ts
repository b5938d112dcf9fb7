// The ingest worker's batch rule on a hand-driven clock: at most one batch per period, however the trades and the
// clock-closing interval interleave; a trade after a quiet period goes almost at once.
import { strict as assert } from 'assert';
import { COALESCE_MS, FlushThrottle } from '../../../src/engine/ingest/flushThrottle';
import { FakeClock } from '../feed/fakeClock';

/** The feed tests' FakeClock, its times counted from the test's start (its own start is 1,000,000). */
class TestClock {
  readonly fake = new FakeClock();
  private readonly t0 = this.fake.now();
  now(): number {
    return this.fake.now() - this.t0;
  }
  /** Moves to `t` ms after the start, running each due timer at its time. */
  advanceTo(t: number): void {
    this.fake.advance(this.t0 + t - this.fake.now());
  }
  get pending(): number {
    return this.fake.pendingTimers;
  }
}

describe('ingest/FlushThrottle', () => {
  it('sends at most one batch per period while trades flow, whatever the interval timer’s phase', () => {
    for (const tradeEveryMs of [1, 3, 7, 13, 49, 51]) {
      for (const startPhase of [0, 11, 37]) {
        const clock = new TestClock();
        clock.advanceTo(startPhase);
        const sentAt: number[] = [];
        let pending = false;
        const throttle = new FlushThrottle(50, () => (pending ? ((pending = false), sentAt.push(clock.now()), 'trades') : 'nothing'), clock.fake);
        for (let t = startPhase + 5; t < startPhase + 2000; t += tradeEveryMs) {
          clock.advanceTo(t);
          pending = true;
          throttle.tradeArrived();
        }
        clock.advanceTo(startPhase + 2100);
        assert.ok(sentAt.length > 0);
        for (let i = 1; i < sentAt.length; i++) {
          assert.ok(sentAt[i] - sentAt[i - 1] >= 50, `trades every ${tradeEveryMs} ms, phase ${startPhase}: batches at ${sentAt[i - 1]} and ${sentAt[i]}`);
        }
        // And no trade waits longer than a period plus the coalescing delay.
        assert.ok(sentAt[sentAt.length - 1] >= startPhase + 2000 - tradeEveryMs, 'the last trades were sent');
        throttle.dispose();
        assert.equal(clock.pending, 0, 'dispose leaves no timer');
      }
    }
  });

  it('sends a trade after a quiet period after the coalescing delay, not at the next tick of a fixed timer', () => {
    const clock = new TestClock();
    const sentAt: number[] = [];
    let pending = false;
    const throttle = new FlushThrottle(100, () => (pending ? ((pending = false), sentAt.push(clock.now()), 'trades') : 'nothing'), clock.fake, 2);
    clock.advanceTo(1000);
    pending = true;
    throttle.tradeArrived();
    clock.advanceTo(1001);
    assert.deepEqual(sentAt, []);
    clock.advanceTo(1002);
    assert.deepEqual(sentAt, [1002]);
    // Within the period the next trade waits for its end.
    clock.advanceTo(1030);
    pending = true;
    throttle.tradeArrived();
    clock.advanceTo(1101);
    assert.deepEqual(sentAt, [1002]);
    clock.advanceTo(1102);
    assert.deepEqual(sentAt, [1002, 1102]);
    throttle.dispose();
  });

  it('the interval sends what the clock closed in a quiet period (no trade to schedule it), at its ticks, once a period after trades', () => {
    const clock = new TestClock();
    const sentAt: number[] = [];
    let closedBars = 0;
    let trades = 0;
    const throttle = new FlushThrottle(100, () => {
      const sent = trades > 0 ? 'trades' : closedBars > 0 ? 'bars' : 'nothing';
      if (sent !== 'nothing') sentAt.push(clock.now());
      trades = closedBars = 0;
      return sent;
    }, clock.fake);
    clock.advanceTo(250);
    closedBars = 1;
    clock.advanceTo(350);
    assert.deepEqual(sentAt, [300], 'at the interval tick');
    closedBars = 1;
    clock.advanceTo(450);
    assert.deepEqual(sentAt, [300, 400], 'bars alone: every tick that has some');
    trades = 1;
    throttle.sendNow(); // a resample answer at 450 flushes trades first
    assert.deepEqual(sentAt, [300, 400, 450]);
    closedBars = 1;
    clock.advanceTo(520);
    assert.deepEqual(sentAt, [300, 400, 450], 'not within a period of the last trades');
    clock.advanceTo(600);
    assert.deepEqual(sentAt, [300, 400, 450, 600]);
    throttle.dispose();
  });

  it('a second leg a few ms after the first travels in the same batch, not a period later', () => {
    const clock = new TestClock();
    const sentAt: number[] = [];
    const waited: number[] = [];
    let arrived: number[] = [];
    const throttle = new FlushThrottle(100, () => (arrived.length ? (waited.push(...arrived.map((a) => clock.now() - a)), (arrived = []), sentAt.push(clock.now()), 'trades') : 'nothing'), clock.fake);
    // Both legs' aggregates at each 100 ms window end, the second 3-8 ms after the first, the first with up to 6 ms of jitter.
    for (let w = 1; w <= 50; w++) {
      const first = w * 100 + (w % 4) * 2;
      clock.advanceTo(first);
      arrived.push(clock.now());
      throttle.tradeArrived();
      clock.advanceTo(first + 3 + (w % 6));
      arrived.push(clock.now());
      throttle.tradeArrived();
    }
    clock.advanceTo(6000);
    assert.equal(waited.length, 100);
    assert.ok(Math.max(...waited) <= COALESCE_MS + 6, `longest wait ${Math.max(...waited)} ms`);
    for (let i = 1; i < sentAt.length; i++) assert.ok(sentAt[i] - sentAt[i - 1] >= 100);
    throttle.dispose();
  });

  it('a new period applies from now on: batches at the new spacing, the clock-closing tick at the new period', () => {
    const clock = new TestClock();
    const sentAt: number[] = [];
    let pending = false;
    const throttle = new FlushThrottle(50, () => (pending ? ((pending = false), sentAt.push(clock.now()), 'trades') : 'nothing'), clock.fake, 2);
    const tradeEvery = (ms: number, until: number) => {
      for (let t = clock.now() + ms; t <= until; t += ms) {
        clock.advanceTo(t);
        pending = true;
        throttle.tradeArrived();
      }
    };
    tradeEvery(5, 1000);
    const before = sentAt.length;
    throttle.setPeriod(300);
    tradeEvery(5, 4000);
    clock.advanceTo(4400);
    const after = sentAt.slice(before);
    assert.ok(before >= 19, `${before} batches in 1 s at 50 ms`);
    for (let i = 1; i < after.length; i++) assert.ok(after[i] - after[i - 1] >= 300, `batches at ${after[i - 1]} and ${after[i]} after the change`);
    assert.ok(after.length >= 9 && after.length <= 11, `${after.length} batches in 3 s at 300 ms`);
    assert.throws(() => throttle.setPeriod(-1), RangeError);
    throttle.dispose();
    assert.equal(clock.pending, 0);
  });

  it('a batch of clock-closed bars alone does not hold back the next trade', () => {
    const clock = new TestClock();
    const tradesSentAt: number[] = [];
    let trade = false;
    let closedBars = false;
    const throttle = new FlushThrottle(100, () => {
      const sent = trade ? 'trades' : closedBars ? 'bars' : 'nothing';
      if (trade) tradesSentAt.push(clock.now());
      trade = closedBars = false;
      return sent;
    }, clock.fake, 2);
    clock.advanceTo(250);
    closedBars = true; // the interval ticks at 300 and sends them
    clock.advanceTo(305);
    assert.equal(closedBars, false, 'the bars went at the tick');
    trade = true;
    throttle.tradeArrived();
    clock.advanceTo(310);
    assert.deepEqual(tradesSentAt, [307], 'the trade after the coalescing delay, not at 400');
    throttle.dispose();
  });

  it('refuses a period that is not a positive number', () => {
    assert.throws(() => new FlushThrottle(0, () => 'nothing', new FakeClock()), RangeError);
    assert.throws(() => new FlushThrottle(Number.NaN, () => 'nothing', new FakeClock()), RangeError);
  });
});
