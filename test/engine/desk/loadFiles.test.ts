// Imported trades folded into 1-second bars while reading, then resampled, must give the bars the live bar
// builder gives when fed every trade in time order (the old import path), on fixtures and real recordings given
// out of day order; and the import keeps no object per trade (heap growth bounded on a generated file).
import { strict as assert } from 'assert';
import { createWriteStream, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { runInNewContext } from 'vm';
import { BarBuilder } from '../../../src/engine/bars/barBuilder';
import { importTicks } from '../../../src/engine/import/importFile';
import { loadPairFiles, type LoadProgress } from '../../../src/engine/desk/loadFiles';
import { barsFromSeconds } from '../../../src/engine/bars/barsFromSeconds';
import { barOpenTime } from '../../../src/engine/bars/timeframe';
import { EngineError } from '../../../src/engine/errors';
import type { Bar, Tick } from '../../../src/engine/types';

/** The old path: every trade kept, sorted, pushed through one live BarBuilder per symbol, closed at the newest trade. */
async function referenceBars(files: string[], intervalMs: number): Promise<Map<string, Bar[]>> {
  const ticks: Tick[] = [];
  for (const f of files) for await (const t of importTicks(f)) ticks.push(t);
  ticks.sort((a, b) => a.time - b.time || a.id - b.id);
  const out = new Map<string, Bar[]>();
  const builders = new Map<string, BarBuilder>();
  for (const t of ticks) {
    let b = builders.get(t.symbol);
    if (!b) {
      b = new BarBuilder({ intervalMs });
      const list: Bar[] = [];
      out.set(t.symbol, list);
      b.onBarClose((bar) => list.push(bar));
      builders.set(t.symbol, b);
    }
    b.add(t);
  }
  const end = ticks[ticks.length - 1].time;
  for (const b of builders.values()) b.advanceTo(barOpenTime(end, intervalMs) + intervalMs);
  return out;
}

function assertSameBars(actual: Bar[], expected: Bar[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: bar count`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const where = `${what} bar ${new Date(e.openTime).toISOString()}`;
    assert.equal(a.openTime, e.openTime, where);
    for (const k of ['open', 'high', 'low', 'close', 'trades', 'empty'] as const) assert.equal(a[k], e[k], `${where} ${k}`);
    for (const k of ['volume', 'vwap'] as const) assert.ok(Math.abs(a[k] - e[k]) <= 1e-9 * Math.max(1, Math.abs(e[k])), `${where} ${k}: ${a[k]} vs ${e[k]}`);
  }
}

async function compare(files: string[]): Promise<number> {
  const loaded = await loadPairFiles(files);
  let compared = 0;
  for (const intervalMs of [1000, 60_000, 300_000]) {
    const expected = await referenceBars(files, intervalMs);
    assert.deepEqual([...loaded.bars.keys()].sort(), [...expected.keys()].sort());
    const lastOpen = barOpenTime(loaded.lastTradeTime!, intervalMs);
    for (const [symbol, bars] of expected) {
      assertSameBars(barsFromSeconds(loaded.bars.get(symbol)!, intervalMs, lastOpen), bars, `${symbol} ${intervalMs / 1000}s`);
      compared += bars.length;
    }
  }
  return compared;
}

describe('import: trades folded into 1 s bars, then resampled', function () {
  this.timeout(60_000);

  it('fixtures: the same 1s / 1m / 5m bars as the live builder on every trade', async () => {
    for (const f of ['collector.ndjson', 'combined.jsonl', 'events.jsonl', 'recording-sample.gz']) {
      assert.ok((await compare([path.join('test/fixtures/import', f)])) > 0, f);
    }
  });

  it('real recordings given out of day order (19th before 18th): the same bars', async () => {
    const data = '../shared/data';
    const files = ['btcusdt_20240719.gz', 'ethusdt_20240719.gz', 'btcusdt_20240718.gz', 'ethusdt_20240718.gz'].map((f) => path.join(data, f));
    // 23:57:02 on the 18th to 00:05:02 on the 19th: about 480 one-second bars per symbol, plus 1m and 5m.
    assert.ok((await compare(files)) > 900);
    const loaded = await loadPairFiles(files);
    assert.equal(new Date(loaded.bars.get('BTCUSDT')![0].openTime).toISOString(), '2024-07-18T23:57:02.000Z');
  });

  describe('memory and progress on a generated 300k-trade file', () => {
    let dir: string;
    let file: string;
    const TRADES = 300_000;
    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'qp-import-mem-'));
      file = path.join(dir, 'trades.ndjson');
      const out = createWriteStream(file);
      for (let i = 0; i < TRADES; i++) {
        const line = `{"symbol":"${i % 2 ? 'BTCUSDT' : 'ETHUSDT'}","ts":${1721347200000 + i * 10},"price":${(64000 + (i % 1000) / 10).toFixed(1)},"size":0.01}\n`;
        if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      await new Promise<void>((r) => out.end(() => r()));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('heap growth while the result is held stays far below 100 bytes per trade; progress rises to the file size', async () => {
      // A real collection before each reading, so the growth is what the result holds.
      v8.setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      gc();
      const before = process.memoryUsage().heapUsed;
      const progress: LoadProgress[] = [];
      const loaded = await loadPairFiles([file], { onProgress: (p) => progress.push(p) });
      gc();
      const growth = process.memoryUsage().heapUsed - before;
      console.log(`      heap growth ${(growth / 2 ** 20).toFixed(2)} MB for ${TRADES} trades`);
      // 3000 s of trades: 3000 one-second bars per symbol. Kept trades would cost well over 100 B each (30 MB).
      assert.equal(loaded.reports[0].records, TRADES);
      assert.equal(loaded.bars.get('BTCUSDT')!.length, 3000);
      assert.ok(growth < (TRADES * 100) / 4, `heap grew ${(growth / 2 ** 20).toFixed(1)} MB for ${TRADES} trades`);
      assert.ok(progress.length >= 6, `${progress.length} progress reports`);
      for (let i = 1; i < progress.length; i++) assert.ok(progress[i].bytesRead >= progress[i - 1].bytesRead);
      assert.equal(progress[progress.length - 1].bytesRead, progress[0].totalBytes);
      assert.ok(progress[2].bytesRead > 0 && progress[2].bytesRead < progress[0].totalBytes);
    });

    it('cancellation stops the read with a clear error', async () => {
      let calls = 0;
      await assert.rejects(loadPairFiles([file], { isCancelled: () => ++calls >= 2 }), (err: unknown) => err instanceof EngineError && /cancelled/.test(err.message));
    });
  });
});
