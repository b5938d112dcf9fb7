// A live pair's start end to end on hand-made ports: REST history and tail into the pair (inline), the tail into
// the worker's store with the pair subscribed first (worker), and a start from stored ticks that falls back to
// REST when the store cannot answer; each says what it did in one log line.
import { strict as assert } from 'assert';
import { PairRuntime } from '../../../src/engine/desk/pairRuntime';
import { startFromStoredTicks, warmFromRest, warmIntoWorker, type StartInputs, type WorkerStart } from '../../../src/engine/desk/pairStart';
import type { DeskRest, SharedBars, StoredSeries } from '../../../src/engine/desk/ports';
import { createDeskEngine } from '../../../src/engine/desk/productionPorts';
import type { Bar, Disposable, Tick } from '../../../src/engine/types';

const M = 60_000;
const NOW = 10 * M + 30_000;
const bar = (symbol: string, openTime: number, close: number): Bar => ({ symbol, openTime, intervalMs: M, open: close, high: close, low: close, close, volume: 1, trades: 1, vwap: close, empty: false });
const trade = (symbol: string, id: number, time: number, price: number): Tick => ({ symbol, time, price, qty: 1, id, buyerIsMaker: false });

/** Klines 7:00–10:00 (10:00 still open at 10:30), and two trades per symbol in the minute in progress. */
const rest: DeskRest = {
  serverTime: async () => NOW,
  symbols: async () => [],
  klines: async (symbol) => [7, 8, 9, 10].map((m) => bar(symbol, m * M, m)),
  aggTradesBetween: async (symbol) => [trade(symbol, 1, 10 * M + 1_000, 10.5), trade(symbol, 2, 10 * M + 2_000, 10.6)],
};

function inputs(logs: string[]): StartInputs {
  return { rest, exchangeNow: () => NOW, firstTickWaitMs: 0, keepWaiting: () => false, log: (level, m) => logs.push(`${level} ${m}`) };
}

function runtime(shared?: SharedBars, timeframe: '1m' | '5m' = '1m'): PairRuntime {
  return new PairRuntime({ y: 'Y', x: 'X', timeframe, window: 3, hedge: 'ols' }, createDeskEngine({ historyBars: 100 }), 100, 'aggTrade', () => {}, shared);
}

/** The worker's side by hand: records the order of subscriptions and history inserts. */
class HandWorker implements WorkerStart, SharedBars {
  readonly calls: string[] = [];
  subscribe(symbol: string): Disposable {
    this.calls.push(`subscribe ${symbol}`);
    return { dispose() {} };
  }
  async insertHistory(symbol: string, ticks: readonly Tick[]): Promise<number> {
    this.calls.push(`insert ${symbol} ${ticks.map((t) => t.id).join(',')}`);
    return ticks.length;
  }
  async resample(symbol: string, intervalMs: number, fromOpen?: number): Promise<StoredSeries> {
    this.calls.push(`resample ${symbol} ${intervalMs} ${fromOpen}`);
    return { bars: [], takeoverFrom: 10 * M };
  }
  newestTradeTime(): number | undefined {
    return undefined;
  }
}

describe('pairStart', () => {
  it('from REST: the closed klines as history, the tail into the bar in progress, one log line', async () => {
    const logs: string[] = [];
    const p = runtime();
    await warmFromRest(p, NOW, inputs(logs));
    assert.deepEqual(p.rows.map((r) => [r.time / M, r.yClose, r.history]), [[7, 7, true], [8, 8, true], [9, 9, true]]);
    assert.equal(p.phase, 'live');
    assert.equal(p.lastPrice(0), 10.6, 'the tail\'s last trade');
    assert.deepEqual(logs, ['info Warm start of Y/X: 3 history bars, 4 trades since 1970-01-01T00:10:00.000Z']);
  });

  it('into the worker: subscribed before the tail goes in, bars taken back from the bar in progress', async () => {
    const logs: string[] = [];
    const worker = new HandWorker();
    const p = runtime(worker);
    await warmIntoWorker(p, worker, NOW, inputs(logs));
    assert.deepEqual(worker.calls, ['subscribe Y', 'subscribe X', 'insert Y 1,2', 'insert X 1,2', `resample Y ${M} ${10 * M}`, `resample X ${M} ${10 * M}`]);
    assert.deepEqual(p.rows.map((r) => r.time / M), [7, 8, 9]);
    assert.deepEqual(logs, ['info Warm start of Y/X: 3 bars (4 trades since 1970-01-01T00:10:00.000Z into the ingest worker)']);
  });

  it('from stored ticks: started when they cover the window, false (and said) when the store cannot answer', async () => {
    const logs: string[] = [];
    // 5m, window 3 at 10:30: whole bars from 0:00 (first trade at -0:10), 0:00 and 0:05 stored, the series from 10:00.
    const store = { resample: (symbol: string): StoredSeries => ({ bars: [bar(symbol, 0, 1), bar(symbol, 5 * M, 2)], takeoverFrom: 10 * M, firstTime: -10_000 }) };
    const shared: SharedBars = { subscribe: () => ({ dispose() {} }) };
    assert.equal(await startFromStoredTicks(runtime(shared, '5m'), store, 'the hand store', inputs(logs)), false, 'two whole bars do not hold a window of 3');
    const covered = { resample: (symbol: string) => ({ ...store.resample(symbol), firstTime: -20 * M }) };
    const p = runtime(shared, '5m');
    assert.equal(await startFromStoredTicks(p, covered, 'the hand store', inputs(logs)), true);
    assert.deepEqual(p.rows.map((r) => [r.time / M, r.yClose]), [[0, 1], [5, 2]]);
    const failing = { resample: async (): Promise<StoredSeries> => Promise.reject(new Error('worker gone')) };
    assert.equal(await startFromStoredTicks(runtime(shared, '5m'), failing, 'the hand store', inputs(logs)), false);
    assert.deepEqual(logs, ['info Y/X: 5m bars resampled from the hand store, 2 bars', 'warn Y/X: worker gone; rebuilding from REST']);
  });
});
