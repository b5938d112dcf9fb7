import assert from 'node:assert/strict';
import { mackinnonp, mackinnoncrit } from '../../../src/engine/analytics/mackinnon';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';

// Statistics and p-values published in statsmodels' own tests (issue 3), which pin the 1994 tables
// independently of our ADF; critical values likewise pin the 2010 tables.
describe('MacKinnon p-values (1994)', () => {
  const cases: Array<[number, 'c' | 'ct' | 'n', number, number]> = [
    [0.9750516118294814, 'c', 1, 0.993995613328423],
    [-1.8566384063254426, 'ct', 1, 0.6768291751043972],
    [3.52274666402521, 'n', 1, 0.9999932685891044],
    [-4.33469899428842, 'c', 1, 0.00038660872028122126],
    [-4.425093105186976, 'ct', 1, 0.0019963240195169513],
    [-2.451159656614519, 'n', 1, 0.013747990345131918],
    [-1.7953507663202362, 'c', 1, 0.38277233991493737],
    [-1.830170986148, 'c', 2, 0.6149545601930599],
  ];
  it('reproduces statsmodels’ published p-values', () => {
    for (const [stat, reg, N, p] of cases) assertClose(mackinnonp(stat, reg, N), p, 1e-6, 0, `${reg} N=${N} τ=${stat}`);
  });

  it('is 1 above τ_max, 0 below τ_min, and never NaN', () => {
    assert.equal(mackinnonp(2.75, 'c', 1), 1);
    assert.equal(mackinnonp(-18.9, 'c', 1), 0);
    assert.equal(mackinnonp(1e6, 'n', 1), 1); // τ_max for n, N=1 is +∞: polynomial → Φ(large) = 1
    assert.equal(mackinnonp(Infinity, 'n', 1), 1);
    assert.equal(mackinnonp(-Infinity, 'c', 2), 0);
    const p = mackinnonp(-18.8, 'c', 1);
    assert.ok(p > 0 && p < 1e-20, `deep tail p ${p}`);
  });

  it('rejects an unknown regression or N outside 1..6', () => {
    assert.throws(() => mackinnonp(-2, 'c', 7), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
    assert.throws(() => mackinnonp(-2, 'x' as 'c', 1), (e: unknown) => e instanceof EngineError);
  });
});

describe('MacKinnon critical values (2010)', () => {
  it('reproduces statsmodels’ published critical values to 1e-9', () => {
    const adf198 = mackinnoncrit(1, 'c', 198);
    assertClose(adf198['1%'], -3.463815171, 0, 1e-9);
    assertClose(adf198['5%'], -2.876250632, 0, 1e-9);
    assertClose(adf198['10%'], -2.574611348, 0, 1e-9);
    const adf200 = mackinnoncrit(1, 'c', 200);
    assertClose(adf200['1%'], -3.463476079125, 0, 1e-9);
    assertClose(adf200['5%'], -2.876102355, 0, 1e-9);
    assertClose(adf200['10%'], -2.574532225, 0, 1e-9);
    const eg = mackinnoncrit(2, 'c', 202);
    assertClose(eg['1%'], -3.951478986373885, 0, 1e-9);
    assertClose(eg['5%'], -3.3665452338006077, 0, 1e-9);
    assertClose(eg['10%'], -3.06551269973532, 0, 1e-9);
  });

  it('gives the asymptotic values for an infinite sample', () => {
    const inf = mackinnoncrit(1, 'ct', Infinity);
    assert.deepEqual(inf, { '1%': -3.95877, '5%': -3.41049, '10%': -3.12705 });
  });

  it('has no 2010 table for regression n with N > 1', () => {
    assert.throws(() => mackinnoncrit(2, 'n', 100), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
  });
});
