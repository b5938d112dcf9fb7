import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nestedLagSsr } from '../../../src/engine/analytics/adfLagGram';
import { leastSquaresQR } from '../../../src/engine/analytics/linalg';

/** SSR of Δx_t on [1?, x_{t−1}, Δx_{t−1..t−lag}] over t = maxlag+1 … n−1, by a plain QR least-squares fit. */
function referenceSsr(x: readonly number[], maxlag: number, lag: number, withConstant: boolean): number {
  const rows = x.length - 1 - maxlag;
  const k = (withConstant ? 1 : 0) + 1 + lag;
  const X = new Float64Array(rows * k);
  const y = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    const i = maxlag + t; // Δx_t = x[i+1] − x[i]
    let c = 0;
    if (withConstant) X[t * k + c++] = 1;
    X[t * k + c++] = x[i];
    for (let j = 1; j <= lag; j++) X[t * k + c++] = x[i - j + 1] - x[i - j];
    y[t] = x[i + 1] - x[i];
  }
  return leastSquaresQR(X, rows, k, y).ssr;
}

/** An AR(2)-ish series around `level`, from integer draws (reproducible, no flat stretches). */
function series(draws: readonly number[], level: number, phi: number): number[] {
  const out: number[] = [];
  let s1 = 0;
  let s2 = 0;
  for (const d of draws) {
    const s = phi * s1 - (phi - 0.97) * s2 + d / 10;
    s2 = s1;
    s1 = s;
    out.push(level + s);
  }
  return out;
}

describe('nestedLagSsr (ADF lag models from cross-products)', () => {
  it('gives every nested model’s SSR as a separate least-squares fit does, within its own error bound (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100, max: 100 }).filter((d) => d !== 0), { minLength: 30, maxLength: 500 }),
        fc.constantFrom(0, 3000, 60_000, 1e6),
        fc.constantFrom(0.3, 1, 1.3),
        fc.integer({ min: 0, max: 12 }),
        fc.boolean(),
        (draws, level, phi, maxlagWanted, withConstant) => {
          const x = series(draws, level, phi);
          const maxlag = Math.min(maxlagWanted, Math.floor(x.length / 2) - 3);
          const got = nestedLagSsr(Float64Array.from(x), maxlag, withConstant);
          if (got === null) return; // ill-conditioned: the caller uses the QR path (tested in adf.test.ts)
          assert.equal(got.ssr.length, maxlag + 1);
          assert.ok(got.relativeError < 1e-6, `bound ${got.relativeError}`); // a bound that still decides lags
          for (let lag = 0; lag <= maxlag; lag++) {
            const ref = referenceSsr(x, maxlag, lag, withConstant);
            const rel = Math.abs(got.ssr[lag] - ref) / ref;
            assert.ok(rel <= got.relativeError, `lag ${lag}: ${got.ssr[lag]} vs ${ref} (rel ${rel}, bound ${got.relativeError})`);
          }
        },
      ),
      { numRuns: 200, seed: 20261201 },
    );
  });

  it('hand case: x = 0, 1, 3, 2, 5, maxlag 0 without a constant: Δx on x_{t−1} alone', () => {
    // Δx = (1, 2, −1, 3) on x_{t−1} = (0, 1, 3, 2): β = Σxy/Σx² = (0 + 2 − 3 + 6)/14 = 5/14,
    // SSR = Σy² − (Σxy)²/Σx² = 15 − 25/14 = 185/14.
    const got = nestedLagSsr(Float64Array.from([0, 1, 3, 2, 5]), 0, false);
    assert.ok(got);
    assert.ok(Math.abs(got.ssr[0] - 185 / 14) < 1e-13, `${got.ssr[0]}`);
  });

  it('refuses (null) when a column is collinear with the others: a straight line has constant Δx', () => {
    const line = Array.from({ length: 40 }, (_, i) => 60_000 + 0.5 * i);
    assert.equal(nestedLagSsr(Float64Array.from(line), 3, true), null);
  });
});
