// The desk with ingestion in the worker, against the local exchange replaying the recorded BTCUSDT/ETHUSDT data:
// this thread holds no live tick; the warm start (klines on this side, the aggTrades tail into the worker's store)
// and the worker's bars must give the exchange's own trades bar for bar, and a timeframe change is answered from
// the worker's store, without REST history.
import { strict as assert } from 'assert';
import { Desk, type DeskEvent } from '../../../src/engine/desk/desk';
import { createDeskEngine } from '../../../src/engine/desk/productionPorts';
import { BinanceRest } from '../../../src/engine/feed';
import { startExchange } from '../../../tools/local-exchange';
import type { LocalExchange } from '../../../tools/local-exchange';
import type { PairBarRow } from '../../../src/shared/model';
import type { WorkerIngestion } from '../../../src/engine/desk/workerIngestion';

const DATA = '../shared/data/';
const FILES = ['btcusdt_20240718.gz', 'btcusdt_20240719.gz', 'ethusdt_20240718.gz', 'ethusdt_20240719.gz'].map((f) => DATA + f);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The exchange's aggTrades volume per bar of `intervalMs` over [from, end], fetched page by page. */
async function restVolumes(restBaseUrl: string, symbol: string, from: number, end: number, intervalMs: number): Promise<Map<number, number>> {
  const rest = new BinanceRest({ baseUrl: restBaseUrl });
  const buckets = new Map<number, number>();
  let page = await rest.aggTrades({ symbol, startTime: from, endTime: Math.min(end, from + 3_599_999), limit: 1000 });
  for (;;) {
    for (const t of page) if (t.time <= end) buckets.set(Math.floor(t.time / intervalMs) * intervalMs, (buckets.get(Math.floor(t.time / intervalMs) * intervalMs) ?? 0) + t.qty);
    const last = page[page.length - 1];
    if (page.length < 1000 || !last || last.time > end) break;
    page = await rest.aggTrades({ symbol, fromId: last.id + 1, limit: 1000 });
  }
  return buckets;
}

async function assertVolumes(restBaseUrl: string, rows: PairBarRow[], intervalMs: number): Promise<void> {
  const first = rows[0].time;
  const end = rows[rows.length - 1].time + intervalMs - 1;
  for (const [symbol, vol] of [
    ['BTCUSDT', (r: PairBarRow) => r.yVolume],
    ['ETHUSDT', (r: PairBarRow) => r.xVolume],
  ] as const) {
    const buckets = await restVolumes(restBaseUrl, symbol, first, end, intervalMs);
    for (const r of rows) assert.ok(Math.abs(vol(r) - (buckets.get(r.time) ?? 0)) < 1e-9, `${symbol} volume at ${new Date(r.time).toISOString()}: ${vol(r)} vs ${buckets.get(r.time)}`);
  }
}

describe('Desk with ingestion in the worker, against the local exchange', function () {
  this.timeout(60_000);
  let exchange: LocalExchange | undefined;
  let desk: Desk | undefined;

  afterEach(async () => {
    await desk?.dispose();
    await exchange?.close();
    desk = undefined;
    exchange = undefined;
  });

  function makeDesk(ex: LocalExchange, logs: string[]): Desk {
    const d = new Desk(createDeskEngine({ historyBars: 5000 }), {
      wsBaseUrl: ex.wsBaseUrl,
      restBaseUrl: ex.restBaseUrl,
      stream: 'aggTrade',
      historyBars: 5000,
      updateMs: 100,
      ingestion: 'worker',
    });
    d.onEvent((e: DeskEvent) => {
      if (e.kind === 'log') logs.push(e.message);
    });
    return d;
  }

  it('warm start + the worker\'s 1s bars match the exchange trades bar for bar; no live tick on this thread; prices from its previews', async () => {
    exchange = await startExchange({ port: 0, dataFiles: FILES, speed: 10 });
    await sleep(2000); // ~20 s of replayed history for the REST warm start
    const logs: string[] = [];
    desk = makeDesk(exchange, logs);
    desk.connect();
    const view = await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 20, hedge: 'ols' });
    assert.equal(view.error, undefined);
    await sleep(3000);
    const rows = desk.rows(view.id);
    assert.ok(rows.some((r) => r.history) && rows.filter((r) => !r.history).length >= 10, 'history and live bars');
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i].time - rows[i - 1].time, 1000, 'consecutive 1 s bars');
    await assertVolumes(exchange.restBaseUrl, rows, 1000);
    assert.equal(desk.tickStore.count('BTCUSDT'), 0, 'the live ticks are in the worker, not here');
    const live = desk.get(view.id)!;
    assert.equal(live.barsNeeded, 0);
    assert.ok(live.last?.z !== null && Number.isFinite(live.last?.z));
    assert.ok(live.lastTradeTime! >= rows[rows.length - 1].time, 'the newest trade (preview) is in or after the last closed bar');
    assert.ok(live.lastYPrice! > 0 && live.lastXPrice! > 0);
    assert.ok(logs.some((m) => /into the ingest worker/.test(m)), logs.join('\n'));
  });

  it('a changed update period (Settings) paces the live updates at once, without a reconnection', async () => {
    exchange = await startExchange({ port: 0, dataFiles: FILES, speed: 10 });
    await sleep(1000);
    const logs: string[] = [];
    desk = makeDesk(exchange, logs);
    desk.connect();
    const view = await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' });
    assert.equal(view.error, undefined);
    const updates: number[] = [];
    desk.onEvent((e) => {
      if (e.kind === 'pairUpdated' && e.pair.id === view.id) updates.push(Date.now());
    });
    await sleep(2000);
    const fast = updates.length;
    // At 10x the replay has trades in every 100 ms: about one update per period (previews at once, the clock at the same period).
    assert.ok(fast >= 10, `${fast} updates in 2 s at 100 ms`);
    const connects = logs.filter((m) => /^Connecting to /.test(m)).length;
    await desk.reconfigure({ updateMs: 700 });
    const changedAt = Date.now();
    await sleep(300); // what was already on its way
    const from = updates.length;
    await sleep(2800);
    const slow = updates.slice(from);
    const spanMs = Date.now() - changedAt - 300;
    // The worker's batches (previews) at 700 ms and the desk's clock at 700 ms: at most two updates a period.
    assert.ok(slow.length <= (2 * spanMs) / 700 + 2, `${slow.length} updates in ${spanMs} ms at 700 ms (was ${fast} in 2 s at 100 ms)`);
    assert.ok(slow.length >= 2, 'still updating');
    assert.equal(logs.filter((m) => /^Connecting to /.test(m)).length, connects, 'no reconnection for a new update period');
  });

  it('a worker killed mid-stream is started again: the pair\'s bars go on whole, none lost or doubled', async () => {
    exchange = await startExchange({ port: 0, dataFiles: FILES, speed: 10 });
    await sleep(1500);
    const logs: string[] = [];
    desk = makeDesk(exchange, logs);
    desk.connect();
    const view = await desk.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 10, hedge: 'ols' });
    assert.equal(view.error, undefined);
    await sleep(1500);
    const beforeKill = desk.rows(view.id).length;
    // The desk's worker side, reached as the soak reaches it (not part of the Desk API).
    await (desk as unknown as { worker: WorkerIngestion }).worker.killWorker();
    await sleep(3000);
    assert.ok(logs.some((m) => /started again, resuming after the last id/.test(m)), logs.join('\n'));
    const rows = desk.rows(view.id);
    assert.ok(rows.length > beforeKill + 10, `${rows.length - beforeKill} bars after the kill`);
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i].time - rows[i - 1].time, 1000, 'consecutive 1 s bars across the restart');
    await assertVolumes(exchange.restBaseUrl, rows, 1000);
  });

  /**
   * A 1s pair with window 3 on a 100x replay, after 8 s: several whole minutes in the worker's store (as fast
   * as this machine replays it), so that three 1m bars of the window are covered.
   */
  async function pairWithMinutesStored(): Promise<{ ex: LocalExchange; d: Desk; id: string; logs: string[] }> {
    const ex = (exchange = await startExchange({ port: 0, dataFiles: FILES, speed: 100, loop: true }));
    await sleep(1000);
    const logs: string[] = [];
    const d = (desk = makeDesk(ex, logs));
    d.connect();
    const view = await d.addPair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 3, hedge: 'ols' });
    assert.equal(view.error, undefined);
    await sleep(8000);
    return { ex, d, id: view.id, logs };
  }

  it('after a timeframe change the pair keeps its legs\' newest prices and trade time while the market is quiet (the worker\'s store tells them)', async () => {
    const { ex, d, id, logs } = await pairWithMinutesStored();
    // No trade from here on: what the pair shows after the change can come only from the worker's store.
    ex.faults.goSilent();
    await sleep(1500);
    const before = d.get(id)!;
    assert.ok(before.lastYPrice! > 0 && before.lastXPrice! > 0 && before.lastTradeTime! > 0, 'prices before the change');
    const minute = await d.setTimeframe(id, '1m');
    assert.ok(logs.some((m) => /1m bars resampled from the ingest worker's store/.test(m)), logs.join('\n'));
    assert.equal(minute.lastYPrice, before.lastYPrice, 'BTCUSDT price kept');
    assert.equal(minute.lastXPrice, before.lastXPrice, 'ETHUSDT price kept');
    assert.equal(minute.lastTradeTime, before.lastTradeTime, 'newest trade time kept');
    ex.faults.resume();
  });

  it('a timeframe change is resampled from the worker\'s store (no REST history), equal to the exchange\'s trades', async () => {
    const { ex, d, id, logs } = await pairWithMinutesStored();
    const minute = await d.setTimeframe(id, '1m');
    assert.equal(minute.error, undefined);
    assert.ok(logs.some((m) => /1m bars resampled from the ingest worker's store/.test(m)), logs.join('\n'));
    await sleep(1500);
    const rows = d.rows(id);
    assert.ok(rows.length >= 4, `${rows.length} minute bars`);
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i].time - rows[i - 1].time, 60_000, 'consecutive 1 m bars');
    assert.ok(rows.some((r) => !r.history), 'the worker\'s series went on after the resampled bars');
    await assertVolumes(ex.restBaseUrl, rows, 60_000);
  });
});
