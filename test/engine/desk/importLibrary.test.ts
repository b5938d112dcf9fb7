// The library of imported series: one series per file and symbol, named apart from live symbols, counted
// and spanned as read straight from the fixture's gzip text here; a file imported twice is not duplicated;
// a bad file is a typed error that leaves the other files imported.
import { strict as assert } from 'assert';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { gunzipSync } from 'zlib';
import { ImportLibrary, isLiveSeriesKey, seriesSummary } from '../../../src/engine/desk/importLibrary';
import { EngineError } from '../../../src/engine/errors';
import { TickStore } from '../../../src/engine/store/tickStore';

const BTC_FILE = resolve('test/fixtures/import/btcusdt_20240718-first30s.gz');
const ETH_FILE = resolve('test/fixtures/import/ethusdt_20240718-first30s.gz');
const COLLECTOR = resolve('test/fixtures/import/collector.ndjson');
// The first 5 s of trades of btcusdt_20240719.gz: the recording of the 18th continues in it (trade ids follow on).
const BTC_NEXT_DAY = resolve('test/fixtures/import/btcusdt_20240719-first5s.gz');

/** Independent reference: the trade frames' times (T) of a recording, straight from the gzip text. */
function tradeTimes(file: string): number[] {
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.includes('@trade"'))
    .map((l) => JSON.parse(l.slice(l.indexOf(' ') + 1)).data.T as number);
}

describe('ImportLibrary', function () {
  this.timeout(10_000);

  it('adds one series per file, named so no live symbol can collide, with the file\'s trade count and span', async () => {
    const store = new TickStore();
    // A live BTCUSDT series already in the store must stay as it is.
    store.append({ symbol: 'BTCUSDT', time: 1, price: 2, qty: 3, id: 4, buyerIsMaker: false });
    const library = new ImportLibrary(store);
    const first = await library.importFiles([BTC_FILE]);
    const second = await library.importFiles([ETH_FILE]);
    assert.deepEqual(first.added.map((s) => s.key), ['BTCUSDT · imported btcusdt_20240718-first30s.gz']);
    assert.deepEqual(second.added.map((s) => s.key), ['ETHUSDT · imported ethusdt_20240718-first30s.gz']);
    const btc = first.added[0];
    const times = tradeTimes(BTC_FILE);
    assert.equal(times.length, 93);
    assert.equal(btc.count, 93);
    assert.equal(btc.firstTime, Math.min(...times));
    assert.equal(btc.lastTime, Math.max(...times));
    assert.equal(btc.kind, 'ticks');
    assert.equal(btc.sourceLabel, 'imported: btcusdt_20240718-first30s.gz');
    assert.equal(seriesSummary(btc), 'BTCUSDT: 93 trades, 2024-07-18 23:57:02–23:57:32 UTC');
    // The trades are in the store under the series key; the live series is untouched.
    assert.equal(store.count(btc.key), 93);
    assert.equal(store.count('BTCUSDT'), 1);
    assert.equal(isLiveSeriesKey('BTCUSDT'), true);
    assert.equal(isLiveSeriesKey(btc.key), false);
    assert.deepEqual(library.list().map((s) => s.symbol), ['BTCUSDT', 'ETHUSDT']);
  });

  it('importing the same file again (by another spelling of its path) adds nothing', async () => {
    const library = new ImportLibrary(new TickStore());
    await library.importFiles([BTC_FILE]);
    const again = await library.importFiles([join('test/fixtures/import/../import', 'btcusdt_20240718-first30s.gz')]);
    assert.equal(again.added.length, 0);
    assert.deepEqual(again.already.map((s) => s.key), ['BTCUSDT · imported btcusdt_20240718-first30s.gz']);
    assert.equal(library.list().length, 1);
  });

  it('a file of several symbols ({symbol, ts, price, size} NDJSON) adds each; a same-named file elsewhere gets its own key', async () => {
    const library = new ImportLibrary(new TickStore());
    const result = await library.importFiles([COLLECTOR]);
    // collector.ndjson: 3 good BTCUSDT lines and 1 ETHUSDT line (one line has a bad time).
    assert.deepEqual(result.added.map((s) => [s.key, s.count]), [
      ['BTCUSDT · imported collector.ndjson', 3],
      ['ETHUSDT · imported collector.ndjson', 1],
    ]);
    assert.equal(result.added[0].firstTime, Date.parse('2025-11-01T09:50:49.841Z'));
    assert.equal(result.added[0].lastTime, Date.parse('2025-11-01T09:50:51.000Z'));
    assert.equal(result.reports[0].bad, 1);
    const dir = mkdtempSync(join(tmpdir(), 'qp-library-'));
    mkdirSync(join(dir, 'other'));
    copyFileSync(COLLECTOR, join(dir, 'other', 'collector.ndjson'));
    const other = await library.importFiles([join(dir, 'other', 'collector.ndjson')]);
    assert.deepEqual(other.added.map((s) => s.key), ['BTCUSDT · imported collector.ndjson (2)', 'ETHUSDT · imported collector.ndjson (2)']);
  });

  it('a bad file is a typed error of its own; the good files of the same selection are imported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qp-library-'));
    const garbage = join(dir, 'garbage.txt');
    writeFileSync(garbage, 'hello world\nlorem ipsum\n');
    // The fixture's frames before its first trade: a depth update and a book ticker, no trade.
    const noTrades = join(dir, 'depth-only.txt');
    writeFileSync(noTrades, gunzipSync(readFileSync(BTC_FILE)).toString('utf8').split('\n').filter((l) => !l.includes('@trade"')).join('\n'));
    const library = new ImportLibrary(new TickStore());
    const result = await library.importFiles([garbage, BTC_FILE, join(dir, 'missing.gz'), noTrades]);
    assert.deepEqual(result.added.map((s) => s.symbol), ['BTCUSDT']);
    assert.deepEqual(result.failed.map((f) => f.path), [garbage, join(dir, 'missing.gz'), noTrades]);
    for (const f of result.failed) assert.ok(f.error instanceof EngineError, `${f.path}: ${String(f.error)}`);
    assert.match(result.failed[0].error.message, /garbage\.txt/);
    assert.equal(result.failed[0].error.code, 'UNKNOWN_FORMAT');
    assert.match(result.failed[1].error.message, /missing\.gz/);
    assert.match(result.failed[2].error.message, /depth-only\.txt holds no trades/);
    await assert.rejects(library.importFiles([]), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
  });

  it('removing a file drops its series and their trades', async () => {
    const store = new TickStore();
    const library = new ImportLibrary(store);
    const { added } = await library.importFiles([BTC_FILE, ETH_FILE]);
    assert.equal(added.length, 2);
    library.removeFile(BTC_FILE);
    assert.deepEqual(library.list().map((s) => s.symbol), ['ETHUSDT']);
    assert.equal(store.count(added[0].key), 0);
    assert.deepEqual(library.paths(), [ETH_FILE]);
  });

  it('files of one selection that follow each other in time join into one series; overlapping ones stay apart', async () => {
    const store = new TickStore();
    const library = new ImportLibrary(store);
    // Given newest first: joined oldest first all the same.
    const { added } = await library.importFiles([BTC_NEXT_DAY, BTC_FILE]);
    assert.equal(added.length, 1);
    const joined = added[0];
    const times = [...tradeTimes(BTC_FILE), ...tradeTimes(BTC_NEXT_DAY)];
    assert.equal(times.length, 93 + 656);
    assert.equal(joined.key, 'BTCUSDT · imported btcusdt_20240718-first30s.gz + btcusdt_20240719-first5s.gz');
    assert.deepEqual(joined.paths, [BTC_FILE, BTC_NEXT_DAY]);
    assert.equal(joined.count, 749);
    assert.equal(joined.firstTime, Math.min(...times));
    assert.equal(joined.lastTime, Date.parse('2024-07-19T00:00:07.762Z'));
    assert.equal(seriesSummary(joined), 'BTCUSDT: 749 trades, 2024-07-18 23:57:02 – 2024-07-19 00:00:07 UTC');
    // One series in time order: the store visits its trades with non-decreasing times.
    let previous = -Infinity;
    let visited = 0;
    store.forEachInRange(joined.key, -Infinity, Infinity, (time) => {
      assert.ok(time >= previous);
      previous = time;
      visited++;
    });
    assert.equal(visited, 749);
    assert.deepEqual(library.imports(), [[BTC_NEXT_DAY, BTC_FILE]]);
    // Removing either file drops the joined series; nothing of the other is left either.
    library.removeFile(BTC_NEXT_DAY);
    assert.deepEqual(library.list(), []);
    assert.deepEqual(library.paths(), []);
    assert.deepEqual(library.imports(), []);
    assert.equal(store.count(joined.key), 0);

    // The same day twice (a copy under another name) overlaps itself: two series, not one of doubled trades.
    const dir = mkdtempSync(join(tmpdir(), 'qp-library-'));
    const copy = join(dir, 'btcusdt_copy.gz');
    copyFileSync(BTC_FILE, copy);
    const apart = await library.importFiles([BTC_FILE, copy]);
    assert.deepEqual(apart.added.map((s) => [s.key, s.count]), [
      ['BTCUSDT · imported btcusdt_20240718-first30s.gz', 93],
      ['BTCUSDT · imported btcusdt_copy.gz', 93],
    ]);
  });
});
