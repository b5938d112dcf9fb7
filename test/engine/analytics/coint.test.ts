import assert from 'node:assert/strict';
import { coint, cointegratingRegression, type CointTrend } from '../../../src/engine/analytics/coint';
import type { AdfAutolag } from '../../../src/engine/analytics/adf';
import type { CriticalValues } from '../../../src/engine/analytics/mackinnon';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';
import { loadCases, macroColumn } from './statsmodelsFixtures';

const code = (c: string) => (e: unknown) => e instanceof EngineError && e.code === c;

describe('coint (Engle-Granger) — statsmodels’ published figures', () => {
  it('coint(realcons, realgdp), trend c, maxlag 0', () => {
    const r = coint(macroColumn('realcons'), macroColumn('realgdp'), { trend: 'c', maxlag: 0 });
    assertClose(r.statistic, -1.830170986148, 1e-6);
    assertClose(r.pValue, 0.6149545601930599, 1e-6);
    assertClose(r.critical!['1%'], -3.951478986373885, 0, 1e-9);
    assertClose(r.critical!['5%'], -3.3665452338006077, 0, 1e-9);
    assertClose(r.critical!['10%'], -3.06551269973532, 0, 1e-9);
    assert.equal(r.usedLag, 0);
  });
});

interface CointCase {
  name: string;
  y?: number[];
  x?: number[];
  source?: { y: string; x: string };
  options: { trend: CointTrend; maxlag: number | null; autolag: AdfAutolag | null };
  expected: { beta: number; alpha: number; stat: number; pvalue: number; critical: CriticalValues | null; usedLag: number; nobs: number };
}

describe('coint — vectors generated with statsmodels', () => {
  for (const c of loadCases<CointCase>('coint_vectors.json')) {
    it(c.name, () => {
      const y = c.y ?? macroColumn(c.source!.y);
      const x = c.x ?? macroColumn(c.source!.x);
      const r = coint(y, x, c.options);
      assert.equal(r.usedLag, c.expected.usedLag, 'used lag');
      assert.equal(r.nobs, c.expected.nobs, 'nobs');
      assertClose(r.beta, c.expected.beta, 1e-9, 0, 'beta');
      assertClose(r.alpha, c.expected.alpha, 1e-9, 1e-9, 'alpha');
      assertClose(r.statistic, c.expected.stat, 1e-6, 0, 'stat');
      assertClose(r.pValue, c.expected.pvalue, 1e-6, 1e-12, 'p-value');
      if (c.expected.critical === null) assert.equal(r.critical, null);
      else for (const l of ['1%', '5%', '10%'] as const) assertClose(r.critical![l], c.expected.critical[l], 0, 1e-9, `crit ${l}`);
    });
  }
});

describe('coint — bad input', () => {
  it('rejects perfectly collinear series (statsmodels: τ = −∞ with a warning)', () => {
    const x = macroColumn('realgdp');
    assert.throws(() => coint(x.map((v) => 2 * v + 1), x), code('SINGULAR_MATRIX'));
  });

  it('rejects constant series, short or mismatched input', () => {
    const x = macroColumn('realgdp');
    assert.throws(() => coint(x, x.map(() => 3)), code('CONSTANT_SERIES'));
    assert.throws(() => coint(x.map(() => 3), x), code('CONSTANT_SERIES'));
    assert.throws(() => coint([1, 2, 3], [3, 1, 2]), code('TOO_FEW_OBSERVATIONS'));
    assert.throws(() => coint(x, x.slice(1)), code('BAD_ARGUMENT'));
    assert.throws(() => coint(x, x, { trend: 'cttt' as CointTrend }), code('BAD_ARGUMENT'));
  });

  it('the cointegrating regression gives the spread Y − α − β·X', () => {
    const y = macroColumn('realcons');
    const x = macroColumn('realgdp');
    const reg = cointegratingRegression(y, x, 'c');
    for (const i of [0, 100, 202]) assertClose(reg.residuals[i], y[i] - reg.alpha - reg.beta * x[i], 1e-9, 1e-9);
  });
});
