import { strict as assert } from 'node:assert';
import { AlertEngine } from '../../../src/engine/alerts/alertEngine';
import type { AlertRule } from '../../../src/engine/alerts/alertRule';

const zRule: AlertRule = { id: 'z2', pair: 'ETHUSDT/BTCUSDT', metric: 'z', operator: '|x|>', threshold: 2, rearm: 1.5, cooldownMs: 0, enabled: true, severity: 'warning' };

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
    assert.equal(log[0].message, '|z| > 2: z = 2.1');
    assert.equal(log[0].pairId, 'ETHUSDT/BTCUSDT');
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
    engine.setRule({ id: 'p', pair: 'A/B', metric: 'adfPValue', operator: '<', threshold: 0.05, rearm: 0.1, cooldownMs: 0, enabled: true, severity: 'error' });
    engine.setRule({ id: 'c', pair: 'A/B', metric: 'correlation', operator: '>', threshold: 0.9, rearm: 0.8, cooldownMs: 0, enabled: false, severity: 'warning' });
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
    assert.throws(() => engine.setRule({ ...zRule, severity: 'info' as never }), /severity must be warning or error/);
    assert.throws(() => engine.setRules([zRule, zRule]), /appears twice/);
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

  it('a "*" rule keeps its own armed state and cooldown per pair', () => {
    const engine = new AlertEngine();
    engine.setRule({ ...zRule, pair: '*', cooldownMs: 5000 });
    assert.equal(engine.evaluate('A/B', { z: 2.5 }, 0).length, 1);
    // Another pair is armed independently, and out of A/B's cooldown.
    assert.deepEqual(engine.evaluate('C/D', { z: -3 }, 1000).map((f) => [f.pairId, f.value]), [['C/D', -3]]);
    // A/B still disarmed: no second firing until it re-arms; after re-arming its own cooldown (5 s from 0) applies.
    assert.equal(engine.evaluate('A/B', { z: 2.6 }, 2000).length, 0);
    assert.equal(engine.evaluate('A/B', { z: 1.0 }, 3000).length, 0);
    assert.equal(engine.evaluate('A/B', { z: 2.7 }, 4000).length, 0);
    assert.equal(engine.evaluate('A/B', { z: 2.7 }, 5000).length, 1);
  });

  it('reports the most severe rule past its threshold as active until it re-arms', () => {
    const engine = new AlertEngine();
    engine.setRules([
      { ...zRule, id: 'warn', threshold: 1.5, rearm: 1 },
      { ...zRule, id: 'err', threshold: 2.5, rearm: 2, severity: 'error' },
    ]);
    assert.equal(engine.active('ETHUSDT/BTCUSDT'), undefined);
    engine.evaluate('ETHUSDT/BTCUSDT', { z: 1.8 }, 0);
    assert.equal(engine.active('ETHUSDT/BTCUSDT')?.ruleId, 'warn');
    engine.evaluate('ETHUSDT/BTCUSDT', { z: 2.8 }, 1);
    assert.equal(engine.active('ETHUSDT/BTCUSDT')?.severity, 'error');
    engine.evaluate('ETHUSDT/BTCUSDT', { z: 1.8 }, 2); // err re-arms (< 2), warn does not (> 1)
    assert.equal(engine.active('ETHUSDT/BTCUSDT')?.ruleId, 'warn');
    engine.evaluate('ETHUSDT/BTCUSDT', { z: 0.5 }, 3);
    assert.equal(engine.active('ETHUSDT/BTCUSDT'), undefined);
    assert.equal(engine.active('OTHER/PAIR'), undefined);
  });

  it('setRules keeps the state of unchanged rules (no re-firing) and resets edited ones', () => {
    const engine = new AlertEngine();
    const other = { ...zRule, id: 'other', metric: 'spread' as const, operator: '>' as const, threshold: 10, rearm: 5 };
    engine.setRules([zRule, other]);
    assert.equal(engine.evaluate('ETHUSDT/BTCUSDT', { z: 3 }, 0).length, 1);
    engine.setRules([zRule, { ...other, threshold: 11 }]);
    assert.equal(engine.evaluate('ETHUSDT/BTCUSDT', { z: 3 }, 1).length, 0, 'unchanged rule stays disarmed');
    engine.setRules([{ ...zRule, threshold: 2.5 }]);
    assert.equal(engine.evaluate('ETHUSDT/BTCUSDT', { z: 3 }, 2).length, 1, 'edited rule starts armed');
    assert.deepEqual(engine.rules().map((r) => r.id), ['z2']);
  });

  it('wants() tells whether a rule on the pair needs the test metrics', () => {
    const engine = new AlertEngine();
    engine.setRule(zRule);
    assert.equal(engine.wants('ETHUSDT/BTCUSDT'), false);
    engine.setRule({ ...zRule, id: 'p', pair: '*', metric: 'egPValue', operator: '<', threshold: 0.05, rearm: 0.1 });
    assert.equal(engine.wants('X/Y'), true);
    engine.setRule({ ...zRule, id: 'p', pair: '*', metric: 'egPValue', operator: '<', threshold: 0.05, rearm: 0.1, enabled: false });
    assert.equal(engine.wants('X/Y'), false);
  });
});
