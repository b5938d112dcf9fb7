import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { linearRegression, mean, sampleCorrelation, sampleStandardDeviation } from 'simple-statistics';
import { adfuller } from '../../../src/engine/analytics/adf';
import { coint } from '../../../src/engine/analytics/coint';
import { PairAnalytics } from '../../../src/engine/analytics/pairAnalytics';
import type { PairConfig } from '../../../src/engine/analytics/pairConfig';
import type { Bar } from '../../../src/engine/types';
import { seededRandom } from './testData';

function bar(symbol: string, openTime: number, close: number): Bar {
  return { symbol, openTime, intervalMs: 1000, open: close, high: close, low: close, close, volume: 1, trades: 1, vwap: close, empty: false };
}

/** A cointegrated ETH (Y) / BTC (X) pair at real price levels. */
function series(n: number, seed = 9): { eth: number[]; btc: number[] } {
  const rnd = seededRandom(seed);
  const btc: number[] = [];
  const eth: number[] = [];
  let p = 64_000;
  let e = 0;
  for (let i = 0; i < n; i++) {
    p += (rnd() - 0.5) * 30;
    e = 0.7 * e + (rnd() - 0.5) * 3;
    btc.push(p);
    eth.push(200 + 0.05 * p + e);
  }
  return { eth, btc };
}

function feed(pa: PairAnalytics, eth: number[], btc: number[]) {
  return eth.map((v, i) => pa.onBars(bar('ETHUSDT', i * 1000, v), bar('BTCUSDT', i * 1000, btc[i])));
}

const base: PairConfig = { y: 'ETHUSDT', x: 'BTCUSDT', window: 30, hedge: 'ols' };
const close = (a: number | null, b: number, tol = 1e-9): void => {
  assert.ok(a !== null, `expected ${b}, got null`);
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
};

describe('PairAnalytics (Y = α + β·X + ε)', () => {
  const { eth, btc } = series(120);

  it('ols: β, α, spread, z and both correlations match independent window calculations', () => {
    const points = feed(new PairAnalytics(base), eth, btc);
    for (const i of [29, 64, 119]) {
      const ys = eth.slice(i - 29, i + 1);
      const xs = btc.slice(i - 29, i + 1);
      const { m: beta, b: alpha } = linearRegression(xs.map((x, k) => [x, ys[k]]));
      const residuals = ys.map((y, k) => y - alpha - beta * xs[k]);
      const p = points[i];
      close(p.beta, beta, 1e-8);
      close(p.alpha, alpha, 1e-8);
      close(p.spread, residuals[29], 1e-6);
      close(p.spreadStd, sampleStandardDeviation(residuals), 1e-8);
      close(p.z, (residuals[29] - mean(residuals)) / sampleStandardDeviation(residuals), 1e-6);
      close(p.corrPrices, sampleCorrelation(xs, ys), 1e-9);
      const ry = ys.slice(1).map((y, k) => Math.log(y / ys[k]));
      const rx = xs.slice(1).map((x, k) => Math.log(x / xs[k]));
      close(p.corrReturns, sampleCorrelation(rx, ry), 1e-9);
    }
  });

  it('warms up with nulls (never NaN) and says how many bars each statistic still needs', () => {
    const pa = new PairAnalytics(base);
    const points = feed(pa, eth.slice(0, 7), btc.slice(0, 7));
    for (const p of points) for (const v of Object.values(p)) assert.ok(v === null || Number.isFinite(v));
    assert.equal(points[6].beta, null);
    assert.equal(points[6].z, null);
    const messages = pa.snapshot().requirements.map((r) => r.message);
    assert.ok(messages.includes('Hedge ratio: needs 23 more bars'), messages.join('; '));
    assert.ok(messages.includes('ADF: needs 23 more bars'));
    const tests = pa.runTests();
    assert.equal(tests.adf, null);
    assert.ok(tests.notes.includes('ADF: needs 23 more bars'));
    const short = new PairAnalytics({ ...base, window: 10 });
    assert.ok(short.snapshot().requirements.some((r) => r.message === 'ADF: needs a window of at least 20 bars (window is 10)'));
  });

  it('rolling-ols is causal: each bar uses the fit of the window ending at it, z rolls over past spreads', () => {
    const points = feed(new PairAnalytics({ ...base, hedge: 'rolling-ols' }), eth, btc);
    const spreads: number[] = [];
    for (let i = 29; i < 120; i++) {
      const ys = eth.slice(i - 29, i + 1);
      const xs = btc.slice(i - 29, i + 1);
      const { m, b } = linearRegression(xs.map((x, k) => [x, ys[k]]));
      spreads.push(eth[i] - b - m * btc[i]);
      close(points[i].spread, spreads[spreads.length - 1], 1e-6);
    }
    assert.equal(points[57].z, null); // 29 spreads so far
    const last30 = spreads.slice(-30);
    close(points[119].z, (last30[29] - mean(last30)) / sampleStandardDeviation(last30), 1e-6);
  });

  it('kalman starts from the OLS fit of the first window and forecasts each bar with the previous state', () => {
    const pa = new PairAnalytics({ ...base, hedge: 'kalman', kalman: { delta: 1e-4 } });
    const points = feed(pa, eth.slice(0, 32), btc.slice(0, 32));
    assert.equal(points[29].beta, null);
    const { m, b } = linearRegression(btc.slice(0, 30).map((x, k) => [x, eth[k]]));
    close(points[30].beta, m, 1e-8);
    close(points[30].alpha, b, 1e-8);
    close(points[30].spread, eth[30] - b - m * btc[30], 1e-6);
    assert.notEqual(points[31].beta, points[30].beta);
  });

  it('huber on a 300-bar window gives statsmodels RLM\'s β and α (fixture from test/fixtures/statsmodels/huber_rlm.py)', () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/statsmodels/huber_rlm.json'), 'utf8'));
    const c = fixture.cases.find((k: { name: string }) => k.name === 'btc-eth-scale');
    const pa = new PairAnalytics({ ...base, window: 300, hedge: 'huber' });
    const points = feed(pa, c.y, c.x);
    close(points[299].beta, c.beta, 1e-8);
    close(points[299].alpha, c.alpha, 1e-8);
    assert.equal(points[298].beta, null);
  });

  it('theil-sen: β is the median of the window\'s pairwise slopes (brute force), α the median of y − β·x', () => {
    const points = feed(new PairAnalytics({ ...base, window: 20, hedge: 'theil-sen' }), eth.slice(0, 50), btc.slice(0, 50));
    const med = (v: number[]): number => {
      const s = [...v].sort((a, b) => a - b);
      return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    for (const i of [19, 49]) {
      const ys = eth.slice(i - 19, i + 1);
      const xs = btc.slice(i - 19, i + 1);
      const slopes: number[] = [];
      for (let a = 0; a < 20; a++) for (let b = a + 1; b < 20; b++) if (xs[b] !== xs[a]) slopes.push((ys[b] - ys[a]) / (xs[b] - xs[a]));
      const beta = med(slopes);
      close(points[i].beta, beta, 1e-12);
      close(points[i].alpha, med(ys.map((y, k) => y - beta * xs[k])), 1e-12);
    }
  });

  it('preview gives a live z without touching the state', () => {
    const pa = new PairAnalytics(base);
    feed(pa, eth.slice(0, 60), btc.slice(0, 60));
    const before = pa.snapshot();
    const live = pa.preview(eth[59] + 5, btc[59]);
    const latest = before.latest!;
    close(live.spread, latest.spread! + 5, 1e-6);
    close(live.z, (latest.spread! + 5 - latest.spreadMean!) / latest.spreadStd!, 1e-6);
    assert.deepEqual(pa.snapshot(), before);
    assert.equal(pa.preview(Number.NaN, 1).z, null);
  });

  it('setWindow and setHedge recompute from retained bars as a fresh pipeline would', () => {
    const pa = new PairAnalytics(base);
    feed(pa, eth, btc);
    pa.setWindow(40);
    const fresh = feed(new PairAnalytics({ ...base, window: 40 }), eth, btc);
    assert.deepEqual(pa.points, fresh);
    pa.setHedge('huber');
    const huber = feed(new PairAnalytics({ ...base, window: 40, hedge: 'huber' }), eth, btc);
    assert.deepEqual(pa.points, huber);
    assert.throws(() => pa.setWindow(2), /window/);
  });

  it('runTests: ADF on the window spread and Engle-Granger coint(Y, X) on the window', () => {
    const pa = new PairAnalytics(base);
    feed(pa, eth, btc);
    const tests = pa.runTests();
    const ys = eth.slice(-30);
    const xs = btc.slice(-30);
    const { m, b } = linearRegression(xs.map((x, k) => [x, ys[k]]));
    const spread = ys.map((y, k) => y - b - m * xs[k]);
    const adf = adfuller(spread, { regression: 'c', autolag: 'AIC' });
    close(tests.adf!.statistic, adf.statistic, 1e-6);
    close(tests.eg!.pValue, coint(ys, xs, { trend: 'c', autolag: 'AIC' }).pValue, 1e-9);
    assert.ok(tests.halfLife !== null);
    assert.equal(pa.metrics().adfPValue, tests.adf!.pValue);
  });

  it('rejects misaligned bars, wrong symbols and bad prices with clear errors', () => {
    const pa = new PairAnalytics(base);
    assert.throws(() => pa.onBars(bar('ETHUSDT', 0, 3000), bar('BTCUSDT', 1000, 60000)), /not aligned/);
    assert.throws(() => pa.onBars(bar('BTCUSDT', 0, 3000), bar('ETHUSDT', 0, 60000)), /got bars of/);
    assert.throws(() => pa.onBars(bar('ETHUSDT', 0, Number.NaN), bar('BTCUSDT', 0, 60000)), /positive number/);
    pa.onBars(bar('ETHUSDT', 0, 3000), bar('BTCUSDT', 0, 60000));
    assert.throws(() => pa.onBars(bar('ETHUSDT', 0, 3000), bar('BTCUSDT', 0, 60000)), /not after/);
    assert.throws(() => new PairAnalytics({ ...base, hedge: 'lasso' as never }), /unknown hedge method/);
  });

  it('gives nulls, not NaN, on constant prices', () => {
    const pa = new PairAnalytics({ ...base, window: 5 });
    const points = feed(pa, Array(8).fill(3000), Array(8).fill(60000));
    for (const p of points) for (const v of Object.values(p)) assert.ok(v === null || Number.isFinite(v), JSON.stringify(p));
    assert.equal(points[7].beta, null);
  });

  it('warnings: carried X closes, mostly-zero returns and a verdict on 40 bars, counted by hand', () => {
    const pa = new PairAnalytics({ ...base, window: 40 });
    const { eth, btc } = series(60);
    // X trades only on every 4th bar; in between its close is carried (empty bar, same close).
    let lastX = btc[0];
    eth.forEach((v, i) => {
      const traded = i % 4 === 0;
      if (traded) lastX = btc[i];
      pa.onBars(bar('ETHUSDT', i * 1000, v), { ...bar('BTCUSDT', i * 1000, lastX), empty: !traded, volume: traded ? 1 : 0, trades: traded ? 1 : 0 });
    });
    pa.runTests();
    const byCode = new Map(pa.snapshot().warnings.map((w) => [w.code, w]));
    // Bars 20…59: traded at 20, 24, …, 56 → 10 traded, 30 carried → 75%.
    assert.equal(byCode.get('carried-forward')?.value, 0.75);
    // Returns between bars 20…59: X moves at 24, 28, …, 56 → 9 of 39 (Y moves every bar).
    assert.equal(byCode.get('effective-sample')?.value, 9);
    assert.match(byCode.get('effective-sample')!.message, /^effective sample 9 of 39 returns/);
    assert.equal(byCode.get('short-test')?.value, 40);
  });

  it('rollingStationarity: Engle-Granger every step bars over the last span bars equals coint on each window', () => {
    const pa = new PairAnalytics({ ...base, window: 40 });
    const { eth, btc } = series(150);
    feed(pa, eth, btc);
    const points = pa.rollingStationarity(25, 100);
    assert.deepEqual(points.map((p) => p.end), [74, 99, 124, 149]);
    for (const p of points) {
      const ys = eth.slice(p.end - 39, p.end + 1);
      const xs = btc.slice(p.end - 39, p.end + 1);
      close(p.pYOnX, coint(ys, xs, { trend: 'c', autolag: 'AIC' }).pValue, 1e-12);
      close(p.pXOnY, coint(xs, ys, { trend: 'c', autolag: 'AIC' }).pValue, 1e-12);
      assert.equal(p.time, p.end * 1000);
    }
  });
});

