import assert from 'node:assert/strict';
import { STATISTIC_WARNING_LIMITS, statisticWarnings } from '../../../src/engine/analytics/statisticWarnings';

const codes = (w: { code: string }[]) => w.map((x) => x.code);

describe('statisticWarnings', () => {
  it('nothing to say about a healthy window', () => {
    const closes = Array.from({ length: 100 }, (_, i) => 100 + i * 0.5 + (i % 3));
    const w = statisticWarnings({
      window: 100,
      yEmpty: new Array(100).fill(false),
      xEmpty: new Array(100).fill(false),
      yCloses: closes,
      xCloses: closes.map((c) => c / 2 + 7),
      betas: [1.0, 1.1, 0.95],
      betaStdErr: 0.1,
      testBars: 100,
      halfLife: 12,
    });
    assert.deepEqual(w, []);
  });

  it('share of carried bars: 15 of 100 bars with a leg without trade → 15%', () => {
    const yEmpty = Array.from({ length: 100 }, (_, i) => i < 10);
    const xEmpty = Array.from({ length: 100 }, (_, i) => i >= 95 || i < 5); // overlaps 0–4 with Y
    const [w] = statisticWarnings({ window: 100, yEmpty, xEmpty });
    assert.equal(w.code, 'carried-forward');
    assert.equal(w.value, 0.15);
    assert.match(w.message, /^15% of the 100 bars/);
    // 9 of 100 stays quiet (limit 10%).
    assert.deepEqual(statisticWarnings({ window: 100, yEmpty: Array.from({ length: 100 }, (_, i) => i < 9), xEmpty: new Array(100).fill(false) }), []);
  });

  it('effective sample: 59 one-second bars where X moved 7 times → effective sample 7 of 58', () => {
    const y = Array.from({ length: 59 }, (_, i) => 60000 + i);
    const x = Array.from({ length: 59 }, (_, i) => 3000 + Math.floor(i / 8)); // moves at i = 8, 16, …, 56
    const [w] = statisticWarnings({ window: 59, yCloses: y, xCloses: x });
    assert.equal(w.code, 'effective-sample');
    assert.equal(w.value, 7);
    assert.equal(w.message, 'effective sample 7 of 58 returns: most returns are zero');
  });

  it('β instability in standard errors: range 0.9…1.5 with se 0.1 is 6 se', () => {
    const [w] = statisticWarnings({ window: 50, betas: [1.2, null, 0.9, 1.5, 1.1], betaStdErr: 0.1 });
    assert.equal(w.code, 'beta-unstable');
    assert.ok(Math.abs(w.value - 6) < 1e-12);
    assert.deepEqual(statisticWarnings({ window: 50, betas: [1.0, 1.3], betaStdErr: 0.1 }), []); // 3 se
  });

  it('a stationarity verdict on 49 bars is flagged, on 50 it is not', () => {
    assert.deepEqual(codes(statisticWarnings({ window: 59, testBars: 49 })), ['short-test']);
    assert.deepEqual(statisticWarnings({ window: 59, testBars: STATISTIC_WARNING_LIMITS.minTestBars }), []);
  });

  it('half-life of 0.7 bars, or longer than the window', () => {
    const [short] = statisticWarnings({ window: 59, halfLife: 0.7 });
    assert.equal(short.code, 'half-life-below-bar');
    assert.match(short.message, /^half-life 0.70 bars is shorter than one bar/);
    assert.deepEqual(codes(statisticWarnings({ window: 59, halfLife: 60 })), ['half-life-beyond-window']);
    assert.deepEqual(statisticWarnings({ window: 59, halfLife: 59 }), []);
  });
});
