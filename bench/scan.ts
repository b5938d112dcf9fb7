// `npm run bench:scan`: the pair scan end to end. (1) 400 synthetic symbols × 1,000 hourly bars from the
// local exchange's seeded universe, klines already in the on-disk cache (a first scan fills it, untimed),
// then the timed scan: exchangeInfo + ticker/24hr + cache read + alignment + stage 1 + stage 2 + BH.
// (2) The real ../shared/data/klines/universe-1h (479 symbols × 1,000 bars) read from its files, when
// present, on its own line beside the statsmodels anchor (the same scan in pandas + statsmodels: 99 s).
// Main-thread stall = the longest event-loop delay during the scan (perf_hooks histogram, 1 ms resolution).
// The last line printed is one JSON object with the synthetic run's figures.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { syntheticUniverse } from '../tools/local-exchange/syntheticUniverse';
import { startUniverseExchange } from '../tools/local-exchange/universeServer';
import { BinanceRest } from '../src/engine/feed/rest';
import { scanExchange } from '../src/engine/scan/restScan';
import { runScan, type ScanReport } from '../src/engine/scan/scanner';
import { DirectoryKlineCache } from '../src/engine/scan/klineCache';
import { ScanWorkerPool } from '../src/engine/scan/workerPool';
import { closesFromFiles } from '../src/engine/scan/fileSeries';

const STATSMODELS_ANCHOR_S = 99;
const REAL_DIR = join(__dirname, '../../shared/data/klines/universe-1h');
const BUNDLED_WORKER = join(__dirname, '../dist/scanWorker.js');

const peakRssMB = () => process.resourceUsage().maxRSS / 1024;
const key = (a: string, b: string) => (a < b ? `${a}/${b}` : `${b}/${a}`);

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; maxStallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  h.disable();
  return { value, seconds, maxStallMs: h.max / 1e6 };
}

function stages(r: ScanReport): string {
  const t = r.timings;
  return `align ${t.alignMs.toFixed(0)} ms, stage 1 (correlation + screen) ${t.correlationMs.toFixed(0)} ms, stage 2 (${r.screened} pairs) ${t.testMs.toFixed(0)} ms`;
}

async function main(): Promise<void> {
  const workerScript = existsSync(BUNDLED_WORKER) ? BUNDLED_WORKER : undefined;
  const pool = new ScanWorkerPool({ workerScript });
  const universe = syntheticUniverse({ symbols: 400, bars: 1001, plantedPairs: 40, seed: 2026 });
  const exchange = await startUniverseExchange(universe);
  const cacheDir = mkdtempSync(join(tmpdir(), 'qp-bench-scan-'));
  try {
    const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl });
    const cache = new DirectoryKlineCache(cacheDir);
    const fill = await timed(() => scanExchange(rest, { kind: 'top', count: 400 }, universe.intervalMs, { bars: 1000 }, { cache, pool }));
    console.log(`cache fill (untimed warm-up): ${fill.value.fetch.requests} REST requests, ${fill.seconds.toFixed(1)} s`);

    const run = await timed(() => scanExchange(rest, { kind: 'top', count: 400 }, universe.intervalMs, { bars: 1000 }, { cache, pool }));
    const r = run.value;
    const planted = new Set(universe.planted.map((p) => key(p.y, p.x)));
    const passing = r.results.filter((x) => x.passes);
    const truePass = passing.filter((x) => planted.has(key(x.y, x.x))).length;
    const naive = r.results.filter((x) => x.p < 0.05);
    const naiveFalse = naive.filter((x) => !planted.has(key(x.y, x.x))).length;
    const recall = truePass / universe.planted.length;
    const byHalfLife = [[1.5, 3], [3, 5], [5, 8]].map(([lo, hi]) => {
      const inBucket = universe.planted.filter((p) => p.halfLife >= lo && p.halfLife < hi);
      const found = inBucket.filter((p) => passing.some((x) => key(x.y, x.x) === key(p.y, p.x))).length;
      return `HL ${lo}–${hi}: ${found}/${inBucket.length}`;
    });
    console.log(
      `synthetic ${r.symbols.length} symbols × 1000 bars: ${run.seconds.toFixed(2)} s (fetch from cache ${(r.fetch.ms / 1000).toFixed(2)} s, ${r.fetch.requests} kline requests; ${stages(r)}), ` +
        `${r.workers} worker(s), stall ${run.maxStallMs.toFixed(1)} ms; passing ${passing.length} (${truePass} planted): recall ${recall.toFixed(3)} [${byHalfLife.join(', ')}], ` +
        `false share ${((passing.length - truePass) / Math.max(1, passing.length)).toFixed(3)}; naive p < 0.05: ${naive.length} (${naiveFalse} not planted)`,
    );
    const synthetic = {
      symbols: r.symbols.length,
      pairs: r.pairsTotal,
      scanSeconds: Number(run.seconds.toFixed(3)),
      pairsTestedPerSec: Math.round(r.screened / (r.timings.testMs / 1000)),
      workers: r.workers,
      maxStallMs: Number(run.maxStallMs.toFixed(1)),
      peakRssMB: Math.round(peakRssMB()),
      recall: Number(recall.toFixed(3)),
      falseShare: Number(((passing.length - truePass) / Math.max(1, passing.length)).toFixed(3)),
      naiveFalseShare: Number((naiveFalse / Math.max(1, naive.length)).toFixed(3)),
    };

    if (existsSync(REAL_DIR)) {
      const files = readdirSync(REAL_DIR).filter((f) => f.endsWith('.csv.gz')).map((f) => join(REAL_DIR, f));
      const loadStart = performance.now();
      const { series } = await closesFromFiles(files, 3_600_000);
      const loadSeconds = (performance.now() - loadStart) / 1000;
      const real = await timed(() => runScan(series, 3_600_000, { bars: 1000 }, { pool }));
      const rr = real.value;
      const rPass = rr.results.filter((x) => x.passes).length;
      console.log(
        `real universe-1h ${rr.symbols.length} symbols × 1000 bars: ${real.seconds.toFixed(2)} s (files read in ${loadSeconds.toFixed(1)} s beforehand; ${stages(rr)}) ` +
          `vs pandas + statsmodels ${STATSMODELS_ANCHOR_S} s (${(STATSMODELS_ANCHOR_S / real.seconds).toFixed(0)}× faster); stall ${real.maxStallMs.toFixed(1)} ms; ` +
          `p < 0.05: ${rr.results.filter((x) => x.p < 0.05).length}, q ≤ 0.05: ${rr.results.filter((x) => x.q <= 0.05).length}, qAll ≤ 0.05: ${rr.results.filter((x) => x.qAll <= 0.05).length}, passing ${rPass}`,
      );
      console.log(
        JSON.stringify({
          universe: 'real universe-1h',
          symbols: rr.symbols.length,
          pairs: rr.pairsTotal,
          scanSeconds: Number(real.seconds.toFixed(3)),
          pairsTestedPerSec: Math.round(rr.screened / (rr.timings.testMs / 1000)),
          workers: rr.workers,
          maxStallMs: Number(real.maxStallMs.toFixed(1)),
          peakRssMB: Math.round(peakRssMB()),
          recall: 'n/a',
          statsmodelsSeconds: STATSMODELS_ANCHOR_S,
        }),
      );
    } else {
      console.log(`real universe: ${REAL_DIR} not present, skipped`);
    }
    console.log(JSON.stringify(synthetic));
  } finally {
    await pool.close();
    await exchange.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
