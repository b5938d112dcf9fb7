import { strict as assert } from 'assert';
import { join } from 'path';
import { detectFormat, importBars, importTicks } from '../../../src/engine/import/importFile';
import type { Bar, Tick } from '../../../src/engine/types';
import type { ImportReport } from '../../../src/engine/import/importReport';

const fixture = (name: string) => join(__dirname, '../../fixtures/import', name);

async function ticksOf(name: string, symbol?: string): Promise<{ ticks: Tick[]; report: ImportReport }> {
  const imp = importTicks(fixture(name), { symbol });
  const ticks: Tick[] = [];
  for await (const t of imp) ticks.push(t);
  return { ticks, report: imp.report };
}

const counts = (r: ImportReport) => [r.format, r.lines, r.records, r.skipped, r.bad, r.firstErrors.map((e) => e.line)];
const brief = (t: Tick) => [t.symbol, t.id, t.time, t.price, t.qty, t.buyerIsMaker];

describe('file import', () => {
  it('reads the recorder format through gzip, skipping other streams and counting bad lines', async () => {
    const { ticks, report } = await ticksOf('recording-sample.gz');
    assert.deepEqual(ticks.map(brief), [
      ['BTCUSDT', 5182005737, 1721347022956, 63943.9, 0.003, true],
      ['ETHUSDT', 4108800001, 1721347022959, 3420.15, 1.25, false],
      ['BTCUSDT', 5182005739, 1721347023200, 63944, 0.01, false],
    ]);
    assert.deepEqual(counts(report), ['recording', 7, 3, 2, 2, [5, 6]]);
    assert.match(report.firstErrors[0].message, /price/);
  });

  it('reads combined-stream lines (aggTrade and trade), one stream kind per symbol', async () => {
    const { ticks, report } = await ticksOf('combined.jsonl');
    assert.deepEqual(ticks.map(brief), [
      ['BTCUSDT', 2300000001, 1721347260099, 64000.1, 0.5, false],
      ['ETHUSDT', 4108800100, 1721347260299, 3421, 2, true],
      ['BTCUSDT', 2300000002, 1721347260399, 64001, 0.25, true],
    ]);
    // skipped: the bookTicker frame and BTCUSDT's raw trade (its aggTrades came first); bad: empty qty, cut JSON
    assert.deepEqual(counts(report), ['combined-json', 7, 3, 2, 2, [6, 7]]);
  });

  it('reads raw event lines', async () => {
    const { ticks, report } = await ticksOf('events.jsonl');
    assert.deepEqual(ticks.map((t) => t.id), [2300000001, 2300000002]);
    assert.deepEqual(counts(report), ['event-json', 4, 2, 2, 0, []]);
  });

  it('reads the collector NDJSON, numbering ticks per symbol', async () => {
    const { ticks, report } = await ticksOf('collector.ndjson');
    assert.deepEqual(ticks.map(brief), [
      ['BTCUSDT', 1, Date.UTC(2025, 10, 1, 9, 50, 49, 841), 109983.4, 0.04, false],
      ['ETHUSDT', 1, Date.UTC(2025, 10, 1, 9, 50, 49, 900), 3871.25, 1.5, false],
      ['BTCUSDT', 2, Date.UTC(2025, 10, 1, 9, 50, 50, 2), 109984.1, 0.01, false],
      ['BTCUSDT', 3, Date.UTC(2025, 10, 1, 9, 50, 51, 0), 109990, 0.2, false],
    ]);
    assert.deepEqual(counts(report), ['collector-ndjson', 5, 4, 0, 1, [4]]);
    assert.match(report.firstErrors[0].message, /time/);
  });

  it('reads a vision trades CSV with a header, the symbol from the file name', async () => {
    const { ticks, report } = await ticksOf('BTCUSDT-trades-2024-07-19.csv');
    assert.deepEqual(ticks.map(brief), [
      ['BTCUSDT', 5182006711, 1721347202812, 63960, 0.31, false],
      ['BTCUSDT', 5182006712, 1721347202830, 63960.1, 0.002, true],
      ['BTCUSDT', 5182006713, 1721347261000, 63959.9, 0.005, true],
    ]);
    assert.deepEqual(counts(report), ['vision-trades-csv', 4, 3, 1, 0, []]);
  });

  it('reads a header-less vision trades CSV; a bad flag or an empty price is a bad line, never NaN', async () => {
    const { ticks, report } = await ticksOf('ETHUSDT-trades-headerless.csv');
    assert.deepEqual(ticks.map(brief), [
      ['ETHUSDT', 4108800001, 1721347202900, 3420.15, 1.25, false],
      ['ETHUSDT', 4108800002, 1721347203900, 3420.2, 0.5, true],
    ]);
    assert.deepEqual(counts(report), ['vision-trades-csv', 4, 2, 0, 2, [3, 4]]);
    assert.match(report.firstErrors[0].message, /is_buyer_maker "maybe"/);
  });

  it('reads a vision aggTrades CSV; the symbol option overrides the file name', async () => {
    const { ticks, report } = await ticksOf('BTCUSDT-aggTrades-2024-07-19.csv', 'btcusdc');
    assert.deepEqual(ticks.map(brief), [
      ['BTCUSDC', 2300000001, 1721347260099, 64000.1, 0.5, false],
      ['BTCUSDC', 2300000002, 1721347260399, 64001, 0.25, true],
    ]);
    assert.deepEqual(counts(report), ['vision-aggtrades-csv', 4, 2, 1, 1, [4]]);
    assert.match(report.firstErrors[0].message, /expected 7 columns, found 3/);
  });

  it('reads a header-less vision aggTrades CSV', async () => {
    const { ticks, report } = await ticksOf('BTCUSDT-aggTrades-headerless.csv');
    assert.deepEqual(ticks.map(brief), [
      ['BTCUSDT', 2300000001, 1721347260099, 64000.1, 0.5, false],
      ['BTCUSDT', 2300000002, 1721347260399, 64001, 0.25, true],
    ]);
    assert.deepEqual(counts(report), ['vision-aggtrades-csv', 2, 2, 0, 0, []]);
  });

  it('reads OHLC CSV bars: symbol column, ISO times (UTC without a zone), bar length inferred', async () => {
    const imp = importBars(fixture('ohlc-with-symbol.csv'));
    const bars: Bar[] = [];
    for await (const b of imp) bars.push(b);
    const T0 = Date.UTC(2024, 6, 19);
    assert.deepEqual(bars.map((b) => [b.symbol, b.openTime - T0, b.intervalMs, b.open, b.high, b.low, b.close, b.volume, b.empty]), [
      ['BTCUSDT', 0, 60_000, 64000, 64010, 63990, 64005, 12.5, false],
      ['BTCUSDT', 60_000, 60_000, 64005, 64020, 64000, 64015, 3, false],
      ['BTCUSDT', 120_000, 60_000, 64015, 64015, 64015, 64015, 0, true],
    ]);
    assert.deepEqual(counts(imp.report), ['ohlc-csv', 5, 3, 1, 1, [5]]);
  });

  it('reads OHLC CSV with epoch seconds and no volume, the symbol from the file name', async () => {
    const bars: Bar[] = [];
    for await (const b of importBars(fixture('ETHUSDT-1m.csv'))) bars.push(b);
    assert.deepEqual(bars.map((b) => [b.symbol, b.openTime, b.close, b.volume, b.vwap, b.empty]), [
      ['ETHUSDT', 1721347200000, 3421, 0, 3421, false],
      ['ETHUSDT', 1721347260000, 3418.5, 0, 3418.5, false],
    ]);
  });

  it('reads hourly klines whose optional columns (close_time, quote_volume, count, taker…) are empty', async () => {
    const imp = importBars(fixture('ETHUSDT-1h-empty-optional.csv'));
    const bars: Bar[] = [];
    for await (const b of imp) bars.push(b);
    // Rows as in ../shared/data/klines/universe-1h: trade count unknown (0), vwap falls back to the close;
    // an empty volume is "no volume"; a non-numeric close is still a bad line.
    assert.deepEqual(bars.map((b) => [b.symbol, b.openTime, b.intervalMs, b.close, b.volume, b.trades, b.vwap, b.empty]), [
      ['ETHUSDT', 1757588400000, 3_600_000, 4428.06, 108154.927, 0, 4428.06, false],
      ['ETHUSDT', 1757592000000, 3_600_000, 4424.45, 969558.067, 0, 4424.45, false],
      ['ETHUSDT', 1757595600000, 3_600_000, 4435.77, 464508.475, 0, 4435.77, false],
      ['ETHUSDT', 1757599200000, 3_600_000, 4405, 0, 0, 4405, false],
    ]);
    assert.deepEqual(counts(imp.report), ['ohlc-csv', 6, 4, 1, 1, [6]]);
  });

  it('reads a header-less data.binance.vision kline file (12 columns) with the vision layout', async () => {
    assert.equal(await detectFormat(fixture('ALGOUSDT-1m-headerless.csv')), 'ohlc-csv');
    const imp = importBars(fixture('ALGOUSDT-1m-headerless.csv'));
    const bars: Bar[] = [];
    for await (const b of imp) bars.push(b);
    // The file's first three rows (Set B of ../shared/data/klines, February 2026); vwap = quote volume / volume.
    assert.deepEqual(bars.map((b) => [b.symbol, b.openTime, b.intervalMs, b.open, b.high, b.low, b.close, b.volume, b.trades]), [
      ['ALGOUSDT', 1769904000000, 60_000, 0.1038, 0.104, 0.1037, 0.104, 242160.4, 102],
      ['ALGOUSDT', 1769904060000, 60_000, 0.1039, 0.104, 0.1038, 0.104, 84766.8, 101],
      ['ALGOUSDT', 1769904120000, 60_000, 0.1039, 0.1042, 0.1039, 0.1042, 244105, 164],
    ]);
    assert.ok(Math.abs(bars[0].vwap - 25142.90126 / 242160.4) < 1e-15);
    assert.deepEqual(counts(imp.report), ['ohlc-csv', 3, 3, 0, 0, []]);
  });

  it('detects formats by content and names the accepted ones when none matches', async () => {
    assert.equal(await detectFormat(fixture('recording-sample.gz')), 'recording');
    assert.equal(await detectFormat(fixture('ETHUSDT-trades-headerless.csv')), 'vision-trades-csv');
    assert.equal(await detectFormat(fixture('BTCUSDT-aggTrades-headerless.csv')), 'vision-aggtrades-csv');
    assert.equal(await detectFormat(fixture('events.jsonl')), 'event-json');
    assert.equal(await detectFormat(fixture('ETHUSDT-1m.csv')), 'ohlc-csv');
    await assert.rejects(detectFormat(fixture('unknown.txt')), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'UNKNOWN_FORMAT');
      assert.match(e.message, /unknown format; accepted formats: recording .*vision-aggtrades-csv .*ohlc-csv/);
      return true;
    });
    await assert.rejects(detectFormat(fixture('missing.csv')), { code: 'FILE_UNREADABLE', message: /no such file/ });
    await assert.rejects(detectFormat(fixture('')), { code: 'FILE_UNREADABLE', message: /directory/ });
  });

  it('asks for the symbol when neither the file nor its name gives it', async () => {
    const named = importTicks(fixture('BTCUSDT-trades-2024-07-19.csv'), { format: 'vision-trades-csv' })[Symbol.asyncIterator]();
    assert.equal((await named.next()).value?.symbol, 'BTCUSDT');
    await named.return?.(undefined);
    const noName = importTicks(fixture('unknown.txt'), { format: 'vision-trades-csv', symbol: undefined });
    await assert.rejects(noName[Symbol.asyncIterator]().next(), { code: 'BAD_SYMBOL' });
  });
});
