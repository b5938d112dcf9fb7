// The desk's view of a backtest: the engine's trades and summary, with the dashboard's side labels.
import { strict as assert } from 'node:assert';
import { PairAnalyticsAdapter } from '../../../src/engine/desk/analyticsAdapter';
import { backtestParams } from '../../../src/engine/analytics/backtest';
import type { Bar } from '../../../src/engine/types';

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
  });
});
