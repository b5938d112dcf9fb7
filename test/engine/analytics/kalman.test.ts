import { strict as assert } from 'node:assert';
import { KalmanHedge } from '../../../src/engine/analytics/kalman';

const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

describe('KalmanHedge', () => {
  it('reproduces three steps computed by hand', () => {
    // θ0 = [β 1, α 0], P0 = I, Q = diag(0.5, 0.5), r = 1.
    const k = new KalmanHedge({ beta: 1, alpha: 0, pBB: 1, pBA: 0, pAA: 1 }, 0.5, 0.5, 1);

    // Step 1: x = 2, y = 3. P⁻ = diag(1.5, 1.5). ŷ = 2, e = 1. P⁻Hᵀ = [3, 1.5]. S = 2·3 + 1.5 + 1 = 8.5.
    // K = [3/8.5, 1.5/8.5] = [6/17, 3/17]. θ = [1 + 6/17, 3/17] = [23/17, 3/17].
    // P = P⁻ − K (P⁻Hᵀ)ᵀ: pBB = 1.5 − (6/17)·3 = 15.5/17·… = 1.5 − 18/17 = 15/34; pBA = −(6/17)·1.5 = −9/17;
    // pAA = 1.5 − (3/17)·1.5 = 1.5 − 4.5/17 = 21/17.
    let s = k.step(2, 3);
    close(s.betaPrior, 1);
    close(s.alphaPrior, 0);
    close(s.forecastError, 1);
    close(s.forecastVariance, 8.5);
    close(k.state.beta, 23 / 17);
    close(k.state.alpha, 3 / 17);
    close(k.state.pBB, 15 / 34);
    close(k.state.pBA, -9 / 17);
    close(k.state.pAA, 21 / 17);

    // Step 2: x = 1, y = 1. P⁻ = [[15/34 + 1/2, −9/17], [−9/17, 21/17 + 1/2]] = [[16/17, −9/17], [−9/17, 59/34]].
    // ŷ = 23/17 + 3/17 = 26/17, e = 1 − 26/17 = −9/17.
    // P⁻Hᵀ = [16/17 − 9/17, −9/17 + 59/34] = [7/17, 41/34]. S = 7/17 + 41/34 + 1 = 89/34.
    // K = [(7/17)/(89/34), (41/34)/(89/34)] = [14/89, 41/89].
    // θ = [23/17 − (14/89)(9/17), 3/17 − (41/89)(9/17)] = [(23·89 − 126)/(17·89), (3·89 − 369)/(17·89)] = [1921/1513, −102/1513].
    s = k.step(1, 1);
    close(s.forecastError, -9 / 17);
    close(s.forecastVariance, 89 / 34);
    close(k.state.beta, 1921 / 1513);
    close(k.state.alpha, -102 / 1513);
    // pBB = 16/17 − (14/89)(7/17) = (16·89 − 98)/(17·89) = 1326/1513; pAA = 59/34 − (41/89)(41/34) = (59·89 − 1681)/(34·89) = 3570/3026.
    close(k.state.pBB, 1326 / 1513);
    close(k.state.pAA, 3570 / 3026);
    // pBA = −9/17 − (14/89)(41/34) = (−9·178 − 574)/(34·89) = −2176/3026.
    close(k.state.pBA, -2176 / 3026);

    // Step 3: the forecast uses the state after step 2.
    s = k.step(3, 4);
    close(s.betaPrior, 1921 / 1513);
    close(s.alphaPrior, -102 / 1513);
    close(s.forecastError, 4 - (3 * 1921 - 102) / 1513);
  });

  it('tracks a hedge ratio that jumps, β and α converging separately', () => {
    const k = new KalmanHedge({ beta: 0, alpha: 0, pBB: 10, pBA: 0, pAA: 10 }, 1e-3, 1e-3, 1e-4);
    for (let t = 0; t < 400; t++) {
      const x = 10 + 5 * Math.sin(t / 5);
      k.step(x, (t < 200 ? 2 : 3) * x + 1);
    }
    close(k.state.beta, 3, 1e-2);
    close(k.state.alpha, 1, 1e-1);
  });
});
