import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HuberFitter } from '../../../src/engine/analytics/huber';

// Produced by test/fixtures/statsmodels/huber_rlm.py (statsmodels RLM, HuberT defaults).
interface RlmCase {
  name: string;
  x: number[];
  y: number[];
  alpha: number;
  beta: number;
  scale: number;
  iterations: number;
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/statsmodels/huber_rlm.json'), 'utf8')) as { cases: RlmCase[] };

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('HuberFitter (statsmodels RLM HuberT, MAD scale)', () => {
  for (const c of fixture.cases) {
    it(`matches statsmodels on "${c.name}" (α, β, scale to 1e-8 relative, same iteration count)`, () => {
      const fit = new HuberFitter().fit(Float64Array.from(c.x), Float64Array.from(c.y), c.x.length);
      assert.ok(rel(fit.beta, c.beta) < 1e-8, `beta ${fit.beta} vs ${c.beta}`);
      assert.ok(rel(fit.alpha, c.alpha) < 1e-8, `alpha ${fit.alpha} vs ${c.alpha}`);
      assert.ok(rel(fit.scale, c.scale) < 1e-8, `scale ${fit.scale} vs ${c.scale}`);
      assert.equal(fit.iterations, c.iterations);
    });
  }

  it('resists an outlier that drags OLS away', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => i);
    const y = Float64Array.from(x, (v, i) => 1 + 2 * v + (i % 2 ? 0.1 : -0.1));
    y[19] += 100;
    const fit = new HuberFitter().fit(x, y, 20);
    assert.ok(Math.abs(fit.beta - 2) < 0.05, `beta ${fit.beta}`);
  });
});
