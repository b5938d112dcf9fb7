// The desk's view of a backtest: the engine's trades and summary, with the dashboard's side labels.
import { strict as assert } from 'node:assert';
import { PairAnalyticsAdapter } from '../../../src/engine/desk/analyticsAdapter';
import { backtestParams } from '../../../src/engine/analytics/backtest';
import type { Bar } from '../../../src/engine/types';
import { coint } from '../../../src/engine/analytics/coint';
import { barMetrics } from '../../../src/engine/desk/alertMetrics';

const bar = (symbol: string, i: number, close: number): Bar =>
  ({ symbol, openTime: i * 60_000, intervalMs: 60_000, open: close, high: close, low: close, close, volume: 1, trades: 1, empty: false }) as Bar;

describe('desk/PairAnalyticsAdapter backtest', () => {
  it('runs docs/backtest.md on the retained bars and keeps the figures and parameters in the view', () => {
    const adapter = new PairAnalyticsAdapter({ y: 'ETHUSDT', x: 'BTCUSDT', window: 10, hedge: 'ols' }, 1000);
    // X a slow sine, Y = 2·X + a spread that swings ±3 every 7 bars: z crosses ±1.5 again and again.
    for (let i = 0; i < 120; i++) {
      const x = 100 + 5 * Math.sin(i / 10);
      adapter.onBars(bar('ETHUSDT', i, 2 * x + 3 * Math.sin((2 * Math.PI * i) / 7)), bar('BTCUSDT', i, x));
    }
    const params = backtestParams({ entry: 1.2, exit: 0, feeBp: 2 });
    const view = adapter.backtest(params);
    assert.ok(view.trades.length >= 5, `${view.trades.length} trades`);
    assert.deepEqual(view.params, params);
    assert.ok(view.summary);
    assert.equal(view.summary.trades, view.trades.length);
    const sum = view.trades.reduce((s, t) => s + t.pnl, 0);
    assert.ok(Math.abs(view.totalPnl - sum) < 1e-9 && Math.abs(view.equity[view.equity.length - 1].value - sum) < 1e-9);
    for (const t of view.trades) {
      assert.equal(t.side, t.trade?.side === 'long' ? 'long-spread' : 'short-spread');
      assert.ok(t.exitTime !== null && t.exitTime > t.entryTime);
    }
    assert.equal(view.winRate, view.summary.hitRate);
    // The default grid rides along (its cells are checked below).
    assert.ok(view.sweep && view.sweep.entries.length === 5 && view.sweep.exits.length === 5);
  });

  it('carries the entry × exit sweep: each cell is the backtest run with that entry and exit, invalid pairs null', () => {
    const adapter = new PairAnalyticsAdapter({ y: 'ETHUSDT', x: 'BTCUSDT', window: 10, hedge: 'ols' }, 1000);
    for (let i = 0; i < 120; i++) {
      const x = 100 + 5 * Math.sin(i / 10);
      adapter.onBars(bar('ETHUSDT', i, 2 * x + 3 * Math.sin((2 * Math.PI * i) / 7)), bar('BTCUSDT', i, x));
    }
    const view = adapter.backtest(backtestParams({ entry: 2, exit: 0.5, feeBp: 2 }));
    const sweep = view.sweep!;
    assert.deepEqual(sweep.entries, [1, 1.5, 2, 2.5, 3]);
    assert.deepEqual(sweep.exits, [0, 0.25, 0.5, 0.75, 1]);
    const cell = sweep.cells[2][2]!;
    assert.deepEqual([cell.entry, cell.exit, cell.trades, cell.sharpe, cell.pnl], [2, 0.5, view.summary!.trades, view.summary!.sharpe, view.summary!.pnl]);
    const other = adapter.backtest(backtestParams({ entry: 1.5, exit: 0, feeBp: 2 }));
    assert.deepEqual([sweep.cells[1][0]!.trades, sweep.cells[1][0]!.pnl], [other.summary!.trades, other.summary!.pnl]);
    // exit ≥ entry is not a strategy: entry 1 × exit 1 is null.
    assert.equal(sweep.cells[0][4], null);
  });
});

describe('desk/PairAnalyticsAdapter tests view', () => {
  // 40 bars, window 40: Y = 2·X + an AR(1) spread (φ 0.7); X a random-looking walk (deterministic).
  const xs: number[] = [];
  const ys: number[] = [];
  // A fixed-seed LCG (Numerical Recipes constants): uniform on [−1, 1).
  let seed = 7;
  const noise = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 31) - 1;
  let walk = 100;
  let spread = 0;
  for (let i = 0; i < 40; i++) {
    walk += noise() * 0.8;
    xs.push(walk);
    spread = 0.7 * spread + 0.5 * noise();
    ys.push(2 * walk + spread);
  }
  const adapter = new PairAnalyticsAdapter({ y: 'ETHUSDT', x: 'BTCUSDT', window: 40, hedge: 'ols' }, 1000);
  for (let i = 0; i < 40; i++) adapter.onBars(bar('ETHUSDT', i, ys[i]), bar('BTCUSDT', i, xs[i]));
  const view = adapter.runTests();

  it('carries Engle-Granger in both orderings, each equal to coint run on the window by hand, and the weaker (larger) p', () => {
    const yOnX = coint(ys, xs, { trend: 'c', autolag: 'AIC' });
    const xOnY = coint(xs, ys, { trend: 'c', autolag: 'AIC' });
    assert.ok(view.eg && view.egReverse && view.egWeaker);
    assert.equal(view.eg.pValue, yOnX.pValue);
    assert.equal(view.eg.statistic, yOnX.statistic);
    assert.equal(view.egReverse.pValue, xOnY.pValue);
    assert.equal(view.egReverse.statistic, xOnY.statistic);
    assert.notEqual(yOnX.pValue, xOnY.pValue, 'the orderings disagree on this data');
    assert.equal(view.egWeaker.pValue, Math.max(yOnX.pValue, xOnY.pValue));
    assert.equal(view.egWeaker.ordering, xOnY.pValue > yOnX.pValue ? 'x-on-y' : 'y-on-x');
    // The alert metric egPValue is the weaker ordering's p, not Y on X's.
    const point = adapter.points()[adapter.points().length - 1];
    assert.equal(barMetrics(point, view).egPValue, Math.max(yOnX.pValue, xOnY.pValue));
  });

  it('carries the OU fit, Hurst, the variance ratio and the warnings (a verdict on 40 < 50 bars)', () => {
    assert.ok(view.ou && view.ou.theta !== null && view.ou.halfLife !== null);
    // Half-life ln 2 / θ (docs/statistics.md), θ from the exact AR(1) discretisation.
    assert.ok(Math.abs(view.ou.halfLife - Math.LN2 / view.ou.theta) < 1e-12);
    assert.ok(typeof view.hurst === 'number' && view.hurst > 0 && view.hurst < 1.5);
    assert.ok(view.varianceRatio && view.varianceRatio.q === 4 && view.varianceRatio.pValue >= 0 && view.varianceRatio.pValue <= 1);
    const short = view.warnings?.find((w) => w.code === 'short-test');
    assert.ok(short, JSON.stringify(view.warnings));
    assert.equal(short.value, 40);
  });
});

describe('desk/PairAnalyticsAdapter rolling stationarity', () => {
  it('gives Engle-Granger both ways on the window ending every step bars, each equal to coint on that slice by hand', () => {
    let seed = 11;
    const noise = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 31) - 1;
    const xs: number[] = [];
    const ys: number[] = [];
    let walk = 50;
    let spread = 0;
    for (let i = 0; i < 150; i++) {
      walk += noise();
      spread = 0.5 * spread + noise();
      xs.push(walk);
      ys.push(1.5 * walk + spread);
    }
    const adapter = new PairAnalyticsAdapter({ y: 'ETHUSDT', x: 'BTCUSDT', window: 40, hedge: 'ols' }, 1000);
    for (let i = 0; i < 150; i++) adapter.onBars(bar('ETHUSDT', i, ys[i]), bar('BTCUSDT', i, xs[i]));
    const points = adapter.rollingStationarity(10, 50);
    // Anchored on the last bar (149): windows ending at 109, 119, 129, 139, 149.
    assert.deepEqual(points.map((p) => p.time), [109, 119, 129, 139, 149].map((i) => i * 60_000));
    for (const p of points) {
      const end = p.time / 60_000;
      const y = ys.slice(end - 39, end + 1);
      const x = xs.slice(end - 39, end + 1);
      const a = coint(y, x, { trend: 'c', autolag: 'AIC' }).pValue;
      const b = coint(x, y, { trend: 'c', autolag: 'AIC' }).pValue;
      assert.deepEqual([p.yOnX, p.xOnY, p.weaker], [a, b, Math.max(a, b)]);
    }
  });
});
