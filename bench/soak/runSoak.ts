// Runs one soak scenario: the local exchange plays compressed time with faults on a schedule, the engine's
// pipeline consumes it, and at the end every id is accounted for against the exchange's own REST history.
import { monitorEventLoopDelay } from 'perf_hooks';
import type { ExchangeOptions } from '../../tools/local-exchange';
import type { BinanceFeedOptions } from '../../src/engine/feed';
import { childProcessExchange, inProcessExchange, type SoakExchange } from './exchangeHost';
import { injectedUnrepairable, type ScheduledFault } from './faultSchedule';
import { SoakPipeline } from './pipeline';
import { matchUnrepaired, storeChunkBound } from './accounting';

export interface SoakScenario {
  name: string;
  exchange: ExchangeOptions & { speed: number };
  /** Run the exchange in a child process (its memory and CPU stay out of the figures). */
  exchangeInChild: boolean;
  symbols: readonly string[];
  pairs: ReadonlyArray<readonly [string, string]>;
  /** Length of the run in exchange time. */
  durationMs: number;
  plan: readonly ScheduledFault[];
  historyMs: number;
  feed: Partial<BinanceFeedOptions>;
  /** Force a GC and sample memory at this exchange time (the end of the first "hour"). */
  warmupMs: number;
  gc?: () => void;
  log?: (line: string) => void;
}

export interface SoakReport {
  scenario: string;
  exchangeHours: number;
  realSeconds: number;
  symbols: number;
  pairs: number;
  tradesSent: number;
  aggTradesInWindow: number;
  stored: number;
  lost: number;
  duplicated: number;
  repairedGaps: number;
  unrepairedGapsReported: number;
  unrepairedGapsInjected: number;
  unexpectedUnrepaired: number;
  missingReports: number;
  reconnects: number;
  /** Times the server closed a connection at its maximum age before the feed had rotated it (want 0). */
  serverLifetimeCloses: number;
  malformedFrames: number;
  duplicatesDropped: number;
  outOfOrderFixed: number;
  restRequests: number;
  restByStatus: Record<string, number>;
  restPeakWeight1m: number;
  restWeightLimit: number;
  bars1s: number;
  bars1m: number;
  alignedPairBars: number;
  lateBarTicks: number;
  nonFinite: number;
  memoryMB: { heapStart: number; heapAfterWarmup: number; heapPeak: number; heapEnd: number; storeStart: number; storeAfterWarmup: number; storePeak: number; storeEnd: number };
  heapGrowthAfterWarmupMB: number;
  storeGrowthAfterWarmupMB: number;
  /** What the store may hold: per symbol, the chunks for its largest hour of ticks, a partial one and a spare. */
  storeBoundMB: number;
  /** Longest span of trade time any symbol's store held at the end (must be ≤ the history). */
  storeSpanMinutes: number;
  maxStallMs: number;
  /** The three longest stalls, each with the exchange hour it happened in and the fault just before it. */
  worstStalls: Array<{ ms: number; atHour: number; after: string }>;
  ok: boolean;
  failures: string[];
}

const MB = 1024 * 1024;
/** Heap (after a forced GC) may move by this much after warm-up without counting as growth. */
const HEAP_GROWTH_LIMIT = 8 * MB;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The newest aggregate id the exchange serves over REST, honouring 429/418 Retry-After. */
async function newestAggId(restBaseUrl: string, symbol: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await fetch(`${restBaseUrl}/fapi/v1/aggTrades?symbol=${symbol}&limit=5`);
    if (response.status === 429 || response.status === 418) {
      await sleep(1000 * (Number(response.headers.get('retry-after')) || 1));
      continue;
    }
    const rows = (await response.json()) as Array<{ a: number }>;
    if (response.ok && Array.isArray(rows) && rows.length > 0) return rows[rows.length - 1].a;
    await sleep(200);
  }
  throw new Error(`cannot read the newest aggTrade id of ${symbol}`);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) return false;
    await sleep(50);
  }
  return true;
}

function worstStalls(windows: ReadonlyArray<{ ms: number; atMs: number }>, plan: readonly ScheduledFault[]): SoakReport['worstStalls'] {
  // A window's max only rises; each entry marks when the running maximum grew, so the last three are the worst.
  return windows.slice(-3).reverse().map((w) => {
    const before = plan.filter((f) => f.atMs <= w.atMs).pop();
    const after = before ? `${before.action.kind} at hour ${round(before.atMs / 3_600_000, 2)}` : 'start';
    return { ms: round(w.ms), atHour: round(w.atMs / 3_600_000, 2), after };
  });
}

export async function runSoak(s: SoakScenario): Promise<SoakReport> {
  const log = s.log ?? (() => undefined);
  const exchange: SoakExchange = s.exchangeInChild ? await childProcessExchange(s.exchange) : await inProcessExchange(s.exchange);
  const pipeline = new SoakPipeline({
    wsBaseUrl: exchange.wsBaseUrl,
    restBaseUrl: exchange.restBaseUrl,
    symbols: s.symbols,
    pairs: s.pairs,
    historyMs: s.historyMs,
    feed: s.feed,
  });
  const realMs = (exchangeMs: number) => exchangeMs / s.exchange.speed;
  const stall = monitorEventLoopDelay({ resolution: 10 });
  const timers: NodeJS.Timeout[] = [];
  const failures: string[] = [];
  const mem = { heapStart: 0, heapAfterWarmup: 0, heapPeak: 0, heapEnd: 0, storeStart: 0, storeAfterWarmup: 0, storePeak: 0, storeEnd: 0 };
  const heap = () => process.memoryUsage().heapUsed;
  try {
    s.gc?.();
    mem.heapStart = heap();
    mem.storeStart = pipeline.store.memoryBytes();
    const startedAt = Date.now();
    pipeline.start();
    stall.enable();
    const peakCount = new Map<string, number>();
    const sampler = setInterval(() => {
      mem.heapPeak = Math.max(mem.heapPeak, heap());
      mem.storePeak = Math.max(mem.storePeak, pipeline.store.memoryBytes());
      for (const sym of s.symbols) peakCount.set(sym, Math.max(peakCount.get(sym) ?? 0, pipeline.store.count(sym)));
    }, 250);
    timers.push(sampler);
    for (const f of s.plan) {
      timers.push(
        setTimeout(() => {
          exchange.fault(f.action).catch((err: Error) => failures.push(`fault ${f.action.kind}: ${err.message}`));
        }, realMs(f.atMs)),
      );
    }
    timers.push(
      setTimeout(() => {
        s.gc?.();
        mem.heapAfterWarmup = heap();
        mem.storeAfterWarmup = pipeline.store.memoryBytes();
      }, realMs(s.warmupMs)),
    );
    // Per-second stall windows, to tell which fault (if any) a long stall followed.
    const stallWindows: Array<{ ms: number; atMs: number }> = [];
    let windowMax = 0;
    const windowTimer = setInterval(() => {
      const max = stall.max / 1e6;
      if (max > windowMax) stallWindows.push({ ms: max, atMs: (Date.now() - startedAt) * s.exchange.speed });
      windowMax = max;
    }, 1000);
    timers.push(windowTimer);
    const progress = setInterval(() => {
      const st = pipeline.feed.stats();
      log(`[${s.name}] ${round((Date.now() - startedAt) / 1000, 0)} s: stored ${pipeline.stored}, reconnects ${st.reconnects}, repaired ${st.gapsRepaired}, unrepaired ${st.unrepairedGaps}, heap ${round(heap() / MB)} MB`);
    }, 15_000);
    timers.push(progress);
    await sleep(realMs(s.durationMs));
    for (const t of timers) clearTimeout(t);
    await exchange.fault({ kind: 'clear' });

    // Account for every id up to what the exchange serves now.
    const newest = new Map<string, number>();
    for (const symbol of s.symbols) newest.set(symbol, await newestAggId(exchange.restBaseUrl, symbol));
    const caughtUp = await waitUntil(() => s.symbols.every((sym) => (pipeline.ledger.lastId(sym) ?? -1) >= newest.get(sym)!), 30_000);
    stall.disable();
    const sent = await exchange.sentTrades();
    await pipeline.stop();
    s.gc?.();
    mem.heapEnd = heap();
    mem.storeEnd = pipeline.store.memoryBytes();

    const verdict = pipeline.ledger.verdict();
    let shortfall = 0;
    let inWindow = 0;
    for (const symbol of s.symbols) {
      const first = pipeline.ledger.firstId(symbol);
      const last = pipeline.ledger.lastId(symbol) ?? -1;
      if (first === undefined) {
        failures.push(`${symbol}: no tick delivered`);
        continue;
      }
      inWindow += newest.get(symbol)! - first + 1;
      shortfall += Math.max(0, newest.get(symbol)! - last);
    }
    if (!caughtUp) failures.push(`the feed did not catch up with the exchange within 30 s (${shortfall} ids behind)`);
    const lost = verdict.silentHoles.reduce((n, h) => n + h.toId - h.fromId + 1, 0) + shortfall;

    const injected = injectedUnrepairable(s.plan);
    const { unexpected, unmatched } = matchUnrepaired(verdict.reportedHoles, verdict.mismatchedReports, injected);
    const stats = pipeline.feed.stats();
    const hiddenIds = injected.reduce((n, u) => n + u.count, 0);
    if (lost !== 0) failures.push(`lost ${lost} (silent holes: ${JSON.stringify(verdict.silentHoles.slice(0, 5))})`);
    if (verdict.duplicated !== 0) failures.push(`duplicated ${verdict.duplicated}`);
    if (unexpected !== 0) failures.push(`unexpected unrepaired gaps: ${JSON.stringify(verdict.reportedHoles)} ${JSON.stringify(verdict.mismatchedReports)}`);
    if (unmatched.length !== 0) failures.push(`injected unrepairable gaps not reported: ${JSON.stringify(unmatched)}`);
    if (pipeline.nonFiniteTicks + pipeline.nonFiniteBars !== 0) failures.push('non-finite tick or bar values');
    // The store keeps only the configured history, in whole chunks.
    let storeBound = 0;
    let storeSpan = 0;
    for (const sym of s.symbols) {
      storeBound += storeChunkBound(peakCount.get(sym) ?? 0);
      storeSpan = Math.max(storeSpan, (pipeline.store.lastTime(sym) ?? 0) - (pipeline.store.firstTime(sym) ?? 0));
    }
    if (storeSpan > s.historyMs) failures.push(`the tick store holds ${round(storeSpan / 60_000)} min, more than the ${s.historyMs / 60_000} min history`);
    if (mem.storePeak > storeBound) failures.push(`tick store ${round(mem.storePeak / MB)} MB exceeds its bound ${round(storeBound / MB)} MB`);
    // The heap is judged only with the exchange in its own process (in-process, its generated data grows).
    if (s.exchangeInChild && s.gc && mem.heapEnd - mem.heapAfterWarmup > HEAP_GROWTH_LIMIT) {
      failures.push(`heap grew ${round((mem.heapEnd - mem.heapAfterWarmup) / MB)} MB after warm-up`);
    }
    if (pipeline.lateBarTicks !== 0) failures.push(`${pipeline.lateBarTicks} ticks arrived after their bar had closed`);

    return {
      scenario: s.name,
      exchangeHours: round(s.durationMs / 3_600_000, 2),
      realSeconds: round((Date.now() - startedAt) / 1000),
      symbols: s.symbols.length,
      pairs: s.pairs.length,
      tradesSent: Object.values(sent).reduce((a, b) => a + b, 0),
      aggTradesInWindow: inWindow - hiddenIds,
      stored: pipeline.stored,
      lost,
      duplicated: verdict.duplicated,
      repairedGaps: stats.gapsRepaired,
      unrepairedGapsReported: pipeline.ledger.reported.length,
      unrepairedGapsInjected: injected.length,
      unexpectedUnrepaired: unexpected,
      missingReports: unmatched.length,
      reconnects: stats.reconnects,
      serverLifetimeCloses: pipeline.lifetimeCloses,
      malformedFrames: stats.malformed,
      duplicatesDropped: stats.duplicatesDropped,
      outOfOrderFixed: stats.outOfOrderFixed,
      restRequests: pipeline.rest.requests,
      restByStatus: pipeline.rest.byStatus,
      restPeakWeight1m: pipeline.rest.peakUsedWeight1m,
      restWeightLimit: s.exchange.limits?.restWeightPerMinute ?? 2400,
      bars1s: pipeline.bars1s,
      bars1m: pipeline.bars1m,
      alignedPairBars: pipeline.alignedBars,
      lateBarTicks: pipeline.lateBarTicks,
      nonFinite: pipeline.nonFiniteTicks + pipeline.nonFiniteBars,
      memoryMB: Object.fromEntries(Object.entries(mem).map(([k, v]) => [k, round(v / MB)])) as SoakReport['memoryMB'],
      heapGrowthAfterWarmupMB: round((mem.heapEnd - mem.heapAfterWarmup) / MB),
      storeGrowthAfterWarmupMB: round((mem.storeEnd - mem.storeAfterWarmup) / MB),
      storeBoundMB: round(storeBound / MB),
      storeSpanMinutes: round(storeSpan / 60_000),
      maxStallMs: round(stall.max / 1e6),
      worstStalls: worstStalls(stallWindows, s.plan),
      ok: failures.length === 0,
      failures,
    };
  } finally {
    for (const t of timers) clearTimeout(t);
    stall.disable();
    await pipeline.stop().catch(() => undefined);
    await exchange.close();
  }
}
