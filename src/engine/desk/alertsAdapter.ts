// Binds the desk's alert port to the AlertEngine (src/engine/alerts). User rules may target every pair
// (`*`); each becomes one engine rule per pair, registered when the pair first reports a point.
import { AlertEngine } from '../alerts/alertEngine';
import { isRearmed, isTriggered, type AlertRule } from '../alerts/alertRule';
import type { AlertFiring, AlertRuleConfig } from './alertTypes';
import type { DeskAlerts } from './ports';
import type { PairPoint } from './types';

const OPERATOR = { above: '>', below: '<', absAbove: '|x|>' } as const;
const METRIC = { z: 'z', spread: 'spread', corrReturns: 'correlation' } as const;
const MIN_HYSTERESIS = 1e-9;

/** The engine rule for one user rule on one pair. */
export function toEngineRule(rule: AlertRuleConfig, pairId: string): AlertRule {
  const h = Math.max(rule.hysteresis, MIN_HYSTERESIS);
  const rearm = rule.op === 'below' ? rule.threshold + h : rule.op === 'absAbove' ? Math.max(0, rule.threshold - h) : rule.threshold - h;
  return {
    id: `${rule.id}@${pairId}`,
    pair: pairId,
    metric: METRIC[rule.metric],
    operator: OPERATOR[rule.op],
    threshold: rule.threshold,
    rearm,
    cooldownMs: rule.cooldownMs,
    enabled: rule.enabled,
  };
}

export class AlertEngineAdapter implements DeskAlerts {
  private engine = new AlertEngine();
  private rules: AlertRuleConfig[] = [];
  private readonly pairsSeen = new Set<string>();
  /** Rules currently past their threshold and not yet re-armed, per pair. */
  private readonly activeByPair = new Map<string, Map<string, AlertFiring>>();

  setRules(rules: AlertRuleConfig[]): void {
    this.rules = rules;
    this.engine = new AlertEngine();
    for (const pair of this.pairsSeen) this.register(pair);
    for (const map of this.activeByPair.values()) {
      for (const id of [...map.keys()]) if (!rules.some((r) => r.id === id && r.enabled)) map.delete(id);
    }
  }

  private register(pairId: string): void {
    for (const rule of this.rules) if (rule.pair === '*' || rule.pair === pairId) this.engine.setRule(toEngineRule(rule, pairId));
  }

  evaluate(pairId: string, point: PairPoint): AlertFiring[] {
    if (!this.pairsSeen.has(pairId)) {
      this.pairsSeen.add(pairId);
      this.register(pairId);
    }
    const metrics = { z: point.z, spread: point.spread, correlation: point.corrReturns };
    // Clear rules whose value came back past the re-arm level.
    const current = this.activeByPair.get(pairId);
    if (current) {
      for (const [id, firing] of current) {
        const rule = this.rules.find((r) => r.id === id);
        const value = rule ? metrics[METRIC[rule.metric]] : null;
        if (!rule || (value !== null && isRearmed(toEngineRule(rule, pairId), value))) current.delete(id);
        else if (value !== null && !isTriggered(toEngineRule(rule, pairId), value)) firing.value = value;
      }
    }
    const out: AlertFiring[] = [];
    for (const f of this.engine.evaluate(pairId, metrics, point.time)) {
      const ruleId = f.ruleId.slice(0, f.ruleId.lastIndexOf('@'));
      const rule = this.rules.find((r) => r.id === ruleId);
      const firing: AlertFiring = {
        ruleId,
        pairId,
        time: f.time,
        value: f.value,
        threshold: f.rule.threshold,
        severity: rule?.severity ?? 'warning',
        message: f.message.replace(`${pairId} `, ''),
      };
      let map = this.activeByPair.get(pairId);
      if (!map) this.activeByPair.set(pairId, (map = new Map()));
      map.set(ruleId, firing);
      out.push(firing);
    }
    return out;
  }

  active(pairId: string): AlertFiring | undefined {
    const map = this.activeByPair.get(pairId);
    if (!map || map.size === 0) return undefined;
    let best: AlertFiring | undefined;
    for (const f of map.values()) if (!best || (f.severity === 'error' && best.severity !== 'error')) best = f;
    return best;
  }
}
