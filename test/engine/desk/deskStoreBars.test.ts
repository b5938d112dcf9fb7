// The tick store as the source of the desk's bars: a timeframe change resamples from stored ticks (no REST
// when the store covers the window) and pairs that share a symbol share one series of its bars.
import { strict as assert } from 'assert';
import { Desk } from '../../../src/engine/desk/desk';
import { AlertEngine } from '../../../src/engine/alerts/alertEngine';
import { PairAnalyticsAdapter } from '../../../src/engine/desk/analyticsAdapter';
import type { DeskEngine, DeskFeed, DeskRest } from '../../../src/engine/desk/ports';
import type { PairBarRow } from '../../../src/shared/model';
import type { FeedState, Tick, UnrepairedGap } from '../../../src/engine/types';

const T0 = Date.UTC(2024, 6, 19, 0, 0, 0);
const M = 60_000;
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'].map((symbol) => ({ symbol, status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDT' }));
const BASE: Record<string, number> = { BTCUSDT: 64000, ETHUSDT: 3400, SOLUSDT: 160 };

/** A trade every 700 ms per symbol from `from`, prices on a 0.1 grid that wander, qty 1–3. */
function trades(symbol: string, from: number, to: number, firstId: number): Tick[] {
  const out: Tick[] = [];
  for (let i = 0, time = from; time < to; i++, time += 700) {
    const steps = Math.round(40 * Math.sin((i + symbol.length) / 9) + 15 * Math.cos(i / 4));
    out.push({ symbol, time, price: (BASE[symbol] * 10 + steps) / 10, qty: 1 + (i % 3), id: firstId + i, buyerIsMaker: i % 2 === 0 });
  }
  return out;
}

/** Bars by hand: the trades of each interval [open, open + ms), in time order. */
function handBars(ticks: Tick[], ms: number, fromOpen: number, toOpen: number) {
  const out: Array<{ time: number; open: number; high: number; low: number; close: number; volume: number }> = [];
  for (let open = fromOpen; open < toOpen; open += ms) {
    const inBar = ticks.filter((t) => t.time >= open && t.time < open + ms);
    if (inBar.length === 0) throw new Error('the scenario trades in every interval');
    out.push({ time: open, open: inBar[0].price, high: Math.max(...inBar.map((t) => t.price)), low: Math.min(...inBar.map((t) => t.price)), close: inBar[inBar.length - 1].price, volume: inBar.reduce((a, t) => a + t.qty, 0) });
  }
  return out;
}

const legY = (r: PairBarRow) => ({ time: r.time, open: r.yOpen, high: r.yHigh, low: r.yLow, close: r.yClose, volume: r.yVolume });
const legX = (r: PairBarRow) => ({ time: r.time, open: r.xOpen, high: r.xHigh, low: r.xLow, close: r.xClose, volume: r.xVolume });

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
  emit(ticks: Tick[]) {
    for (const t of ticks) for (const l of this.listeners) l(t);
  }
}

/** A desk over a fake feed and a REST port that counts every call (klines and aggTrades answer nothing). */
function setup() {
  const feed = new FakeFeed();
  let now = T0;
  const calls: string[] = [];
  const rest: DeskRest = {
    serverTime: async () => (calls.push('serverTime'), now),
    symbols: async () => (calls.push('symbols'), SYMBOLS),
    klines: async (symbol) => (calls.push(`klines ${symbol}`), []),
    aggTradesBetween: async (symbol) => (calls.push(`aggTrades ${symbol}`), []),
  };
  const engine: DeskEngine = { createFeed: () => feed, createRest: () => rest, createAnalytics: (c) => new PairAnalyticsAdapter(c, 1000), createAlerts: () => new AlertEngine() };
  const desk = new Desk(engine, { wsBaseUrl: 'ws://x', restBaseUrl: 'http://x', stream: 'aggTrade', historyBars: 5000, updateMs: 60_000, firstTickWaitMs: 10, now: () => now });
  return { desk, feed, calls, setNow: (t: number) => (now = t) };
}

/** Emits the symbols' trades merged in time order, the desk's clock following them. */
function play(feed: FakeFeed, setNow: (t: number) => void, series: Tick[][], from: number, to: number): void {
  const merged = series.flatMap((s) => s.filter((t) => t.time >= from && t.time < to)).sort((a, b) => a.time - b.time);
  for (const t of merged) {
    setNow(t.time);
    feed.emit([t]);
  }
}

describe('Desk bars from the tick store', () => {
  it('a timeframe change resamples from the stored ticks at once, with no REST call, then continues live', async () => {
    const { desk, feed, calls, setNow } = setup();
    const end = T0 + 14 * M;
    const btc = trades('BTCUSDT', T0 + 300, end, 1_000);
    const eth = trades('ETHUSDT', T0 + 500, end, 9_000);
    try {
      desk.connect();
      await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' });
      play(feed, setNow, [btc, eth], T0, T0 + 12 * M + 30_000);
      desk.advanceTo(T0 + 12 * M + 30_000);
      const restBefore = calls.length;
      const view = await desk.setTimeframe('BTCUSDT/ETHUSDT', '1m');
      assert.equal(calls.length, restBefore, `REST called: ${calls.slice(restBefore).join(', ')}`);
      assert.equal(view.config.timeframe, '1m');
      assert.equal(view.barsNeeded, 0, 'the window of 10 is full at once');
      // Minute 0 holds the store's first ticks, which may lack earlier trades: whole minutes are 1..11,
      // minute 12 is in progress.
      const rows = desk.rows('BTCUSDT/ETHUSDT');
      assert.deepEqual(rows.map(legY), handBars(btc, M, T0 + M, T0 + 12 * M));
      assert.deepEqual(rows.map(legX), handBars(eth, M, T0 + M, T0 + 12 * M));
      assert.ok(rows.every((r) => r.history && r.point !== undefined));
      // The preview prices and the last trade are the newest stored trades' (in minute 12), not the last closed bar's.
      const newest = (ticks: Tick[]) => ticks.filter((t) => t.time < T0 + 12 * M + 30_000).pop()!;
      assert.deepEqual([view.lastYPrice, view.lastXPrice], [newest(btc).price, newest(eth).price]);
      assert.equal(view.lastTradeTime, Math.max(newest(btc).time, newest(eth).time));
      // Live on: minute 12 (its first half stored before the change) closes whole from the shared series.
      play(feed, setNow, [btc, eth], T0 + 12 * M + 30_000, end);
      desk.advanceTo(end);
      const after = desk.rows('BTCUSDT/ETHUSDT');
      assert.deepEqual(after.map(legY), handBars(btc, M, T0 + M, T0 + 14 * M));
      assert.deepEqual(after.map(legX), handBars(eth, M, T0 + M, T0 + 14 * M));
      assert.deepEqual(after.filter((r) => !r.history).map((r) => (r.time - T0) / M), [12, 13]);
      assert.equal(calls.length, restBefore);
      // 5m with a window of 10 needs 50 minutes: more than the store holds, so it goes to REST.
      await desk.setTimeframe('BTCUSDT/ETHUSDT', '5m');
      assert.ok(calls.slice(restBefore).includes('klines BTCUSDT'));
    } finally {
      await desk.dispose();
    }
  });

  it('stores each trade once (a repeated id is dropped) and forgets live ticks when the stream changes (other ids)', async () => {
    const { desk, feed } = setup();
    try {
      desk.connect();
      const t = (id: number, time: number): Tick => ({ symbol: 'BTCUSDT', time, price: 64000, qty: 1, id, buyerIsMaker: false });
      feed.emit([t(500, T0), t(501, T0 + 1), t(501, T0 + 1), t(499, T0 + 2), t(502, T0 + 3)]);
      assert.deepEqual([...desk.tickStore.ids('BTCUSDT')], [500, 501, 502]);
      await desk.disconnect();
      await desk.reconfigure({ stream: 'trade' });
      assert.equal(desk.tickStore.count('BTCUSDT'), 0);
      desk.connect();
      feed.emit([t(7, T0 + 10)]); // a raw trade id, far below the aggTrade ids stored before
      assert.deepEqual([...desk.tickStore.ids('BTCUSDT')], [7]);
    } finally {
      await desk.dispose();
    }
  });

  it('two pairs that share a symbol read one series of its bars, equal to the bars by hand', async () => {
    const { desk, feed, setNow } = setup();
    const end = T0 + 40_000;
    const btc = trades('BTCUSDT', T0 + 100, end, 1);
    const eth = trades('ETHUSDT', T0 + 200, end, 1);
    const sol = trades('SOLUSDT', T0 + 300, end, 1);
    try {
      desk.connect();
      await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' });
      play(feed, setNow, [btc, eth, sol], T0, T0 + 15_000);
      // The second pair arrives while the first is live: BTC's series is already running.
      await desk.addPair({ y: 'BTCUSDT', x: 'SOLUSDT', timeframe: '1s', window: 10, hedge: 'ols' });
      assert.equal(desk.symbolBars.seriesCount, 3, 'BTC, ETH and SOL at 1 s: one series each');
      play(feed, setNow, [btc, eth, sol], T0 + 15_000, end);
      desk.advanceTo(end);
      const first = desk.rows('BTCUSDT/ETHUSDT');
      const second = desk.rows('BTCUSDT/SOLUSDT');
      // The first pair went live at 0 s (the REST tail before its first trades is empty, as in the scenario):
      // every second by hand, through its handover from its warm-up builder to the shared series.
      assert.equal(first[0].time, T0);
      assert.deepEqual(first.map(legY), handBars(btc, 1000, T0, end));
      assert.deepEqual(first.map(legX), handBars(eth, 1000, T0, end));
      // Shared bars: the second pair's BTC bars from its live start are the first pair's, value for value.
      const byTime = new Map(first.map((r) => [r.time, legY(r)]));
      const live = second.filter((r) => !r.history);
      assert.ok(live.length >= 20, `${live.length} live rows`);
      for (const r of live) assert.deepEqual(legY(r), byTime.get(r.time));
      assert.deepEqual(second.map(legX), handBars(sol, 1000, second[0].time, end));
      desk.removePair('BTCUSDT/ETHUSDT');
      assert.equal(desk.symbolBars.seriesCount, 2, 'ETH series dropped with its last pair, BTC kept');
    } finally {
      await desk.dispose();
    }
  });
});
