import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { averageLinkage, correlationOrder, leafOrder } from '../../../src/engine/scan/clusterOrder';
import { EngineError } from '../../../src/engine/errors';

interface Case {
  name: string;
  n: number;
  corr: number[];
  merges: [number, number, number, number][];
  order: number[];
}
// scipy.cluster.hierarchy.linkage(1 − ρ, "average") and leaves_list: see test/fixtures/scipy/cluster_order.py.
const fixture = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'scipy', 'cluster_order.json'), 'utf8')) as { cases: Case[] };

describe('engine/scan/clusterOrder', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: the merges, their heights and the leaf order equal scipy's average linkage`, () => {
      const distance = c.corr.map((r) => 1 - r);
      const merges = averageLinkage(distance, c.n);
      assert.equal(merges.length, c.n - 1);
      merges.forEach(([a, b, h, size], i) => {
        const [ea, eb, eh, esize] = c.merges[i];
        assert.deepEqual([a, b, size], [ea, eb, esize], `merge ${i}`);
        assert.ok(Math.abs(h - eh) < 1e-12, `merge ${i} height ${h} vs ${eh}`);
      });
      assert.deepEqual(correlationOrder(Float64Array.from(c.corr), c.n), c.order);
    });
  }

  it('by hand: two tight pairs and a loner; the loner joins last, at the mean of its distances', () => {
    // A–B ρ 0.9, C–D ρ 0.8, across the pairs ρ 0.1, E ρ 0 with everyone. Only the upper triangle is read.
    const n = 5;
    const rho = [
      [1, 0.9, 0.1, 0.1, 0],
      [NaN, 1, 0.1, 0.1, 0],
      [NaN, NaN, 1, 0.8, 0],
      [NaN, NaN, NaN, 1, 0],
      [NaN, NaN, NaN, NaN, 1],
    ].flat();
    const distance = rho.map((r) => 1 - r).map((d) => (Number.isFinite(d) ? d : 0));
    const merges = averageLinkage(distance, n).map(([a, b, h, s]) => [a, b, Number(h.toFixed(12)), s]);
    assert.deepEqual(merges, [
      [0, 1, 0.1, 2],
      [2, 3, 0.2, 2],
      [5, 6, 0.9, 4],
      [4, 7, 1, 5],
    ]);
    assert.deepEqual(leafOrder(averageLinkage(distance, n), n), [4, 0, 1, 2, 3]);
    assert.deepEqual(correlationOrder(rho, n), [4, 0, 1, 2, 3]);
  });

  it('one symbol is its own order; a non-finite distance and a short matrix are refused', () => {
    assert.deepEqual(correlationOrder([1], 1), [0]);
    assert.throws(() => averageLinkage([0, NaN, NaN, 0], 2), EngineError);
    assert.throws(() => averageLinkage([0, 1], 2), /2×2 distance matrix/);
  });
});
