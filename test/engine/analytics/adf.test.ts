import assert from 'node:assert/strict';
import fc from 'fast-check';
import { adfuller, type AdfAutolag } from '../../../src/engine/analytics/adf';
import { leastSquaresQR } from '../../../src/engine/analytics/linalg';
import type { CriticalValues, TrendRegression } from '../../../src/engine/analytics/mackinnon';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';
import { loadCases, macroColumn } from './statsmodelsFixtures';
import { seededRandom } from './testData';

const STAT_REL = 1e-6;
const P_ABS_TINY = 1e-12;
const CRIT_ABS = 1e-9;

function checkCritical(actual: CriticalValues, expected: CriticalValues, label: string): void {
  for (const level of ['1%', '5%', '10%'] as const) assertClose(actual[level], expected[level], 0, CRIT_ABS, `${label} crit ${level}`);
}

const code = (c: string) => (e: unknown) => e instanceof EngineError && e.code === c;

describe('adfuller — statsmodels’ published figures on macrodata', () => {
  const realgdp = macroColumn('realgdp');
  const infl = macroColumn('infl');

  it('realgdp levels, maxlag 4, no autolag: c, ct, n', () => {
    const expected: Array<[TrendRegression, number, number]> = [
      ['c', 0.9750516118294814, 0.993995613328423],
      ['ct', -1.8566384063254426, 0.6768291751043972],
      ['n', 3.52274666402521, 0.9999932685891044],
    ];
    for (const [regression, stat, p] of expected) {
      const r = adfuller(realgdp, { regression, maxlag: 4, autolag: null });
      assertClose(r.statistic, stat, STAT_REL, 0, `realgdp ${regression} stat`);
      assertClose(r.pValue, p, STAT_REL, 0, `realgdp ${regression} p`);
      assert.equal(r.usedLag, 4);
      assert.equal(r.nobs, 198);
      assert.equal(r.icBest, undefined);
    }
    checkCritical(adfuller(realgdp, { regression: 'c', maxlag: 4, autolag: null }).critical, { '1%': -3.463815171, '5%': -2.876250632, '10%': -2.574611348 }, 'realgdp c');
  });

  it('infl, maxlag 1, no autolag: c, ct, n', () => {
    const expected: Array<[TrendRegression, number, number]> = [
      ['c', -4.33469899428842, 0.00038660872028122126],
      ['ct', -4.425093105186976, 0.0019963240195169513],
      ['n', -2.451159656614519, 0.013747990345131918],
    ];
    for (const [regression, stat, p] of expected) {
      const r = adfuller(infl, { regression, maxlag: 1, autolag: null });
      assertClose(r.statistic, stat, STAT_REL, 0, `infl ${regression} stat`);
      assertClose(r.pValue, p, STAT_REL, 0, `infl ${regression} p`);
      assert.equal(r.nobs, 201);
    }
  });

  it('log(realgdp), default maxlag, AIC: lag 2 of 15', () => {
    const r = adfuller(realgdp.map(Math.log), { regression: 'c', autolag: 'AIC' });
    assertClose(r.statistic, -1.7953507663202362, STAT_REL);
    assertClose(r.pValue, 0.38277233991493737, STAT_REL);
    assert.equal(r.usedLag, 2);
    assert.equal(r.nobs, 200);
    checkCritical(r.critical, { '1%': -3.463476079125, '5%': -2.876102355, '10%': -2.574532225 }, 'log realgdp');
    // Defaults are statsmodels' (c, AIC).
    assert.equal(adfuller(realgdp.map(Math.log)).statistic, r.statistic);
  });
});

interface AdfCase {
  name: string;
  series?: number[];
  source?: { column: string; transform: 'log' | null };
  options: { regression: TrendRegression; maxlag: number | null; autolag: AdfAutolag | null };
  expected: { stat: number; pvalue: number; usedLag: number; nobs: number; critical: CriticalValues; icBest: number | null };
}

describe('adfuller — vectors generated with statsmodels (test/fixtures/statsmodels/generate.py)', () => {
  for (const c of loadCases<AdfCase>('adf_vectors.json')) {
    it(c.name, () => {
      const series = c.series ?? macroColumn(c.source!.column).map((v) => (c.source!.transform === 'log' ? Math.log(v) : v));
      const r = adfuller(series, c.options);
      assert.equal(r.usedLag, c.expected.usedLag, 'used lag');
      assert.equal(r.nobs, c.expected.nobs, 'nobs');
      assertClose(r.statistic, c.expected.stat, STAT_REL, 0, 'stat');
      assertClose(r.pValue, c.expected.pvalue, STAT_REL, P_ABS_TINY, 'p-value');
      checkCritical(r.critical, c.expected.critical, c.name);
      if (c.expected.icBest === null) assert.equal(r.icBest, undefined);
      else assertClose(r.icBest!, c.expected.icBest, STAT_REL, 0, 'icBest');
    });
  }

  it('a tiny p-value keeps its digits (p ≈ 2.35e-30, not 0)', () => {
    const c = loadCases<AdfCase>('adf_vectors.json').find((k) => k.name.includes('tiny p'))!;
    const r = adfuller(c.series!, c.options);
    assert.ok(c.expected.pvalue < 1e-25 && c.expected.pvalue > 0);
    assertClose(r.pValue, c.expected.pvalue, 1e-6, 0, 'tiny p relative');
  });
});

describe('adfuller — bad input', () => {
  it('a constant series is CONSTANT_SERIES, not NaN', () => {
    assert.throws(() => adfuller(new Array(50).fill(60_000)), code('CONSTANT_SERIES'));
  });

  it('too short a sample is TOO_FEW_OBSERVATIONS, for the default and for a given maxlag', () => {
    assert.throws(() => adfuller([1, 2, 4]), code('TOO_FEW_OBSERVATIONS'));
    assert.throws(() => adfuller([1, 3, 2, 5, 4, 6], { regression: 'ctt' }), code('TOO_FEW_OBSERVATIONS'));
    assert.throws(() => adfuller(macroColumn('infl').slice(0, 30), { maxlag: 14 }), code('TOO_FEW_OBSERVATIONS'));
  });

  it('non-finite values, a negative maxlag and unknown options are BAD_ARGUMENT', () => {
    assert.throws(() => adfuller([1, 2, NaN, 4, 5, 6, 7, 8, 9, 10]), code('BAD_ARGUMENT'));
    assert.throws(() => adfuller(macroColumn('infl'), { maxlag: -1 }), code('BAD_ARGUMENT'));
    assert.throws(() => adfuller(macroColumn('infl'), { regression: 'q' as TrendRegression }), code('BAD_ARGUMENT'));
    assert.throws(() => adfuller(macroColumn('infl'), { autolag: 'HQIC' as AdfAutolag }), code('BAD_ARGUMENT'));
  });

  it('AIC landing on a lag without degrees of freedom is TOO_FEW_OBSERVATIONS (statsmodels prints τ = 0 there)', () => {
    const short = [1.2, 0.4, 2.9, 1.1, 3.3, 2.2, 4.8, 3.1];
    assert.throws(() => adfuller(short, { regression: 'n', autolag: 'AIC' }), code('TOO_FEW_OBSERVATIONS'));
  });

  it('a deterministic linear trend is reported as such (SINGULAR_MATRIX), never NaN', () => {
    const line = Array.from({ length: 100 }, (_, i) => 5 + 0.5 * i);
    assert.throws(() => adfuller(line, { autolag: 'AIC' }), code('SINGULAR_MATRIX'));
  });
});

describe('adfuller — invariances that pin precision', () => {
  // With a constant in the regression, τ does not depend on the series' level or scale: x and
  // a·x + b give the same statistic. Shifting by 60,000 (BTC) must not cost digits.
  it('τ is unchanged by x → a·x + b, including a BTC-scale offset (fast-check)', () => {
    const infl = macroColumn('infl');
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.constantFrom(0, 3000, 60_000, -250),
        fc.constantFrom<TrendRegression>('c', 'ct', 'ctt'),
        fc.constantFrom<AdfAutolag | null>('AIC', 'BIC', 't-stat', null),
        (scale, offset, regression, autolag) => {
          const base = adfuller(infl, { regression, autolag, maxlag: 6 });
          const moved = adfuller(infl.map((v) => scale * v + offset), { regression, autolag, maxlag: 6 });
          assert.equal(moved.usedLag, base.usedLag);
          assertClose(moved.statistic, base.statistic, 1e-9, 0, `scale ${scale} offset ${offset}`);
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });
});

describe('adfuller — AIC/BIC lag search (cross-products, adfLagGram.ts) against a plain per-lag OLS search', () => {
  /** Every lag 0..maxlag fitted separately on the maxlag sample by QR least squares; the smallest criterion wins. */
  function referenceSearch(x: readonly number[], regression: 'c' | 'n', maxlag: number, method: 'AIC' | 'BIC'): { lag: number; ic: number } {
    const rows = x.length - 1 - maxlag;
    let best = { lag: -1, ic: Infinity };
    for (let lag = 0; lag <= maxlag; lag++) {
      const k = (regression === 'c' ? 1 : 0) + 1 + lag;
      const X = new Float64Array(rows * k);
      const y = new Float64Array(rows);
      for (let t = 0; t < rows; t++) {
        const i = maxlag + t;
        let c = 0;
        if (regression === 'c') X[t * k + c++] = 1;
        X[t * k + c++] = x[i];
        for (let j = 1; j <= lag; j++) X[t * k + c++] = x[i - j + 1] - x[i - j];
        y[t] = x[i + 1] - x[i];
      }
      const { ssr } = leastSquaresQR(X, rows, k, y);
      const llf = -0.5 * rows * (Math.log(2 * Math.PI) + Math.log(ssr / rows) + 1);
      const ic = -2 * llf + (method === 'AIC' ? 2 : Math.log(rows)) * k;
      if (ic < best.ic) best = { lag, ic };
    }
    return best;
  }

  /** t-ratio of the level in the chosen model on the longest sample its lags allow, by a plain QR fit. */
  function referenceTStat(x: readonly number[], regression: 'c' | 'n', lag: number): number {
    const rows = x.length - 1 - lag;
    const k = (regression === 'c' ? 1 : 0) + 1 + lag;
    const X = new Float64Array(rows * k);
    const y = new Float64Array(rows);
    for (let t = 0; t < rows; t++) {
      const i = lag + t;
      X[t * k] = x[i];
      for (let j = 1; j <= lag; j++) X[t * k + j] = x[i - j + 1] - x[i - j];
      if (regression === 'c') X[t * k + k - 1] = 1;
      y[t] = x[i + 1] - x[i];
    }
    return leastSquaresQR(X, rows, k, y).tValues[0];
  }

  it('same lag, icBest (to 1e-11 relative) and statistic (to 1e-10) on AR series at BTC-like levels, 40 to 2,000 points (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 40, max: 2000 }),
        fc.constantFrom(0, 60_000, 1e6),
        fc.constantFrom(0.5, 1, 1.3),
        fc.constantFrom<'c' | 'n'>('c', 'n'),
        fc.constantFrom<'AIC' | 'BIC'>('AIC', 'BIC'),
        (seed, n, level, phi, regression, method) => {
          const rnd = seededRandom(seed);
          const x: number[] = [];
          let s1 = 0;
          let s2 = 0;
          for (let i = 0; i < n; i++) {
            const s = phi * s1 - (phi - 0.97) * s2 + (rnd() - 0.5) * 10;
            s2 = s1;
            s1 = s;
            x.push(level + s);
          }
          const r = adfuller(x, { regression, autolag: method });
          const maxlag = Math.min(Math.ceil(12 * Math.pow(n / 100, 1 / 4)), Math.floor(n / 2) - (regression === 'c' ? 1 : 0) - 1);
          const ref = referenceSearch(x, regression, maxlag, method);
          assert.equal(r.usedLag, ref.lag);
          assertClose(r.icBest!, ref.ic, 1e-11, 1e-9, 'icBest'); // at a 1e6 level both fits carry ~1e-12
          // At a 1e6 level with a spread of a few units the level column's condition (~1e5) leaves ~1e-10 to any fit.
          assertClose(r.statistic, referenceTStat(x, regression, r.usedLag), level >= 1e6 ? 1e-9 : 1e-10, 0, 'statistic');
          assert.equal(r.nobs, n - 1 - r.usedLag);
        },
      ),
      { numRuns: 60, seed: 20261201 },
    );
  });
});
