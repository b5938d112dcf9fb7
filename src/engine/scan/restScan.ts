// A scan of an exchange's universe: exchangeInfo + ticker/24hr → universe, klines (cached) → scan.
// The one call the extension makes (with its global storage folder as the cache and its Cancel as the signal).
import type { BinanceRest } from '../feed/rest';
import { selectUniverse, type SourceOf, type UniverseSpec } from './universe';
import { fetchUniverseCloses, type FetchProgress } from './klineFetch';
import type { KlineCache } from './klineCache';
import { runScan, type ScanProgress, type ScanReport } from './scanner';
import type { ScanOptions } from './options';
import type { ScanWorkerPool } from './workerPool';

export interface ExchangeScanRun {
  cache?: KlineCache;
  signal?: AbortSignal;
  onFetchProgress?: (p: FetchProgress) => void;
  onProgress?: (p: ScanProgress) => void;
  pool?: ScanWorkerPool;
  /** Each symbol's data source, when the exchange mixes sources (the local exchange's mounts): one per scan. */
  sourceOf?: SourceOf;
}

export interface ExchangeScanReport extends ScanReport {
  fetch: { requests: number; barsFetched: number; fromCache: number; ms: number };
}

export async function scanExchange(rest: BinanceRest, universe: UniverseSpec, intervalMs: number, options: Partial<ScanOptions> = {}, run: ExchangeScanRun = {}): Promise<ExchangeScanReport> {
  const started = performance.now();
  const infos = await rest.exchangeInfo();
  const tickers = universe.kind === 'top' ? await rest.ticker24hr() : [];
  const chosen = selectUniverse(infos, tickers, universe, run.sourceOf);
  const bars = options.bars ?? 1000;
  const fetched = await fetchUniverseCloses(rest, chosen.symbols, intervalMs, bars, { cache: run.cache, signal: run.signal, onProgress: run.onFetchProgress });
  const fetchMs = performance.now() - started;
  const report = await runScan(fetched.series, intervalMs, options, {
    signal: run.signal,
    onProgress: run.onProgress,
    pool: run.pool,
    excluded: [...chosen.excluded, ...fetched.excluded],
  });
  return { ...report, fetch: { requests: fetched.requests, barsFetched: fetched.barsFetched, fromCache: fetched.fromCache, ms: fetchMs } };
}
