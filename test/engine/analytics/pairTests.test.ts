import assert from 'node:assert/strict';
import { runPairTests } from '../../../src/engine/analytics/pairTests';

describe('runPairTests notes', () => {
  it('a constant spread is named once per test, without a doubled prefix', () => {
    const n = 60;
    const x = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i) * 3 + i * 0.1);
    const y = Float64Array.from(x, (v, i) => 2 * v + 5 + Math.cos(i * 1.7));
    const spread = new Float64Array(n).fill(61659.8);
    const r = runPairTests(123, spread, y, x, n, n, n);
    assert.equal(r.adf, null);
    assert.equal(r.halfLife, null);
    assert.ok(r.eg, 'Engle-Granger runs on the prices');
    assert.deepEqual(r.notes, [
      'ADF: the spread is constant on the window (up to rounding), so there is nothing to test',
      'Half-life: the spread is constant (up to rounding), so it has no half-life',
    ]);
  });

  it('Engle-Granger on a constant X says so once ("Engle-Granger: X is constant…", not "…: coint: …")', () => {
    const n = 60;
    const x = new Float64Array(n).fill(7);
    const y = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i));
    const r = runPairTests(1, null, y, x, n, n, n);
    assert.equal(r.eg, null);
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0], /^Engle-Granger: X is constant/);
  });
});
