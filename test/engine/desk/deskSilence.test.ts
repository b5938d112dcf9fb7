import { strict as assert } from 'assert';
import { Desk, type DeskEvent } from '../../../src/engine/desk/desk';
import { AlertEngine } from '../../../src/engine/alerts/alertEngine';
import { PairAnalyticsAdapter } from '../../../src/engine/desk/analyticsAdapter';
import type { DeskEngine, DeskFeed, DeskRest } from '../../../src/engine/desk/ports';
import type { FeedState, Tick, UnrepairedGap } from '../../../src/engine/types';
import { pairRow } from '../../../src/extension/viewModels';

const T0 = Date.UTC(2024, 6, 19, 0, 0, 0);

/** A feed that is live and delivers what the test emits; SOLUSDT never trades (as on the replay). */
class LiveFeed implements DeskFeed {
  private ticks: ((t: Tick) => void)[] = [];
  private states: ((s: FeedState) => void)[] = [];
  onTick(l: (t: Tick) => void) {
    this.ticks.push(l);
    return { dispose: () => undefined };
  }
  onState(l: (s: FeedState) => void) {
    this.states.push(l);
    return { dispose: () => undefined };
  }
  onGap(_l: (g: UnrepairedGap) => void) {
    return { dispose: () => undefined };
  }
  start() {
    for (const l of this.states) l({ kind: 'live', url: 'ws://x/market' });
  }
  async stop() {}
  addSymbol() {}
  removeSymbol() {}
  emit(t: Tick) {
    for (const l of this.ticks) l(t);
  }
}

describe('Desk: a subscribed symbol the feed does not trade', () => {
  it('the pair view says which leg has had no trade for how long, and the log says once why the pair does not warm up', async () => {
    let now = T0;
    const feed = new LiveFeed();
    const rest: DeskRest = { serverTime: async () => now, symbols: async () => [], klines: async () => [], aggTradesBetween: async () => [] };
    const engine: DeskEngine = { createFeed: () => feed, createRest: () => rest, createAnalytics: (c) => new PairAnalyticsAdapter(c, 1000), createAlerts: () => new AlertEngine() };
    const desk = new Desk(engine, { wsBaseUrl: 'ws://x', restBaseUrl: 'http://x', stream: 'aggTrade', historyBars: 1000, updateMs: 50, firstTickWaitMs: 0, liveLabel: 'REPLAY test tape', now: () => now });
    const logs: string[] = [];
    desk.onEvent((e: DeskEvent) => void (e.kind === 'log' && logs.push(e.message)));
    try {
      await desk.restorePair({ y: 'SOLUSDT', x: 'BTCUSDT', timeframe: '1s', window: 10, hedge: 'ols' });
      desk.connect();
      now = T0 + 9_000;
      feed.emit({ symbol: 'BTCUSDT', time: now, price: 64000, qty: 1, id: 1, buyerIsMaker: false });
      await new Promise((r) => setTimeout(r, 120));
      assert.equal(desk.get('SOLUSDT/BTCUSDT')!.silentLegs, undefined, 'silent before the threshold');
      now = T0 + 42_000;
      await new Promise((r) => setTimeout(r, 150));
      const view = desk.get('SOLUSDT/BTCUSDT')!;
      // BTCUSDT traded at 9 s: silent for 33 s too, but it has traded; SOLUSDT never has.
      assert.deepEqual(view.silentLegs, { SOLUSDT: 42_000, BTCUSDT: 33_000 });
      const solLines = logs.filter((l) => l.startsWith('SOLUSDT:'));
      assert.deepEqual(solLines, ['SOLUSDT: subscribed on ws://x (REPLAY test tape), no trade at all in the 42 s since it was subscribed; SOLUSDT/BTCUSDT cannot warm up until SOLUSDT trades.']);
      assert.ok(!logs.some((l) => l.startsWith('BTCUSDT:')), `a 33 s lull of a symbol that trades is not logged: ${logs.join('\n')}`);
      now = T0 + 70_000; // BTCUSDT quiet for a minute: logged
      await new Promise((r) => setTimeout(r, 150));
      assert.ok(logs.some((l) => l.startsWith('BTCUSDT: subscribed on ws://x (REPLAY test tape), no trades for 61 s; SOLUSDT/BTCUSDT cannot warm up until BTCUSDT trades.')), logs.join('\n'));
      assert.match(pairRow(view).children.find((r) => r.label === 'Feed SOLUSDT')!.description!, /^subscribed, no trades for 42 s \(REPLAY test tape\)$/);
      await new Promise((r) => setTimeout(r, 120));
      assert.equal(logs.filter((l) => l.startsWith('SOLUSDT:')).length, 1, 'logged once per silence');
      feed.emit({ symbol: 'SOLUSDT', time: now, price: 150, qty: 1, id: 1, buyerIsMaker: false });
      assert.equal(desk.get('SOLUSDT/BTCUSDT')!.silentLegs?.SOLUSDT, undefined, 'a trade ends the silence');
    } finally {
      await desk.dispose();
    }
  });
});
