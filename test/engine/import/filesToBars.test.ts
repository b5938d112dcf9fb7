import { strict as assert } from 'assert';
import { join } from 'path';
import { EngineError } from '../../../src/engine/errors';
import { filesToBars } from '../../../src/engine/import/filesToBars';
import type { ImportReport } from '../../../src/engine/import/importReport';

const FIXTURES = join(__dirname, '../../fixtures/import');
const at = (s: number) => Date.UTC(2025, 10, 1, 9, 50, s);

describe('import/filesToBars', () => {
  it('folds trades into bars per symbol (hand-checked from collector.ndjson), reports each file once', async () => {
    const reports: ImportReport[] = [];
    const bars = await filesToBars([join(FIXTURES, 'collector.ndjson')], 1000, { onFileRead: (r) => reports.push(r) });
    assert.deepEqual([...bars.keys()].sort(), ['BTCUSDT', 'ETHUSDT']);
    const btc = bars.get('BTCUSDT')!.map((b) => [b.openTime, b.open, b.high, b.low, b.close, b.volume, b.empty]);
    assert.deepEqual(btc, [
      [at(49), 109983.4, 109983.4, 109983.4, 109983.4, 0.04, false],
      [at(50), 109984.1, 109984.1, 109984.1, 109984.1, 0.01, false],
      [at(51), 109990, 109990, 109990, 109990, 0.2, false],
    ]);
    assert.deepEqual(bars.get('ETHUSDT')!.map((b) => [b.openTime, b.close, b.volume]), [[at(49), 3871.25, 1.5]]);
    assert.equal(reports.length, 1);
    assert.equal(reports[0].bad, 1, 'the line with "not a time"');
  });

  it('resamples OHLC files to the interval asked (two 1m bars → one 5m bar)', async () => {
    const bars = await filesToBars([join(FIXTURES, 'ETHUSDT-1m.csv')], 300_000);
    const [bar, ...rest] = bars.get('ETHUSDT')!;
    assert.deepEqual(rest, []);
    assert.deepEqual([bar.openTime, bar.open, bar.high, bar.low, bar.close], [1721347200_000, 3420, 3425, 3418, 3418.5]);
  });

  it('refuses a symbol given both as trades and as OHLC bars', async () => {
    await assert.rejects(
      filesToBars([join(FIXTURES, 'collector.ndjson'), join(FIXTURES, 'ETHUSDT-1m.csv')], 60_000),
      (err: unknown) => err instanceof EngineError && err.code === 'BAD_ARGUMENT' && /ETHUSDT: given both as trades and as OHLC bars/.test(err.message),
    );
  });

  it('detects every file before reading any: an unknown file fails first', async () => {
    let read = 0;
    await assert.rejects(
      filesToBars([join(FIXTURES, 'collector.ndjson'), join(FIXTURES, 'unknown.txt')], 1000, { onFileRead: () => void read++ }),
      (err: unknown) => err instanceof EngineError && err.code === 'UNKNOWN_FORMAT',
    );
    assert.equal(read, 0);
  });
});
