// Ingestion in a worker against the local exchange (real sockets, real recordings): the host gets closed
// bars and delivered id ranges; killing the worker mid-stream loses and doubles nothing (checked by the soak's
// independent id ledger) and the bars across the restart are whole (checked against the exchange's REST trades).
import { strict as assert } from 'assert';
import { existsSync } from 'fs';
import { resolve } from 'path';
import { startExchange, type ExchangeOptions, type LocalExchange } from '../../../tools/local-exchange';
import { IngestClient } from '../../../src/engine/ingest/ingestClient';
import type { BarColumns, LivePreviews } from '../../../src/engine/ingest/protocol';
import { tradeColumns } from '../../../src/engine/ingest/columns';
import type { Tick, UnrepairedGap } from '../../../src/engine/types';
import { IdLedger } from '../../../bench/soak/idLedger';
import { waitFor } from '../feed/tinyServer';

const DATA = process.env.QP_DATA_DIR ?? resolve(__dirname, '../../../../shared/data');
const RECORDINGS = ['btcusdt_20240718.gz', 'ethusdt_20240718.gz'].map((f) => resolve(DATA, f));
const DATA_OPTIONS: Partial<ExchangeOptions> = RECORDINGS.every((f) => existsSync(f))
  ? { dataFiles: RECORDINGS }
  : { synthetic: { symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 20, seed: 7 } };
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];

interface BarRow {
  openTime: number;
  trades: number;
  volume: number;
  empty: boolean;
}

describe('ingest/IngestClient (worker) against the local exchange', function () {
  this.timeout(30_000);
  let exchange: LocalExchange | undefined;
  let client: IngestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    await exchange?.close();
    client = undefined;
    exchange = undefined;
  });

  async function setup(): Promise<{ ex: LocalExchange; c: IngestClient; ledger: IdLedger; bars: Map<string, BarRow[]>; gaps: UnrepairedGap[]; logs: string[] }> {
    exchange = await startExchange({ ...DATA_OPTIONS, speed: 10, loop: true });
    const ledger = new IdLedger();
    const bars = new Map<string, BarRow[]>(SYMBOLS.map((s) => [s, []]));
    const gaps: UnrepairedGap[] = [];
    const logs: string[] = [];
    client = new IngestClient({
      feed: { wsBaseUrl: exchange.wsBaseUrl, restBaseUrl: exchange.restBaseUrl, silenceMs: 2000, reorderWindowMs: 40, backoff: { baseMs: 30, maxMs: 300, jitter: 0.2 } },
      symbols: SYMBOLS,
      flushIntervalMs: 50,
      restartDelayMs: 50,
      // As the desk runs it: bars also close by each symbol's clock (the restart must not close them early).
      closeByClock: true,
      log: (m) => logs.push(m),
    });
    client.onIdRange((r) => {
      for (let id = r.fromId; id <= r.toId; id++) ledger.accept({ symbol: r.symbol, id, time: 1, price: 1, qty: 1, buyerIsMaker: false });
    });
    client.onGap((g) => {
      gaps.push(g);
      ledger.report(g);
    });
    client.onBars((c: BarColumns) => {
      for (let i = 0; i < c.length; i++) bars.get(c.symbol)!.push({ openTime: c.openTime[i], trades: c.trades[i], volume: c.volume[i], empty: c.empty[i] === 1 });
    });
    for (const s of SYMBOLS) client.subscribeBars(s, 1000);
    client.start();
    return { ex: exchange, c: client, ledger, bars, gaps, logs };
  }

  /** Trades per second of `symbol` from the exchange's REST aggTrades, independent of the worker. */
  async function restTradesPerSecond(ex: LocalExchange, symbol: string, fromTime: number, toTime: number): Promise<Map<number, { trades: number; volume: number }>> {
    const perSecond = new Map<number, { trades: number; volume: number }>();
    let start = fromTime;
    while (start < toTime) {
      const res = await fetch(`${ex.restBaseUrl}/fapi/v1/aggTrades?symbol=${symbol}&startTime=${start}&endTime=${Math.min(toTime, start + 59_999)}&limit=1000`);
      const rows = (await res.json()) as Array<{ a: number; q: string; T: number }>;
      for (const row of rows) {
        const second = Math.floor(row.T / 1000) * 1000;
        const cell = perSecond.get(second) ?? { trades: 0, volume: 0 };
        cell.trades++;
        cell.volume += Number(row.q);
        perSecond.set(second, cell);
      }
      if (rows.length === 1000) throw new Error('test window too busy for one REST page a minute');
      start += 60_000;
    }
    return perSecond;
  }

  it('delivers bars and ids from the worker; a killed worker is restarted with nothing lost or doubled and whole bars', async () => {
    const { ex, c, ledger, bars, gaps } = await setup();
    await waitFor(() => SYMBOLS.every((s) => (bars.get(s)?.length ?? 0) >= 3 && (c.lastId(s) ?? 0) > 0), 10_000, 'bars and ids of both symbols');
    const beforeKill = new Map(SYMBOLS.map((s) => [s, c.lastId(s)!]));
    await c.killWorker();
    await waitFor(() => c.restartsSoFar === 1, 5000, 'restart');
    // Well past the kill: the hole is backfilled and the live stream goes on.
    await waitFor(() => SYMBOLS.every((s) => (c.lastId(s) ?? 0) > beforeKill.get(s)! + 300), 15_000, 'ids well past the kill');
    await waitFor(() => SYMBOLS.every((s) => bars.get(s)!.some((b) => b.openTime > bars.get(s)![0].openTime + 8000)), 10_000, 'bars past the kill');
    await c.stop();

    const verdict = ledger.verdict();
    assert.equal(verdict.duplicated, 0, 'no id delivered twice');
    assert.deepEqual(verdict.silentHoles, [], 'no hole in the delivered ids');
    assert.deepEqual(gaps, [], 'nothing reported unrepairable');
    assert.ok(verdict.delivered > 600);

    for (const symbol of SYMBOLS) {
      const rows = bars.get(symbol)!;
      for (let i = 1; i < rows.length; i++) assert.equal(rows[i].openTime, rows[i - 1].openTime + 1000, `${symbol}: bars contiguous, none twice`);
      // Every bar after the first (which may have started mid-second) has the exchange's own trades of its second.
      const truth = await restTradesPerSecond(ex, symbol, rows[1].openTime, rows[rows.length - 1].openTime + 1000);
      for (const row of rows.slice(1)) {
        const expected = truth.get(row.openTime) ?? { trades: 0, volume: 0 };
        assert.equal(row.trades, expected.trades, `${symbol} bar ${row.openTime}: trades`);
        assert.ok(Math.abs(row.volume - expected.volume) < 1e-6, `${symbol} bar ${row.openTime}: volume ${row.volume} vs ${expected.volume}`);
        assert.equal(row.empty, expected.trades === 0);
      }
    }
  });

  /** The exchange's REST aggTrades of `symbol` in [fromTime, toTime], as ticks (independent of the worker). */
  async function restTrades(ex: LocalExchange, symbol: string, fromTime: number, toTime: number): Promise<Tick[]> {
    const res = await fetch(`${ex.restBaseUrl}/fapi/v1/aggTrades?symbol=${symbol}&startTime=${fromTime}&endTime=${toTime}&limit=1000`);
    const rows = (await res.json()) as Array<{ a: number; p: string; q: string; T: number; m: boolean }>;
    if (rows.length === 1000) throw new Error('test window too busy for one REST page');
    return rows.map((r) => ({ symbol, id: r.a, time: r.T, price: Number(r.p), qty: Number(r.q), buyerIsMaker: r.m }));
  }

  function assertBarsMatch(symbol: string, c: BarColumns, truth: Map<number, { trades: number; volume: number }>): void {
    for (let i = 0; i < c.length; i++) {
      if (i > 0) assert.equal(c.openTime[i], c.openTime[i - 1] + c.intervalMs, `${symbol}: resampled bars contiguous`);
      const expected = truth.get(c.openTime[i]) ?? { trades: 0, volume: 0 };
      assert.equal(c.trades[i], expected.trades, `${symbol} bar ${c.openTime[i]}: trades`);
      assert.ok(Math.abs(c.volume[i] - expected.volume) < 1e-6, `${symbol} bar ${c.openTime[i]}: volume ${c.volume[i]} vs ${expected.volume}`);
    }
  }

  it('throttled previews: one per flush at most, each symbol\'s newest trade (the last id delivered) and its series\' bar in progress', async () => {
    const { c } = await setup();
    const previews: { p: LivePreviews; lastIds: Map<string, number | undefined> }[] = [];
    c.onPreviews((p) => previews.push({ p, lastIds: new Map(SYMBOLS.map((s) => [s, c.lastId(s)])) }));
    const started = Date.now();
    // Long enough (30 periods) that a second sender on its own phase would show in the count.
    await waitFor(() => Date.now() - started >= 1500 && previews.filter((e) => e.p.symbols.length === 2).length >= 5, 10_000, 'previews of both symbols');
    const elapsed = Date.now() - started;
    assert.ok(previews.length <= elapsed / 50 + 2, `${previews.length} previews in ${elapsed} ms at a 50 ms flush: none per trade`);
    for (const { p, lastIds } of previews) {
      p.symbols.forEach((symbol, i) => {
        assert.equal(p.id[i], lastIds.get(symbol), `${symbol}: the preview's trade is the newest delivered`);
        const forming = p.forming.find((f) => f.symbol === symbol && f.intervalMs === 1000);
        assert.ok(forming, `${symbol}: its 1 s bar in progress`);
        assert.equal(forming!.length, 1);
        assert.equal(forming!.openTime[0], Math.floor(p.time[i] / 1000) * 1000, 'the bar the newest trade is in');
        assert.equal(forming!.close[0], p.price[i], 'closing at the newest price so far');
      });
    }
  });

  it('resample answers from the worker\'s store up to where the batches take over; inserted REST history joins it without a gap or a repeat', async () => {
    const { ex, c, bars } = await setup();
    const symbol = 'BTCUSDT';
    await waitFor(() => (bars.get(symbol)?.length ?? 0) >= 3, 10_000, 'bars flowing');
    const first = await c.resample(symbol, 1000);
    assert.ok(first.firstTime !== undefined && first.takeoverFrom !== undefined);
    const firstWhole = Math.floor(first.firstTime! / 1000) * 1000 + 1000;
    assert.equal(first.bars.openTime[0], firstWhole, 'from the first whole second stored');
    assert.equal(first.bars.openTime[first.bars.length - 1], first.takeoverFrom! - 1000, 'up to the takeover');
    // Bars the batches hand on after the answer start at the takeover.
    const before = bars.get(symbol)!.length;
    await waitFor(() => bars.get(symbol)!.length > before + 1, 5000, 'batch bars after the answer');
    const after = bars.get(symbol)!.slice(before);
    assert.ok(after[0].openTime >= first.takeoverFrom!, 'no batch bar repeats the answer');

    // The REST history the exchange has before the first stored trade (what it replayed before the worker
    // joined), overlapping it by 1 s: only the older trades are taken.
    const history = await restTrades(ex, symbol, first.firstTime! - 30_000, first.firstTime! + 1000);
    const older = history.filter((t) => t.time < first.firstTime!).length;
    assert.ok(older > 0, 'the exchange has history before the worker joined');
    const stored = await c.insertHistory(tradeColumns(symbol, history));
    assert.ok(stored >= older && stored <= history.filter((t) => t.time <= first.firstTime!).length, `${stored} taken of ${history.length} (${older} strictly older)`);
    const from = Math.floor(history[0].time / 1000) * 1000 + 1000;
    assert.ok(from < firstWhole, 'at least one whole second of history before the first stored one');
    const joined = await c.resample(symbol, 1000, from);
    assert.equal(joined.bars.openTime[0], from);
    assert.equal(joined.bars.openTime[joined.bars.length - 1], joined.takeoverFrom! - 1000);
    const truth = await restTradesPerSecond(ex, symbol, from, joined.takeoverFrom!);
    assertBarsMatch(symbol, joined.bars, truth);
    // Another bar length from the same store: the 1-minute bars sum the same trades.
    const minute = await c.resample(symbol, 60_000, Math.floor(from / 60_000) * 60_000 + 60_000);
    for (let i = 0; i < minute.bars.length; i++) {
      let trades = 0;
      for (const [second, cell] of truth) if (second >= minute.bars.openTime[i] && second < minute.bars.openTime[i] + 60_000) trades += cell.trades;
      if (minute.bars.openTime[i] + 60_000 <= joined.takeoverFrom!) assert.equal(minute.bars.trades[i], trades, `1m bar ${minute.bars.openTime[i]}`);
    }
  });
});
