// `npm run bench:ingest`: throughput of the ingest path against the local exchange blasting the real
// recordings (looped) as fast as it can. The exchange runs in a child process (its own core), the clients
// here, one after the other on this process's single thread:
//   (a) a bare `ws` client that only JSON.parses each message — the limit of this stack;
//   (b) our BinanceFeed → TickStore + 1s BarBuilder, checking every id for loss and duplication.
// Last line: {"oursPerSec","limitPerSec","ratio","lost","duplicated","bytesPerTick","maxStallMs"}.
import { spawn, type ChildProcess } from 'child_process';
import { createInterface } from 'readline';
import { monitorEventLoopDelay } from 'perf_hooks';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { resolve } from 'path';
import WebSocket from 'ws';
import { BinanceFeed } from '../src/engine/feed';
import { startExchange } from '../src/exchange';
import { TickStore } from '../src/engine/store/tickStore';
import { BarBuilder } from '../src/engine/bars/barBuilder';
import type { Tick } from '../src/engine/types';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_500_000);
const WARMUP = 50_000;
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const DATA_DIR = process.env.QP_DATA_DIR ?? resolve(__dirname, '../../shared/data');
const DATA_FILES = ['btcusdt_20240718.gz', 'btcusdt_20240719.gz', 'ethusdt_20240718.gz', 'ethusdt_20240719.gz'].map((f) => resolve(DATA_DIR, f));
const TIME_LIMIT_MS = 50_000;

async function serve(): Promise<void> {
  const exchange = await startExchange({ dataFiles: DATA_FILES, speed: Infinity, loop: true });
  process.stdout.write(`READY ${exchange.wsBaseUrl} ${exchange.restBaseUrl}\n`);
  process.on('SIGTERM', () => void exchange.close().then(() => process.exit(0)));
}

function startExchangeProcess(): Promise<{ child: ChildProcess; wsBaseUrl: string; restBaseUrl: string }> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', __filename, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^READY (\S+) (\S+)/.exec(line);
      if (m) resolvePromise({ child, wsBaseUrl: m[1], restBaseUrl: m[2] });
    });
    child.once('exit', (code) => reject(new Error(`exchange process exited with ${code}`)));
  });
}

const streamsUrl = (wsBaseUrl: string) => `${wsBaseUrl}/market/stream?streams=${SYMBOLS.map((s) => `${s.toLowerCase()}@aggTrade`).join('/')}`;

/** (a) The stack's limit: receive and JSON.parse, nothing else. */
function bareClient(wsBaseUrl: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const ws = new WebSocket(streamsUrl(wsBaseUrl), { perMessageDeflate: false });
    let count = 0;
    let startedAt = 0;
    let sink = 0;
    ws.on('message', (data) => {
      const frame = JSON.parse(data as unknown as string) as { data: { a: number } };
      sink += frame.data.a & 1;
      count++;
      if (count === WARMUP) startedAt = performance.now();
      else if (count === WARMUP + MESSAGES) {
        const seconds = (performance.now() - startedAt) / 1000;
        ws.terminate();
        resolvePromise(sink >= 0 ? MESSAGES / seconds : 0);
      }
    });
    ws.on('error', reject);
    setTimeout(() => reject(new Error(`bare client: only ${count} messages within the time limit`)), TIME_LIMIT_MS).unref();
  });
}

interface OursResult {
  perSec: number;
  lost: number;
  duplicated: number;
  bytesPerTick: number;
  maxStallMs: number;
  stored: number;
  bars: number;
  malformed: number;
}

/** (b) Our feed into the tick store and 1-second bars; every id checked. */
function ourFeed(wsBaseUrl: string, restBaseUrl: string, gc: () => void): Promise<OursResult> {
  return new Promise((resolvePromise, reject) => {
    gc();
    const memBefore = process.memoryUsage();
    const store = new TickStore();
    const bars = new BarBuilder({ intervalMs: 1000 });
    let barCount = 0;
    bars.onBarClose(() => barCount++);
    const lastId = new Map<string, number>();
    let lost = 0;
    let duplicated = 0;
    let count = 0;
    let startedAt = 0;
    const stall = monitorEventLoopDelay({ resolution: 5 });
    const feed = new BinanceFeed({ symbols: SYMBOLS, wsBaseUrl, restBaseUrl, silenceMs: 10_000 });
    feed.onTick((tick: Tick) => {
      const last = lastId.get(tick.symbol);
      if (last !== undefined) {
        if (tick.id <= last) duplicated++;
        else if (tick.id !== last + 1) lost += tick.id - last - 1;
      }
      lastId.set(tick.symbol, tick.id);
      store.append(tick);
      bars.add(tick);
      count++;
      if (count === WARMUP) {
        startedAt = performance.now();
        stall.enable();
      } else if (count === WARMUP + MESSAGES) finish();
    });
    feed.onGap((gap) => process.stderr.write(`unrepaired gap ${JSON.stringify(gap)}\n`));
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      const seconds = (performance.now() - startedAt) / 1000;
      stall.disable();
      const stats = feed.stats();
      void feed.stop().then(() => {
        gc();
        const memAfter = process.memoryUsage();
        const stored = SYMBOLS.reduce((n, s) => n + store.count(s), 0);
        const grown = memAfter.heapUsed + memAfter.arrayBuffers - (memBefore.heapUsed + memBefore.arrayBuffers);
        resolvePromise({
          perSec: MESSAGES / seconds,
          lost: lost + stats.unrepairedGaps,
          duplicated,
          bytesPerTick: grown / stored,
          maxStallMs: stall.max / 1e6,
          stored,
          bars: barCount,
          malformed: stats.malformed,
        });
      });
    };
    feed.start();
    setTimeout(() => (finished ? undefined : reject(new Error(`our feed: only ${count} ticks within the time limit`))), TIME_LIMIT_MS).unref();
  });
}

async function main(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const { child, wsBaseUrl, restBaseUrl } = await startExchangeProcess();
  try {
    const limitPerSec = await bareClient(wsBaseUrl);
    console.log(`bare ws + JSON.parse: ${Math.round(limitPerSec).toLocaleString('en')} msgs/s over ${MESSAGES.toLocaleString('en')} messages`);
    const ours = await ourFeed(wsBaseUrl, restBaseUrl, gc);
    console.log(`our feed → store + 1s bars: ${Math.round(ours.perSec).toLocaleString('en')} msgs/s; ${ours.stored.toLocaleString('en')} ticks stored, ${ours.bars} bars, ${ours.malformed} malformed`);
    console.log(`memory: ${ours.bytesPerTick.toFixed(1)} bytes per stored tick → 6 million ticks ≈ ${((ours.bytesPerTick * 6e6) / 1e6).toFixed(0)} MB`);
    const result = {
      oursPerSec: Math.round(ours.perSec),
      limitPerSec: Math.round(limitPerSec),
      ratio: Number((ours.perSec / limitPerSec).toFixed(3)),
      lost: ours.lost,
      duplicated: ours.duplicated,
      bytesPerTick: Number(ours.bytesPerTick.toFixed(1)),
      maxStallMs: Number(ours.maxStallMs.toFixed(1)),
    };
    console.log(JSON.stringify(result));
  } finally {
    child.kill('SIGTERM');
  }
}

if (process.argv.includes('--serve')) {
  serve().catch((err) => {
    process.stderr.write(`exchange failed: ${String(err)}\n`);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    process.stderr.write(`bench failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
