// Alerts on the live preview: z / spread / price rules are evaluated on the desk's throttled updates
// between bar closes, sharing one edge-triggered state with the bar-close evaluation. Scripted analytics
// make z a hand-known function of the prices: z = yPrice − 100 (spread the same), so each crossing is known.
import { strict as assert } from 'assert';
import { AlertEngine, type AlertFiring } from '../../../src/engine/alerts/alertEngine';
import type { AlertRule } from '../../../src/engine/alerts/alertRule';
import type { PairPoint } from '../../../src/engine/analytics/pairPoint';
import { Desk, type DeskEvent } from '../../../src/engine/desk/desk';
import type { DeskAnalytics, DeskEngine, DeskFeed, DeskRest, LivePreview } from '../../../src/engine/desk/ports';
import type { BacktestView, StationarityView } from '../../../src/shared/model';
import type { Bar, FeedState, Tick, UnrepairedGap } from '../../../src/engine/types';

const T0 = Date.UTC(2024, 6, 19, 0, 0, 0);
const PAIR = 'BTCUSDT/ETHUSDT';

class ScriptedAnalytics implements DeskAnalytics {
  testRuns = 0;
  private readonly kept: PairPoint[] = [];
  onBars(y: Bar, x: Bar): PairPoint {
    const z = y.close - 100;
    const point: PairPoint = { time: y.openTime, y: y.close, x: x.close, beta: 1, alpha: 0, spread: z, spreadMean: 0, spreadStd: 1, z, corrReturns: 0.99, corrPrices: 0.9 };
    this.kept.push(point);
    return point;
  }
  barsNeeded(): number {
    return 0;
  }
  preview(yPrice: number): LivePreview {
    return { z: yPrice - 100, spread: yPrice - 100 };
  }
  runTests(): StationarityView {
    this.testRuns++;
    return { adf: null, eg: { statistic: -4, pValue: 0.01, usedLag: 0, critical: null }, halfLifeBars: 12, notes: [], computedAt: 0 };
  }
  backtest(): BacktestView {
    return { trades: [], equity: [], totalPnl: 0, winRate: null, maxDrawdown: 0 };
  }
  points(): readonly PairPoint[] {
    return this.kept;
  }
  setWindow(): void {}
  setHedge(): void {}
}

class FakeFeed implements DeskFeed {
  private listeners: ((t: Tick) => void)[] = [];
  onTick(l: (t: Tick) => void) {
    this.listeners.push(l);
    return { dispose: () => undefined };
  }
  onState(_l: (s: FeedState) => void) {
    return { dispose: () => undefined };
  }
  onGap(_l: (g: UnrepairedGap) => void) {
    return { dispose: () => undefined };
  }
  start() {}
  async stop() {}
  addSymbol() {}
  removeSymbol() {}
  emit(t: Tick) {
    for (const l of this.listeners) l(t);
  }
}

const rule = (r: Partial<AlertRule> & Pick<AlertRule, 'id' | 'metric' | 'operator' | 'threshold' | 'rearm'>): AlertRule => ({
  pair: PAIR,
  cooldownMs: 0,
  enabled: true,
  severity: 'warning',
  ...r,
});

async function liveDesk(rules: AlertRule[]) {
  const feed = new FakeFeed();
  const analytics = new ScriptedAnalytics();
  const rest: DeskRest = { serverTime: async () => T0, symbols: async () => [], klines: async () => [], aggTradesBetween: async () => [] };
  const engine: DeskEngine = { createFeed: () => feed, createRest: () => rest, createAnalytics: () => analytics, createAlerts: () => new AlertEngine() };
  // The desk's own timer is slowed right down: the test publishes with flush(), as the 250 ms clock would.
  const desk = new Desk(engine, { wsBaseUrl: 'ws://x', restBaseUrl: 'http://x', stream: 'aggTrade', historyBars: 100, updateMs: 60_000, firstTickWaitMs: 0, now: () => T0 });
  desk.setRules(rules);
  const firings: AlertFiring[] = [];
  const updates: DeskEvent[] = [];
  desk.onEvent((e) => {
    if (e.kind === 'alertFired') firings.push(e.firing);
    if (e.kind === 'pairUpdated') updates.push(e);
  });
  desk.connect();
  await desk.restorePair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' });
  let id = 1;
  /** One trade on each leg at `ms` after T0 (Y at `y`), then a throttled update. */
  const trade = (ms: number, y: number) => {
    feed.emit({ symbol: 'BTCUSDT', time: T0 + ms, price: y, qty: 1, id: id++, buyerIsMaker: false });
    feed.emit({ symbol: 'ETHUSDT', time: T0 + ms, price: 50, qty: 1, id: id++, buyerIsMaker: false });
    desk.flush();
  };
  const status = () => desk.get(PAIR)?.status;
  return { desk, analytics, firings, updates, trade, status };
}

describe('Desk: alerts on the live preview', () => {
  it('|z| rule fires within the bar when the preview crosses, once per crossing, not again at bar close', async () => {
    const t = await liveDesk([rule({ id: 'z2', metric: 'z', operator: '|x|>', threshold: 2, rearm: 1.5 })]);
    try {
      t.trade(100, 100); // bar 0: z 0
      t.trade(1_100, 100.5); // bar 0 closes (z 0); preview z 0.5
      assert.equal(t.firings.length, 0);
      t.trade(1_400, 102.5); // preview z 2.5: crosses during bar 1
      assert.deepEqual(t.firings.map((f) => [f.ruleId, f.value, f.time]), [['z2', 2.5, T0 + 1_400]]);
      assert.equal(t.status(), 'alert');
      const last = t.updates[t.updates.length - 1];
      assert.equal(last.kind === 'pairUpdated' && last.pair.activeAlert?.ruleId, 'z2', 'the update that carries the crossing shows the alert');
      t.trade(1_700, 102.6); // still beyond: no second firing
      t.trade(2_100, 102.6); // bar 1 closes at z 2.6: disarmed, silent
      assert.equal(t.firings.length, 1);
      t.trade(2_400, 101); // |z| 1 < 1.5: re-armed
      assert.notEqual(t.status(), 'alert');
      t.trade(2_700, 97); // z −3: the next crossing fires
      assert.deepEqual(t.firings.map((f) => f.value), [2.5, -3]);
    } finally {
      await t.desk.dispose();
    }
  });

  it('applies the cooldown across live and bar-close evaluations on one clock', async () => {
    const t = await liveDesk([rule({ id: 'up', metric: 'spread', operator: '>', threshold: 1, rearm: 0.5, cooldownMs: 2_000 })]);
    try {
      t.trade(100, 100);
      t.trade(1_100, 101.5); // fires live at 1.1 s
      t.trade(1_300, 100); // re-arms
      t.trade(1_500, 101.2); // within 2 s of the firing: pending
      t.trade(2_100, 101.2); // bar 1 closes (evaluated at 2.0 s): still within the cooldown
      assert.equal(t.firings.length, 1);
      t.trade(3_200, 101.3); // 2.1 s after the firing: fires
      assert.deepEqual(t.firings.map((f) => f.time), [T0 + 1_100, T0 + 3_200]);
    } finally {
      await t.desk.dispose();
    }
  });

  it('bar-close-only metrics are not evaluated on the preview; p-value rules run the tests on bar close only when present', async () => {
    const corr = await liveDesk([rule({ id: 'c', metric: 'correlation', operator: '>', threshold: 0.95, rearm: 0.9 })]);
    try {
      corr.trade(100, 100);
      assert.equal(corr.firings.length, 0, 'no bar closed yet');
      corr.trade(1_100, 100); // bar 0 closes: correlation 0.99 fires at its close time
      assert.deepEqual(corr.firings.map((f) => [f.ruleId, f.time]), [['c', T0 + 1_000]]);
      assert.equal(corr.analytics.testRuns, 0);
    } finally {
      await corr.desk.dispose();
    }
    const eg = await liveDesk([rule({ id: 'eg', pair: '*', metric: 'egPValue', operator: '<', threshold: 0.05, rearm: 0.1 })]);
    try {
      eg.trade(100, 100);
      eg.trade(500, 103); // preview only: the tests do not run per tick
      assert.equal(eg.analytics.testRuns, 0);
      eg.trade(1_100, 100); // bar close: tests run, EG p 0.01 < 0.05 fires
      assert.equal(eg.analytics.testRuns, 1);
      assert.deepEqual(eg.firings.map((f) => [f.ruleId, f.pairId, f.value]), [['eg', PAIR, 0.01]]);
      assert.equal(eg.desk.get(PAIR)?.tests?.halfLifeBars, 12, 'the tests run for the rule are shown too');
    } finally {
      await eg.desk.dispose();
    }
  });
});
