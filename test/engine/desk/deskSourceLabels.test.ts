// Per-symbol data-source labels on the desk: candles served as history beside a recording. The candle pair is
// labelled as the candles, the recording's pair as the recording, a pair mixing them names both; the candle pair
// warms from klines alone (no trade ever), and the log says its legs have no trades without claiming it cannot
// warm; relabelling in settings shows at once.
import { strict as assert } from 'assert';
import { Desk, type DeskEvent } from '../../../src/engine/desk/desk';
import { AlertEngine } from '../../../src/engine/alerts/alertEngine';
import { PairAnalyticsAdapter } from '../../../src/engine/desk/analyticsAdapter';
import type { DeskEngine, DeskFeed, DeskRest } from '../../../src/engine/desk/ports';
import type { Bar, FeedState, Tick, UnrepairedGap } from '../../../src/engine/types';

const T0 = Date.UTC(2026, 11, 1, 13, 40, 20);
const MINUTE = 60_000;
const RECORDING = 'REPLAY 2024-07-18 recording';
const CANDLES = 'REPLAY candles 1m 2026-02-01…02-28 (rebased), history only — no live trades';

class SilentFeed implements DeskFeed {
  private states: ((s: FeedState) => void)[] = [];
  onTick(_l: (t: Tick) => void) {
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
}

/** 40 closed 1m candles per symbol ending at the bar boundary before T0: a line plus noise of its own per symbol. */
function candles(symbol: string, endTime: number): Bar[] {
  const last = Math.floor(endTime / MINUTE) * MINUTE - MINUTE;
  return Array.from({ length: 40 }, (_, i) => {
    const close = 10 + i * 0.01 + (symbol.charCodeAt(0) % 7) * 0.1 + ((i * symbol.charCodeAt(0) * 7919) % 13) * 0.003;
    return { symbol, openTime: last - (39 - i) * MINUTE, intervalMs: MINUTE, open: close, high: close, low: close, close, volume: 1, trades: 1, vwap: close, empty: false };
  });
}

describe('Desk: per-symbol data-source labels (candles beside a recording)', () => {
  it('labels each pair by its legs, warms the candle pair from klines alone and never says it cannot warm', async () => {
    let now = T0;
    const feed = new SilentFeed();
    const rest: DeskRest = { serverTime: async () => now, symbols: async () => [], klines: async (symbol, _tf, _limit, endTime) => candles(symbol, endTime + 1), aggTradesBetween: async () => [] };
    const engine: DeskEngine = { createFeed: () => feed, createRest: () => rest, createAnalytics: (c) => new PairAnalyticsAdapter(c, 1000), createAlerts: () => new AlertEngine() };
    const desk = new Desk(engine, {
      wsBaseUrl: 'ws://x',
      restBaseUrl: 'http://x',
      stream: 'aggTrade',
      historyBars: 1000,
      updateMs: 50,
      firstTickWaitMs: 0,
      liveLabel: RECORDING,
      symbolLabels: { LINKUSDT: CANDLES, NEARUSDT: CANDLES },
      now: () => now,
    });
    const logs: string[] = [];
    desk.onEvent((e: DeskEvent) => void (e.kind === 'log' && logs.push(e.message)));
    try {
      desk.connect();
      await desk.restorePair({ y: 'LINKUSDT', x: 'NEARUSDT', timeframe: '1m', window: 20, hedge: 'ols' });
      await desk.restorePair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 20, hedge: 'ols' });
      await desk.restorePair({ y: 'LINKUSDT', x: 'BTCUSDT', timeframe: '1m', window: 20, hedge: 'ols' });
      const view = desk.get('LINKUSDT/NEARUSDT')!;
      assert.equal(view.sourceLabel, CANDLES);
      assert.equal(view.barsNeeded, 0, 'warm from the 40 klines');
      assert.equal(view.status, 'live');
      assert.ok(Number.isFinite(view.last?.z), 'a z from history alone');
      assert.equal(view.lastTradeTime, undefined, 'no trade came');
      assert.equal(desk.get('BTCUSDT/ETHUSDT')!.sourceLabel, RECORDING);
      assert.equal(desk.get('LINKUSDT/BTCUSDT')!.sourceLabel, `LINKUSDT: ${CANDLES}; BTCUSDT: ${RECORDING}`);

      now = T0 + 42_000;
      await new Promise((r) => setTimeout(r, 150));
      const link = logs.filter((l) => l.startsWith('LINKUSDT:'));
      assert.deepEqual(link, [`LINKUSDT: subscribed on ws://x (${CANDLES}), no trade at all in the 42 s since it was subscribed.`]);
      assert.ok(logs.some((l) => l.startsWith(`BTCUSDT: subscribed on ws://x (${RECORDING})`)), logs.join('\n'));
      assert.ok(!logs.some((l) => l.includes('cannot warm up')), `every pair is warm: ${logs.join('\n')}`);
      assert.deepEqual(Object.keys(desk.get('LINKUSDT/NEARUSDT')!.silentLegs ?? {}).sort(), ['LINKUSDT', 'NEARUSDT']);

      // The labels come from settings: a change relabels the open pairs at once.
      const updates: string[] = [];
      desk.onEvent((e: DeskEvent) => void (e.kind === 'pairUpdated' && e.pair.id === 'LINKUSDT/NEARUSDT' && updates.push(e.pair.sourceLabel ?? 'live')));
      await desk.reconfigure({ symbolLabels: {} });
      desk.flush();
      assert.equal(desk.get('LINKUSDT/NEARUSDT')!.sourceLabel, RECORDING);
      assert.equal(updates.at(-1), RECORDING);
    } finally {
      await desk.dispose();
    }
  });
});
