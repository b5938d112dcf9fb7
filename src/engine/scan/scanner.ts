// The pair scan: align → stage 1 (correlation screen of every pair) → stage 2 (cointegration tests of
// the candidates, split across the worker pool) → Benjamini–Hochberg → out-of-sample rule → sorted
// results. The calling thread only does O(n·N) and O(n²) bookkeeping between awaits; the products and
// the tests run in workers, so an extension host calling this stays responsive. Cancel via AbortSignal.
import { EngineError } from '../errors';
import { alignUniverse, type ExcludedSymbol, type SymbolCloses } from './align';
import { balancedRowBlocks, standardisedReturns } from './correlation';
import { screenPairs } from './screen';
import { benjaminiHochberg } from './fdr';
import { maxHalfLifeFor, resolveScanOptions, type ScanOptions } from './options';
import { ScanWorkerPool } from './workerPool';
import type { PairStatistics } from './pairTest';
import type { FromWorker } from './workerProtocol';

/** A tested pair as reported: its statistics with the legs named, the q-values and the pass verdict. */
export interface ScanPairResult extends Omit<PairStatistics, 'y' | 'x'> {
  y: string;
  x: string;
  q: number;
  qAll: number;
  passes: boolean;
}

export interface ScanProgress {
  phase: 'align' | 'screen' | 'test' | 'done';
  symbols: number;
  pairsScreened: number;
  pairsTested: number;
  pairsToTest: number;
}

export interface ScanTimings {
  alignMs: number;
  correlationMs: number;
  testMs: number;
  totalMs: number;
}

export interface ScanReport {
  symbols: string[];
  excluded: ExcludedSymbol[];
  pairsTotal: number;
  screened: number;
  results: ScanPairResult[];
  /** The rule and settings the results were computed with. */
  parameters: ScanOptions & { intervalMs: number; maxHalfLifeBars: number; passRule: string; johansen: string };
  timings: ScanTimings;
  workers: number;
  /**
   * For the scanner's views (not in the JSON output): the lookback's open times, ln(close) of each symbol
   * (row-major, symbols × bars: spreads and sparklines are ln y − α − β ln x) and the correlation matrix of
   * log returns (symbols × symbols, upper triangle and diagonal filled), for the heatmap.
   */
  matrices: { openTimes: Float64Array; logPrices: Float64Array; corr: Float64Array };
}

export interface ScanRun {
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  /** A pool to reuse across scans; by default one is made for this scan and closed after it. */
  pool?: ScanWorkerPool;
  /** Symbols already excluded upstream (universe selection, fetch), listed with the alignment's. */
  excluded?: ExcludedSymbol[];
}

/**
 * The commonest reasons first, each once with its count and an example ("7 symbols: only 672 bars of 1h (needs
 * 1000), the first at … (LINKUSDT, NEARUSDT, ALGOUSDT and 4 more)"): reasons that differ only in their numbers
 * and times are one reason.
 */
export function topReasons(excluded: readonly ExcludedSymbol[], shown = 3): string {
  const groups = new Map<string, ExcludedSymbol[]>();
  for (const e of excluded) {
    const key = e.reason.replace(/\d[\d:.TZ-]*/g, '#');
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  const ranked = [...groups.values()].sort((a, b) => b.length - a.length);
  const text = ranked.slice(0, shown).map((g) => {
    const names = g.slice(0, 3).map((e) => e.symbol).join(', ') + (g.length > 3 ? ` and ${g.length - 3} more` : '');
    return `${g.length} symbol${g.length === 1 ? '' : 's'}: ${g[0].reason} (${names})`;
  });
  if (ranked.length > shown) text.push(`${ranked.length - shown} other reason${ranked.length - shown === 1 ? '' : 's'}`);
  return text.join('; ');
}

/** Pairs per worker task: small enough that a cancel is seen within a few ms, large enough to amortise messages. */
const PAIRS_PER_TASK = 24;

export async function runScan(series: readonly SymbolCloses[], intervalMs: number, partial: Partial<ScanOptions> = {}, run: ScanRun = {}): Promise<ScanReport> {
  const options = resolveScanOptions(partial);
  const started = performance.now();
  const signal = run.signal;
  const checkCancel = () => {
    if (signal?.aborted) throw new EngineError('CANCELLED', 'scan cancelled');
  };
  checkCancel();
  const aligned = alignUniverse(series, intervalMs, options.bars);
  const excluded = [...(run.excluded ?? []), ...aligned.excluded];
  const n = aligned.symbols.length;
  const N = aligned.bars;
  const progress: ScanProgress = { phase: 'align', symbols: n, pairsScreened: 0, pairsTested: 0, pairsToTest: 0 };
  run.onProgress?.({ ...progress });
  if (n < 2) {
    const all = excluded.map((e) => `${e.symbol} (${e.reason})`).join('; ') || 'none';
    throw new EngineError('TOO_FEW_OBSERVATIONS', `scan: ${n} symbol${n === 1 ? '' : 's'} left after alignment (need 2)${excluded.length ? `. Top reasons: ${topReasons(excluded)}` : ''}. Excluded: ${all}`);
  }
  const pairsTotal = (n * (n - 1)) / 2;
  const alignedAt = performance.now();

  const pool = run.pool ?? new ScanWorkerPool();
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  let settled = false;
  const cancelled = () => Atomics.load(cancelFlag, 0) !== 0;
  const onAbort = () => {
    Atomics.store(cancelFlag, 0, 1);
    // Workers stop between pairs within milliseconds; a pool still busy with this scan after 0.5 s is terminated.
    setTimeout(() => {
      if (!settled) void pool.terminate();
    }, 500).unref?.();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const scanId = nextScanId++;
    const logPrices = new Float64Array(new SharedArrayBuffer(aligned.logPrices.byteLength));
    logPrices.set(aligned.logPrices);
    const returns = new Float64Array(new SharedArrayBuffer(n * (N - 1) * 8));
    returns.set(standardisedReturns(logPrices, n, N));
    const corr = new Float64Array(new SharedArrayBuffer(n * n * 8));
    pool.broadcast({
      kind: 'init',
      scanId,
      symbols: n,
      bars: N,
      logPrices: logPrices.buffer as SharedArrayBuffer,
      returns: returns.buffer as SharedArrayBuffer,
      corr: corr.buffer as SharedArrayBuffer,
      cancel: cancelFlag.buffer as SharedArrayBuffer,
      inSampleShare: options.inSampleShare,
      johansenLags: options.johansenLags,
    });
    const expectDone = (m: FromWorker): Extract<FromWorker, { kind: 'done' }> => {
      checkCancel();
      if (m.kind === 'failed') throw new EngineError('BAD_ARGUMENT', `scan worker: ${m.message}`);
      return m;
    };
    // Stage 1: row blocks of Z·Zᵀ, several per worker so the pool stays balanced.
    const blocks = balancedRowBlocks(n, pool.size * 4);
    await guard(
      Promise.all(blocks.map(([fromRow, toRow]) => pool.run((taskId) => ({ kind: 'corr', taskId, scanId, fromRow, toRow }), cancelled).then(expectDone))),
      signal,
    );
    const candidates = screenPairs(corr, n, options.minCorr > 0 && partial.top === undefined ? Infinity : options.top, options.minCorr);
    const k = candidates.first.length;
    progress.phase = 'screen';
    progress.pairsScreened = pairsTotal;
    progress.pairsToTest = k;
    run.onProgress?.({ ...progress });
    const screenedAt = performance.now();

    // Stage 2: dynamic chunks over the pool.
    progress.phase = 'test';
    const stats: PairStatistics[] = new Array(k);
    const chunks: Array<Promise<void>> = [];
    for (let from = 0; from < k; from += PAIRS_PER_TASK) {
      const to = Math.min(k, from + PAIRS_PER_TASK);
      chunks.push(
        pool
          .run((taskId) => ({
            kind: 'pairs',
            taskId,
            scanId,
            first: candidates.first.slice(from, to),
            second: candidates.second.slice(from, to),
            corr: candidates.corr.slice(from, to),
          }), cancelled)
          .then((m) => {
            const done = expectDone(m);
            if (done.cancelled || !done.results) throw new EngineError('CANCELLED', 'scan cancelled');
            done.results.forEach((r, offset) => (stats[from + offset] = r));
            progress.pairsTested += done.results.length;
            run.onProgress?.({ ...progress });
          }),
      );
    }
    await guard(Promise.all(chunks), signal);
    checkCancel();
    const testedAt = performance.now();

    const results = finish(aligned.symbols, stats, pairsTotal, options, N);
    progress.phase = 'done';
    run.onProgress?.({ ...progress });
    return {
      symbols: aligned.symbols,
      excluded,
      pairsTotal,
      screened: k,
      results,
      parameters: {
        ...options,
        intervalMs,
        maxHalfLifeBars: maxHalfLifeFor(options, N),
        passRule: passRuleText(options, N),
        johansen: 'trace test of rank 0 against ≥ 1 at 95%, det_order 0, k_ar_diff ' + options.johansenLags,
      },
      timings: {
        alignMs: alignedAt - started,
        correlationMs: screenedAt - alignedAt,
        testMs: testedAt - screenedAt,
        totalMs: performance.now() - started,
      },
      workers: pool.size,
      matrices: { openTimes: aligned.openTimes, logPrices: aligned.logPrices, corr: Float64Array.from(corr) },
    };
  } catch (err) {
    if (signal?.aborted) throw new EngineError('CANCELLED', 'scan cancelled');
    throw err;
  } finally {
    settled = true;
    signal?.removeEventListener('abort', onAbort);
    if (!run.pool) await pool.close();
  }
}

let nextScanId = 1;

/** Rejects as soon as the signal aborts, without waiting for the workers to answer. */
function guard<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new EngineError('CANCELLED', 'scan cancelled'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function passRuleText(options: ScanOptions, bars: number): string {
  const q = options.fdrOver === 'all' ? 'qAll' : 'q';
  return `${q} ≤ ${options.fdr} and oosP ≤ ${options.oosAlpha} and ${options.minHalfLife} ≤ halfLife ≤ ${maxHalfLifeFor(options, bars)} bars`;
}

/** q-values, the pass rule, symbol names, and the order: q, then p. */
function finish(symbols: string[], stats: PairStatistics[], pairsTotal: number, options: ScanOptions, bars: number): ScanPairResult[] {
  const p = stats.map((s) => s.p);
  const q = benjaminiHochberg(p);
  const qAll = benjaminiHochberg(p, pairsTotal);
  const maxHl = maxHalfLifeFor(options, bars);
  const results = stats.map((s, i): ScanPairResult => {
    const qRule = options.fdrOver === 'all' ? qAll[i] : q[i];
    const passes =
      qRule <= options.fdr && s.oosP !== null && s.oosP <= options.oosAlpha && s.halfLife !== null && s.halfLife >= options.minHalfLife && s.halfLife <= maxHl;
    const r: ScanPairResult = {
      y: symbols[s.y],
      x: symbols[s.x],
      corr: s.corr,
      beta: s.beta,
      betaReverse: s.betaReverse,
      egP: s.egP,
      egPReverse: s.egPReverse,
      p: s.p,
      q: q[i],
      qAll: qAll[i],
      johansenTrace: s.johansenTrace,
      johansenCrit95: s.johansenCrit95,
      halfLife: s.halfLife,
      hurst: s.hurst,
      crossingsPer100: s.crossingsPer100,
      sigmaBp: s.sigmaBp,
      oosP: s.oosP,
      oosHalfLife: s.oosHalfLife,
      passes,
    };
    if (s.error !== undefined) r.error = s.error;
    return r;
  });
  results.sort((a, b) => a.q - b.q || a.p - b.p || a.y.localeCompare(b.y) || a.x.localeCompare(b.x));
  return results;
}
