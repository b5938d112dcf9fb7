import { strict as assert } from 'assert';
import { validateAlertRule } from '../../src/engine/alerts/alertRule';
import { alertRuleToSetting, isLegacyAlertRule, parseAlertRuleSetting, type ParsedAlertRule } from '../../src/extension/alertRuleSettings';

const parsed = (item: unknown) => {
  const r = parseAlertRuleSetting(item);
  assert.notEqual(typeof r, 'string', String(r));
  return r as ParsedAlertRule;
};

describe('alertRuleSettings: the engine rule in settings', () => {
  it('keeps a timed mute through settings, and reads a malformed one as no mute', () => {
    const base = { id: 'm', pair: '*', metric: 'z', operator: '|x|>', threshold: 2, rearm: 1.5 };
    const parsed = parseAlertRuleSetting({ ...base, mutedUntil: 1_800_000_000_000 }) as ParsedAlertRule;
    assert.equal(parsed.rule.mutedUntil, 1_800_000_000_000);
    assert.equal(alertRuleToSetting(parsed.rule).mutedUntil, 1_800_000_000_000);
    const bad = parseAlertRuleSetting({ ...base, mutedUntil: 'tomorrow' }) as ParsedAlertRule;
    assert.equal(bad.rule.mutedUntil, undefined);
    assert.equal('mutedUntil' in alertRuleToSetting(bad.rule), false);
  });

  it('fills defaults (every pair, warning, enabled, 60 s cooldown, suggested re-arm) and keeps given values', () => {
    assert.deepEqual(parsed({ id: 'r1', metric: 'z', operator: '|x|>', threshold: 2 }), {
      rule: { id: 'r1', pair: '*', metric: 'z', operator: '|x|>', threshold: 2, rearm: 1.5, cooldownMs: 60000, enabled: true, severity: 'warning' },
      migrated: false,
    });
    const p = parsed({ id: 'p', pair: 'BTCUSDT/ETHUSDT', metric: 'adfPValue', operator: '<', threshold: 0.05, rearm: 0.2, severity: 'error', enabled: false, cooldownMs: 0 });
    assert.deepEqual(p.rule, { id: 'p', pair: 'BTCUSDT/ETHUSDT', metric: 'adfPValue', operator: '<', threshold: 0.05, rearm: 0.2, cooldownMs: 0, enabled: false, severity: 'error' });
    // Suggested re-arm levels: a quarter of the threshold back for p-values and half-lives, 0.1 % for prices.
    assert.equal(parsed({ id: 'a', metric: 'adfPValue', operator: '<', threshold: 0.04 }).rule.rearm, 0.05);
    assert.equal(parsed({ id: 'h', metric: 'halfLife', operator: '>', threshold: 40 }).rule.rearm, 30);
    assert.equal(parsed({ id: 'q', metric: 'price', operator: '>', threshold: 60000 }).rule.rearm, 59940);
  });

  it('offers every engine metric, and what it returns passes the engine validation', () => {
    for (const metric of ['z', 'spread', 'correlation', 'beta', 'adfPValue', 'egPValue', 'halfLife', 'price']) {
      for (const operator of ['>', '<', '|x|>']) {
        const { rule } = parsed({ id: `${metric}${operator}`, metric, operator, threshold: 0.5 });
        assert.deepEqual(validateAlertRule(rule), rule);
      }
    }
  });

  it('names what is wrong', () => {
    assert.match(parseAlertRuleSetting({ metric: 'z', operator: '>', threshold: 2 }) as string, /id/);
    assert.match(parseAlertRuleSetting({ id: 'a', metric: 'vol', operator: '>', threshold: 2 }) as string, /metric must be one of z, spread/);
    assert.match(parseAlertRuleSetting({ id: 'a', metric: 'z', operator: '>=', threshold: 2 }) as string, /operator must be one of > < \|x\|>/);
    assert.match(parseAlertRuleSetting({ id: 'a', metric: 'z', operator: '|x|>', threshold: -1 }) as string, /positive/);
    assert.match(parseAlertRuleSetting({ id: 'a', metric: 'z', operator: '>', threshold: '2' }) as string, /threshold must be a number/);
    assert.match(parseAlertRuleSetting({ id: 'a', metric: 'z', operator: '>', threshold: 2, rearm: 3 }) as string, /re-arm level must be below/);
    assert.match(parseAlertRuleSetting({ id: 'a', pair: 'BTCUSDT', metric: 'z', operator: '>', threshold: 2 }) as string, /pair/);
    assert.match(parseAlertRuleSetting({ id: 'a', metric: 'z', operator: '>', threshold: 2, severity: 'info' }) as string, /severity/);
  });

  it('round-trips through the settings entry', () => {
    const { rule } = parsed({ id: 'r', pair: 'BTCUSDT/ETHUSDT', metric: 'spread', operator: '<', threshold: -10, rearm: -7, severity: 'error', cooldownMs: 5000 });
    const again = parsed(alertRuleToSetting(rule));
    assert.deepEqual(again, { rule, migrated: false });
    assert.equal(isLegacyAlertRule(alertRuleToSetting(rule)), false);
  });
});

describe('alertRuleSettings: migration of the old vocabulary (op / hysteresis / corrReturns)', () => {
  it('maps above / below / absAbove and the hysteresis distance to operator and re-arm level', () => {
    // Hand-computed: re-arm = threshold − h for above and absAbove, threshold + h for below.
    const above = parsed({ id: 'a', pair: 'BTCUSDT/ETHUSDT', metric: 'z', op: 'above', threshold: 2, hysteresis: 0.5, severity: 'error', enabled: false, cooldownMs: 0 });
    assert.deepEqual(above, {
      rule: { id: 'a', pair: 'BTCUSDT/ETHUSDT', metric: 'z', operator: '>', threshold: 2, rearm: 1.5, cooldownMs: 0, enabled: false, severity: 'error' },
      migrated: true,
    });
    assert.equal(parsed({ id: 'b', metric: 'z', op: 'below', threshold: -2, hysteresis: 0.5 }).rule.rearm, -1.5);
    assert.equal(parsed({ id: 'b', metric: 'z', op: 'below', threshold: -2, hysteresis: 0.5 }).rule.operator, '<');
    const abs = parsed({ id: 'c', metric: 'z', op: 'absAbove', threshold: 2 });
    assert.deepEqual([abs.rule.operator, abs.rule.rearm, abs.rule.cooldownMs, abs.rule.pair], ['|x|>', 1.75, 60000, '*']); // old default hysteresis 0.25
    // A hysteresis wider than the |x| threshold re-arms at 0, as the old adapter did.
    assert.equal(parsed({ id: 'd', metric: 'z', op: 'absAbove', threshold: 0.2, hysteresis: 1 }).rule.rearm, 0);
    // Zero hysteresis: re-arm just inside the threshold (still a valid rule).
    const zero = parsed({ id: 'e', metric: 'z', op: 'above', threshold: 2, hysteresis: 0 }).rule;
    assert.ok(zero.rearm < 2 && zero.rearm > 2 - 1e-6);
  });

  it('renames corrReturns to correlation and still names bad old values', () => {
    const corr = parsed({ id: 'f', metric: 'corrReturns', op: 'below', threshold: 0.5, hysteresis: 0.1 });
    assert.deepEqual([corr.rule.metric, corr.rule.operator, corr.rule.rearm, corr.migrated], ['correlation', '<', 0.6, true]);
    assert.match(parseAlertRuleSetting({ id: 'g', metric: 'z', op: 'sideways', threshold: 2 }) as string, /op must be one of above, below, absAbove/);
    assert.match(parseAlertRuleSetting({ id: 'g', metric: 'z', op: 'above', threshold: 2, hysteresis: -1 }) as string, /hysteresis/);
  });

  it('the migrated entry is written in the new vocabulary and reads back identically', () => {
    const old = { id: 'm', pair: 'BTCUSDT/ETHUSDT', metric: 'z', op: 'absAbove', threshold: 2.5, severity: 'warning', enabled: true, hysteresis: 0.5, cooldownMs: 30000 };
    assert.equal(isLegacyAlertRule(old), true);
    const { rule } = parsed(old);
    const written = alertRuleToSetting(rule);
    assert.deepEqual(Object.keys(written).sort(), ['cooldownMs', 'enabled', 'id', 'metric', 'operator', 'pair', 'rearm', 'severity', 'threshold']);
    assert.deepEqual(written, { id: 'm', pair: 'BTCUSDT/ETHUSDT', metric: 'z', operator: '|x|>', threshold: 2.5, rearm: 2, severity: 'warning', enabled: true, cooldownMs: 30000 });
    assert.deepEqual(parsed(written), { rule, migrated: false });
  });
});
