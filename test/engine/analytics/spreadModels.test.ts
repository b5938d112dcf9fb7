// Degenerate windows: every hedge method returns null (no β) when X does not move, and an exact 0 spread
// std (so z is null) when the spread does not move — shown with exact rational arithmetic, never trusting
// the floating-point sums whose rounding residue (1e-22, 6e-15) used to pass for variation.
import assert from 'node:assert/strict';
import { HEDGE_METHODS, type HedgeMethod } from '../../../src/engine/analytics/hedgeMethod';
import { RollingCoMoments } from '../../../src/engine/analytics/rollingCoMoments';
import { createSpreadModel, type SpreadReading } from '../../../src/engine/analytics/spreadModels';
import { exactScaledResidualSumSq, exactScaledSumSq } from './exactArithmetic';

const WINDOW = 30;

interface Run {
  readings: (SpreadReading | null)[];
  /** The (x, y) window after each bar (once full). */
  windows: { x: number[]; y: number[] }[];
  windowSpread: Float64Array | null;
}

function run(method: HedgeMethod, xs: number[], ys: number[]): Run {
  const model = createSpreadModel(method, WINDOW);
  const window = new RollingCoMoments(WINDOW);
  const readings: (SpreadReading | null)[] = [];
  const windows: Run['windows'] = [];
  xs.forEach((x, i) => {
    window.push(x, ys[i]);
    readings.push(model.update(window));
    if (window.full) windows.push({ x: xs.slice(i + 1 - WINDOW, i + 1), y: ys.slice(i + 1 - WINDOW, i + 1) });
  });
  return { readings, windows, windowSpread: model.windowSpread(window) };
}

/** z as the pipeline computes it (pairAnalytics): only from a positive spread std. */
function z(r: SpreadReading | null): number | null {
  return r && r.spreadMean !== null && r.spreadStd !== null && r.spreadStd > 0 ? (r.spread - r.spreadMean) / r.spreadStd : null;
}

/** A deterministic wobble of quarter-dollar steps (exact in binary) around 61,659.75. */
function quarterWalk(n: number): number[] {
  const out: number[] = [];
  let x = 61659.75;
  for (let i = 0; i < n; i++) {
    x += (((i * 7919) % 13) - 6) * 0.25;
    out.push(x);
  }
  return out;
}

describe('spread models on degenerate windows', () => {
  it('premise: 30 closes of 61659.8 average to 61659.80000000003 in floats, yet vary by exactly 0', () => {
    const xs = new Array<number>(WINDOW).fill(61659.8);
    assert.notEqual(xs.reduce((a, b) => a + b, 0) / WINDOW, 61659.8);
    assert.equal(exactScaledSumSq(xs), 0n);
  });

  for (const method of HEDGE_METHODS) {
    it(`${method}: X that never moves gives no hedge ratio (null), not a line through rounding`, () => {
      const n = 3 * WINDOW;
      const xs = new Array<number>(n).fill(61659.8);
      const ys = Array.from({ length: n }, (_, i) => 3000 + ((i * 37) % 11) * 0.5);
      const r = run(method, xs, ys);
      for (const w of r.windows) assert.equal(exactScaledSumSq(w.x), 0n, 'exact Σ(x − x̄)² is 0');
      r.readings.forEach((reading, i) => assert.equal(reading, null, `bar ${i}: ${JSON.stringify(reading)}`));
    });

    it(`${method}: Y an exact line in X (spread std exactly 0) gives spread std 0 and no z`, () => {
      const xs = quarterWalk(4 * WINDOW);
      const ys = xs.map((x) => 3 * x + 1000.5);
      const r = run(method, xs, ys);
      for (const w of r.windows) assert.equal(exactScaledResidualSumSq(w.x, w.y), 0n, 'exact residual sum of squares is 0');
      const ready = r.readings.filter((x) => x !== null && x.spreadStd !== null);
      assert.ok(ready.length > WINDOW, `${ready.length} readings with a spread std`);
      for (const reading of ready) {
        assert.equal(reading!.spreadStd, 0, JSON.stringify(reading));
        assert.equal(z(reading), null);
      }
      // The tests then see a constant spread (and say so), not noise.
      assert.ok(r.windowSpread);
      assert.ok(r.windowSpread.every((v) => v === r.windowSpread![0]));
    });

    it(`${method}: Y that never moves (3424.99, as ETH on the real 1 s recording) gives no z; fitted lines are flat through Y`, () => {
      const xs = quarterWalk(4 * WINDOW).map((x) => x + 2296.2); // BTC-like levels, moving
      const ys = new Array<number>(xs.length).fill(3424.99);
      const r = run(method, xs, ys);
      for (const w of r.windows) assert.equal(exactScaledSumSq(w.y), 0n);
      const ready = r.readings.filter((x) => x !== null && x.spreadStd !== null);
      assert.ok(ready.length > WINDOW);
      for (const reading of ready) assert.equal(z(reading), null, JSON.stringify(reading));
      if (method !== 'kalman') {
        // The exact least-squares / Huber / Theil-Sen line through a constant Y: β = 0, spread 0 (was β ≈ 2.8e-22).
        for (const reading of ready) assert.ok(reading!.beta === 0 && reading!.spread === 0, JSON.stringify(reading)); // ±0
      }
    });

    it(`${method}: a real quarter-dollar wobble in the spread is kept (the guard does not over-fire)`, () => {
      const xs = quarterWalk(4 * WINDOW);
      const ys = xs.map((x, i) => 3 * x + 1000.5 + ((i * 5) % 3) * 0.25);
      const r = run(method, xs, ys);
      const last = r.readings[r.readings.length - 1];
      assert.ok(last && last.spreadStd !== null && last.spreadStd > 0.01, JSON.stringify(last));
      assert.ok(Number.isFinite(z(last)));
    });
  }
});
