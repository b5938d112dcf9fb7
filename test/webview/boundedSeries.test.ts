import { strict as assert } from 'assert';
import { BoundedSeries, type XY } from '../../webview/boundedSeries';

describe('BoundedSeries', () => {
  it('keeps every point while under the bound', () => {
    const s = new BoundedSeries(10);
    s.append([
      [1, 1],
      [2, 2],
      [3, null],
    ]);
    assert.deepEqual(s.data, [
      [1, 1],
      [2, 2],
      [3, null],
    ]);
    assert.equal(s.takeRewritten(), false);
  });

  it('thins the older half once over the bound and keeps the newest points intact', () => {
    const s = new BoundedSeries(8);
    const pts: XY[] = Array.from({ length: 9 }, (_, i) => [i, i * 10]);
    s.append(pts);
    // 9 points > 8: older half = first 4 (0..3) thinned to 0, 2; newer 5 (4..8) kept → 7 points.
    assert.deepEqual(
      s.data.map((p) => p[0]),
      [0, 2, 4, 5, 6, 7, 8],
    );
    assert.equal(s.takeRewritten(), true);
    assert.equal(s.takeRewritten(), false);
  });

  it('stays bounded over a long run and ends with the last point', () => {
    const s = new BoundedSeries(100);
    for (let i = 0; i < 10_000; i++) s.append([[i, i]]);
    assert.ok(s.length <= 100);
    assert.deepEqual(s.data[s.length - 1], [9999, 9999]);
    // The most recent 50 points are contiguous (full resolution).
    const tail = s.data.slice(-50).map((p) => p[0]);
    for (let i = 1; i < tail.length; i++) assert.equal(tail[i] - tail[i - 1], 1);
  });

  it('replaces a point with the same time and ignores older ones', () => {
    const s = new BoundedSeries(10);
    s.append([
      [5, 1],
      [5, 2],
      [4, 9],
    ]);
    assert.deepEqual(s.data, [[5, 2]]);
  });
});
