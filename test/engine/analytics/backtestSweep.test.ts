import { strict as assert } from 'node:assert';
import { DEFAULT_BACKTEST_PARAMS, runBacktest, type BacktestBar, type BacktestParams } from '../../../src/engine/analytics/backtest';
import { sweepBacktest, walkForward } from '../../../src/engine/analytics/backtestSweep';
import { EngineError } from '../../../src/engine/errors';

const close = (a: number | null, b: number): void => assert.ok(a !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const base: BacktestParams = { ...DEFAULT_BACKTEST_PARAMS, notional: 1000, stop: null, exit: 0, fill: 'same', feeBp: 0 };

// Block 0 (bars 0–9): z −1.5 at bar 1 (long at Y 100), back to 0 at bar 2 (Y 110): +100 with entry 1, no trade with entry 2.
// Block 1 (bars 10–19): z +1.5 at bar 11 (short at Y 100), 0 at bar 12 (Y 90): +100 with entry 1.
const z = [0, -1.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.5, 0, 0, 0, 0, 0, 0, 0, 0];
const y = [100, 100, 110, 110, 110, 110, 110, 110, 110, 110, 100, 100, 90, 90, 90, 90, 90, 90, 90, 90];
const bars: BacktestBar[] = z.map((zi, i) => ({ time: i * 1000, z: zi, y: y[i], x: 50, beta: 0.5 }));
const input = { bars, intervalMs: 1000 };

describe('sweepBacktest', () => {
  it('one cell per entry × exit: Sharpe, trades and pnl of that run; invalid pairs are null', () => {
    const s = sweepBacktest(input, { ...base, stop: 1.8 }, { entries: [1, 2], exits: [0, 1.5] });
    assert.equal(s.cells[0][1], null); // exit 1.5 ≥ entry 1
    assert.equal(s.cells[1][0], null); // stop 1.8 ≤ entry 2
    assert.equal(s.cells[1][1], null);
    const cell = s.cells[0][0]!;
    assert.equal(cell.trades, 2);
    close(cell.pnl, 200);
    // Returns 0.1 at bars 2 and 12 of 20: mean 0.01, Σ(r − mean)² = 18·1e-4 + 2·0.0081 = 0.018, /19.
    close(cell.sharpe, (0.01 / Math.sqrt(0.018 / 19)) * Math.sqrt(31_536_000));
    assert.equal(runBacktest(input, { ...base, entry: 1 }).trades.length, cell.trades);
  });

  it('refuses an empty or non-numeric grid', () => {
    assert.throws(() => sweepBacktest(input, base, { entries: [], exits: [0] }), EngineError);
    assert.throws(() => sweepBacktest(input, base, { entries: [1], exits: [Number.NaN] }), EngineError);
  });
});

describe('walkForward', () => {
  it('chooses on the in-sample block (a cell with no trade is never chosen) and trades the next block with it', () => {
    const w = walkForward(input, base, 1, { entries: [2, 1], exits: [0] });
    assert.equal(w.folds.length, 1);
    const f = w.folds[0];
    assert.deepEqual([f.inSample, f.outOfSample], [{ from: 0, to: 9000 }, { from: 10_000, to: 19_000 }]);
    assert.deepEqual([f.entry, f.exit], [1, 0]);
    // In-sample: one return of 0.1 in 10 bars: mean 0.01, Σ(r − mean)² = 9·1e-4 + 0.0081 = 0.009, /9.
    close(f.inSampleSharpe, (0.01 / Math.sqrt(0.001)) * Math.sqrt(31_536_000));
    assert.deepEqual(w.trades.map((t) => [t.side, t.entryTime, t.exitTime]), [['short', 11_000, 12_000]]);
    close(w.summary.pnl, 100);
    assert.equal(w.equity.length, 10);
    assert.equal(w.equity[0].time, 10_000);
  });

  it('a fold whose in-sample block has no trade is not traded; too few bars is TOO_FEW_OBSERVATIONS', () => {
    const w = walkForward(input, base, 1, { entries: [2], exits: [0] });
    assert.equal(w.folds[0].entry, null);
    assert.equal(w.trades.length, 0);
    assert.equal(w.equity.length, 10);
    assert.throws(() => walkForward(input, base, 10), (e: unknown) => e instanceof EngineError && e.code === 'TOO_FEW_OBSERVATIONS');
    assert.throws(() => walkForward(input, base, 0), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
  });
});
