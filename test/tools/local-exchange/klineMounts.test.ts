// The exchange's kline mounts as `npm start` composes them: trade tapes (BTCUSDT/ETHUSDT), the 1m candles of
// February 2026 and the 1h scan universe (Set C) without the symbols the other two serve. Each symbol has one
// source: its klines are its own files' rows (rebased by whole bars), exchangeInfo and the all-symbol ticker
// list it once, a mount that names a served symbol is refused; ticker/24hr ranks the universe by its candles'
// last 24 h, and a Top-N scan at 1h × 1000 keeps to the universe's one span. Values are checked against the
// gz files read here independently.
import { strict as assert } from 'assert';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { startExchange } from '../../../tools/local-exchange';
import type { LocalExchange } from '../../../tools/local-exchange';
import { CANDLES_1M_FOLDER, UNIVERSE_1H_FOLDER, loadCandleSet, type CandleSet } from '../../../tools/local-exchange/candleSet';
import { syntheticUniverse } from '../../../tools/local-exchange/syntheticUniverse';
import { BinanceRest } from '../../../src/engine/feed/rest';
import { scanExchange } from '../../../src/engine/scan/restScan';
import { symbolSourceLabel } from '../../../src/shared/dataSource';

const SHARED = join(__dirname, '../../../../shared/data');
const CANDLES = join(SHARED, CANDLES_1M_FOLDER);
const UNIVERSE = join(SHARED, UNIVERSE_1H_FOLDER);
const HOUR = 3_600_000;
const TAPES = ['BTCUSDT', 'ETHUSDT'];

/** A file's rows as numbers (open_time, open, high, low, close, volume), header dropped. */
function fileRows(file: string): number[][] {
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').slice(0, 6).map(Number));
}

type Row = [number, string, string, string, string, string, number, string, number, string, string, string];

async function get<T>(ex: LocalExchange, pathAndQuery: string): Promise<T> {
  const res = await fetch(`${ex.restBaseUrl}${pathAndQuery}`);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as T;
}

(existsSync(CANDLES) && existsSync(UNIVERSE) ? describe : describe.skip)('exchange: kline mounts beside the tapes (1m candles + the 1h scan universe)', function () {
  this.timeout(120_000);
  let ex: LocalExchange;
  let candles: CandleSet;
  let universe: CandleSet;

  before(async () => {
    candles = (await loadCandleSet(CANDLES, TAPES))!;
    universe = (await loadCandleSet(UNIVERSE, [...TAPES, ...candles.symbols]))!;
    ex = await startExchange({ port: 0, synthetic: { symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 5 }, klineMounts: [candles.universe, universe.universe], speed: 1, rebaseToNow: true });
  });
  after(async () => ex?.close());

  it('the universe leaves out what the tapes and the 1m candles serve, and is labelled as its own 1h span', () => {
    // 479 files of Set C, less BTCUSDT, ETHUSDT and the 7 symbols of the 1m candles (all 9 are in Set C).
    assert.equal(universe.symbols.length, 479 - 9);
    for (const s of [...TAPES, ...candles.symbols]) assert.ok(!universe.symbols.includes(s), s);
    assert.equal(universe.label, 'REPLAY candles 1h 2025-09-11…10-23 (rebased), history only — no live trades');
    assert.equal(universe.labels.SOLUSDT, universe.label);
  });

  it("a universe symbol's 1h klines are its file's rows, shifted by whole hours so the newest closed at the exchange clock", async () => {
    const file = fileRows(join(UNIVERSE, 'SOLUSDT.csv.gz'));
    assert.equal(file.length, 1000);
    const rows = await get<Row[]>(ex, '/fapi/v1/klines?symbol=SOLUSDT&interval=1h&limit=1000');
    assert.equal(rows.length, 1000);
    const shift = rows[0][0] - file[0][0];
    assert.equal(shift % HOUR, 0);
    assert.equal(rows[999][0], Math.floor(ex.clockNow() / HOUR) * HOUR - HOUR);
    rows.forEach((r, i) => assert.deepEqual([r[0] - shift, ...r.slice(1, 6).map(Number)], file[i], `row ${i}`));
    // The file's first row: 1757588400000,225.64,225.64,224.4,224.94,537789.84
    assert.deepEqual(rows[0].slice(1, 6), ['225.64', '225.64', '224.40', '224.94', '537789.840']);
  });

  it('no symbol is served twice: exchangeInfo and the ticker list each once, the candle and tape symbols keep their own klines', async () => {
    const info = await get<{ symbols: { symbol: string }[] }>(ex, '/fapi/v1/exchangeInfo');
    const listed = info.symbols.map((s) => s.symbol);
    assert.equal(new Set(listed).size, listed.length, 'exchangeInfo lists a symbol twice');
    for (const s of [...TAPES, ...candles.symbols, ...universe.symbols]) assert.ok(listed.includes(s), s);
    const tickers = (await get<{ symbol: string }[]>(ex, '/fapi/v1/ticker/24hr')).map((t) => t.symbol);
    assert.equal(new Set(tickers).size, tickers.length, 'the ticker lists a symbol twice');
    // LINKUSDT is in Set C too, but the 1m candles serve it: 28 days = 672 hours of February 2026, not Set C's 1000.
    const link1h = await get<Row[]>(ex, '/fapi/v1/klines?symbol=LINKUSDT&interval=1h&limit=1500');
    assert.equal(link1h.length, 672);
    assert.equal(link1h[671][4], '8.840', "the last 1h close is the 1m file's last close (Feb 28 23:59)");
    // BTCUSDT trades on its tape: its 1h klines are the tape's few bars since the start, never Set C's.
    const btc1h = await get<Row[]>(ex, '/fapi/v1/klines?symbol=BTCUSDT&interval=1h&limit=1000');
    assert.ok(btc1h.length <= 2, `${btc1h.length} 1h bars of BTCUSDT`);
  });

  it('refuses a mount that names a symbol another source serves', async () => {
    const twin = syntheticUniverse({ symbols: 3, bars: 50, plantedPairs: 0, seed: 3 });
    await assert.rejects(
      startExchange({ port: 0, synthetic: { symbols: [twin.symbols[0].symbol, 'ZZZUSDT'], tradesPerSecond: 1 }, klineMounts: [twin] }),
      /has trades on a tape and candles in a kline mount: one symbol has one source/,
    );
    await assert.rejects(
      startExchange({ port: 0, synthetic: { symbols: ['YYYUSDT', 'ZZZUSDT'], tradesPerSecond: 1 }, klineMounts: [twin, syntheticUniverse({ symbols: 3, bars: 50, plantedPairs: 0, seed: 4 })] }),
      /is in two kline mounts: one symbol has one source/,
    );
  });

  it("ticker/24hr ranks the universe by its candles' last 24 h; Top 50 at 1h × 1000 scans the universe's span only", async () => {
    // Independently: Σ volume × close of each file's last 24 rows (Set C has no quote-volume column).
    const volume24h = (symbol: string) =>
      fileRows(join(UNIVERSE, `${symbol}.csv.gz`))
        .slice(-24)
        .reduce((s, r) => s + r[5] * r[4], 0);
    const served = new Map((await get<{ symbol: string; quoteVolume: string }[]>(ex, '/fapi/v1/ticker/24hr')).map((t) => [t.symbol, Number(t.quoteVolume)]));
    for (const s of ['SOLUSDT', 'DOGEUSDT', universe.symbols[200]]) assert.ok(Math.abs(served.get(s)! - volume24h(s)) <= 0.01, `${s} quote volume ${served.get(s)} vs ${volume24h(s)}`);
    const expectedTop = universe.symbols
      .map((s) => ({ s, v: volume24h(s) }))
      .sort((a, b) => b.v - a.v || a.s.localeCompare(b.s))
      .slice(0, 50)
      .map((e) => e.s)
      .sort();

    const labels = { feed: 'REPLAY synthetic pair', bySymbol: { ...candles.labels, ...universe.labels } };
    const report = await scanExchange(new BinanceRest({ baseUrl: ex.restBaseUrl }), { kind: 'top', count: 50 }, HOUR, { bars: 1000 }, { sourceOf: (s) => symbolSourceLabel(labels, s) });
    assert.deepEqual([...report.symbols].sort(), expectedTop);
    assert.ok(report.results.length > 0);
    const reasons = new Map(report.excluded.map((e) => [e.symbol, e.reason]));
    assert.match(reasons.get('LINKUSDT') ?? '', /^another data source \(REPLAY candles 1m 2026-02-01…02-28 .*\) than the scan's \(REPLAY candles 1h 2025-09-11…10-23 .*\): bars of different spans are never aligned$/);
    assert.match(reasons.get('BTCUSDT') ?? '', /^another data source \(REPLAY synthetic pair\)/);
  });
});
