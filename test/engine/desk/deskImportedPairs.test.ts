// A pair of two imported series sits beside the live pair of the same symbols and never replaces it: its id
// says imported, its bars are the library's trades (1 s closes checked against the fixture's gzip text here),
// and removing it, the live pair or the live ticks leaves the library as it was.
import { strict as assert } from 'assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { gunzipSync } from 'zlib';
import { AlertEngine } from '../../../src/engine/alerts/alertEngine';
import { PairAnalyticsAdapter } from '../../../src/engine/desk/analyticsAdapter';
import { Desk } from '../../../src/engine/desk/desk';
import type { DeskEngine, DeskFeed, DeskRest } from '../../../src/engine/desk/ports';
import { EngineError } from '../../../src/engine/errors';

const BTC_FILE = resolve('test/fixtures/import/btcusdt_20240718-first30s.gz');
const ETH_FILE = resolve('test/fixtures/import/ethusdt_20240718-first30s.gz');
const BTC_KEY = 'BTCUSDT · imported btcusdt_20240718-first30s.gz';
const ETH_KEY = 'ETHUSDT · imported ethusdt_20240718-first30s.gz';
const NOW = Date.parse('2026-12-01T12:00:00Z');

/** Independent reference: the price of the last trade (by trade id) of each second, from the gzip text. */
function secondCloses(file: string): Map<number, number> {
  const last = new Map<number, { id: number; price: number }>();
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    if (!line.includes('@trade"')) continue;
    const d = JSON.parse(line.slice(line.indexOf(' ') + 1)).data;
    const second = Math.floor(d.T / 1000) * 1000;
    const seen = last.get(second);
    if (!seen || d.t > seen.id) last.set(second, { id: d.t, price: Number(d.p) });
  }
  return new Map([...last].map(([t, v]) => [t, v.price]));
}

function quietFeed(): DeskFeed {
  return { start() {}, async stop() {}, onTick: () => ({ dispose() {} }), onState: () => ({ dispose() {} }), onGap: () => ({ dispose() {} }), addSymbol() {}, removeSymbol() {} } as unknown as DeskFeed;
}

function newDesk(): Desk {
  const rest: DeskRest = { serverTime: async () => NOW, symbols: async () => [], klines: async () => [], aggTradesBetween: async () => [] };
  const engine: DeskEngine = { createFeed: quietFeed, createRest: () => rest, createAnalytics: (c) => new PairAnalyticsAdapter(c, 1000), createAlerts: () => new AlertEngine() };
  return new Desk(engine, { wsBaseUrl: 'ws://127.0.0.1:1', restBaseUrl: 'http://127.0.0.1:1', stream: 'aggTrade', historyBars: 1000, updateMs: 10_000, firstTickWaitMs: 0, now: () => NOW });
}

describe('Desk: pairs of imported series', function () {
  this.timeout(10_000);
  let desk: Desk;
  beforeEach(async () => {
    desk = newDesk();
    await desk.restorePair({ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 30, hedge: 'ols' });
    await desk.library.importFiles([BTC_FILE]);
    await desk.library.importFiles([ETH_FILE]);
  });
  afterEach(() => desk.dispose());

  it('sits beside the live pair of the same symbols, with its own id, bars from the files and a z', () => {
    const view = desk.addImportedPair({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' });
    assert.equal(view.id, 'BTCUSDT/ETHUSDT (imported)');
    assert.equal(view.source, 'imported');
    assert.equal(view.sourceLabel, 'btcusdt_20240718-first30s.gz + ethusdt_20240718-first30s.gz');
    assert.deepEqual([view.config.y, view.config.x], ['BTCUSDT', 'ETHUSDT']);
    const live = desk.get('BTCUSDT/ETHUSDT')!;
    assert.equal(live.source, 'live', 'the live pair was replaced');
    assert.deepEqual(desk.list().map((p) => p.id), ['BTCUSDT/ETHUSDT', 'BTCUSDT/ETHUSDT (imported)']);
    // Common span 23:57:02.956 – 23:57:32.616: seconds 02 … 32, 31 rows; a 15-bar window is full from the 15th.
    const rows = desk.rows(view.id);
    assert.equal(rows.length, 31);
    assert.equal(new Date(rows[0].time).toISOString(), '2024-07-18T23:57:02.000Z');
    assert.equal(new Date(rows[30].time).toISOString(), '2024-07-18T23:57:32.000Z');
    const btc = secondCloses(BTC_FILE);
    const eth = secondCloses(ETH_FILE);
    let btcClose = NaN;
    let ethClose = NaN;
    for (const r of rows) {
      // A second without a trade carries the previous close (as live bars do).
      btcClose = btc.get(r.time) ?? btcClose;
      ethClose = eth.get(r.time) ?? ethClose;
      assert.equal(r.yClose, btcClose, `BTC ${new Date(r.time).toISOString()}`);
      assert.equal(r.xClose, ethClose, `ETH ${new Date(r.time).toISOString()}`);
    }
    assert.equal(desk.get(view.id)!.barsNeeded, 0);
    assert.ok(Number.isFinite(rows[30].point?.z), 'no z on the last bar');
    assert.equal(desk.get(view.id)!.lastYPrice, btcClose);
    assert.deepEqual(desk.importedPairs(), [{ id: view.id, y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' }]);
  });

  it('refuses the same two series twice, a series not in the library, and a window the span cannot fill', () => {
    desk.addImportedPair({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' });
    assert.throws(() => desk.addImportedPair({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 10, hedge: 'ols' }), (e: unknown) => e instanceof EngineError && /already on the desk as BTCUSDT\/ETHUSDT \(imported\)/.test(e.message));
    assert.throws(() => desk.addImportedPair({ y: BTC_KEY, x: 'ETHUSDT', timeframe: '1s', window: 15, hedge: 'ols' }), (e: unknown) => e instanceof EngineError && /ETHUSDT is not an imported series/.test(e.message));
    assert.throws(() => desk.addImportedPair({ y: ETH_KEY, x: BTC_KEY, timeframe: '1s', window: 32, hedge: 'ols' }), (e: unknown) => e instanceof EngineError && /31 bars of 1s/.test(e.message));
    // The other ordering is a pair of its own.
    assert.equal(desk.addImportedPair({ y: ETH_KEY, x: BTC_KEY, timeframe: '1s', window: 10, hedge: 'ols' }).id, 'ETHUSDT/BTCUSDT (imported)');
  });

  it('a timeframe the span cannot fill is refused and the pair stays; a window change re-fits it; the live pair is untouched', async () => {
    const id = desk.addImportedPair({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' }).id;
    await assert.rejects(desk.setTimeframe(id, '1m'), (e: unknown) => e instanceof EngineError && e.code === 'TOO_FEW_OBSERVATIONS');
    assert.equal(desk.get(id)!.config.timeframe, '1s');
    assert.equal(desk.rows(id).length, 31);
    await desk.setTimeframe(id, '1s');
    assert.equal(desk.rows(id).length, 31);
    await desk.setWindow(id, 10);
    assert.equal(desk.get(id)!.config.window, 10);
    assert.equal(desk.importedPairs()[0].window, 10);
    assert.equal(desk.get('BTCUSDT/ETHUSDT')!.config.window, 30);
  });

  it('removing the imported pair, the live pair, or every live tick keeps the library and its trades', async () => {
    const id = desk.addImportedPair({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' }).id;
    assert.ok(desk.removePair(id));
    assert.equal(desk.tickStore.count(BTC_KEY), 93);
    assert.equal(desk.tickStore.count(ETH_KEY), 308);
    assert.deepEqual(desk.importedPairs(), []);
    // Made again from the same series: the library still holds them.
    const again = desk.addImportedPair({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' });
    assert.equal(desk.rows(again.id).length, 31);
    assert.ok(desk.removePair('BTCUSDT/ETHUSDT'));
    // Another feed: live ticks are dropped, imported ones stay.
    await desk.reconfigure({ wsBaseUrl: 'ws://127.0.0.1:2' });
    assert.equal(desk.tickStore.count(BTC_KEY), 93);
    assert.equal(desk.get(again.id)!.source, 'imported');
  });

  it('an OHLC file of two symbols makes a pair on its own bar length only, its closes the file\'s', async () => {
    // 30 one-minute bars of each symbol, closes 100 + i and 50 + i/2 + (i mod 3)/10 (written here, read back by the importer).
    const dir = mkdtempSync(join(tmpdir(), 'qp-ohlc-'));
    const file = join(dir, 'two-symbols-1m.csv');
    const start = Date.parse('2024-07-19T00:00:00Z');
    const rows = ['timestamp,symbol,open,high,low,close,volume'];
    for (let i = 0; i < 30; i++) {
      const t = new Date(start + i * 60_000).toISOString();
      rows.push(`${t},AAAUSDT,${100 + i},${101 + i},${99 + i},${100 + i},1`, `${t},BBBUSDT,${50 + i / 2},${51 + i / 2},${49 + i / 2},${50 + i / 2 + (i % 3) / 10},2`);
    }
    writeFileSync(file, rows.join('\n') + '\n');
    const { added } = await desk.library.importFiles([file]);
    assert.deepEqual(added.map((s) => [s.key, s.kind, s.count, s.barMs]), [
      ['AAAUSDT · imported two-symbols-1m.csv', 'bars', 30, 60_000],
      ['BBBUSDT · imported two-symbols-1m.csv', 'bars', 30, 60_000],
    ]);
    const view = desk.addImportedPair({ y: added[0].key, x: added[1].key, timeframe: '1m', window: 10, hedge: 'ols' });
    assert.equal(view.id, 'AAAUSDT/BBBUSDT (imported)');
    assert.equal(view.sourceLabel, 'two-symbols-1m.csv');
    const pairRows = desk.rows(view.id);
    assert.equal(pairRows.length, 30);
    pairRows.forEach((r, i) => {
      assert.equal(r.yClose, 100 + i);
      assert.ok(Math.abs(r.xClose - (50 + i / 2 + (i % 3) / 10)) < 1e-9);
    });
    assert.ok(Number.isFinite(pairRows[29].point?.z));
    await assert.rejects(desk.setTimeframe(view.id, '5m'), (e: unknown) => e instanceof EngineError && e.code === 'BAD_TIMEFRAME');
    assert.throws(() => desk.addImportedPair({ y: added[0].key, x: BTC_KEY, timeframe: '1m', window: 10, hedge: 'ols' }), (e: unknown) => e instanceof EngineError && /do not overlap|trades/.test(e.message));
  });

  it('removing an imported file drops its series and the pairs made of them, and nothing else', () => {
    const id = desk.addImportedPair({ y: BTC_KEY, x: ETH_KEY, timeframe: '1s', window: 15, hedge: 'ols' }).id;
    const removed = desk.removeImportedFile(BTC_FILE);
    assert.deepEqual(removed.series.map((s) => s.key), [BTC_KEY]);
    assert.deepEqual(removed.pairs, [id]);
    assert.equal(desk.get(id), undefined);
    assert.equal(desk.tickStore.count(BTC_KEY), 0);
    assert.equal(desk.tickStore.count(ETH_KEY), 308);
    assert.deepEqual(desk.library.list().map((s) => s.key), [ETH_KEY]);
    assert.equal(desk.get('BTCUSDT/ETHUSDT')!.source, 'live');
  });
});
