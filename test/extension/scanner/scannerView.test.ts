import { strict as assert } from 'assert';
import type { ScanPairResult, ScanReport } from '../../../src/engine/scan';
import { scanSourceText, scannerView } from '../../../src/extension/scanner/scannerView';

function result(y: string, x: string, q: number, passes: boolean): ScanPairResult {
  return { y, x, corr: 0.5, beta: 1.1, betaReverse: 0.8, egP: q / 2, egPReverse: q, p: q, q, qAll: Math.min(1, q * 3), johansenTrace: 20, johansenCrit95: 15.49, halfLife: 12, hurst: 0.3, crossingsPer100: 8, sigmaBp: 50, oosP: 0.01, oosHalfLife: 10, passes };
}

/** Four symbols: A–C tightly correlated (0.9), B–D (0.8), the rest 0.1; only the upper triangle is filled, as the scan does. */
function report(): ScanReport {
  const symbols = ['A', 'B', 'C', 'D'];
  const n = 4;
  const corr = new Float64Array(n * n).fill(NaN);
  const set = (i: number, j: number, v: number) => (corr[i * n + j] = v);
  for (let i = 0; i < n; i++) set(i, i, 1);
  set(0, 1, 0.1);
  set(0, 2, 0.9);
  set(0, 3, 0.1);
  set(1, 2, 0.1);
  set(1, 3, 0.8);
  set(2, 3, 0.1);
  return {
    symbols,
    excluded: [{ symbol: 'E', reason: 'listed 3 bars ago' }],
    pairsTotal: 6,
    screened: 2,
    // Results come sorted by q: C on A first.
    results: [result('C', 'A', 1e-20, true), result('D', 'B', 0.01, true)],
    parameters: { bars: 500, passRule: 'q ≤ 0.05 and …' } as ScanReport['parameters'],
    timings: { alignMs: 1, correlationMs: 1, testMs: 1, totalMs: 2500 },
    workers: 1,
    matrices: { openTimes: new Float64Array(0), logPrices: new Float64Array(0), corr },
  };
}

const BINANCE = { restBaseUrl: 'https://fapi.binance.com', sourceLabels: [undefined, undefined, undefined, undefined] };
const CANDLES_1H = 'REPLAY candles 1h 2025-09-11…10-23 (rebased), history only — no live trades';

describe('extension/scanner/scannerView', () => {
  it('names the data source: the REST base, and the symbols\' replay label once when they carry one', () => {
    assert.equal(scannerView(report(), { interval: '1h', universe: 'u', finishedAt: 0, ...BINANCE }).source, 'REST https://fapi.binance.com');
    const local = scannerView(report(), { interval: '1h', universe: 'u', finishedAt: 0, restBaseUrl: 'http://127.0.0.1:4321', sourceLabels: [CANDLES_1H, CANDLES_1H, CANDLES_1H, CANDLES_1H] });
    assert.equal(local.source, `REST http://127.0.0.1:4321 · ${CANDLES_1H}`);
    assert.equal(scanSourceText('http://h', ['A', undefined, 'B', 'A']), 'REST http://h · A · B');
  });

  it('rows carry the table columns; the heatmap is ordered by clustering and holds ρ and −log10 q (capped at 16, null when untested)', () => {
    const view = scannerView(report(), { interval: '1h', universe: 'watchlist (4 symbols)', finishedAt: 123, ...BINANCE });
    assert.equal(view.rows.length, 2);
    assert.deepEqual([view.rows[0].y, view.rows[0].x, view.rows[0].q, view.rows[0].passes], ['C', 'A', 1e-20, true]);
    assert.equal(view.bars, 500);
    assert.equal(view.seconds, 2.5);
    assert.deepEqual(view.excluded, [{ symbol: 'E', reason: 'listed 3 bars ago' }]);
    // Average linkage on 1 − ρ: {A,C} at 0.1, {B,D} at 0.2, then the two (merge 4 = {A,C} listed first): A, C, B, D.
    assert.deepEqual(view.heatmap.symbols, ['A', 'C', 'B', 'D']);
    assert.equal(view.heatmap.note, 'all 4 symbols');
    const k = 4;
    const at = (m: (number | null)[], a: string, b: string) => m[view.heatmap.symbols.indexOf(a) * k + view.heatmap.symbols.indexOf(b)];
    assert.equal(at(view.heatmap.corr, 'C', 'A'), 0.9, 'ρ read from the upper triangle either way round');
    assert.equal(at(view.heatmap.corr, 'A', 'C'), 0.9);
    assert.equal(at(view.heatmap.corr, 'B', 'B'), 1);
    assert.equal(at(view.heatmap.negLog10Q, 'A', 'C'), 16, 'q = 1e-20 is capped at −log10 q = 16');
    assert.ok(Math.abs(at(view.heatmap.negLog10Q, 'D', 'B')! - 2) < 1e-12, 'q 0.01 → 2');
    assert.equal(at(view.heatmap.negLog10Q, 'A', 'B'), null, 'screened out');
    assert.equal(at(view.heatmap.negLog10Q, 'A', 'A'), null);
  });

  it('a universe larger than the heatmap keeps the symbols of the best-ranked pairs', () => {
    const view = scannerView(report(), { interval: '4h', universe: 'top 4', finishedAt: 0, ...BINANCE }, 2);
    assert.deepEqual([...view.heatmap.symbols].sort(), ['A', 'C']);
    assert.equal(view.heatmap.note, 'the 2 symbols of the best-ranked pairs (of 4)');
    assert.equal(view.heatmap.corr.length, 4);
  });
});

describe('extension/scanner/scannerView sparklines', () => {
  it('each row gets the spread ln y − β ln x of its own legs (demeaned, min/max per bucket)', () => {
    const r = report();
    const bars = 4;
    // Log prices, symbol-major: A, B, C, D. Row 0 is C on A with β 1.1; row 1 D on B with β 1.1.
    const lp = [
      [0, 1, 0, 1], // A
      [1, 1, 1, 1], // B
      [0, 2, 1, 1], // C
      [2, 2, 2, 6], // D
    ];
    r.matrices.logPrices = Float64Array.from(lp.flat());
    const view = scannerView(r, { interval: '1h', universe: 'u', finishedAt: 0, ...BINANCE });
    const spread = (y: number[], x: number[]) => y.map((v, i) => v - 1.1 * x[i]);
    const demean = (s: number[]) => s.map((v) => v - s.reduce((a, b) => a + b, 0) / s.length);
    // Four bars in at most 24 buckets: one bar a bucket, so the sparkline is the whole demeaned spread.
    const close = (a: number[] | undefined, b: number[]) => a!.length === b.length && a!.every((v, i) => Math.abs(v - b[i]) < 1e-12);
    assert.ok(close(view.rows[0].spark, demean(spread(lp[2], lp[0]))), `C/A: ${view.rows[0].spark}`);
    assert.ok(close(view.rows[1].spark, demean(spread(lp[3], lp[1]))), `D/B: ${view.rows[1].spark}`);
    assert.equal(bars, view.rows[0].spark!.length);
  });
});
