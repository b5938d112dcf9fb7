import { strict as assert } from 'node:assert';
import { AlertEngine } from '../../../src/engine/alerts/alertEngine';
import type { AlertRule } from '../../../src/engine/alerts/alertRule';

const zRule: AlertRule = { id: 'z2', pair: 'ETHUSDT/BTCUSDT', metric: 'z', operator: '|x|>', threshold: 2, rearm: 1.5, cooldownMs: 0, enabled: true };

function run(engine: AlertEngine, values: (number | null)[], step = 1000, pair = 'ETHUSDT/BTCUSDT'): number[] {
  const firedAt: number[] = [];
  values.forEach((z, i) => {
    if (engine.evaluate(pair, { z }, i * step).length > 0) firedAt.push(i);
  });
  return firedAt;
}

describe('AlertEngine', () => {
  it('fires once per crossing: hovering around the threshold does not re-fire until |z| < re-arm', () => {
    const engine = new AlertEngine();
    engine.setRule(zRule);
    //                   0    1    2    3    4    5    6    7     8     9    10   11
    const fired = run(engine, [0.5, 2.1, 1.9, 2.3, 1.6, 2.5, 1.4, 2.2, -2.4, null, 1.0, -2.01]);
    // fires at 1; 2–5 stay above the re-arm level; 6 re-arms; 7 fires; 8 (other sign) still disarmed; 10 re-arms; 11 fires.
    assert.deepEqual(fired, [1, 7, 11]);
    const log = engine.log();
    assert.equal(log.length, 3);
    assert.deepEqual(
      log.map((f) => [f.time, f.value, f.ruleId]),
      [
        [1000, 2.1, 'z2'],
        [7000, 2.2, 'z2'],
        [11000, -2.01, 'z2'],
      ],
    );
    assert.equal(log[0].message, 'ETHUSDT/BTCUSDT |z| > 2: z = 2.1');
  });

  it('holds a re-armed crossing during the cooldown and fires it when the cooldown ends if still triggered', () => {
    const engine = new AlertEngine();
    engine.setRule({ ...zRule, cooldownMs: 5000 });
    //                   0    1    2    3    4    5    6    7    8    9
    const fired = run(engine, [2.5, 1.0, 2.6, 2.7, 1.0, 1.0, 2.8, 1.0, 1.0, 1.0]);
    // 0 fires; 1 re-arms; 2, 3 within 5 s of 0; 4, 5 below; 6 (6 s after 0) fires.
    assert.deepEqual(fired, [0, 6]);
    const late = new AlertEngine();
    late.setRule({ ...zRule, cooldownMs: 3000 });
    assert.deepEqual(run(late, [2.5, 1.0, 2.6, 2.6, 2.6]), [0, 3]);
  });

  it('supports > and < with their own re-arm sides, per pair, and disabled rules stay silent', () => {
    const engine = new AlertEngine();
    engine.setRule({ id: 'p', pair: 'A/B', metric: 'adfPValue', operator: '<', threshold: 0.05, rearm: 0.1, cooldownMs: 0, enabled: true });
    engine.setRule({ id: 'c', pair: 'A/B', metric: 'correlation', operator: '>', threshold: 0.9, rearm: 0.8, cooldownMs: 0, enabled: false });
    const seq = [0.2, 0.04, 0.08, 0.03, 0.12, 0.01];
    const fired = seq.flatMap((p, i) => engine.evaluate('A/B', { adfPValue: p, correlation: 0.95 }, i).map(() => i));
    assert.deepEqual(fired, [1, 5]);
    assert.deepEqual(engine.evaluate('C/D', { adfPValue: 0.001 }, 10), []);
  });

  it('validates rules with clear messages', () => {
    const engine = new AlertEngine();
    assert.throws(() => engine.setRule({ ...zRule, rearm: 2.5 }), /re-arm level must be in \[0, 2\)/);
    assert.throws(() => engine.setRule({ ...zRule, operator: '>', rearm: 3 }), /re-arm level must be below the threshold/);
    assert.throws(() => engine.setRule({ ...zRule, operator: '<', threshold: -2, rearm: -3 }), /must be above the threshold/);
    assert.throws(() => engine.setRule({ ...zRule, threshold: Number.NaN }), /threshold must be a finite number, got NaN/);
    assert.throws(() => engine.setRule({ ...zRule, metric: 'sharpe' as never }), /unknown metric "sharpe"/);
    assert.throws(() => engine.setRule({ ...zRule, pair: 'ETHUSDT' }), /pair must look like/);
    assert.throws(() => engine.setRule({ ...zRule, cooldownMs: -1 }), /cooldownMs must be ≥ 0/);
    assert.throws(() => engine.removeRule('nope'), /no alert rule with id "nope"/);
    assert.equal(engine.rules().length, 0);
  });

  it('keeps only the newest entries of the log', () => {
    const engine = new AlertEngine(2);
    engine.setRule(zRule);
    run(engine, [3, 0, 3, 0, 3]);
    assert.deepEqual(
      engine.log().map((f) => f.time),
      [2000, 4000],
    );
  });
});
