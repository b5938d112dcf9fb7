// `npm run bench:store`: the tick store alone, fed 6 million real trades: the BTCUSDT + ETHUSDT recordings of
// ../shared/data (24,356 trades over 8 minutes) looped ~246 times and shifted to fill 24 h (ids continue,
// prices drift by whole ticks so every value keeps the recording's precision). Each append is timed.
//  - bytesPerTick: explicit byte accounting, TickStore.memoryBytes() (typed-array bytes of every chunk held,
//    spare and unwritten slots included) over the ticks stored. The process's growth (process.memoryUsage()
//    heapUsed + arrayBuffers after GC) is printed beside it as a cross-check.
//  - quietSymbolBytes: the same accounting for a symbol that received 1 trade a second for an hour.
//  - worstAppendMs: the slowest single append of the 6 million (a control loop times a trivial write the same
//    way: the machine's noise floor, printed first).
// Scenarios: unbounded (as the desk's 24 h of history), and a 24 h age bound fed 30 h (chunks released and recycled).
import { join } from 'path';
import { createHistogram } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { readRecordedTrades } from '../src/engine/import/recording';
import { TickStore } from '../src/engine/store/tickStore';
import type { TickRingBounds } from '../src/engine/store/tickRing';
import type { Tick } from '../src/engine/types';
import { errorMessage } from '../src/shared/errorMessage';

const TICKS = Number(process.env.BENCH_TICKS ?? 6_000_000);
const DAY_MS = 24 * 3600_000;
const DATA = process.env.QP_DATA_DIR ?? join(__dirname, '../../shared/data');
const FILES = ['btcusdt_20240718.gz', 'btcusdt_20240719.gz', 'ethusdt_20240718.gz', 'ethusdt_20240719.gz'];

/** One lap of the recording, both symbols merged in trade-time order, prices as integer units of 0.01. */
interface Lap {
  symbol: string[];
  offsetMs: Float64Array;
  priceUnits: Float64Array;
  qty: Float64Array;
  idOffset: Float64Array;
  buyerIsMaker: Uint8Array;
  spanMs: number;
  idSpan: Map<string, number>;
}

async function loadLap(): Promise<Lap> {
  const trades = (await readRecordedTrades(FILES.map((f) => join(DATA, f)))).sort((a, b) => a.time - b.time || a.id - b.id);
  const t0 = trades[0].time;
  const firstId = new Map<string, number>();
  const idSpan = new Map<string, number>();
  for (const t of trades) {
    if (!firstId.has(t.symbol)) firstId.set(t.symbol, t.id);
    idSpan.set(t.symbol, t.id - firstId.get(t.symbol)! + 1);
  }
  return {
    symbol: trades.map((t) => t.symbol),
    offsetMs: Float64Array.from(trades, (t) => t.time - t0),
    priceUnits: Float64Array.from(trades, (t) => Math.round(t.price * 100)),
    qty: Float64Array.from(trades, (t) => t.qty),
    idOffset: Float64Array.from(trades, (t) => t.id - firstId.get(t.symbol)!),
    buyerIsMaker: Uint8Array.from(trades, (t) => (t.buyerIsMaker ? 1 : 0)),
    spanMs: trades[trades.length - 1].time - t0 + 1,
    idSpan,
  };
}

interface ScenarioResult {
  stored: number;
  storeBytes: number;
  processBytes: number;
  worstAppendMs: number;
  p999AppendUs: number;
  slowAppends: number;
  seconds: number;
}

/** GC until freed array buffers are actually released (their backing stores go after the sweep). */
async function settle(gc: () => void): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function runScenario(lap: Lap, bounds: TickRingBounds, ticks: number, spanMs: number, gc: () => void): Promise<ScenarioResult> {
  await settle(gc);
  const before = process.memoryUsage();
  const store = new TickStore(bounds);
  const n = lap.symbol.length;
  const laps = Math.ceil(ticks / n);
  // Each lap is squeezed into its share of the span, so the ticks cover `spanMs` at the recording's pace × laps.
  const lapMs = spanMs / laps;
  const squeeze = lapMs / lap.spanMs;
  // One reusable tick: the bench measures the store, not the caller's allocations.
  const tick: Tick = { symbol: '', time: 0, price: 0, qty: 0, id: 0, buyerIsMaker: false };
  const histogram = createHistogram({ lowest: 1, highest: 60e9, figures: 3 });
  let slowAppends = 0;
  const startedAt = performance.now();
  for (let i = 0; i < ticks; i++) {
    const k = i % n;
    const l = (i - k) / n;
    const symbol = lap.symbol[k];
    tick.symbol = symbol;
    tick.time = 1_721_260_800_000 + Math.floor(l * lapMs + lap.offsetMs[k] * squeeze);
    tick.price = (lap.priceUnits[k] + (l % 100) * 10) / 100; // drifts by whole 0.1 ticks, exact at 2 decimals
    tick.qty = lap.qty[k];
    tick.id = 1_000_000 + l * lap.idSpan.get(symbol)! + lap.idOffset[k];
    tick.buyerIsMaker = lap.buyerIsMaker[k] === 1;
    const t0 = performance.now();
    store.append(tick);
    const ns = (performance.now() - t0) * 1e6;
    if (ns >= 1e6) slowAppends++;
    histogram.record(Math.max(1, Math.round(ns)));
  }
  const seconds = (performance.now() - startedAt) / 1000;
  await settle(gc);
  const after = process.memoryUsage();
  const stored = store.symbols().reduce((sum, s) => sum + store.count(s), 0);
  return {
    stored,
    storeBytes: store.memoryBytes(),
    processBytes: after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers),
    worstAppendMs: histogram.max / 1e6,
    p999AppendUs: histogram.percentile(99.9) / 1000,
    slowAppends,
    seconds,
  };
}

/** A symbol that traded once a second for an hour, alone in its store: explicit byte accounting. */
function quietSymbolBytes(): number {
  const store = new TickStore();
  for (let s = 0; s < 3600; s++) {
    store.append({ symbol: 'QUIETUSDT', time: 1_721_260_800_000 + s * 1000 + (s % 7), price: (41_230 + (s % 13)) / 10_000, qty: (s % 50) + 1, id: 77_000 + s, buyerIsMaker: s % 3 === 0 });
  }
  return store.memoryBytes();
}

/** The same timed loop around a trivial write: the machine's noise floor under any append. */
function controlLoop(ticks: number): { maxMs: number; p999Us: number; slow: number } {
  const histogram = createHistogram({ lowest: 1, highest: 60e9, figures: 3 });
  const cell = new Float64Array(1);
  let slow = 0;
  for (let i = 0; i < ticks; i++) {
    const t0 = performance.now();
    cell[0] = 1_721_260_800_000 + i;
    const ns = (performance.now() - t0) * 1e6;
    if (ns >= 1e6) slow++;
    histogram.record(Math.max(1, Math.round(ns)));
  }
  return { maxMs: histogram.max / 1e6, p999Us: histogram.percentile(99.9) / 1000, slow };
}

function report(name: string, r: ScenarioResult): void {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  console.log(
    `${name}: ${r.stored.toLocaleString('en')} ticks stored in ${r.seconds.toFixed(2)} s; worst append ${r.worstAppendMs.toFixed(3)} ms, ` +
      `p99.9 ${r.p999AppendUs.toFixed(2)} µs, ${r.slowAppends} appends ≥ 1 ms; store ${mb(r.storeBytes)} MB allocated ` +
      `(${(r.storeBytes / r.stored).toFixed(2)} bytes/tick, explicit accounting), process heap + array buffers growth ${mb(r.processBytes)} MB ` +
      `(${(r.processBytes / r.stored).toFixed(2)} bytes/tick)`,
  );
}

async function main(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const lap = await loadLap();
  console.log(`recording lap: ${lap.symbol.length.toLocaleString('en')} trades over ${(lap.spanMs / 60_000).toFixed(1)} min, looped to ${TICKS.toLocaleString('en')} ticks in 24 h`);
  const control = controlLoop(TICKS);
  console.log(`control (same timed loop, no store): max ${control.maxMs.toFixed(3)} ms, p99.9 ${control.p999Us.toFixed(2)} µs, ${control.slow} iterations ≥ 1 ms`);
  const unbounded = await runScenario(lap, {}, TICKS, DAY_MS, gc);
  report('unbounded, 24 h', unbounded);
  report('maxAgeMs 24 h, fed 30 h', await runScenario(lap, { maxAgeMs: DAY_MS }, Math.round(TICKS * 1.25), DAY_MS * 1.25, gc));
  const quiet = quietSymbolBytes();
  console.log(`quiet symbol (1 trade/s for 1 h, 3,600 ticks): ${quiet.toLocaleString('en')} bytes`);
  console.log(
    JSON.stringify({
      bytesPerTick: Number((unbounded.storeBytes / unbounded.stored).toFixed(2)),
      quietSymbolBytes: quiet,
      worstAppendMs: Number(unbounded.worstAppendMs.toFixed(3)),
      p999AppendUs: Number(unbounded.p999AppendUs.toFixed(2)),
      processBytesPerTick: Number((unbounded.processBytes / unbounded.stored).toFixed(2)),
      totalMB: Number((unbounded.storeBytes / 1e6).toFixed(1)),
      controlWorstMs: Number(control.maxMs.toFixed(3)),
      accounting: 'TickStore.memoryBytes()',
    }),
  );
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${errorMessage(err)}\n`);
  process.exitCode = 1;
});
