import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { RollingTheilSen } from '../../../src/engine/analytics/rollingTheilSen';
import { TheilSenFitter } from '../../../src/engine/analytics/theilSen';
import { seededRandom } from './testData';

/** Slides a RollingTheilSen over (xs, ys) and checks every full window against the from-scratch fit. */
function checkAgainstBatch(xs: readonly number[], ys: readonly number[], window: number): number {
  const rolling = new RollingTheilSen(window);
  const batch = new TheilSenFitter();
  let checked = 0;
  for (let t = 0; t < xs.length; t++) {
    rolling.push(xs[t], ys[t]);
    if (t + 1 < window) continue;
    const fx = Float64Array.from(xs.slice(t + 1 - window, t + 1));
    const fy = Float64Array.from(ys.slice(t + 1 - window, t + 1));
    let ref: { alpha: number; beta: number } | Error;
    try {
      ref = batch.fit(fx, fy, window);
    } catch (err) {
      ref = err as Error;
    }
    if (ref instanceof Error) {
      assert.throws(() => rolling.fit(), /x is constant/, `t=${t}`);
    } else {
      const got = rolling.fit();
      assert.equal(got.beta, ref.beta, `beta t=${t}`);
      assert.equal(got.alpha, ref.alpha, `alpha t=${t}`);
    }
    checked++;
  }
  return checked;
}

function closes(symbol: string): number[] {
  const file = join(__dirname, '../../../../shared/data/klines', `${symbol}-1h-2024-10-23_2025-10-23.csv.gz`);
  const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n').slice(1);
  return lines.map((l) => Number(l.split(',')[4]));
}

describe('RollingTheilSen', () => {
  it('equals the from-scratch Theil-Sen fit of every window, with tied x values and repeated slopes', () => {
    const rnd = seededRandom(17);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = 0; t < 200; t++) {
      const x = 100 + Math.round(rnd() * 8); // many ties in x
      xs.push(x);
      ys.push(7 + 0.5 * x + Math.round((rnd() - 0.5) * 6) / 2);
    }
    assert.equal(checkAgainstBatch(xs, ys, 25), 176);
  });

  it('equals the from-scratch fit on the real BTC/ETH 1 h closes, 300-bar window, while the slope drifts', function () {
    this.timeout(20_000);
    const eth = closes('ETHUSDT').slice(0, 900);
    const btc = closes('BTCUSDT').slice(0, 900);
    assert.equal(checkAgainstBatch(btc, eth, 300), 601);
  });

  it('equals the from-scratch fit for arbitrary series, windows, ties and regime shifts (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -50, max: 50 }), fc.boolean()), { minLength: 1, maxLength: 160 }),
        (window, steps) => {
          // Integer-ish x with ties and constant stretches; y jumps to a new slope on a flag.
          let slope = 1;
          const xs: number[] = [];
          const ys: number[] = [];
          for (const [dx, noise, shift] of steps) {
            if (shift) slope = -slope * 3 + 0.5;
            const x = 1000 + (dx % 7 === 0 ? 0 : dx);
            xs.push(x);
            ys.push(slope * x + noise / 4);
          }
          checkAgainstBatch(xs, ys, window);
        },
      ),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('recentring the band leaves the state a full rebuild would (lo, hi, counts, sorted band), on the real 1 h closes and drifting slopes', () => {
    // White-box: the private state is read through a cast; a rebuild after each recentre must change nothing.
    interface BandState {
      lo: number;
      hi: number;
      below: number;
      above: number;
      band: Float64Array;
      bandCount: number;
      recentre(): boolean;
      rebuild(): void;
    }
    const snapshot = (r: BandState) => ({ lo: r.lo, hi: r.hi, below: r.below, above: r.above, band: Array.from(r.band.subarray(0, r.bandCount)) });
    let recentres = 0;
    const slide = (xs: readonly number[], ys: readonly number[], window: number): void => {
      const rolling = new RollingTheilSen(window);
      const state = rolling as unknown as BandState;
      const recentre = state.recentre.bind(state);
      state.recentre = () => {
        if (!recentre()) return false;
        recentres++;
        const recentred = snapshot(state);
        state.rebuild();
        assert.deepEqual(snapshot(state), recentred);
        return true;
      };
      for (let t = 0; t < xs.length; t++) {
        rolling.push(xs[t], ys[t]);
        if (t + 1 >= window) rolling.fit();
      }
    };
    slide(closes('BTCUSDT').slice(0, 1500), closes('ETHUSDT').slice(0, 1500), 300);
    const rnd = seededRandom(5);
    for (let k = 0; k < 20; k++) {
      const xs: number[] = [];
      const ys: number[] = [];
      let slope = 1;
      for (let t = 0; t < 300; t++) {
        const x = 100 + Math.round(rnd() * 8); // ties in x and in the slopes
        if (rnd() < 0.02) slope = -slope * 3 + 0.5;
        xs.push(x);
        ys.push(7 + slope * x + Math.round((rnd() - 0.5) * 6) / 2);
      }
      slide(xs, ys, 5 + k);
    }
    assert.ok(recentres > 50, `only ${recentres} recentres`);
  });

  it('reports a constant x window clearly, and recovers once x moves', () => {
    const r = new RollingTheilSen(3);
    [1, 2, 3].forEach((y) => r.push(5, y));
    assert.throws(() => r.fit(), /x is constant/);
    r.push(6, 4);
    r.push(7, 6);
    // Window (5,3) (6,4) (7,6): slopes 1, 1.5, 2 → β 1.5; α = median(3 − 7.5, 4 − 9, 6 − 10.5) = −4.5.
    assert.deepEqual(r.fit(), { beta: 1.5, alpha: -4.5 });
  });
});
