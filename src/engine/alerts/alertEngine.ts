// Evaluates alert rules on each pair's metrics (on bar close, or on a live preview) and keeps the
// log of every firing. State per rule: armed or not, and the time it last fired. A rule starts armed;
// it fires when armed, triggered and out of its cooldown, then disarms; it re-arms only when the
// metric is back past the re-arm level. A crossing met during the cooldown stays pending (the rule
// stays armed) and fires when the cooldown ends if the metric is still past the threshold.
// Null metrics (still warming up) change nothing.
import { EngineError } from '../errors';
import { describeRule, isRearmed, isTriggered, validateAlertRule, type AlertMetric, type AlertRule } from './alertRule';

export interface AlertFiring {
  time: number;
  ruleId: string;
  pair: string;
  metric: AlertMetric;
  value: number;
  /** The rule as it was when it fired. */
  rule: AlertRule;
  message: string;
}

interface RuleState {
  rule: AlertRule;
  armed: boolean;
  lastFiredAt: number;
}

export type MetricValues = Partial<Record<AlertMetric, number | null>>;

export const DEFAULT_LOG_LIMIT = 1000;

export class AlertEngine {
  private readonly states = new Map<string, RuleState>();
  private readonly firings: AlertFiring[] = [];

  constructor(private readonly logLimit = DEFAULT_LOG_LIMIT) {}

  /** Adds or replaces a rule (validated). Replacing resets its armed state and cooldown. */
  setRule(rule: AlertRule): AlertRule {
    const valid = validateAlertRule(rule);
    this.states.set(valid.id, { rule: valid, armed: true, lastFiredAt: -Infinity });
    return valid;
  }

  removeRule(id: string): void {
    if (!this.states.delete(id)) throw new EngineError('BAD_ARGUMENT', `no alert rule with id "${id}"`);
  }

  rules(): AlertRule[] {
    return [...this.states.values()].map((s) => ({ ...s.rule }));
  }

  /** Every firing, oldest first (the newest `logLimit`). */
  log(): readonly AlertFiring[] {
    return this.firings;
  }

  clearLog(): void {
    this.firings.length = 0;
  }

  /** Evaluates the rules of `pair` on its metrics at `time` (ms); returns what fired now. */
  evaluate(pair: string, metrics: MetricValues, time: number): AlertFiring[] {
    const fired: AlertFiring[] = [];
    for (const state of this.states.values()) {
      const { rule } = state;
      if (!rule.enabled || rule.pair !== pair) continue;
      const value = metrics[rule.metric];
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      if (!state.armed) {
        if (isRearmed(rule, value)) state.armed = true;
        continue;
      }
      if (isTriggered(rule, value) && time - state.lastFiredAt >= rule.cooldownMs) {
        state.armed = false;
        state.lastFiredAt = time;
        const firing: AlertFiring = {
          time,
          ruleId: rule.id,
          pair,
          metric: rule.metric,
          value,
          rule: { ...rule },
          message: `${describeRule(rule)}: ${rule.metric} = ${formatValue(value)}`,
        };
        fired.push(firing);
        this.firings.push(firing);
        if (this.firings.length > this.logLimit) this.firings.splice(0, this.firings.length - this.logLimit);
      }
    }
    return fired;
  }
}

function formatValue(v: number): string {
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e7 ? String(Number(v.toPrecision(6))) : v.toExponential(4);
}
