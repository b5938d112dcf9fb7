import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { johansen, type JohansenDetOrder } from '../../../src/engine/analytics/johansen';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';
import { FIXTURES } from './statsmodelsFixtures';

interface JohansenCase {
  name: string;
  dataset: string;
  detOrder: JohansenDetOrder;
  kArDiff: number;
  expected: { nobs: number; eig: number[]; trace: number[]; maxEig: number[]; traceCrit: number[][]; maxEigCrit: number[][]; evec: number[][] };
  /** The same algorithm in 50-digit arithmetic (mpmath), where statsmodels' float64 loses digits. */
  reference50?: { eig: number[]; trace: number[]; maxEig: number[]; evec: number[][] };
}

const fixture = JSON.parse(readFileSync(join(FIXTURES, 'johansen_vectors.json'), 'utf8')) as {
  datasets: Record<string, number[][]>;
  cases: JohansenCase[];
};

/** statsmodels' own test data (rows of 8 whitespace-separated numbers) as one array per series. */
function testCointColumns(): number[][] {
  const rows = readFileSync(join(FIXTURES, 'johansen_test_coint.txt'), 'utf8').trim().split(/\r?\n/).map((l) => l.trim().split(/\s+/).map(Number));
  return rows[0].map((_, j) => rows.map((r) => r[j]));
}

function columnsOf(rows: number[][]): number[][] {
  return rows[0].map((_, j) => rows.map((r) => r[j]));
}

const code = (c: string) => (e: unknown) => e instanceof EngineError && e.code === c;

/** Eigenvector equal to the expected one up to sign, each element within rel·max|expected|. */
function assertSameDirection(actual: number[], expected: number[], rel: number, label: string): void {
  assert.equal(actual.length, expected.length, label);
  const scale = Math.max(...expected.map(Math.abs));
  const sign = actual.reduce((s, v, i) => s + v * expected[i], 0) < 0 ? -1 : 1;
  actual.forEach((v, i) => assertClose(sign * v, expected[i], 0, rel * scale, `${label}[${i}]`));
}

describe('johansen — statsmodels’ published figures (test_coint.py, from the jplv toolbox)', () => {
  // statsmodels/tsa/vector_ar/tests/test_coint.py, TestCointJoh12: coint_johansen(dta, 1, 2), 8 series.
  const trace12 = [241.985452556075, 166.4781461662553, 110.3298006342814, 70.79801574443575, 44.90887371527634, 27.22385073668511, 11.74205493173769, 3.295435325623445];
  const maxEig12 = [75.50730638981975, 56.14834553197396, 39.5317848898456, 25.8891420291594, 17.68502297859124, 15.48179580494741, 8.446619606114249, 3.295435325623445];
  const eig12 = [0.3586376068088151, 0.2812806889719111, 0.2074818815675726, 0.141259991767926, 0.09880133062878599, 0.08704563854307619, 0.048471840356709, 0.01919823444066367];
  // Column-major 8×8 as published (evec_m = evec.reshape(order='F')): vector j is elements 8j … 8j+7.
  const evec12 = [
    0.01102517075074406, -0.2185481584930077, 0.04565819524210763, -0.06556394587400775, 0.04711496306104131, -0.1500111976629196, 0.03775327003706507, 0.03479475877437702,
    0.007517888890275335, -0.2014629352546497, 0.01526001455616041, 0.0707900418057458, -0.002388919695513273, 0.04486516694838273, -0.02936314422571188, 0.009900554050392113,
    0.02846074144367176, 0.02021385478834498, -0.04276914888645468, 0.1738024290422287, 0.07821155002012749, -0.1066523077111768, -0.3011042488399306, 0.04965189679477353,
    0.07141291326159237, -0.01406702689857725, -0.07842109866080313, -0.04773566072362181, -0.04768640728128824, -0.04428737926285261, 0.4143225656833862, 0.04512787132114879,
    -0.06817130121837202, 0.2246249779872569, -0.009356548567565763, 0.006685350535849125, -0.02040894506833539, 0.008131690308487425, -0.2503209797396666, 0.01560186979508953,
    0.03327070126502506, -0.263036624535624, -0.04669882107497259, 0.0146457545413255, 0.01408691619062709, 0.1004753600191269, -0.02239205763487946, -0.02169291468272568,
    0.08782313160608619, -0.07696508791577318, 0.008925177304198475, -0.06230900392092828, -0.01548907461158638, 0.04574831652028973, -0.2972228156126774, 0.003469819004961912,
    -0.001868995544352928, 0.05993345996347871, 0.01213394328069316, 0.02096614212178651, -0.08624395993789938, 0.02108183181049973, -0.08470307289295617, -5.135072530480897e-5,
  ];

  it('det_order 1, k_ar_diff 2: statistics, critical values, eigenvalues and eigenvectors', () => {
    const r = johansen(testCointColumns(), 1, 2);
    assert.equal(r.nobs, 173 - 1 - 2);
    r.trace.forEach((v, i) => assertClose(v, trace12[i], 1e-10, 0, `trace ${i}`));
    r.maxEig.forEach((v, i) => assertClose(v, maxEig12[i], 1e-10, 0, `maxEig ${i}`));
    r.eig.forEach((v, i) => assertClose(v, eig12[i], 1e-10, 0, `eig ${i}`));
    assert.deepEqual(r.traceCrit[0], [169.0618, 175.1584, 187.1891]);
    assert.deepEqual(r.traceCrit[7], [2.7055, 3.8415, 6.6349]);
    assert.deepEqual(r.maxEigCrit[0], [52.5858, 55.7302, 62.1741]);
    assert.deepEqual(r.maxEigCrit[6], [15.0006, 17.1481, 21.7465]);
    // The published vectors are printed by Matlab with 16 digits; their own error is ~1e-9 of the largest.
    for (let j = 0; j < 8; j++) assertSameDirection(r.evec[j], evec12.slice(8 * j, 8 * j + 8), 1e-8, `evec ${j}`);
  });

  it('det_order 0, k_ar_diff 9 and det_order −1, k_ar_diff 8: trace and max-eigenvalue tables', () => {
    const trace09 = [307.6888935095814, 205.3839229398245, 129.1330243009336, 83.3101865760208, 52.51955460357912, 30.20027050520502, 13.84158157562689, 0.4117390188204866];
    const maxEig09 = [102.3049705697569, 76.25089863889085, 45.82283772491284, 30.7906319724417, 22.31928409837409, 16.35868892957814, 13.4298425568064, 0.4117390188204866];
    const r09 = johansen(testCointColumns(), 0, 9);
    assert.equal(r09.nobs, 173 - 1 - 9);
    r09.trace.forEach((v, i) => assertClose(v, trace09[i], 1e-10, 0, `trace ${i}`));
    r09.maxEig.forEach((v, i) => assertClose(v, maxEig09[i], 1e-10, 0, `maxEig ${i}`));
    assert.deepEqual(r09.traceCrit[0], [153.6341, 159.529, 171.0905]);
    assert.deepEqual(r09.maxEigCrit[1], [43.2947, 46.2299, 52.3069]);
    const traceMin18 = [260.6786029744658, 162.7966072512681, 105.8253545950566, 71.16133060790817, 47.68490211260372, 28.11843682526138, 13.03968537077271, 2.25398078597622];
    const maxEigMin18 = [97.88199572319769, 56.97125265621156, 34.66402398714837, 23.47642849530445, 19.56646528734234, 15.07875145448866, 10.7857045847965, 2.25398078597622];
    const rm18 = johansen(testCointColumns(), -1, 8);
    // The smallest statistic (2.25) is printed by Matlab from an eigenvalue near 0.014: 1.6e-10 apart.
    rm18.trace.forEach((v, i) => assertClose(v, traceMin18[i], 1e-9, 0, `trace ${i}`));
    rm18.maxEig.forEach((v, i) => assertClose(v, maxEigMin18[i], 1e-9, 0, `maxEig ${i}`));
    assert.deepEqual(rm18.traceCrit[7], [2.9762, 4.1296, 6.9406]);
    assert.deepEqual(rm18.maxEigCrit[0], [45.893, 48.8795, 55.0335]);
  });
});

describe('johansen — vectors generated with statsmodels coint_johansen', () => {
  for (const c of fixture.cases) {
    // Near-collinear levels: statsmodels inverts a near-singular S₁₁ and keeps only ~3–5 digits (eig off by
    // up to 4e-5 relative, eigenvectors by 2.4e-3); the 50-digit computation of the same algorithm is the reference there.
    const reference = c.reference50;
    it(`${c.name}${reference ? ' (against 50-digit arithmetic: statsmodels keeps ~3–5 digits here)' : ''}`, () => {
      const columns = c.dataset === 'test_coint' ? testCointColumns() : columnsOf(fixture.datasets[c.dataset]);
      const r = johansen(columns, c.detOrder, c.kArDiff);
      const want = reference ?? c.expected;
      const rel = reference ? 1e-9 : 1e-8;
      assert.equal(r.nobs, c.expected.nobs, 'nobs');
      r.eig.forEach((v, i) => assertClose(v, want.eig[i], rel, 0, `eig ${i}`));
      r.trace.forEach((v, i) => assertClose(v, want.trace[i], rel, 0, `trace ${i}`));
      r.maxEig.forEach((v, i) => assertClose(v, want.maxEig[i], rel, 0, `maxEig ${i}`));
      assert.deepEqual(r.traceCrit, c.expected.traceCrit);
      assert.deepEqual(r.maxEigCrit, c.expected.maxEigCrit);
      r.evec.forEach((v, j) => assertSameDirection(v, want.evec[j], rel, `evec ${j}`));
      for (const v of r.evec) assert.ok(v.find((x) => x !== 0)! > 0, 'first non-zero element positive');
    });
  }
});

describe('johansen — bad input', () => {
  const walk = (seed: number, n = 60) => Array.from({ length: n }, (_, i) => Math.sin(i * seed) * 3 + i * 0.1 * seed + ((i * i * seed) % 7));
  it('refuses one series, 13 series, unequal lengths, non-finite values', () => {
    assert.throws(() => johansen([walk(1)], 0, 1), code('BAD_ARGUMENT'));
    assert.throws(() => johansen(Array.from({ length: 13 }, (_, j) => walk(j + 1, 200)), 0, 1), code('BAD_ARGUMENT'));
    assert.throws(() => johansen([walk(1), walk(2, 59)], 0, 1), code('BAD_ARGUMENT'));
    const withNaN = walk(2);
    withNaN[10] = NaN;
    assert.throws(() => johansen([walk(1), withNaN], 0, 1), code('BAD_ARGUMENT'));
  });
  it('refuses bad det_order and k_ar_diff', () => {
    assert.throws(() => johansen([walk(1), walk(2)], 2 as JohansenDetOrder, 1), code('BAD_ARGUMENT'));
    assert.throws(() => johansen([walk(1), walk(2)], 0, -1), code('BAD_ARGUMENT'));
    assert.throws(() => johansen([walk(1), walk(2)], 0, 1.5), code('BAD_ARGUMENT'));
  });
  it('too few rows for the lags is TOO_FEW_OBSERVATIONS', () => {
    assert.throws(() => johansen([walk(1, 8), walk(2, 8)], 0, 3), code('TOO_FEW_OBSERVATIONS'));
  });
  it('a constant series or an exact multiple of another is SINGULAR_MATRIX, not noise', () => {
    assert.throws(() => johansen([walk(1), new Array(60).fill(61659.8)], 0, 1), code('SINGULAR_MATRIX'));
    assert.throws(() => johansen([walk(1), walk(1).map((v) => 2 * v)], 0, 1), code('SINGULAR_MATRIX'));
  });
});
