import { strict as assert } from 'node:assert';
import type { BacktestTrade } from '../../../src/engine/analytics/backtest';
import { summarizeBacktest } from '../../../src/engine/analytics/backtestSummary';

const close = (a: number | null, b: number): void => assert.ok(a !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const trade = (pnl: number, fees: number, funding: number, bars: number, entryTime: number, turnover: number): BacktestTrade => ({
  entryTime, exitTime: entryTime + bars * 60_000, side: 'long', entryY: 1, entryX: 1, exitY: 1, exitX: 1, qtyY: 1, qtyX: -1,
  fees, funding, pnl, exitReason: 'exit', beta: 1, entryZ: -2, exitZ: 0, bars, turnover,
});
const curve = (values: number[]): { time: number; equity: number }[] => values.map((equity, i) => ({ time: i * 60_000, equity }));

describe('summarizeBacktest', () => {
  it('Sharpe: mean / sample std of ΔEquity / notional, × √(bars in 365 days)', () => {
    // Returns 0, 0, 0, 0.025, 0.005: mean 0.006; Σ(r − mean)² = 3·0.006² + 0.019² + 0.001² = 4.7e-4, /4 = 1.175e-4.
    const s = summarizeBacktest([trade(30, 0, 0, 2, 0, 0)], curve([0, 0, 0, 25, 30]), 1000, 60_000);
    assert.equal(s.barsPerYear, 525_600);
    close(s.annualisation, Math.sqrt(525_600));
    close(s.sharpe, (0.006 / Math.sqrt(1.175e-4)) * Math.sqrt(525_600));
    close(s.returnPct, 3);
    close(s.timeInMarket, 2 / 5);
  });

  it('drawdown from a running peak that starts at 0; hit rate, fees, funding, gross, holding, turnover', () => {
    const trades = [trade(30, 2, -1, 3, 0, 5000), trade(-40, 3, 0.5, 1, 600_000, 4000), trade(10, 1, 0, 2, 1_200_000, 3000)];
    const s = summarizeBacktest(trades, curve([10, 30, 5, 20, -10, 0]), 1000, 60_000);
    close(s.maxDrawdown, 40); // 30 → −10
    close(s.hitRate, 2 / 3);
    close(s.pnl, 0);
    close(s.fees, 6);
    close(s.funding, -0.5);
    close(s.grossPnl, 0 + 6 + 0.5); // pnl = gross − fees + funding
    close(s.avgHoldingBars, 2);
    close(s.avgHoldingMs, 120_000);
    close(s.turnover, 12_000);
    assert.equal(summarizeBacktest([], curve([0, 0, 0]), 1000, 1000).sharpe, null); // no variation
    assert.equal(summarizeBacktest([], curve([0, 0, 0]), 1000, 1000).hitRate, null);
    close(summarizeBacktest([], curve([-5]), 1000, 1000).maxDrawdown, 5);
  });
});
