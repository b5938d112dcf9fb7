// The dashboard's backtest section without the DOM: form → command overrides, summary and trade rows.
import { strict as assert } from 'node:assert';
import { cellText, formToOverrides, heatmapSeries, paramsToForm, quoteCurrency, summaryRows, tradeRows, TRADE_COLUMNS } from '../../webview/backtestRows';
import type { BacktestView } from '../../src/shared/model';

const params = { entry: 1.5, exit: 0.25, stop: null, maxHold: 30, notional: 5000, sizing: 'dollar' as const, feeBp: 4, slippageBp: 1, fill: 'next' as const };
// One short-spread trade worked by hand: qtyY = −5000 / 2500 = −2 ETH; qtyX = +0.25 BTC (dollar-neutral at 50 000 … 40 000).
const trade = {
  entryTime: Date.UTC(2024, 6, 18, 10, 0, 0),
  exitTime: Date.UTC(2024, 6, 18, 10, 5, 0),
  side: 'short' as const,
  entryY: 2500,
  entryX: 20000,
  exitY: 2490,
  exitX: 20010,
  qtyY: -2,
  qtyX: 0.25,
  fees: 4.0012,
  funding: -0.5,
  // gross = −2 × (2490 − 2500) + 0.25 × (20010 − 20000) = 20 + 2.5 = 22.5; net = 22.5 − 4.0012 − 0.5
  pnl: 17.9988,
  exitReason: 'exit' as const,
  beta: 0.125,
  entryZ: 1.7,
  exitZ: 0.2,
  bars: 5,
  turnover: 20002,
};
const view: BacktestView = {
  trades: [{ side: 'short-spread', entryTime: trade.entryTime, exitTime: trade.exitTime, entryZ: 1.7, exitZ: 0.2, pnl: trade.pnl, trade }],
  equity: [],
  totalPnl: trade.pnl,
  winRate: 1,
  maxDrawdown: 3.25,
  params,
  summary: {
    trades: 1, pnl: trade.pnl, returnPct: (100 * trade.pnl) / 5000, sharpe: 2.345, maxDrawdown: 3.25, hitRate: 1, fees: 4.0012, funding: -0.5,
    timeInMarket: 0.125, grossPnl: 22.5, avgHoldingBars: 5, avgHoldingMs: 300_000, turnover: 20002, bars: 40, barsPerYear: 525_600, annualisation: Math.sqrt(525_600),
  },
};

describe('webview/backtestRows', () => {
  it('form values become the command overrides: empty fields left out, "none" is no stop, choices kept', () => {
    assert.deepEqual(formToOverrides({ entry: '1.5', exit: ' 0.25 ', stop: 'none', maxHold: '', notional: '5000', sizing: 'dollar', feeBp: '4', slippageBp: '', fill: '' }), {
      entry: 1.5,
      exit: 0.25,
      stop: null,
      notional: 5000,
      sizing: 'dollar',
      feeBp: 4,
    });
    assert.deepEqual(formToOverrides({}), {});
  });

  it('a bad field is one line naming it, never a NaN sent to the host', () => {
    assert.equal(formToOverrides({ feeBp: 'four' }), 'fee (bp): "four" is not a number');
    assert.equal(formToOverrides({ stop: 'never' }), 'stop |z|: "never" is not a number (or none)');
    assert.equal(formToOverrides({ fill: 'later' }), 'fill must be "next" or "same"');
  });

  it('the form shows the parameters a run used (round trip), no stop as "none"', () => {
    const form = paramsToForm(params);
    assert.equal(form.stop, 'none');
    assert.deepEqual(formToOverrides(form), params);
  });

  it('money carries the quote currency', () => {
    assert.equal(quoteCurrency('ETHUSDT', 'BTCUSDT'), 'USDT');
    assert.equal(quoteCurrency('ETHUSDC', 'BTCUSDT'), 'quote');
    const rows = new Map(summaryRows(view, 'USDT').map(([k, , v]) => [k, v]));
    assert.equal(rows.get('bt-sum-pnl'), '+18.00 USDT');
    assert.equal(rows.get('bt-sum-return'), '+0.360%'); // 100 × 17.9988 / 5000 = 0.359976
    assert.equal(rows.get('bt-sum-sharpe'), '2.35');
    assert.equal(rows.get('bt-sum-dd'), '3.25 USDT');
    assert.equal(rows.get('bt-sum-hit'), '100.0%');
    assert.equal(rows.get('bt-sum-fees'), '4.00 USDT');
    assert.equal(rows.get('bt-sum-funding'), '-0.50 USDT');
    assert.equal(rows.get('bt-sum-time'), '12.5%');
  });

  it('one trade row with times, side, slipped prices, signed quantities, costs, P&L and reason', () => {
    const [row] = tradeRows(view, 'USDT');
    assert.equal(row.length, TRADE_COLUMNS.length);
    assert.deepEqual(row, [
      '2024-07-18 10:00:00', '2024-07-18 10:05:00', 'short spread', '2500.00', '20000.00', '2490.00', '20010.00',
      '-2.000000', '0.250000', '4.00 USDT', '-0.50 USDT', '+18.00 USDT', 'exit',
    ]);
  });
});

describe('webview/backtestRows: the sweep heatmap (highest entry on top, trades per cell)', () => {
  const sweep = {
    entries: [1, 2],
    exits: [0, 1],
    cells: [
      [{ entry: 1, exit: 0, sharpe: -1.25, trades: 12, pnl: -12.5 }, null],
      [{ entry: 2, exit: 0, sharpe: 2.5, trades: 1, pnl: 30 }, { entry: 2, exit: 1, sharpe: null, trades: 0, pnl: 0 }],
    ],
  };

  it('puts the highest entry on top (ApexCharts draws the first series at the bottom) and keeps each cell', () => {
    const series = heatmapSeries(sweep);
    assert.deepEqual(series.map((s) => s.name), ['entry 2', 'entry 1']);
    assert.deepEqual(series[1].data[0], { x: 'exit 0', y: -1.25, trades: 12, pnl: -12.5, valid: true, fewTrades: false });
    assert.deepEqual(series[1].data[1], { x: 'exit 1', y: null, trades: null, pnl: null, valid: false, fewTrades: false });
  });

  it('says the trade count in each cell, and why a cell is empty', () => {
    const [top, bottom] = heatmapSeries(sweep);
    assert.equal(cellText(bottom.data[0]), 'Sharpe -1.25 · 12 trades');
    // Under 10 trades a Sharpe is shown with the caveat (and drawn neutral), not as a result.
    assert.equal(cellText(top.data[0]), 'Sharpe 2.50 · 1 trade (too few to judge: under 10)');
    assert.equal(top.data[0].fewTrades, true);
    assert.equal(cellText(top.data[1]), 'Sharpe — · 0 trades (too few to judge: under 10)');
    assert.equal(cellText(bottom.data[1]), 'not a valid entry × exit');
  });
});
