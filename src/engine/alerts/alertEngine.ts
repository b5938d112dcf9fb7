// Evaluates alert rules on each pair's metrics (on bar close, and on the live preview between closes)
// and keeps the log of every firing. State per rule and pair (a `*` rule has one per pair): armed or
// not, and the time it last fired. A rule starts armed; it fires when armed, triggered and out of its
// cooldown, then disarms; it re-arms only when the metric is back past the re-arm level. A crossing met
// during the cooldown stays pending (the rule stays armed) and fires when the cooldown ends if the
// metric is still past the threshold. Metrics that are null (warming up) or not given change nothing,
// so bar-close and live-preview evaluations share one state and one crossing fires once.
import { EngineError } from '../errors';
import { isMuted } from './alertMute';
import { appliesTo, describeCondition, isRearmed, isTriggered, TEST_ALERT_METRICS, validateAlertRule, type AlertMetric, type AlertRule, type AlertSeverity } from './alertRule';

export interface AlertFiring {
  time: number;
  ruleId: string;
  pairId: string;
  metric: AlertMetric;
  value: number;
  /** Threshold and severity of the rule when it fired. */
  threshold: number;
  severity: AlertSeverity;
  /** e.g. `|z| > 2: z = 2.13` (the pair is `pairId`). */
  message: string;
}

interface PairState {
  armed: boolean;
  lastFiredAt: number;
  /** The firing while the rule is disarmed (past its threshold, not yet re-armed). */
  active?: AlertFiring;
}

export type MetricValues = Partial<Record<AlertMetric, number | null>>;

export const DEFAULT_LOG_LIMIT = 1000;

export class AlertEngine {
  private readonly rulesById = new Map<string, AlertRule>();
  /** Per rule id, per pair. */
  private readonly states = new Map<string, Map<string, PairState>>();
  private readonly firings: AlertFiring[] = [];

  /** `now` is the wall clock that timed mutes are measured on (bar times may be replayed or imported). */
  constructor(
    private readonly logLimit = DEFAULT_LOG_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds or replaces a rule (validated). Replacing resets its armed state and cooldown. */
  setRule(rule: AlertRule): AlertRule {
    const valid = validateAlertRule(rule);
    this.rulesById.set(valid.id, valid);
    this.states.set(valid.id, new Map());
    return valid;
  }

  /**
   * Replaces every rule (validated first: on a bad rule nothing changes). A rule that comes back
   * unchanged keeps its state, so editing one rule does not re-fire the others.
   */
  setRules(rules: readonly AlertRule[]): void {
    const valid = rules.map(validateAlertRule);
    const ids = new Set<string>();
    for (const r of valid) {
      if (ids.has(r.id)) throw new EngineError('BAD_ARGUMENT', `alert rule id "${r.id}" appears twice`);
      ids.add(r.id);
    }
    for (const id of [...this.rulesById.keys()]) {
      if (ids.has(id)) continue;
      this.rulesById.delete(id);
      this.states.delete(id);
    }
    for (const r of valid) {
      const old = this.rulesById.get(r.id);
      this.rulesById.set(r.id, r);
      // Muting or unmuting is not an edit: the rule keeps its armed state and cooldown.
      if (old && sameRule(old, r)) continue;
      this.states.set(r.id, new Map());
    }
  }

  removeRule(id: string): void {
    if (!this.rulesById.delete(id)) throw new EngineError('BAD_ARGUMENT', `no alert rule with id "${id}"`);
    this.states.delete(id);
  }

  rules(): AlertRule[] {
    return [...this.rulesById.values()].map((r) => ({ ...r }));
  }

  /** True when an enabled rule on this pair needs one of `metrics` (e.g. whether to run the tests on bar close). */
  wants(pair: string, metrics: readonly AlertMetric[] = TEST_ALERT_METRICS): boolean {
    for (const r of this.rulesById.values()) if (r.enabled && appliesTo(r, pair) && metrics.includes(r.metric)) return true;
    return false;
  }

  /** Every firing, oldest first (the newest `logLimit`). */
  log(): readonly AlertFiring[] {
    return this.firings;
  }

  clearLog(): void {
    this.firings.length = 0;
  }

  /** The most severe enabled rule of the pair that fired and has not re-armed yet (the pair is "alerting"). */
  active(pair: string): AlertFiring | undefined {
    let best: AlertFiring | undefined;
    for (const [id, byPair] of this.states) {
      const firing = byPair.get(pair)?.active;
      const rule = this.rulesById.get(id);
      if (!firing || !rule?.enabled || isMuted(rule, this.now())) continue;
      if (!best || (firing.severity === 'error' && best.severity !== 'error')) best = firing;
    }
    return best;
  }

  /** Evaluates the rules of `pair` on the metrics given at `time` (ms); returns what fired now. */
  evaluate(pair: string, metrics: MetricValues, time: number): AlertFiring[] {
    const fired: AlertFiring[] = [];
    for (const rule of this.rulesById.values()) {
      if (!rule.enabled || !appliesTo(rule, pair)) continue;
      const value = metrics[rule.metric];
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      const state = this.stateOf(rule.id, pair);
      if (!state.armed) {
        if (isRearmed(rule, value)) {
          state.armed = true;
          state.active = undefined;
        }
        continue;
      }
      if (isTriggered(rule, value) && isMuted(rule, this.now())) {
        state.armed = false; // a crossing during the mute is swallowed: the next firing needs a fresh one
        continue;
      }
      if (isTriggered(rule, value) && time - state.lastFiredAt >= rule.cooldownMs) {
        const firing: AlertFiring = {
          time,
          ruleId: rule.id,
          pairId: pair,
          metric: rule.metric,
          value,
          threshold: rule.threshold,
          severity: rule.severity,
          message: `${describeCondition(rule)}: ${rule.metric} = ${formatValue(value)}`,
        };
        state.armed = false;
        state.lastFiredAt = time;
        state.active = firing;
        fired.push(firing);
        this.firings.push(firing);
        if (this.firings.length > this.logLimit) this.firings.splice(0, this.firings.length - this.logLimit);
      }
    }
    return fired;
  }

  private stateOf(ruleId: string, pair: string): PairState {
    let byPair = this.states.get(ruleId);
    if (!byPair) this.states.set(ruleId, (byPair = new Map()));
    let state = byPair.get(pair);
    if (!state) byPair.set(pair, (state = { armed: true, lastFiredAt: -Infinity }));
    return state;
  }
}

function sameRule(a: AlertRule, b: AlertRule): boolean {
  return (
    a.pair === b.pair &&
    a.metric === b.metric &&
    a.operator === b.operator &&
    a.threshold === b.threshold &&
    a.rearm === b.rearm &&
    a.cooldownMs === b.cooldownMs &&
    a.enabled === b.enabled &&
    a.severity === b.severity
  );
}

function formatValue(v: number): string {
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e7 ? String(Number(v.toPrecision(6))) : v.toExponential(4);
}
