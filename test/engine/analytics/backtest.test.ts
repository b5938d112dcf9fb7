import { strict as assert } from 'node:assert';
import { runBacktest, type BacktestBar } from '../../../src/engine/analytics/backtest';

// Hand-made spread: β = 0.5 throughout; columns time, Y, X, z.
const rows: [number, number, number, number][] = [
  [0, 100, 50, 0],
  [1, 100, 50, 1],
  [2, 100, 50, 2.5], // short spread: 10 Y, 5 X; entry fee 0.001·(1000 + 250) = 1.25
  [3, 102, 50, 1.5],
  [4, 99, 51, 0.5],
  [5, 98, 52, -0.1], // exit: −(10·(−2) − 5·2) = 30; exit fee 0.001·(980 + 260) = 1.24 → 27.51
  [6, 98, 52, -1],
  [7, 80, 40, -2.2], // long spread: 12.5 Y, 6.25 X; entry fee 1.25
  [8, 78, 40, -3],
  [9, 79, 41, -1],
  [10, 81, 40, 0.2], // exit: 12.5·1 − 0 = 12.5; exit fee 0.001·(1012.5 + 250) = 1.2625 → 9.9875
  [11, 81, 40, 0],
  [12, 90, 45, 2.1], // short spread still open at the end: −1.25 (entry fee)
];
const bars: BacktestBar[] = rows.map(([time, y, x, z]) => ({ time, y, x, z, beta: 0.5 }));
const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);

describe('runBacktest', () => {
  it('trades the hand-made spread: entries, exits, fees, P&L, win rate, drawdown', () => {
    const r = runBacktest(bars, { entryZ: 2, exitZ: 0, feeBps: 10, notional: 1000 });
    assert.equal(r.trades.length, 2);
    const [first, second] = r.trades;
    assert.equal(first.side, 'short-spread');
    assert.equal(first.entryTime, 2);
    assert.equal(first.exitTime, 5);
    close(first.yUnits, 10);
    close(first.xUnits, 5);
    close(first.fees, 2.49);
    close(first.pnl, 27.51);
    assert.equal(second.side, 'long-spread');
    assert.equal(second.entryTime, 7);
    assert.equal(second.exitTime, 10);
    close(second.pnl, 9.9875);
    assert.ok(r.openTrade);
    assert.equal(r.openTrade.side, 'short-spread');
    close(r.openTrade.pnl, -1.25);
    close(r.totalPnl, 27.51 + 9.9875 - 1.25);
    assert.equal(r.winRate, 1);
    // Equity: 0, 0, −1.25, −21.25, 13.75, 27.51, 27.51, 26.26, 1.26, 7.51, 37.4975, 37.4975, 36.2475.
    const expected = [0, 0, -1.25, -21.25, 13.75, 27.51, 27.51, 26.26, 1.26, 7.51, 37.4975, 37.4975, 36.2475];
    r.equity.forEach((p, i) => close(p.equity, expected[i]));
    close(r.maxDrawdown, 26.25); // 27.51 → 1.26
  });

  it('stops out when |z| passes the stop and does not enter beyond it', () => {
    const r = runBacktest(bars, { entryZ: 2, exitZ: 0, stopZ: 2.8, feeBps: 10, notional: 1000 });
    assert.equal(r.trades.length, 2);
    assert.equal(r.trades[1].exitReason, 'stop');
    assert.equal(r.trades[1].exitTime, 8);
    // 12.5·(78 − 80) = −25; fees 1.25 + 0.001·(975 + 250) = 2.475.
    close(r.trades[1].pnl, -27.475);
    assert.equal(r.winRate, 0.5);
    const beyond = runBacktest([{ time: 0, y: 100, x: 50, z: 3.5, beta: 0.5 }], { entryZ: 2, exitZ: 0, stopZ: 2.8, feeBps: 0, notional: 1000 });
    assert.equal(beyond.openTrade, null);
  });

  it('sizes the X leg by notional on log prices (β is an elasticity) and skips bars without z', () => {
    const logBars: BacktestBar[] = [
      { time: 0, y: 100, x: 50, z: null, beta: null },
      { time: 1, y: 100, x: 50, z: -2.5, beta: 0.8 },
      { time: 2, y: 101, x: 50.5, z: 0.1, beta: 0.8 },
    ];
    const r = runBacktest(logBars, { entryZ: 2, exitZ: 0, feeBps: 0, notional: 1000 }, true);
    close(r.trades[0].xUnits, (0.8 * 1000) / 50);
    close(r.trades[0].pnl, 10 * 1 - 16 * 0.5);
  });

  it('rejects an exit level at or above the entry level', () => {
    assert.throws(() => runBacktest(bars, { entryZ: 2, exitZ: 2, feeBps: 0, notional: 1000 }), /exitZ/);
    assert.throws(() => runBacktest(bars, { entryZ: 2, exitZ: 0, feeBps: Number.NaN, notional: 1000 }), /feeBps/);
  });
});
