import { strict as assert } from 'node:assert';
import { sampleCorrelation } from 'simple-statistics';
import { RollingCoMoments } from '../../../src/engine/analytics/rollingCoMoments';
import { olsWithIntercept } from '../../../src/engine/analytics/ols';
import { btcPrices, seededRandom } from './testData';

function twoPassFit(x: number[], y: number[]): { beta: number; alpha: number; residualVariance: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += (y[i] - alpha - beta * x[i]) ** 2;
  return { beta, alpha, residualVariance: ssr / (n - 1) };
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('RollingCoMoments', () => {
  it('OLS β, α, residual variance and correlation match a two-pass recomputation on BTC/ETH-scale prices (1e-9 relative)', () => {
    const btc = btcPrices(3000, 11);
    const rnd = seededRandom(5);
    const eth = btc.map((p) => 150 + 0.047 * p + (rnd() - 0.5) * 2);
    const window = 300;
    const rolling = new RollingCoMoments(window);
    let worst = 0;
    for (let i = 0; i < btc.length; i++) {
      rolling.push(btc[i], eth[i]);
      if (i + 1 < window || i % 7 !== 0) continue;
      const xs = btc.slice(i + 1 - window, i + 1);
      const ys = eth.slice(i + 1 - window, i + 1);
      const ref = twoPassFit(xs, ys);
      const fit = rolling.olsFit();
      assert.ok(fit);
      worst = Math.max(
        worst,
        rel(fit.beta, ref.beta),
        rel(fit.alpha, ref.alpha),
        rel(rolling.residualVariance() as number, ref.residualVariance),
        rel(rolling.correlation() as number, sampleCorrelation(xs, ys)),
      );
    }
    assert.ok(worst < 1e-9, `worst relative error ${worst}`);
  });

  it('gives the hand-computed line through a small window and slides it', () => {
    const r = new RollingCoMoments(3);
    r.push(1, 3);
    r.push(2, 5);
    r.push(3, 7); // y = 1 + 2x exactly
    assert.deepEqual(r.olsFit(), { beta: 2, alpha: 1 });
    assert.equal(r.correlation(), 1);
    r.push(4, 6); // window (2,5) (3,7) (4,6): x̄ 3, ȳ 6, Sxy = (−1)(−1)+0+(1)(0) = 1, Sxx = 2 → β 0.5, α 4.5
    const fit = r.olsFit();
    assert.ok(fit && Math.abs(fit.beta - 0.5) < 1e-12 && Math.abs(fit.alpha - 4.5) < 1e-12);
    // residuals 5−5.5, 7−6, 6−6.5 = −0.5, 1, −0.5 → SSR 1.5, variance 1.5/2
    assert.ok(Math.abs((r.residualVariance() as number) - 0.75) < 1e-12);
  });

  it('returns null, not NaN, for a constant x', () => {
    const r = new RollingCoMoments(4);
    for (let i = 0; i < 4; i++) r.push(5, i);
    assert.equal(r.olsFit(), null);
    assert.equal(r.correlation(), null);
  });

  it('a Y that is an exact line in X leaves residual variance exactly 0 (Syy − Sxy²/Sxx is ~6e-15 of cancellation)', () => {
    const r = new RollingCoMoments(30);
    let x = 61659.75;
    for (let i = 0; i < 200; i++) {
      x += (((i * 7919) % 13) - 6) * 0.25; // quarter steps: 3x + 1000.5 is exact in binary
      r.push(x, 3 * x + 1000.5);
    }
    const { sxx, syy, sxy } = r.sums;
    assert.ok(syy - (sxy * sxy) / sxx !== 0, 'premise: the float difference is not 0');
    assert.equal(r.residualVariance(), 0);
    assert.ok(r.olsFit() !== null);
  });

  it('a side constant at 61659.8 (whose float mean is off by ulps) has no correlation and no fit', () => {
    const r = new RollingCoMoments(30);
    for (let i = 0; i < 90; i++) r.push(61659.8, 3000 + (i % 7) * 0.5);
    assert.equal(r.olsFit(), null);
    assert.equal(r.correlation(), null);
    const s = new RollingCoMoments(30);
    for (let i = 0; i < 90; i++) s.push(3000 + (i % 7) * 0.5, 61659.8);
    assert.equal(s.correlation(), null);
    assert.equal(s.residualVariance(), 0);
  });

  it('β standard error equals the QR fit’s (statsmodels bse) on a sliding window', () => {
    const r = new RollingCoMoments(50);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 170; i++) {
      const x = 3000 + Math.sin(i / 7) * 20 + i * 0.3;
      const y = 60000 + 19 * x + Math.cos(i * 1.3) * 15;
      xs.push(x);
      ys.push(y);
      r.push(x, y);
    }
    const fit = olsWithIntercept(ys.slice(-50), xs.slice(-50));
    const se = r.betaStandardError()!;
    assert.ok(Math.abs(se - fit.stdErrBeta) <= 1e-9 * fit.stdErrBeta, `${se} vs ${fit.stdErrBeta}`);
  });
});

