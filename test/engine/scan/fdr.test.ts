import { strict as assert } from 'assert';
import { benjaminiHochberg } from '../../../src/engine/scan/fdr';

/** BH by its definition, written independently: q_i = min over j with p_j ≥ p_i of min(1, p_j·m / rank_j). */
function directBH(p: number[], m: number): number[] {
  const sorted = [...p].sort((a, b) => a - b);
  return p.map((pi) => {
    let best = 1;
    sorted.forEach((pj, idx) => {
      if (pj >= pi) best = Math.min(best, (pj * m) / (idx + 1));
    });
    return best;
  });
}

describe('scan: Benjamini-Hochberg q-values', () => {
  it('matches a hand calculation', () => {
    // p sorted: 0.001 0.008 0.039 0.041 0.042 0.06; m = 6 → p·m/rank = 0.006 0.024 0.078 0.0615 0.0504 0.06;
    // running minimum from the top: 0.006 0.024 0.0504 0.0504 0.0504 0.06.
    const q = benjaminiHochberg([0.041, 0.001, 0.06, 0.039, 0.008, 0.042]);
    const expected = [0.0504, 0.006, 0.06, 0.0504, 0.024, 0.0504];
    q.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-12, `q[${i}] = ${v}, expected ${expected[i]}`));
  });

  it('counts pairs screened out as p = 1 when m exceeds the tests given (qAll)', () => {
    // Two tests of m = 10: p·m/rank = 0.01·10/1 = 0.1, 0.02·10/2 = 0.1; the 8 missing p = 1 rank after them.
    assert.deepEqual(Array.from(benjaminiHochberg([0.02, 0.01], 10)), [0.1, 0.1]);
    assert.deepEqual(Array.from(benjaminiHochberg([0.5, 0.2], 4)), [1, 0.8]);
  });

  it('agrees with the direct computation on random p-values, ties and p = 1 included', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 20; trial++) {
      const p = Array.from({ length: 50 }, () => (rand() < 0.1 ? 1 : Math.round(rand() ** 3 * 1000) / 1000));
      for (const m of [50, 1225]) {
        const q = benjaminiHochberg(p, m);
        directBH(p, m).forEach((v, i) => assert.ok(Math.abs(q[i] - v) < 1e-12, `trial ${trial} m ${m} i ${i}: ${q[i]} vs ${v}`));
      }
    }
  });

  it('refuses p-values outside [0, 1] and m below the count', () => {
    assert.throws(() => benjaminiHochberg([0.5, NaN]), /not in \[0, 1\]/);
    assert.throws(() => benjaminiHochberg([0.5, 0.2], 1), /m \(1\)/);
  });
});
