// `npx tsx bench/store.ts`: the tick store alone, 6 million appends (BTC + ETH alternating, 24 h of
// synthetic trades), each append timed. Shows the worst single append (growth copies, chunk allocation,
// GC landing inside an append) and the memory the store holds at 6 million ticks.
// A control loop first times a trivial write the same way: the machine's noise floor.
// Scenarios: unbounded (as bench:ingest uses it), a 24 h age bound fed 30 h, and a 2-million count bound.
// Last line: {"maxAppendUs","p999AppendUs","bytesPerTick","totalMB"} of the unbounded scenario.
import { createHistogram } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { TickStore } from '../src/engine/store/tickStore';
import type { TickRingBounds } from '../src/engine/store/tickRing';
import type { Tick } from '../src/engine/types';

const TICKS = Number(process.env.BENCH_TICKS ?? 6_000_000);
const DAY_MS = 24 * 3600_000;

interface ScenarioResult {
  maxAppendUs: number;
  /** Worst append among those that changed the store's allocation (a growth copy, a new chunk). */
  maxGrowingAppendUs: number;
  growingAppends: number;
  p999AppendUs: number;
  slowAppends: number;
  stored: number;
  storeBytes: number;
  processBytes: number;
  seconds: number;
}

/** GC until freed array buffers are actually released (their backing stores go after the sweep). */
async function settle(gc: () => void): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function runScenario(bounds: TickRingBounds, ticks: number, spanMs: number, gc: () => void): Promise<ScenarioResult> {
  await settle(gc);
  const before = process.memoryUsage();
  const store = new TickStore(bounds);
  // One reusable tick per symbol: the bench measures the store, not the caller's allocations.
  const btc: Tick = { symbol: 'BTCUSDT', time: 0, price: 65_000, qty: 0.01, id: 0, buyerIsMaker: false };
  const eth: Tick = { symbol: 'ETHUSDT', time: 0, price: 3_400, qty: 0.1, id: 0, buyerIsMaker: true };
  const histogram = createHistogram({ lowest: 1, highest: 60e9, figures: 3 });
  const stepMs = spanMs / ticks;
  let slowAppends = 0;
  let maxGrowingNs = 0;
  let growingAppends = 0;
  let allocated = store.memoryBytes();
  const startedAt = performance.now();
  for (let i = 0; i < ticks; i++) {
    const tick = (i & 1) === 0 ? btc : eth;
    tick.time = 1_721_260_800_000 + Math.floor(i * stepMs);
    tick.id++;
    tick.price += (i % 7) - 3;
    tick.buyerIsMaker = (i & 2) === 0;
    const t0 = performance.now();
    store.append(tick);
    const ns = (performance.now() - t0) * 1e6;
    if (ns >= 1e6) slowAppends++;
    histogram.record(Math.max(1, Math.round(ns)));
    const nowAllocated = store.memoryBytes();
    if (nowAllocated !== allocated) {
      growingAppends++;
      maxGrowingNs = Math.max(maxGrowingNs, ns);
      allocated = nowAllocated;
    }
  }
  const seconds = (performance.now() - startedAt) / 1000;
  await settle(gc);
  const after = process.memoryUsage();
  const stored = store.count('BTCUSDT') + store.count('ETHUSDT');
  return {
    maxAppendUs: histogram.max / 1000,
    maxGrowingAppendUs: maxGrowingNs / 1000,
    growingAppends,
    p999AppendUs: histogram.percentile(99.9) / 1000,
    slowAppends,
    stored,
    storeBytes: store.memoryBytes(),
    processBytes: after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers),
    seconds,
  };
}

/**
 * The same timed loop around a trivial write: its worst case is the machine's own noise (preemption by
 * other processes on a shared 2-core machine, GC of the loop's own numbers), the floor under any append.
 */
function controlLoop(ticks: number): { maxUs: number; p999Us: number; slow: number } {
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
  return { maxUs: histogram.max / 1000, p999Us: histogram.percentile(99.9) / 1000, slow };
}

function report(name: string, r: ScenarioResult): void {
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  console.log(
    `${name}: ${r.stored.toLocaleString('en')} ticks stored in ${r.seconds.toFixed(2)} s; append max ${r.maxAppendUs.toFixed(1)} µs, ` +
      `p99.9 ${r.p999AppendUs.toFixed(2)} µs, ${r.slowAppends} appends ≥ 1 ms; ${r.growingAppends} appends changed the allocation, ` +
      `worst of them ${r.maxGrowingAppendUs.toFixed(1)} µs; store ${mb(r.storeBytes)} MB allocated ` +
      `(${(r.storeBytes / r.stored).toFixed(1)} bytes/tick), process heap + array buffers growth ${mb(r.processBytes)} MB ` +
      `(${(r.processBytes / r.stored).toFixed(1)} bytes/tick)`,
  );
}

async function main(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const control = controlLoop(TICKS);
  console.log(
    `control (same timed loop, no store): max ${control.maxUs.toFixed(1)} µs, p99.9 ${control.p999Us.toFixed(2)} µs, ${control.slow} iterations ≥ 1 ms`,
  );
  const unbounded = await runScenario({}, TICKS, DAY_MS, gc);
  report('unbounded, 24 h', unbounded);
  report('maxAgeMs 24 h, fed 30 h', await runScenario({ maxAgeMs: DAY_MS }, Math.round(TICKS * 1.25), DAY_MS * 1.25, gc));
  report('maxCount 1,000,000 per symbol', await runScenario({ maxCount: 1_000_000 }, TICKS, DAY_MS, gc));
  console.log(
    JSON.stringify({
      maxAppendUs: Number(unbounded.maxAppendUs.toFixed(1)),
      p999AppendUs: Number(unbounded.p999AppendUs.toFixed(2)),
      bytesPerTick: Number((unbounded.storeBytes / unbounded.stored).toFixed(1)),
      totalMB: Number((unbounded.storeBytes / 1e6).toFixed(1)),
    }),
  );
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
