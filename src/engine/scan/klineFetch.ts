// Klines of a universe over REST, within the weight budget: requests go a few at a time through the
// project's REST client (which counts weight and honours Retry-After); when it says "not before T" we wait
// until T (cancellable) and ask again. Only closed candles are kept; the cache supplies what was fetched
// before, so a re-scan asks only for the bars that closed since.
import { EngineError, isEngineError } from '../errors';
import { RateLimitedError, type Kline, type KlinesQuery } from '../feed/rest';
import { barOpenTime, timeframeText } from '../bars/timeframe';
import type { ExcludedSymbol, SymbolCloses } from './align';
import type { KlineCache } from './klineCache';

/** What the fetch needs from the REST client (BinanceRest has it). */
export interface KlineSource {
  serverTime(): Promise<number>;
  klines(query: KlinesQuery): Promise<Kline[]>;
}

export interface FetchProgress {
  symbolsDone: number;
  symbolsTotal: number;
  requests: number;
  barsFetched: number;
  /** Set while waiting for the weight budget or a Retry-After. */
  waitingUntil?: number;
}

export interface FetchOptions {
  cache?: KlineCache;
  signal?: AbortSignal;
  onProgress?: (p: FetchProgress) => void;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Network failures retried per symbol before it is excluded (default 3). */
  retries?: number;
}

export interface FetchedUniverse {
  series: SymbolCloses[];
  excluded: ExcludedSymbol[];
  requests: number;
  barsFetched: number;
  fromCache: number;
}

/** Weight 5 at limit 1000 (vs 10 at 1500): 1000 per page fetches the most bars per unit of weight. */
const PAGE = 1000;

export async function fetchUniverseCloses(source: KlineSource, symbols: readonly string[], intervalMs: number, bars: number, options: FetchOptions = {}): Promise<FetchedUniverse> {
  const interval = timeframeText(intervalMs);
  const signal = options.signal;
  const now = await source.serverTime();
  // The candle holding `now` is still open: the lookback ends at the one before.
  const lastClosed = barOpenTime(now, intervalMs) - intervalMs;
  const wantFrom = lastClosed - (bars - 1) * intervalMs;
  const progress: FetchProgress = { symbolsDone: 0, symbolsTotal: symbols.length, requests: 0, barsFetched: 0 };
  const series: SymbolCloses[] = new Array(symbols.length);
  const excluded: ExcludedSymbol[] = [];
  let fromCache = 0;
  let next = 0;

  async function one(symbol: string): Promise<SymbolCloses | ExcludedSymbol> {
    const cached = (await options.cache?.read(symbol, interval)) ?? { openTimes: [], closes: [] };
    const times = cached.openTimes.filter((t) => t >= wantFrom && t <= lastClosed);
    const closes = cached.closes.filter((_, i) => cached.openTimes[i] >= wantFrom && cached.openTimes[i] <= lastClosed);
    // Only a contiguous cached run reaching back to the lookback start can be extended; else refetch all.
    const contiguous = times.length > 0 && times[0] === wantFrom && times[times.length - 1] - times[0] === (times.length - 1) * intervalMs;
    let start = contiguous ? times[times.length - 1] + intervalMs : wantFrom;
    if (!contiguous) {
      times.length = 0;
      closes.length = 0;
    } else if (start > lastClosed) fromCache++;
    let failures = 0;
    while (start <= lastClosed) {
      if (signal?.aborted) throw new EngineError('CANCELLED', 'scan cancelled');
      const needed = Math.floor((lastClosed - start) / intervalMs) + 1;
      let rows: Kline[];
      try {
        progress.requests++;
        rows = await source.klines({ symbol, interval, startTime: start, endTime: lastClosed, limit: Math.min(PAGE, needed) });
      } catch (err) {
        if (err instanceof RateLimitedError) {
          progress.waitingUntil = err.retryAt;
          options.onProgress?.({ ...progress });
          await sleepUntil(err.retryAt, signal);
          progress.waitingUntil = undefined;
          continue;
        }
        if (isEngineError(err) && err.code === 'BAD_SYMBOL') return { symbol, reason: 'not listed by the exchange' };
        if (isEngineError(err) && err.code === 'NETWORK' && ++failures <= (options.retries ?? 3)) continue;
        if (isEngineError(err)) return { symbol, reason: `klines failed: ${err.message}` };
        throw err;
      }
      let advanced = false;
      for (const k of rows) {
        if (k.openTime < start || k.openTime > lastClosed) continue;
        if (times.length > 0 && k.openTime <= times[times.length - 1]) continue;
        times.push(k.openTime);
        closes.push(k.close);
        progress.barsFetched++;
        advanced = true;
      }
      if (!advanced) break; // the exchange has nothing more (a symbol listed later, or a halt)
      start = times[times.length - 1] + intervalMs;
    }
    if (times.length > 0) await options.cache?.write(symbol, interval, { openTimes: times, closes });
    return { symbol, openTimes: times, closes };
  }

  async function lane(): Promise<void> {
    while (next < symbols.length) {
      const index = next++;
      const result = await one(symbols[index]);
      if ('reason' in result) excluded.push(result);
      else series[index] = result;
      progress.symbolsDone++;
      options.onProgress?.({ ...progress });
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, symbols.length) }, lane));
  return { series: series.filter((s) => s !== undefined), excluded, requests: progress.requests, barsFetched: progress.barsFetched, fromCache };
}

function sleepUntil(time: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new EngineError('CANCELLED', 'scan cancelled'));
    const timer = setTimeout(done, Math.max(0, time - Date.now()));
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new EngineError('CANCELLED', 'scan cancelled'));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
