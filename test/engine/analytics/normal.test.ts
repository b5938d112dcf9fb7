import assert from 'node:assert/strict';
import { normalCdf, normalSf, erfc } from '../../../src/engine/analytics/normal';
import { assertClose } from './assertClose';

// Reference values: mpmath.ncdf at 40 significant digits, rounded to double.
const PHI: Array<[number, number]> = [
  [-37, 5.725571222524577e-300],
  [-30, 4.906713927148187e-198],
  [-20, 2.7536241186062337e-89],
  [-11, 1.9106595744986757e-28],
  [-8.5, 9.479534822203318e-18],
  [-6, 9.86587645037698e-10],
  [-5, 2.866515718791939e-7],
  [-3, 0.0013498980316300946],
  [-2.5, 0.006209665325776135],
  [-1.96, 0.024997895148220435],
  [-0.5, 0.3085375387259869],
  [-0.3, 0.3820885778110474],
  [0, 0.5],
  [0.3, 0.6179114221889527],
  [1, 0.8413447460685429],
  [3, 0.9986501019683699],
];

describe('normal distribution', () => {
  it('Φ(x) matches high-precision values across the lower tail and the centre', () => {
    for (const [x, p] of PHI) assertClose(normalCdf(x), p, 1e-13, 0, `Φ(${x})`);
  });

  it('the upper tail keeps its relative precision (1e-28 does not become 0)', () => {
    for (const [x, p] of PHI) if (x < 0) assertClose(normalSf(-x), p, 1e-13, 0, `1−Φ(${-x})`);
    assert.ok(normalSf(11) > 1e-28 && normalSf(11) < 2e-28);
  });

  it('Φ(x) + Φ(−x) = 1 and the function is monotone', () => {
    let previous = 0;
    for (let x = -10; x <= 10; x += 0.0625) {
      assertClose(normalCdf(x) + normalCdf(-x), 1, 1e-15, 0, `symmetry at ${x}`);
      assert.ok(normalCdf(x) >= previous);
      previous = normalCdf(x);
    }
  });

  it('erfc at the branch points of Cody’s approximation and beyond underflow', () => {
    // mpmath.erfc: 0.46875, 4, 10
    assertClose(erfc(0.46875), 0.507386526782062, 1e-15);
    assertClose(erfc(4), 1.541725790028002e-8, 1e-14);
    assertClose(erfc(10), 2.088487583762545e-45, 1e-14);
    assert.equal(erfc(27), 0);
    assert.equal(erfc(-27), 2);
    assert.ok(Number.isNaN(erfc(NaN)));
  });
});
