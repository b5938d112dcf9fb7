import { strict as assert } from 'node:assert';
import { DEFAULT_BACKTEST_PARAMS, runBacktest, type BacktestBar } from '../../../src/engine/analytics/backtest';
import { summarizeBacktest } from '../../../src/engine/analytics/backtestSummary';
import { backtestEquityCsv, backtestTradesCsv, TRADE_COLUMNS } from '../../../src/engine/export/backtestCsv';

// Short at bar 1 (z 2.5), out at bar 3 (z 0.4), same-bar fill: qtyY −10, qtyX +5, pnl −10·(98 − 100) + 5·(51 − 50) = 25.
const bars: BacktestBar[] = [0, 2.5, 1, 0.4, 0].map((z, i) => ({ time: 1_721_347_200_000 + i * 60_000, z, y: [100, 100, 100, 98, 97][i], x: [50, 50, 50, 51, 50][i], beta: 0.5 }));
const run = runBacktest({ bars, intervalMs: 60_000 }, { ...DEFAULT_BACKTEST_PARAMS, notional: 1000, fill: 'same', stop: null, feeBp: 0 });
const summary = summarizeBacktest(run.trades, run.equity, 1000, 60_000);

describe('backtest CSV', () => {
  it('trades: parameters and summary as # lines, one row per trade', () => {
    const lines = backtestTradesCsv('ETHUSDT/BTCUSDT', '1m', run, summary).trim().split('\n');
    assert.ok(lines.includes('# pair,ETHUSDT/BTCUSDT'));
    assert.ok(lines.includes('# fill,same'));
    assert.ok(lines.includes('# note,fill same: look-ahead; research only'));
    assert.ok(lines.includes('# stop,'), 'no stop: empty cell');
    assert.ok(lines.includes('# pnl,25'));
    const at = lines.indexOf(TRADE_COLUMNS.join(','));
    assert.equal(lines.length, at + 2);
    const row = lines[at + 1].split(',');
    const cell = (name: (typeof TRADE_COLUMNS)[number]) => row[TRADE_COLUMNS.indexOf(name)];
    assert.equal(cell('entry_time_iso'), '2024-07-19T00:01:00.000Z');
    assert.equal(cell('side'), 'short');
    assert.equal(Number(cell('qty_y')), -10);
    assert.equal(Number(cell('qty_x')), 5);
    assert.equal(Number(cell('pnl')), 25);
    assert.equal(cell('exit_reason'), 'exit');
  });

  it('equity: one row per bar, quote currency', () => {
    const lines = backtestEquityCsv('ETHUSDT/BTCUSDT', '1m', run, summary).trim().split('\n');
    const at = lines.indexOf('time_iso,time_ms,equity');
    // Marked at each close: bar 2: −10·0 + 5·0 = 0; bar 3: 25 (closed); bar 4: 25.
    assert.deepEqual(lines.slice(at + 1).map((l) => Number(l.split(',')[2])), [0, 0, 0, 25, 25]);
  });
});
