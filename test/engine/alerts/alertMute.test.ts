import { strict as assert } from 'node:assert';
import { AlertEngine } from '../../../src/engine/alerts/alertEngine';
import { isMuted, muteEnd } from '../../../src/engine/alerts/alertMute';
import { validateAlertRule, type AlertRule } from '../../../src/engine/alerts/alertRule';

const PAIR = 'ETHUSDT/BTCUSDT';
const zRule: AlertRule = { id: 'z2', pair: PAIR, metric: 'z', operator: '|x|>', threshold: 2, rearm: 1.5, cooldownMs: 0, enabled: true, severity: 'warning' };

describe('alert mute', () => {
  it('ends 15 min, 1 h later, or at the next local midnight', () => {
    const now = new Date(2026, 11, 1, 14, 37, 12, 345).getTime(); // local 14:37:12.345
    assert.equal(muteEnd('15m', now), now + 900_000);
    assert.equal(muteEnd('1h', now), now + 3_600_000);
    assert.equal(muteEnd('tomorrow', now), new Date(2026, 11, 2, 0, 0, 0, 0).getTime());
    // Across a month and a year end.
    assert.equal(muteEnd('tomorrow', new Date(2026, 11, 31, 23, 59).getTime()), new Date(2027, 0, 1).getTime());
  });

  it('is muted strictly before mutedUntil, and not at all without it', () => {
    assert.equal(isMuted({ mutedUntil: 1000 }, 999), true);
    assert.equal(isMuted({ mutedUntil: 1000 }, 1000), false);
    assert.equal(isMuted({}, 0), false);
  });

  it('a rule with mutedUntil validates; a non-number mutedUntil is refused with the field named', () => {
    assert.equal(validateAlertRule({ ...zRule, mutedUntil: 5 }).mutedUntil, 5);
    assert.equal('mutedUntil' in validateAlertRule(zRule), false);
    assert.throws(() => validateAlertRule({ ...zRule, mutedUntil: 'soon' }), /mutedUntil/);
  });

  it('nothing fires while muted; a crossing during the mute needs a re-arm; after the mute a fresh crossing fires', () => {
    let wall = 0;
    const engine = new AlertEngine(100, () => wall);
    engine.setRules([{ ...zRule, mutedUntil: 10_000 }]);
    const at = (z: number, t: number) => engine.evaluate(PAIR, { z }, t).length;
    wall = 1000;
    assert.equal(at(2.5, 1000), 0, 'fired while muted');
    assert.equal(engine.active(PAIR), undefined);
    wall = 11_000; // the mute has ended by itself
    assert.equal(at(2.6, 11_000), 0, 'the crossing swallowed during the mute fired after it');
    assert.equal(at(1.0, 12_000), 0); // re-arms
    assert.equal(at(2.2, 13_000), 1, 'a fresh crossing after the mute did not fire');
    assert.equal(engine.log().length, 1);
  });

  it('muting and unmuting keep the rule state (no re-fire of a crossing that already fired)', () => {
    let wall = 0;
    const engine = new AlertEngine(100, () => wall);
    engine.setRules([zRule]);
    assert.equal(engine.evaluate(PAIR, { z: 3 }, 0).length, 1);
    engine.setRules([{ ...zRule, mutedUntil: 60_000 }]);
    assert.equal(engine.active(PAIR), undefined, 'a muted rule still shows as alerting');
    engine.setRules([{ ...zRule }]); // unmuted again
    assert.equal(engine.evaluate(PAIR, { z: 3 }, 1000).length, 0, 'unmuting re-armed the rule');
    assert.ok(engine.active(PAIR), 'the still-active firing shows again once unmuted');
  });
});
