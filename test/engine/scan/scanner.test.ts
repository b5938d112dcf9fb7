// The whole scan against the local exchange's synthetic universe over REST: planted pairs found,
// few false discoveries, contracts that are not perpetual / not trading listed as excluded, the cache
// making a re-scan ask for nothing already held, and Cancel honoured within a second.
import { strict as assert } from 'assert';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { syntheticUniverse } from '../../../tools/local-exchange/syntheticUniverse';
import { startUniverseExchange, type UniverseExchange } from '../../../tools/local-exchange/universeServer';
import { BinanceRest } from '../../../src/engine/feed/rest';
import { scanExchange } from '../../../src/engine/scan/restScan';
import { DirectoryKlineCache } from '../../../src/engine/scan/klineCache';
import { ScanWorkerPool } from '../../../src/engine/scan/workerPool';
import { runScan, topReasons } from '../../../src/engine/scan/scanner';
import type { SymbolCloses } from '../../../src/engine/scan/align';

const key = (a: string, b: string) => (a < b ? `${a}/${b}` : `${b}/${a}`);

describe('scan: synthetic universe over the local exchange', function () {
  this.timeout(120_000);
  const universe = syntheticUniverse({ symbols: 400, bars: 1100, plantedPairs: 40, seed: 2026 });
  let exchange: UniverseExchange;
  let cacheDir: string;
  const pool = new ScanWorkerPool();
  before(async () => {
    exchange = await startUniverseExchange(universe);
    cacheDir = mkdtempSync(join(tmpdir(), 'qp-scan-'));
  });
  after(async () => {
    await exchange.close();
    await pool.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('marks ≥ 90% of the planted pairs as passing, and ≤ 5% of passing pairs are not planted', async () => {
    const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl });
    const report = await scanExchange(rest, { kind: 'top', count: 1000 }, universe.intervalMs, { bars: 1000 }, { cache: new DirectoryKlineCache(cacheDir), pool });
    assert.equal(report.symbols.length, 400);
    assert.deepEqual(
      report.excluded.map((e) => e.symbol).sort(),
      ['SYNQTRUSDT_261225', 'SYNSETTLEUSDT'],
      'the quarterly and the settling contract are excluded and listed',
    );
    assert.match(report.excluded.find((e) => e.symbol === 'SYNSETTLEUSDT')!.reason, /not trading \(SETTLING\)/);
    assert.equal(report.pairsTotal, (400 * 399) / 2);
    const planted = new Map(universe.planted.map((p) => [key(p.y, p.x), p]));
    const passing = report.results.filter((r) => r.passes);
    const truePass = passing.filter((r) => planted.has(key(r.y, r.x)));
    const naive = report.results.filter((r) => r.p < 0.05);
    const naiveFalse = naive.filter((r) => !planted.has(key(r.y, r.x)));
    const recall = truePass.length / universe.planted.length;
    const falseShare = (passing.length - truePass.length) / Math.max(1, passing.length);
    console.log(
      `      planted ${universe.planted.length}, passing ${passing.length} (${truePass.length} planted): recall ${recall.toFixed(3)}, false share ${falseShare.toFixed(3)}; ` +
        `naive p < 0.05: ${naive.length} pairs, ${naiveFalse.length} not planted (${(naiveFalse.length / naive.length).toFixed(3)})`,
    );
    assert.ok(recall >= 0.9, `recall ${recall}`);
    assert.ok(falseShare <= 0.05, `false share ${falseShare}`);
    // The hedge ratio found is the planted one (either ordering: β or 1/β).
    for (const r of truePass) {
      const p = planted.get(key(r.y, r.x))!;
      const expected = r.y === p.y ? p.beta : 1 / p.beta;
      assert.ok(Math.abs(r.beta / expected - 1) < 0.05, `${r.y}/${r.x} β ${r.beta} vs planted ${expected}`);
    }
    // The matrices the views draw from: ρ of a result's pair at its symbols' cell; ln close of the lookback.
    const index = new Map(report.symbols.map((sym, i) => [sym, i]));
    const top = report.results[0];
    const [i, j] = [index.get(top.y)!, index.get(top.x)!].sort((a, b) => a - b);
    assert.equal(report.matrices.corr[i * 400 + j], top.corr);
    assert.equal(report.matrices.logPrices.length, 400 * 1000);
    // Sorted by q, then p.
    for (let i = 1; i < report.results.length; i++) {
      const [a, b] = [report.results[i - 1], report.results[i]];
      assert.ok(a.q < b.q || (a.q === b.q && a.p <= b.p), `order at ${i}`);
    }
  });

  it('a re-scan with the cache asks the exchange for no klines it already has', async () => {
    const before = exchange.requests.klines;
    const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl });
    const report = await scanExchange(rest, { kind: 'top', count: 1000 }, universe.intervalMs, { bars: 1000 }, { cache: new DirectoryKlineCache(cacheDir), pool });
    assert.equal(report.fetch.fromCache, 400);
    assert.equal(exchange.requests.klines - before, 0);
  });

  it('cancel stops the scan within 1 s and leaves the pool usable', async () => {
    const series: SymbolCloses[] = universe.symbols.slice(0, 400).map((s) => ({ symbol: s.symbol, openTimes: s.openTimes.subarray(0, -1), closes: s.close.subarray(0, -1) }));
    const abort = new AbortController();
    let abortedAt = 0;
    const scan = runScan(series, universe.intervalMs, { bars: 1000, top: 20_000 }, {
      signal: abort.signal,
      pool,
      onProgress: (p) => {
        if (p.phase === 'test' && p.pairsTested > 0 && !abortedAt) {
          abortedAt = performance.now();
          abort.abort();
        }
      },
    });
    await assert.rejects(scan, (e: { code?: string }) => e.code === 'CANCELLED');
    const took = performance.now() - abortedAt;
    assert.ok(abortedAt > 0 && took < 1000, `cancel took ${took} ms`);
    // The workers stop too: a small scan right after gets the pool within the second.
    const again = await runScan(series.slice(0, 10), universe.intervalMs, { bars: 1000 }, { pool });
    assert.equal(again.pairsTotal, 45);
    const idleAfter = performance.now() - abortedAt;
    assert.ok(idleAfter < 1000, `pool free and a 45-pair scan done ${idleAfter} ms after the cancel`);
  });
});

describe('scan: why every symbol was dropped', () => {
  it('names the commonest reasons first, reasons differing only in numbers and times counted as one', () => {
    const short = (symbol: string, n: number) => ({ symbol, reason: `only ${n} bars of 1h (needs 1000), the first at 2026-02-01T0${n % 10}:00:00Z` });
    const excluded = [
      { symbol: 'BTCUSDT', reason: 'no 24 h ticker' },
      short('LINKUSDT', 672),
      short('NEARUSDT', 672),
      { symbol: 'ETHUSDT', reason: 'no 24 h ticker' },
      short('ALGOUSDT', 671),
      short('DOTUSDT', 600),
      { symbol: 'GAPUSDT', reason: '2 missing bars in the lookback (first 2025-10-01T00:00:00Z)' },
      { symbol: 'FLATUSDT', reason: 'the close never changes in the lookback' },
    ];
    assert.equal(
      topReasons(excluded),
      '4 symbols: only 672 bars of 1h (needs 1000), the first at 2026-02-01T02:00:00Z (LINKUSDT, NEARUSDT, ALGOUSDT and 1 more); ' +
        '2 symbols: no 24 h ticker (BTCUSDT, ETHUSDT); 1 symbol: 2 missing bars in the lookback (first 2025-10-01T00:00:00Z) (GAPUSDT); 1 other reason',
    );
  });

  it('a scan left with fewer than two symbols says the top reasons before the full list', async () => {
    const H = 3_600_000;
    const times = (n: number) => Array.from({ length: n }, (_, i) => i * H);
    const series: SymbolCloses[] = [
      { symbol: 'AUSDT', openTimes: times(100), closes: times(100).map((_, i) => 1 + i) },
      { symbol: 'BUSDT', openTimes: times(100).slice(40), closes: times(60).map((_, i) => 2 + i) },
    ];
    await assert.rejects(runScan(series, H, { bars: 80 }), (err: Error) => {
      assert.equal(err.message, 'scan: 1 symbol left after alignment (need 2). Top reasons: 1 symbol: only 60 bars of 1h (needs 80), the first at 1970-01-02T16:00:00Z (BUSDT). Excluded: BUSDT (only 60 bars of 1h (needs 80), the first at 1970-01-02T16:00:00Z)');
      return true;
    });
  });
});
