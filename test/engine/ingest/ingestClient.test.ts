// Ingestion in a worker against the local exchange (real sockets, real recordings): the host gets closed
// bars and delivered id ranges; killing the worker mid-stream loses and doubles nothing (checked by the soak's
// independent id ledger) and the bars across the restart are whole (checked against the exchange's REST trades).
import { strict as assert } from 'assert';
import { existsSync } from 'fs';
import { resolve } from 'path';
import { startExchange, type ExchangeOptions, type LocalExchange } from '../../../tools/local-exchange';
import { IngestClient } from '../../../src/engine/ingest/ingestClient';
import type { BarColumns } from '../../../src/engine/ingest/protocol';
import type { UnrepairedGap } from '../../../src/engine/types';
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
});
