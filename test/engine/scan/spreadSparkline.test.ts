import { strict as assert } from 'assert';
import { spreadSparkline } from '../../../src/engine/scan/spreadSparkline';

describe('scan/spreadSparkline', () => {
  it('is ln y − β ln x demeaned, each bucket as its (min, max) in time order', () => {
    // β = 2: spread = y − 2x = [1, 5, 3, 3, 0, 6] (mean 3), two buckets of three bars.
    const x = [1, 1, 1, 1, 1, 1];
    const y = [3, 7, 5, 5, 2, 8];
    // Bucket 0: min 1 (bar 0) then max 5 (bar 1) → −2, 2. Bucket 1: min 0 (bar 4) then max 6 (bar 5) → −3, 3.
    assert.deepEqual(spreadSparkline(y, x, 2, 2), [-2, 2, -3, 3]);
  });

  it('keeps a one-bar spike that an average would hide, and a flat bucket as one point', () => {
    const x = new Array(10).fill(0);
    const y = [0, 0, 0, 0, 10, 0, 0, 0, 0, 0];
    const s = spreadSparkline(y, x, 1, 2);
    // mean 1: bucket 0 (bars 0–4) min 0 at bar 0, max 10 at bar 4; bucket 1 (bars 5–9) flat 0.
    assert.deepEqual(s, [-1, 9, -1]);
  });

  it('gives nothing for no bars or a non-finite β', () => {
    assert.deepEqual(spreadSparkline([], [], 1), []);
    assert.deepEqual(spreadSparkline([1], [1], Number.NaN), []);
  });
});
