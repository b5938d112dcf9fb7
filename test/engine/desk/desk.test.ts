import { strict as assert } from 'assert';
import { Desk } from '../../../src/engine/desk/desk';
import { AlertEngine } from '../../../src/engine/alerts/alertEngine';
import { PairAnalyticsAdapter } from '../../../src/engine/desk/analyticsAdapter';
import type { DeskEngine, DeskFeed, DeskRest } from '../../../src/engine/desk/ports';
import { EngineError } from '../../../src/engine/errors';
import type { FeedState, StreamKind, Tick, UnrepairedGap } from '../../../src/engine/types';

const T0 = Date.UTC(2024, 6, 19, 0, 0, 0);
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'].map((symbol) => ({ symbol, status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDT' }));

/** One trade per 300 ms per symbol, qty 1, ids 1.., prices that wander so the regression has something to fit. */
function trades(symbol: string, count: number): Tick[] {
  const base = symbol === 'BTCUSDT' ? 64000 : 3400;
  return Array.from({ length: count }, (_, i) => ({
    symbol,
    time: T0 + i * 300,
    price: base * (1 + 0.001 * Math.sin(i / 7) + 0.0002 * Math.cos(i * 1.3 + (symbol === 'BTCUSDT' ? 0 : 1))),
    qty: 1,
    id: i + 1,
    buyerIsMaker: false,
  }));
}

class FakeFeed implements DeskFeed {
  tickListeners: ((t: Tick) => void)[] = [];
  onTick(l: (t: Tick) => void) {
    this.tickListeners.push(l);
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
  emit(ticks: Tick[]) {
    for (const t of ticks) for (const l of this.tickListeners) l(t);
  }
}

function setup(stream: StreamKind, restIgnoresEnd: boolean) {
  const all = new Map(SYMBOLS.map((s) => [s.symbol, trades(s.symbol, 60)]));
  const feed = new FakeFeed();
  let now = T0 + 18_000; // 60 trades span 0–17.7 s
  const rest: DeskRest = {
    serverTime: async () => now,
    symbols: async () => SYMBOLS,
    klines: async () => [],
    // A REST answer that races the stream returns trades the stream also delivers.
    aggTradesBetween: async (symbol, start, end) => all.get(symbol)!.filter((t) => t.time >= start && (restIgnoresEnd || t.time <= end)),
  };
  const engine: DeskEngine = {
    createFeed: () => feed,
    createRest: () => rest,
    createAnalytics: (c) => new PairAnalyticsAdapter(c, 1000),
    createAlerts: () => new AlertEngine(),
  };
  const desk = new Desk(engine, { wsBaseUrl: 'ws://x', restBaseUrl: 'http://x', stream, historyBars: 1000, updateMs: 10_000, firstTickWaitMs: 1000, now: () => now });
  return { desk, feed, all, setNow: (t: number) => (now = t) };
}

async function warmThenLive(stream: StreamKind, restIgnoresEnd: boolean) {
  const { desk, feed, all } = setup(stream, restIgnoresEnd);
  try {
    desk.connect();
    const adding = desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' });
    // The stream starts at trade 41 (id 41, 12.0 s) while the pair is warming: trades 1–40 must come from REST.
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 40; i < 60; i++) feed.emit([all.get('BTCUSDT')![i], all.get('ETHUSDT')![i]]);
    const view = await adding;
    assert.equal(view.error, undefined);
    desk.advanceTo(T0 + 30_000);
    return desk.rows('BTCUSDT/ETHUSDT').filter((r) => r.time < T0 + 18_000);
  } finally {
    await desk.dispose();
  }
}

describe('Desk warm start (scripted feed and REST)', () => {
  for (const [stream, racing] of [
    ['aggTrade', false],
    ['aggTrade', true],
    ['trade', false],
  ] as const) {
    it(`${stream} stream${racing ? ', REST answer overlapping the stream' : ''}: every trade counted once, bars without gaps`, async () => {
      const rows = await warmThenLive(stream, racing);
      // 60 trades at 300 ms: seconds 0..17, 3 or 4 trades each; volume = trade count (qty 1).
      assert.equal(rows.length, 18);
      for (let i = 0; i < rows.length; i++) assert.equal(rows[i].time, T0 + i * 1000);
      const expected = Array.from({ length: 18 }, (_, s) => trades('BTCUSDT', 60).filter((t) => Math.floor((t.time - T0) / 1000) === s).length);
      assert.deepEqual(
        rows.map((r) => r.yVolume),
        expected,
      );
      assert.deepEqual(
        rows.map((r) => r.xVolume),
        expected,
      );
      assert.equal(expected.reduce((a, b) => a + b, 0), 60);
      // History / live boundary: bars before the bar in progress at warm start (18 s) are history.
      assert.ok(rows.every((r) => r.history));
    });
  }

  it('labels bars after the warm start as live and fills the window (z available)', async () => {
    const { desk, feed, all } = setup('aggTrade', false);
    try {
      desk.connect();
      const adding = desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' });
      await new Promise((r) => setTimeout(r, 20));
      for (let i = 40; i < 60; i++) feed.emit([all.get('BTCUSDT')![i], all.get('ETHUSDT')![i]]);
      await adding;
      // Live trades in seconds 18–20.
      const later = (symbol: string) => [0, 1, 2].map((k) => ({ ...all.get(symbol)![0], time: T0 + 18_000 + k * 1000, id: 61 + k }));
      feed.emit(later('BTCUSDT'));
      feed.emit(later('ETHUSDT'));
      desk.advanceTo(T0 + 21_000);
      const rows = desk.rows('BTCUSDT/ETHUSDT');
      assert.deepEqual(
        rows.filter((r) => !r.history).map((r) => (r.time - T0) / 1000),
        [18, 19, 20],
      );
      const view = desk.get('BTCUSDT/ETHUSDT')!;
      assert.equal(view.barsNeeded, 0);
      assert.equal(view.liveFrom, T0 + 18_000);
      assert.ok(view.last && view.last.z !== null && Number.isFinite(view.last.z));
    } finally {
      await desk.dispose();
    }
  });

  it('re-fits a new window on the kept bars without a new warm start (β = OLS slope of the last W closes)', async () => {
    const { desk, feed, all } = setup('aggTrade', false);
    try {
      desk.connect();
      const adding = desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' });
      await new Promise((r) => setTimeout(r, 20));
      for (let i = 40; i < 60; i++) feed.emit([all.get('BTCUSDT')![i], all.get('ETHUSDT')![i]]);
      await adding;
      desk.advanceTo(T0 + 18_000);
      const view = await desk.setWindow('BTCUSDT/ETHUSDT', 5);
      assert.equal(view.config.window, 5);
      const rows = desk.rows('BTCUSDT/ETHUSDT');
      assert.equal(rows.length, 18, 'no bar lost or rebuilt');
      // Hand calculation: slope of y on x over the last 5 closes.
      const last = rows.slice(-5);
      const mx = last.reduce((a, r) => a + r.xClose, 0) / 5;
      const my = last.reduce((a, r) => a + r.yClose, 0) / 5;
      const sxy = last.reduce((a, r) => a + (r.xClose - mx) * (r.yClose - my), 0);
      const sxx = last.reduce((a, r) => a + (r.xClose - mx) ** 2, 0);
      const beta = rows[rows.length - 1].point!.beta!;
      assert.ok(Math.abs(beta - sxy / sxx) < 1e-6 * Math.abs(sxy / sxx), `β ${beta} vs ${sxy / sxx}`);
      assert.ok(Math.abs(view.last!.beta! - sxy / sxx) < 1e-6 * Math.abs(sxy / sxx));
    } finally {
      await desk.dispose();
    }
  });

  it('1m warm start: klines history, then a silent minute becomes an empty bar carrying the last close', async () => {
    const feed = new FakeFeed();
    const M = 60_000;
    const kline = (symbol: string, i: number, close: number) => ({ symbol, openTime: T0 + i * M, intervalMs: M, open: close, high: close, low: close, close, volume: 2, trades: 2, vwap: close, empty: false });
    const rest: DeskRest = {
      serverTime: async () => T0 + 12 * M + 5_000, // bar in progress: minute 12
      symbols: async () => SYMBOLS,
      // Minutes 0–11 closed; the exchange also returns the open minute 12, which must be left out.
      klines: async (symbol) => Array.from({ length: 13 }, (_, i) => kline(symbol, i, (symbol === 'BTCUSDT' ? 64000 : 3400) + (i % 3))),
      aggTradesBetween: async () => [], // minute 12 is silent
    };
    const engine: DeskEngine = { createFeed: () => feed, createRest: () => rest, createAnalytics: (c) => new PairAnalyticsAdapter(c, 1000), createAlerts: () => new AlertEngine() };
    const desk = new Desk(engine, { wsBaseUrl: 'ws://x', restBaseUrl: 'http://x', stream: 'aggTrade', historyBars: 1000, updateMs: 10_000, firstTickWaitMs: 10, now: () => T0 + 12 * M + 5_000 });
    try {
      desk.connect();
      await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 10, hedge: 'ols' });
      // First live trades in minute 13; a stray one from minute 11 (already in the klines) is ignored.
      const tick = (symbol: string, time: number, id: number): Tick => ({ symbol, time, price: symbol === 'BTCUSDT' ? 64100 : 3410, qty: 1, id, buyerIsMaker: false });
      feed.emit([tick('BTCUSDT', T0 + 11 * M + 1, 1), tick('BTCUSDT', T0 + 13 * M + 1, 2), tick('ETHUSDT', T0 + 13 * M + 2, 2)]);
      desk.advanceTo(T0 + 14 * M);
      const rows = desk.rows('BTCUSDT/ETHUSDT');
      assert.deepEqual(
        rows.map((r) => (r.time - T0) / M),
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
      );
      const silent = rows[12];
      assert.equal(silent.yVolume, 0);
      assert.equal(silent.yClose, 64000 + (11 % 3), 'carries the last kline close');
      assert.equal(silent.xClose, 3400 + (11 % 3));
      assert.equal(silent.history, false);
      assert.equal(rows[11].yVolume, 2, 'the stray minute-11 trade is not added to the kline');
      assert.equal(rows[13].yVolume, 1);
    } finally {
      await desk.dispose();
    }
  });

  it('4h warm start (a scan\'s interval): 4h klines asked for, bars on 4-hour boundaries, the open bar left out', async () => {
    const feed = new FakeFeed();
    const H4 = 4 * 3_600_000;
    const asked: string[] = [];
    const kline = (symbol: string, i: number, close: number) => ({ symbol, openTime: T0 + i * H4, intervalMs: H4, open: close, high: close, low: close, close, volume: 2, trades: 2, vwap: close, empty: false });
    const rest: DeskRest = {
      serverTime: async () => T0 + 30 * H4 + 60_000,
      symbols: async () => SYMBOLS,
      klines: async (symbol, timeframe, limit) => {
        asked.push(`${symbol} ${timeframe} ${limit}`);
        return Array.from({ length: 31 }, (_, i) => kline(symbol, i, (symbol === 'BTCUSDT' ? 64000 : 3400) * (1 + 0.01 * Math.sin(i + (symbol === 'BTCUSDT' ? 0 : 0.5)))));
      },
      aggTradesBetween: async () => [],
    };
    const engine: DeskEngine = { createFeed: () => feed, createRest: () => rest, createAnalytics: (c) => new PairAnalyticsAdapter(c, 1000), createAlerts: () => new AlertEngine() };
    const desk = new Desk(engine, { wsBaseUrl: 'ws://x', restBaseUrl: 'http://x', stream: 'aggTrade', historyBars: 1000, updateMs: 10_000, firstTickWaitMs: 10, now: () => T0 + 30 * H4 + 60_000 });
    try {
      desk.connect();
      const view = await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '4h', window: 20, hedge: 'ols' });
      assert.equal(view.config.timeframe, '4h');
      assert.deepEqual(asked.sort(), ['BTCUSDT 4h 90', 'ETHUSDT 4h 90'], '2 × window + 50');
      const rows = desk.rows('BTCUSDT/ETHUSDT');
      assert.deepEqual(rows.map((r) => (r.time - T0) / H4), Array.from({ length: 30 }, (_, i) => i), 'bars 0–29 closed; bar 30 is open');
      assert.equal(rows[29].yClose, 64000 * (1 + 0.01 * Math.sin(29)));
      assert.ok(rows.every((r) => r.history));
    } finally {
      await desk.dispose();
    }
  });

  it('rejects the same pair twice and unknown symbols with EngineError', async () => {
    const { desk } = setup('aggTrade', false);
    try {
      await assert.rejects(desk.addPair({ y: 'BTCUSDT', x: 'DOGEUSDT', timeframe: '1m', window: 10, hedge: 'ols' }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_SYMBOL');
      await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 10, hedge: 'ols' });
      await assert.rejects(desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 10, hedge: 'ols' }), /already on the desk/);
    } finally {
      await desk.dispose();
    }
  });
});
