// A pair's status from its phase, its legs' feed states and its alert, in the order the views rely on; and the
// view's preview z and source label.
import { strict as assert } from 'assert';
import { pairStatus, pairView, type PairState } from '../../../src/engine/desk/pairView';
import type { FeedState } from '../../../src/engine/types';

const live: FeedState = { kind: 'live', url: 'ws://x' };
const legs = (a: FeedState, b: FeedState = live) => ({ A: a, B: b });
const pair = (over: Partial<PairState> = {}): PairState => ({
  id: 'A/B', config: { y: 'A', x: 'B', timeframe: '1m', window: 10, hedge: 'ols' }, phase: 'live', source: 'live', barsNeeded: 0,
  lastPrice: (leg) => (leg === 0 ? 100 : 50), ...over,
});

describe('pairView', () => {
  it('status: error beats alert beats warming beats stale; an imported pair ignores the feed', () => {
    const error: FeedState = { kind: 'error', message: 'HTTP 451' };
    const stale: FeedState = { kind: 'stale', url: 'ws://x', symbols: ['A'], silentForMs: 9000 };
    assert.equal(pairStatus(pair({ phase: 'error' }), legs(live), true), 'error');
    assert.equal(pairStatus(pair({ barsNeeded: 5 }), legs(error), true), 'error', 'a stopped feed outranks warming, which would never end');
    assert.equal(pairStatus(pair({ barsNeeded: 5 }), legs(live), true), 'alert');
    assert.equal(pairStatus(pair({ barsNeeded: 5 }), legs(stale), false), 'warming');
    assert.equal(pairStatus(pair(), legs(stale), false), 'stale');
    assert.equal(pairStatus(pair(), legs({ kind: 'stopped' }, { kind: 'stopped' }), false), 'stopped');
    assert.equal(pairStatus(pair({ source: 'imported', phase: 'imported' }), legs(error), false), 'live');
    assert.equal(pairStatus(pair(), legs(live), false), 'live');
  });

  it('view: a finite preview z only; the live label names live pairs, an imported pair keeps its file name', () => {
    const v = pairView(pair(), { legStates: legs(live), preview: { z: 1.5, spread: 2 }, liveLabel: 'REPLAY' });
    assert.equal(v.previewZ, 1.5);
    assert.equal(v.sourceLabel, 'REPLAY');
    assert.equal(v.lastYPrice, 100);
    assert.equal(v.status, 'live');
    assert.equal(pairView(pair(), { legStates: legs(live), preview: { z: Number.NaN, spread: null } }).previewZ, undefined);
    assert.equal(pairView(pair({ source: 'imported', phase: 'imported', sourceLabel: 'a.gz' }), { legStates: legs(live), liveLabel: 'REPLAY' }).sourceLabel, 'a.gz');
    const alerting = pairView(pair(), { legStates: legs(live), activeAlert: { ruleId: 'r', pairId: 'A/B', severity: 'warning', message: '|z| 2.1', metric: 'z', value: 2.1, time: 0 } as never });
    assert.deepEqual([alerting.status, alerting.activeAlert], ['alert', { ruleId: 'r', severity: 'warning', message: '|z| 2.1' }]);
  });
});
