import { strict as assert } from 'assert';
import type { PairBarRow, PairView } from '../../src/shared/model';
import { UpdateCoalescer } from '../../webview/updateCoalescer';

function view(previewZ: number): PairView {
  return {
    id: 'BTCUSDT/ETHUSDT',
    config: { y: 'BTCUSDT', x: 'ETHUSDT', window: 30, hedge: 'ols', timeframe: '1s' },
    status: 'live',
    barsNeeded: 0,
    previewZ,
    legStates: {},
    source: 'live',
  };
}

function bar(time: number): PairBarRow {
  return { time, yOpen: 1, yHigh: 1, yLow: 1, yClose: 1, yVolume: 0, xOpen: 1, xHigh: 1, xLow: 1, xClose: 1, xVolume: 0, history: false };
}

describe('UpdateCoalescer', () => {
  it('has nothing to take before an update arrives, and nothing after a take', () => {
    const c = new UpdateCoalescer();
    assert.equal(c.take(), undefined);
    c.push({ pair: view(1), newBars: [], lastTradeTime: 10, sentAt: 100 });
    assert.equal(c.hasPending, true);
    assert.notEqual(c.take(), undefined);
    assert.equal(c.hasPending, false);
    assert.equal(c.take(), undefined);
  });

  it('merges many updates into one: the newest pair state and post time, every closed bar in order, the newest trade time', () => {
    const c = new UpdateCoalescer();
    c.push({ pair: view(0.5), newBars: [bar(1000), bar(2000)], lastTradeTime: 2500, sentAt: 100 });
    c.push({ pair: view(1.5), newBars: [], lastTradeTime: 2900, sentAt: 200 });
    // An update without a trade time (a hidden panel's flush) must not erase the newest one.
    c.push({ pair: view(-2.25), newBars: [bar(3000)], lastTradeTime: undefined, sentAt: 300 });
    const merged = c.take()!;
    assert.equal(merged.pair.previewZ, -2.25);
    assert.deepEqual(merged.newBars.map((b) => b.time), [1000, 2000, 3000]);
    assert.equal(merged.lastTradeTime, 2900);
    assert.equal(merged.sentAt, 300);
    assert.equal(merged.merged, 3);
  });

  it('does not alias the caller’s bar array (merging later updates leaves the first message intact)', () => {
    const c = new UpdateCoalescer();
    const first = [bar(1000)];
    c.push({ pair: view(0), newBars: first, lastTradeTime: 1, sentAt: 1 });
    c.push({ pair: view(0), newBars: [bar(2000)], lastTradeTime: 2, sentAt: 2 });
    assert.equal(first.length, 1);
    assert.equal(c.take()!.newBars.length, 2);
  });

  it('clear drops what is pending (another pair was selected)', () => {
    const c = new UpdateCoalescer();
    c.push({ pair: view(0), newBars: [bar(1000)], lastTradeTime: 1, sentAt: 1 });
    c.clear();
    assert.equal(c.take(), undefined);
  });
});
