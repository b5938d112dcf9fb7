// The rows the dashboard's statistics table shows for the tests, and the warnings line.
import { strict as assert } from 'node:assert';
import { engleGrangerVerdict, testRows, warningLines } from '../../src/shared/testRows';
import type { StationarityView } from '../../src/shared/model';

const tests: StationarityView = {
  adf: { statistic: -3.5, pValue: 0.0081, usedLag: 1, nobs: 40, critical: { '1%': -3.6, '5%': -2.95, '10%': -2.61 } },
  eg: { statistic: -3.9, pValue: 0.031, usedLag: 0, critical: null },
  egReverse: { statistic: -2.4, pValue: 0.344, usedLag: 1, critical: null },
  egWeaker: { ordering: 'x-on-y', pValue: 0.344 },
  halfLifeBars: 7.25,
  ou: { theta: 0.095, mu: -0.125, sigma: 0.5, halfLife: 7.2963, equilibriumStd: 1.25 },
  hurst: 0.3125,
  varianceRatio: { q: 4, ratio: 0.62, pValue: 0.0425 },
  warnings: [{ code: 'short-test', statistic: 'Stationarity', value: 40, message: 'stationarity verdict on 40 bars (fewer than 50): not reliable' }],
  notes: [],
  computedAt: 0,
};

describe('shared/testRows', () => {
  it('shows Engle-Granger both ways and the weaker p with its verdict (Y on X alone: cointegrated at 5%)', () => {
    const byKey = new Map(testRows(tests).map((r) => [r.key, r.value]));
    assert.equal(byKey.get('eg-stat'), '-3.9000 / -2.4000');
    assert.equal(byKey.get('eg-p-orderings'), '0.0310 / 0.3440');
    assert.equal(byKey.get('eg-p'), '0.3440');
    assert.equal(byKey.get('eg-verdict'), 'not cointegrated (weaker: X on Y)');
    assert.equal(byKey.get('ou'), '0.0950 / -0.1250 / 0.5000');
    assert.equal(byKey.get('ou-half-life'), '7.3 / 1.2500');
    assert.equal(byKey.get('hurst'), '0.313');
    assert.equal(byKey.get('variance-ratio'), '0.620 / 0.0425');
    assert.equal(byKey.get('adf-p'), '0.0081');
  });

  it('an old view with Y on X only keeps its verdict; tests never run say "not run"', () => {
    const { egReverse: _r, egWeaker: _w, ...yOnXOnly } = tests;
    assert.deepEqual(engleGrangerVerdict(yOnXOnly), { pValue: 0.031, text: 'cointegrated at 5%' });
    assert.equal(testRows(undefined)[0].value, 'not run');
    assert.ok(testRows(undefined).slice(1).every((r) => r.value.includes('—')));
  });

  it('an OU fit without mean reversion (θ null) says so instead of dashes', () => {
    const byKey = new Map(testRows({ ...tests, ou: { theta: null, mu: null, sigma: null, halfLife: null, equilibriumStd: null } }).map((r) => [r.key, r.value]));
    assert.equal(byKey.get('ou'), 'no mean reversion (AR(1) coefficient outside 0–1)');
    assert.equal(byKey.get('ou-half-life'), '—');
  });

  it('one warning line per warning, naming the statistic', () => {
    assert.deepEqual(warningLines(tests), ['⚠ Stationarity: stationarity verdict on 40 bars (fewer than 50): not reliable']);
    assert.deepEqual(warningLines(undefined), []);
  });
});
