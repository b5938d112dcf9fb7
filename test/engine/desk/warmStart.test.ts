// The warm-start plan and fetch, by hand: where live data begins, how many klines, where the trade tail starts
// and stops, and when the tick store covers a timeframe change.
import { strict as assert } from 'assert';
import { fetchWarmStart, storeStartFrom, storedTicksStart, warmStartPlan } from '../../../src/engine/desk/warmStart';
import type { DeskRest, StoredBars, StoredSeries } from '../../../src/engine/desk/ports';
import type { Bar, Tick } from '../../../src/engine/types';

const M = 60_000;
const bar = (symbol: string, openTime: number, intervalMs = M): Bar => ({ symbol, openTime, intervalMs, open: 1, high: 1, low: 1, close: 1, volume: 1, trades: 1, vwap: 1, empty: false });

describe('warmStart', () => {
  it('plan: live from the bar in progress at the exchange time; 2 × window + 50 klines (at most 1500); 1 s pairs warm from a trade tail', () => {
    assert.deepEqual(warmStartPlan('1m', 100, 10 * M + 30_000), { liveFrom: 10 * M, klineLimit: 250, tailStart: 10 * M });
    assert.equal(warmStartPlan('5m', 5000, 0).klineLimit, 1500);
    // 1 s, window 60: (60 + 30) s of trades before the second in progress; window 5000 is capped at 10 minutes.
    assert.deepEqual(warmStartPlan('1s', 60, 100_500), { liveFrom: 100_000, tailStart: 10_000 });
    assert.equal(warmStartPlan('1s', 5000, 1_000_000).tailStart, 1_000_000 - 600_000);
  });

  it('fetch: closed klines only, the tail stops 1 ms before each leg\'s first live tick (or now)', async () => {
    const calls: string[] = [];
    const rest: DeskRest = {
      serverTime: async () => 0,
      symbols: async () => [],
      klines: async (symbol, _tf, limit, end) => {
        calls.push(`klines ${symbol} ${limit} ${end}`);
        return [bar(symbol, 8 * M), bar(symbol, 9 * M), bar(symbol, 10 * M)];
      },
      aggTradesBetween: async (symbol, start, end) => {
        calls.push(`trades ${symbol} ${start} ${end}`);
        return [] as Tick[];
      },
    };
    const data = await fetchWarmStart({
      rest, symbols: ['A', 'B'], config: { timeframe: '1m', window: 10 }, serverTime: 10 * M + 5000,
      exchangeNow: () => 10 * M + 7000, firstLiveTime: (leg) => (leg === 0 ? 10 * M + 6000 : undefined), firstTickWaitMs: 0, keepWaiting: () => false,
    });
    assert.deepEqual(data.history.map((bars) => bars.map((b) => b.openTime)), [[8 * M, 9 * M], [8 * M, 9 * M]], 'the bar in progress is left out');
    assert.deepEqual(calls, [`klines A 70 ${10 * M - 1}`, `klines B 70 ${10 * M - 1}`, `trades A ${10 * M} ${10 * M + 5999}`, `trades B ${10 * M} ${10 * M + 6999}`]);
  });

  it('waits for both legs\' first live tick, at most firstTickWaitMs', async () => {
    let first: number | undefined;
    setTimeout(() => (first = 123), 60);
    const rest: DeskRest = { serverTime: async () => 0, symbols: async () => [], klines: async () => [], aggTradesBetween: async (_s, _a, end) => [{ symbol: 'A', time: end, price: 1, qty: 1, id: 1, buyerIsMaker: false }] };
    const data = await fetchWarmStart({ rest, symbols: ['A', 'B'], config: { timeframe: '1m', window: 10 }, serverTime: 0, exchangeNow: () => 500, firstLiveTime: () => first, firstTickWaitMs: 2000, keepWaiting: () => true });
    assert.equal(data.tail[0][0].time, 122, 'the tail stopped before the tick that arrived during the wait');
  });

  it('store start: from the bar after each leg\'s first stored tick, only when it holds the window before the bar in progress', () => {
    // First ticks at 0:30 and 1:10 → whole bars from 2:00; at 12:20 the bar in progress is 12:00: 10 whole bars.
    assert.equal(storeStartFrom([30_000, M + 10_000], '1m', 10, 12 * M + 20_000), 2 * M);
    assert.equal(storeStartFrom([30_000, M + 10_000], '1m', 11, 12 * M + 20_000), undefined);
    assert.equal(storeStartFrom([30_000, undefined], '1m', 1, 12 * M), undefined, 'a leg the store never saw');
  });

  it('stored ticks start: both legs from the later first whole bar, handed over where each series takes over', async () => {
    const minutes = (symbol: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => bar(symbol, (from + i) * M));
    // Y stored from 0:30 (whole from 1:00), X from 1:10 (whole from 2:00); at 12:20 the series take over at 12:00.
    const answers: Record<string, StoredSeries> = {
      Y: { bars: minutes('Y', 1, 12), takeoverFrom: 12 * M, firstTime: 30_000, lastTrade: { id: 7, time: 12 * M + 5_000, price: 3 } },
      X: { bars: minutes('X', 2, 12), takeoverFrom: 12 * M, firstTime: M + 10_000 },
    };
    const asked: string[] = [];
    const store: StoredBars = { resample: (symbol, ms, fromOpen) => (asked.push(`${symbol} ${ms} ${fromOpen}`), answers[symbol]) };
    const start = (await storedTicksStart(store, ['Y', 'X'], { timeframe: '1m', window: 10 }, () => 12 * M + 20_000))!;
    assert.deepEqual(asked, ['Y 60000 undefined', 'X 60000 undefined']);
    assert.deepEqual(start.bars.map((bars) => bars.map((b) => b.openTime / M)), [[2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]);
    assert.deepEqual([start.handovers, start.liveFrom, start.history], [[12 * M, 12 * M], 12 * M, [[], []]]);
    assert.deepEqual(start.lastTrades, [{ id: 7, time: 12 * M + 5_000, price: 3 }, undefined]);
    // A window of 11 is more than the 10 whole bars both hold; a leg with no series yet cannot be handed over.
    assert.equal(await storedTicksStart(store, ['Y', 'X'], { timeframe: '1m', window: 11 }, () => 12 * M + 20_000), undefined);
    answers.X = { ...answers.X, takeoverFrom: undefined };
    assert.equal(await storedTicksStart(store, ['Y', 'X'], { timeframe: '1m', window: 10 }, () => 12 * M + 20_000), undefined);
  });
});
