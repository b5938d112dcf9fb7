// `npm run bench:latency`: tick-to-screen latency in the real host (code-server + headless Chromium).
// The local exchange replays the recording; for every update the dashboard webview reports as drawn
// (the newest trade time it shows, stamped after the browser painted), latency = the wall time it was
// drawn − the wall time the exchange sent that trade, once per trade time (the first draw that shows it). An
// aggTrade is sent at the end of its 100 ms window (Binance's rule, imitated by the exchange): "sent" is when the
// exchange really sent that window (aggSentAt; its timer runs late under load, exchangeSendLate*), else when the
// window ended, mapped from its replay clock; `fromTradeP50Ms`/`fromTradeP99Ms` count from the trade's own
// time instead (what a trader waits for, including Binance's aggregation). Runs at real
// speed and at a fast replay; the last line is the JSON of the fast run.
// Each run also splits the latency at the host's post time (host part: feed, desk, throttle; webview part:
// transit, queue, frame) and reports the webview's longest main-thread task.
// Settings: QP_BENCH_SECONDS (per run, default 60), QP_BENCH_SPEEDS (default "1,50").
import { execSync } from 'child_process';
import path from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import { waitFor } from '../scripts/host/wait';
import { startSession } from '../test/e2e/harness/session';
import { openViewContainer, runCommand, treeRows, webviewFrame } from '../test/e2e/harness/workbench';
import { errorMessage } from '../src/shared/errorMessage';
import { packageVsix } from '../scripts/package';
import { AGG_WINDOW_MS } from '../src/engine/import/aggregateTrades';

const SECONDS = Number(process.env.QP_BENCH_SECONDS ?? 60);
const SPEEDS = (process.env.QP_BENCH_SPEEDS ?? '1,50').split(',').map(Number);
const PAIR = { y: 'BTCUSDT', x: 'ETHUSDT' };
const UPDATE_MS = 100; // the dashboard's fastest update setting (default 250 ms)

interface Result {
  speed: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** From the trade's own time, Binance's 100 ms aggregation included. */
  fromTradeP50Ms: number;
  fromTradeP99Ms: number;
  tradesPerSec: number;
  maxStallMs: number;
  /** Exchange sent → host posted the update (feed, desk, throttle). */
  hostP50Ms: number;
  hostP99Ms: number;
  /** Exchange sent → host posted the first update carrying that trade (feed, worker, desk). */
  firstPostP50Ms: number;
  firstPostP99Ms: number;
  /** Host posted → the message arrived in the webview (before coalescing and the frame). */
  transitP50Ms: number;
  transitP99Ms: number;
  /** requestAnimationFrame callbacks per second in the webview over the run. */
  webviewFps: number;
  /** Host posted → webview drew it (message transit, queue, frame). */
  webviewP50Ms: number;
  webviewP99Ms: number;
  /** Longest task on the webview's main thread (PerformanceObserver 'longtask', tasks over 50 ms). */
  maxLongTaskMs: number;
  /** Longest single chart redraw in the webview, by chart. */
  chartDrawMaxMs: Record<string, number>;
  /** Longest event-loop stall of this process, which runs the exchange: sends late by this much count as latency. */
  exchangeLoopMaxDelayMs: number;
  /** How late the exchange sent the windows' aggregates against their due time (latency counts from the send). */
  exchangeSendLateP50Ms: number;
  exchangeSendLateP99Ms: number;
  /** Seconds into the run of the worst host part and of the worst webview part. */
  worstHostAtS: number;
  worstWebviewAtS: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runOnce(speed: number): Promise<Result> {
  const session = await startSession({
    exchange: { speed },
    settings: { 'quantPairs.defaultTimeframe': '1s', 'quantPairs.window': 30, 'quantPairs.pairs': [PAIR], 'quantPairs.dashboardUpdateMs': UPDATE_MS },
  });
  try {
    await session.waitForActivation();
    await openViewContainer(session.page, 'Quant Pairs');
    await waitFor('the pair in the tree', async () => (await treeRows(session.page)).some((r) => r.startsWith('BTCUSDT / ETHUSDT')), { timeoutMs: 60_000 });
    await runCommand(session.page, 'Quant Pairs: Open Dashboard');
    const frame = await webviewFrame(session.page, '#qp-root[data-qp-state="ready"]', 60_000);
    // Record every draw the webview reports, with the wall time of the report (a string script:
    // tsx's keepNames helpers do not exist in the page).
    await frame.evaluate(`(() => {
      const root = document.getElementById('qp-root');
      window.__qpDraws = [];
      window.__qpLongTasks = [];
      // When each update message arrives in the webview (before the coalescer and the frame), and the frame rate.
      window.__qpArrivals = [];
      window.addEventListener('message', (e) => {
        const b = e.data && e.data.body;
        if (b && b.type === 'update' && b.lastTradeTime) window.__qpArrivals.push([b.lastTradeTime, Date.now(), b.sentAt]);
      });
      window.__qpFrames = 0;
      const frame = () => { window.__qpFrames++; requestAnimationFrame(frame); };
      requestAnimationFrame(frame);
      new MutationObserver(() => {
        const t = Number(root.getAttribute('data-last-drawn-trade-time'));
        if (t) window.__qpDraws.push([t, Date.now(), Number(root.getAttribute('data-last-drawn-sent-at'))]);
      }).observe(root, { attributes: true, attributeFilter: ['data-last-drawn-trade-time'] });
      try {
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__qpLongTasks.push(e.duration); }).observe({ entryTypes: ['longtask'] });
      } catch {}
    })()`);
    // Map the replay clock to wall time: the exchange sends a trade when its clock reaches the trade time.
    const wall0 = Date.now();
    const clock0 = session.exchange.clockNow();
    const sentBefore = session.exchange.sentTradeCount(PAIR.y) + session.exchange.sentTradeCount(PAIR.x);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    loopDelay.disable();
    const elapsed = (Date.now() - wall0) / 1000;
    const sent = session.exchange.sentTradeCount(PAIR.y) + session.exchange.sentTradeCount(PAIR.x) - sentBefore;
    const draws = (await frame.evaluate('window.__qpDraws')) as [number, number, number][];
    const arrivals = (await frame.evaluate('window.__qpArrivals')) as [number, number, number][];
    const frames = (await frame.evaluate('window.__qpFrames')) as number;
    const longTasks = (await frame.evaluate('window.__qpLongTasks')) as number[];
    const chartDrawMaxMs = (await frame.evaluate(
      `Object.fromEntries([...document.querySelectorAll('[data-chart]')].map((e) => [e.getAttribute('data-chart'), Math.round(Number(e.getAttribute('data-draw-ms-max') || 0))]))`,
    )) as Record<string, number>;
    // When the exchange really sent a window's aggregates (its replay timer can run late on a loaded machine;
    // that lateness is the double's, not ours), else when it was due.
    const sendLateness: number[] = [];
    const sentWallAt = (pushedAt: number): number => session.exchange.aggSentAt(pushedAt) ?? wall0 + (pushedAt - clock0) / speed;
    const latencies: number[] = [];
    const hostParts: number[] = [];
    const webviewParts: number[] = [];
    const fromTrade: number[] = [];
    let maxStallMs = 0;
    let worstHost = [-Infinity, NaN];
    let worstWebview = [-Infinity, NaN];
    let newest = -Infinity;
    for (let i = 0; i < draws.length; i++) {
      const [tradeTime, drawnAt, postedAt] = draws[i];
      // Pushed at the end of the trade's aggregation window (the exchange's rule, tools/local-exchange/recordingTape.ts).
      const pushedAt = (Math.floor(tradeTime / AGG_WINDOW_MS) + 1) * AGG_WINDOW_MS;
      const sentAt = sentWallAt(pushedAt);
      // Only the first draw of a newer trade is a sample: an update without a new trade (a bar closed in a
      // quiet second, the replay's silence between loops) redraws the same trade time, and counting it
      // again would add the quiet time to the latency.
      const fresh = tradeTime > newest;
      newest = Math.max(newest, tradeTime);
      if (fresh && sentAt >= wall0) {
        sendLateness.push(sentAt - (wall0 + (pushedAt - clock0) / speed));
        latencies.push(drawnAt - sentAt);
        fromTrade.push(drawnAt - (wall0 + (tradeTime - clock0) / speed));
        if (postedAt > 0) {
          hostParts.push(postedAt - sentAt);
          webviewParts.push(drawnAt - postedAt);
          if (postedAt - sentAt > worstHost[0]) worstHost = [postedAt - sentAt, (sentAt - wall0) / 1000];
          if (drawnAt - postedAt > worstWebview[0]) worstWebview = [drawnAt - postedAt, (sentAt - wall0) / 1000];
        }
      }
      if (i > 0) maxStallMs = Math.max(maxStallMs, drawnAt - draws[i - 1][1]);
    }
    // The first update that carries each newer trade: exchange sent → host posted it → it arrived in the webview.
    // (A draw's post time is the newest of the updates its frame merged, so the draw split above can move
    // webview time into the host part; these do not.)
    const postedParts: number[] = [];
    const transitParts: number[] = [];
    let newestArrived = -Infinity;
    for (const [tradeTime, arrivedAt, postedAt] of arrivals) {
      if (tradeTime <= newestArrived) continue;
      newestArrived = tradeTime;
      const sentAt = sentWallAt((Math.floor(tradeTime / AGG_WINDOW_MS) + 1) * AGG_WINDOW_MS);
      if (sentAt < wall0) continue;
      postedParts.push(postedAt - sentAt);
      transitParts.push(arrivedAt - postedAt);
    }
    for (const list of [latencies, hostParts, webviewParts, fromTrade, postedParts, transitParts, sendLateness]) list.sort((a, b) => a - b);
    const round = (v: number) => Math.round(v * 10) / 10;
    return {
      speed,
      samples: latencies.length,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(latencies[latencies.length - 1] ?? NaN),
      fromTradeP50Ms: round(percentile(fromTrade, 50)),
      fromTradeP99Ms: round(percentile(fromTrade, 99)),
      tradesPerSec: Math.round(sent / elapsed),
      maxStallMs: round(maxStallMs),
      hostP50Ms: round(percentile(hostParts, 50)),
      hostP99Ms: round(percentile(hostParts, 99)),
      webviewP50Ms: round(percentile(webviewParts, 50)),
      webviewP99Ms: round(percentile(webviewParts, 99)),
      firstPostP50Ms: round(percentile(postedParts, 50)),
      firstPostP99Ms: round(percentile(postedParts, 99)),
      transitP50Ms: round(percentile(transitParts, 50)),
      transitP99Ms: round(percentile(transitParts, 99)),
      webviewFps: round(frames / elapsed),
      maxLongTaskMs: round(Math.max(0, ...longTasks)),
      chartDrawMaxMs,
      exchangeLoopMaxDelayMs: round(loopDelay.max / 1e6),
      exchangeSendLateP50Ms: round(percentile(sendLateness, 50)),
      exchangeSendLateP99Ms: round(percentile(sendLateness, 99)),
      worstHostAtS: round(worstHost[1]),
      worstWebviewAtS: round(worstWebview[1]),
    };
  } finally {
    await session.dispose();
  }
}

async function main(): Promise<void> {
  console.log(`[bench:latency] ${SECONDS} s per run at replay speeds ${SPEEDS.join(', ')}×, dashboard updates every ${UPDATE_MS} ms (${path.basename(__filename)})`);
  console.log('[bench:latency] latency = webview drew the trade − exchange sent it; maxStallMs = longest gap between two draws while trades flow');
  // The sessions install the .vsix: package this tree, or the figures are those of whatever was packaged last.
  const vsix = packageVsix({ quiet: true, log: () => undefined });
  console.log(`[bench:latency] measuring ${path.basename(vsix.file)} packaged from this tree (${vsix.files.length} files)`);
  execSync('node esbuild.js', { cwd: path.resolve(__dirname, '..'), stdio: 'pipe' });
  const runs: Result[] = [];
  for (const speed of SPEEDS) {
    const run = await runOnce(speed);
    runs.push(run);
    console.log(`[bench:latency] ${speed}×: ${JSON.stringify(run)}`);
  }
  if (runs.length === 0) throw new Error('no run');
  // The last line: each speed's figures side by side, and the webview's longest task over all runs.
  const bySpeed = Object.fromEntries(runs.map((r) => [`${r.speed}x`, { p50Ms: r.p50Ms, p99Ms: r.p99Ms, fromTradeP99Ms: r.fromTradeP99Ms, hostP99Ms: r.hostP99Ms, webviewP99Ms: r.webviewP99Ms, chartDrawMaxMs: r.chartDrawMaxMs }]));
  console.log(JSON.stringify({ ...bySpeed, webviewMaxLongTaskMs: Math.max(...runs.map((r) => r.maxLongTaskMs)) }));
}

main().catch((err) => {
  console.error(`[bench:latency] failed: ${errorMessage(err)}`);
  process.exit(1);
});
