import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { join } from 'path';
import { rollingCointegration } from '../../../src/engine/analytics/rollingCoint';
import { EngineError } from '../../../src/engine/errors';
import { assertClose } from './assertClose';
import { FIXTURES } from './statsmodelsFixtures';

const fixture = JSON.parse(readFileSync(join(FIXTURES, 'rolling_coint_vectors.json'), 'utf8')) as {
  y: number[];
  x: number[];
  options: { window: number; step: number; span: number };
  points: { end: number; pYOnX: number; pXOnY: number }[];
};

describe('rollingCointegration — statsmodels coint on each window, both orderings', () => {
  const points = rollingCointegration(fixture.y, fixture.x, { ...fixture.options, trend: 'c', autolag: 'AIC' });

  it('tests every step bars over the last span bars, anchored on the last bar', () => {
    assert.deepEqual(
      points.map((p) => p.end),
      fixture.points.map((p) => p.end),
    );
    assert.equal(points[points.length - 1].end, fixture.y.length - 1);
  });

  it('p-values equal statsmodels’ in both orderings; the verdict is the weaker (larger) one', () => {
    points.forEach((p, i) => {
      const e = fixture.points[i];
      assertClose(p.pYOnX!, e.pYOnX, 1e-6, 1e-12, `Y on X at ${p.end}`);
      assertClose(p.pXOnY!, e.pXOnY, 1e-6, 1e-12, `X on Y at ${p.end}`);
      assert.equal(p.pValue, Math.max(p.pYOnX!, p.pXOnY!));
      assert.equal(p.weaker, p.pXOnY! > p.pYOnX! ? 'x-on-y' : 'y-on-x');
    });
  });

  it('a relationship that breaks at bar 500 shows as a rising p-value', () => {
    const before = points.filter((p) => p.end < 500);
    const after = points.filter((p) => p.end - fixture.options.window >= 500);
    assert.ok(before.every((p) => p.pValue! < 0.05), JSON.stringify(before.map((p) => p.pValue)));
    assert.ok(after.every((p) => p.pValue! > 0.1), JSON.stringify(after.map((p) => p.pValue)));
  });

  it('refuses bad options', () => {
    const code = (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT';
    assert.throws(() => rollingCointegration(fixture.y, fixture.x, { window: 10, step: 5 }), code);
    assert.throws(() => rollingCointegration(fixture.y, fixture.x, { window: 100, step: 0 }), code);
    assert.throws(() => rollingCointegration(fixture.y, fixture.x.slice(1), { window: 100, step: 5 }), code);
  });
});
