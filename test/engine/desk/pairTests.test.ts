// Run Tests' rolling Engle-Granger p: a test every window/5 bars over at most 60 of them, none under 20 bars.
import { strict as assert } from 'assert';
import { ROLLING_TESTS, rollingStationarity, testsSummary } from '../../../src/engine/desk/pairTests';
import type { DeskAnalytics } from '../../../src/engine/desk/ports';

function analytics(calls: [number, number][]): DeskAnalytics {
  return { rollingStationarity: (step: number, span: number) => (calls.push([step, span]), []) } as unknown as DeskAnalytics;
}

describe('pairTests', () => {
  it('rolling: step round(window / 5), span ROLLING_TESTS steps; no rolling p under a 20-bar window', () => {
    const calls: [number, number][] = [];
    rollingStationarity(analytics(calls), 100);
    rollingStationarity(analytics(calls), 22);
    assert.equal(rollingStationarity(analytics(calls), 19), undefined);
    assert.deepEqual(calls, [[20, 20 * ROLLING_TESTS], [4, 4 * ROLLING_TESTS]]);
    assert.equal(ROLLING_TESTS, 60);
  });

  it('summary names both tests, or says which could not run', () => {
    const critical = { '1%': -3.4, '5%': -2.9, '10%': -2.6 };
    const line = testsSummary('A/B', { adf: { statistic: -3.21, pValue: 0.0191, usedLag: 1, nobs: 99, critical }, eg: null, halfLifeBars: null, notes: ['short window'], computedAt: 0 });
    assert.equal(line, 'Tests on A/B: ADF -3.210 (p 0.0191), EG not available — short window');
  });
});
