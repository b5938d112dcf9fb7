import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { testPair } from '../../../src/engine/scan/pairTest';
import { johansenTraceTest } from '../../../src/engine/scan/johansenTrace';
import { meanCrossingsPer100 } from '../../../src/engine/scan/meanCrossings';

const dir = join(__dirname, '../../fixtures/statsmodels');
interface Ordering { egP: number; beta: number; halfLife: number | null; oosP: number; oosHalfLife: number | null; johansenTrace: number; johansenCrit95: number }
const vectors = JSON.parse(readFileSync(join(dir, 'scan_pairs_vectors.json'), 'utf8')) as {
  symbols: string[];
  cases: Array<{ a: string; b: string; aOnB: Ordering; bOnA: Ordering }>;
};
const lines = readFileSync(join(dir, 'scan_pairs_closes.csv'), 'utf8').trim().split('\n');
const header = lines[0].split(',');
const logOf = (symbol: string) => Float64Array.from(lines.slice(1), (l) => Math.log(Number(l.split(',')[header.indexOf(symbol)])));

const close = (actual: number | null, expected: number | null, rel: number, what: string) => {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null && Math.abs(actual - expected) <= rel * Math.max(1e-12, Math.abs(expected)), `${what}: ${actual} vs statsmodels ${expected}`);
};

describe('scan: stage 2 pair test against statsmodels', () => {
  for (const c of vectors.cases) {
    it(`${c.a}/${c.b}: Engle-Granger both orderings, hedge ratios, half-life, out-of-sample ADF, Johansen trace`, () => {
      const a = logOf(c.a);
      const b = logOf(c.b);
      const s = testPair(0, 1, 0.5, a, b, { inSampleShare: 2 / 3, johansen: johansenTraceTest(1) });
      // The reported ordering is the one with the smaller Engle-Granger p; p is the larger of the two.
      const aFirst = c.aOnB.egP <= c.bOnA.egP;
      const [chosen, other] = aFirst ? [c.aOnB, c.bOnA] : [c.bOnA, c.aOnB];
      assert.deepEqual([s.y, s.x], aFirst ? [0, 1] : [1, 0]);
      close(s.egP, chosen.egP, 1e-6, 'egP');
      close(s.egPReverse, other.egP, 1e-6, 'egPReverse');
      close(s.p, Math.max(c.aOnB.egP, c.bOnA.egP), 1e-6, 'p');
      close(s.beta, chosen.beta, 1e-9, 'beta');
      close(s.betaReverse, other.beta, 1e-9, 'betaReverse');
      close(s.halfLife, chosen.halfLife, 1e-8, 'halfLife');
      close(s.oosP, chosen.oosP, 1e-6, 'oosP');
      close(s.oosHalfLife, chosen.oosHalfLife, 1e-8, 'oosHalfLife');
      close(s.johansenTrace, chosen.johansenTrace, 1e-8, 'johansenTrace');
      close(s.johansenCrit95, chosen.johansenCrit95, 1e-12, 'johansenCrit95');
    });
  }
});

describe('scan: mean crossings', () => {
  it('counts mean crossings per 100 bars by hand', () => {
    // Mean 0: signs + − − + + − → 3 crossings over 5 steps → 60 per 100 bars; a value at the mean keeps its side.
    assert.equal(meanCrossingsPer100([1, -1, -2, 2, 1, -1]), 60);
    assert.equal(meanCrossingsPer100([1, 0, 1, -2]), (1 * 100) / 3);
  });
});
