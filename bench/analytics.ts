// `npm run bench:analytics`: (1) ADF with AIC autolag on 2,000 points, ours against Debian's statsmodels
// `adfuller` on the same series in the same run (timed inside Python, same repetitions); (2) one closed-bar
// update of 20 pairs with a 300-bar window. The last line printed is one JSON object with the figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adfuller, type AdfResult } from '../src/engine/analytics/adf';
import type { HedgeMethod } from '../src/engine/analytics/hedgeMethod';
import { PairAnalytics } from '../src/engine/analytics/pairAnalytics';
import type { Bar } from '../src/engine/types';
import { mulberry32 } from '../src/engine/random';

const ADF_POINTS = 2000;
const ADF_REPS = 30;
const PAIRS = 20;
const WINDOW = 300;
const TIMED_BARS = 300;

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** A persistent AR(2) spread around a BTC-like level, so the AIC lag search has structure to find. */
function adfSeries(): number[] {
  const rnd = mulberry32(42);
  const out: number[] = [];
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < ADF_POINTS; i++) {
    const s = 1.3 * s1 - 0.33 * s2 + gaussian(rnd) * 5;
    s2 = s1;
    s1 = s;
    out.push(60_000 + s);
  }
  return out;
}

interface PythonAdf {
  ms: number;
  stat: number;
  pvalue: number;
  usedLag: number;
  nobs: number;
  critical: Record<'1%' | '5%' | '10%', number>;
  icBest: number;
  version: string;
}

const PYTHON_SCRIPT = `
import json, sys, time
import numpy as np
import statsmodels
from statsmodels.tsa.stattools import adfuller
x = np.loadtxt(sys.argv[1])
reps = int(sys.argv[2])
r = adfuller(x, regression='c', autolag='AIC')
t0 = time.perf_counter()
for _ in range(reps):
    r = adfuller(x, regression='c', autolag='AIC')
ms = (time.perf_counter() - t0) * 1000 / reps
print(json.dumps({"ms": ms, "stat": r[0], "pvalue": r[1], "usedLag": r[2], "nobs": r[3], "critical": r[4], "icBest": r[5], "version": statsmodels.__version__}))
`;

function runStatsmodels(series: number[]): PythonAdf | { missing: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qp-bench-'));
  try {
    const data = join(dir, 'series.txt');
    const script = join(dir, 'adf.py');
    writeFileSync(data, series.map((v) => v.toPrecision(17)).join('\n') + '\n');
    writeFileSync(script, PYTHON_SCRIPT);
    // Debian's python3-statsmodels lives under /usr/bin/python3; a pyenv python3 on PATH may lack it.
    let lastError = 'python3 not found';
    for (const python of ['python3', '/usr/bin/python3']) {
      const r = spawnSync(python, [script, data, String(ADF_REPS)], { encoding: 'utf8' });
      if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop() as string) as PythonAdf;
      lastError = (r.stderr || String(r.error)).trim().split('\n').pop() ?? lastError;
    }
    return { missing: lastError };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timeOurAdf(series: Float64Array): { ms: number; result: AdfResult } {
  let result = adfuller(series, { regression: 'c', autolag: 'AIC' });
  // JIT warm-up until V8's optimising tier has compiled the hot loops (5 calls left the first timed
  // repetitions at ~2x the steady state): the desk runs ADF on every closed bar, so steady state is the figure.
  for (let i = 0; i < 100; i++) result = adfuller(series, { regression: 'c', autolag: 'AIC' });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ADF_REPS; i++) result = adfuller(series, { regression: 'c', autolag: 'AIC' });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6 / ADF_REPS, result };
}

function bar(symbol: string, openTime: number, close: number): Bar {
  return { symbol, openTime, intervalMs: 1000, open: close, high: close, low: close, close, volume: 1, trades: 1, vwap: close, empty: false };
}

/** Mean time (ms) of one closed-bar update of all pairs, after the windows are full. */
function timePairsUpdate(hedge: HedgeMethod): number {
  const rnd = mulberry32(7);
  const pairs = Array.from({ length: PAIRS }, (_, i) => new PairAnalytics({ y: `Y${i}USDT`, x: `X${i}USDT`, window: WINDOW, hedge, logPrices: hedge === 'kalman' }));
  const levels = pairs.map((_, i) => ({ x: 60_000 / (i + 1), spread: 0 }));
  const total = 2 * WINDOW + TIMED_BARS;
  // Pre-built bars so the timing covers only the analytics.
  const bars = Array.from({ length: total }, (_, t) =>
    pairs.map((p, i) => {
      const l = levels[i];
      l.x *= 1 + gaussian(rnd) * 1e-4;
      l.spread = 0.9 * l.spread + gaussian(rnd) * 0.5;
      return [bar(p.config.y, t * 1000, 0.05 * l.x + 100 + l.spread), bar(p.config.x, t * 1000, l.x)] as const;
    }),
  );
  for (let t = 0; t < 2 * WINDOW; t++) pairs.forEach((p, i) => p.onBars(bars[t][i][0], bars[t][i][1]));
  const t0 = process.hrtime.bigint();
  for (let t = 2 * WINDOW; t < total; t++) {
    const row = bars[t];
    for (let i = 0; i < PAIRS; i++) pairs[i].onBars(row[i][0], row[i][1]);
  }
  return Number(process.hrtime.bigint() - t0) / 1e6 / TIMED_BARS;
}

function main(): void {
  const series = adfSeries();
  const ours = timeOurAdf(Float64Array.from(series));
  console.log(`ADF (c, AIC autolag, ${ADF_POINTS} points, mean of ${ADF_REPS}): ours ${ours.ms.toFixed(3)} ms, stat ${ours.result.statistic}, p ${ours.result.pValue}, lag ${ours.result.usedLag}`);
  const sm = runStatsmodels(series);
  let adfStatsmodelsMs: number | null = null;
  let adfSpeedup: number | null = null;
  let adfMaxAbsDiff: number | null = null;
  if ('missing' in sm) {
    console.log(`statsmodels is missing (install Debian's python3-statsmodels: apt-get install -y python3-statsmodels): ${sm.missing}`);
  } else {
    adfStatsmodelsMs = sm.ms;
    adfSpeedup = sm.ms / ours.ms;
    const diffs = [
      ours.result.statistic - sm.stat,
      ours.result.pValue - sm.pvalue,
      ours.result.critical['1%'] - sm.critical['1%'],
      ours.result.critical['5%'] - sm.critical['5%'],
      ours.result.critical['10%'] - sm.critical['10%'],
      ...(ours.result.icBest === undefined || ours.result.icBest === null ? [] : [ours.result.icBest - sm.icBest]),
    ];
    adfMaxAbsDiff = Math.max(...diffs.map(Math.abs));
    console.log(`ADF statsmodels ${sm.version}: ${sm.ms.toFixed(3)} ms, stat ${sm.stat}, p ${sm.pvalue}, lag ${sm.usedLag}; same lag: ${sm.usedLag === ours.result.usedLag}`);
    console.log(`ADF speed-up ${adfSpeedup.toFixed(1)}×, max |difference| (stat, p, critical values, icBest) ${adfMaxAbsDiff.toExponential(2)}`);
  }
  const perMethod: Record<string, number> = {};
  for (const hedge of ['ols', 'rolling-ols', 'kalman', 'huber', 'theil-sen'] as const) {
    perMethod[hedge] = timePairsUpdate(hedge);
    console.log(`one bar, ${PAIRS} pairs × ${WINDOW}-bar window, hedge ${hedge}: ${perMethod[hedge].toFixed(4)} ms`);
  }
  console.log('pairsUpdateMs below is the ols hedge (the default); pairsUpdateMsByMethod gives every method.');
  console.log(
    JSON.stringify({
      adfOursMs: ours.ms,
      adfStatsmodelsMs,
      adfSpeedup,
      adfMaxAbsDiff,
      pairsUpdateMs: perMethod.ols,
      pairsUpdateMsByMethod: perMethod,
    }),
  );
}

main();
