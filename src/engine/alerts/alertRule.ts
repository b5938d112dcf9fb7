// An alert rule on one pair's metric, and its validation. Edge-triggered with hysteresis:
// a rule fires when the metric crosses the threshold and is then disarmed until the metric comes
// back past the re-arm level (e.g. fire at |z| > 2, re-arm at |z| < 1.5), and never within
// `cooldownMs` of its previous firing. So one crossing fires once.
import { EngineError } from '../errors';

export const ALERT_METRICS = ['z', 'spread', 'correlation', 'beta', 'adfPValue', 'egPValue', 'halfLife', 'price'] as const;
/** `correlation` is the returns correlation; `price` the Y leg's close (PairAnalytics.metrics()). */
export type AlertMetric = (typeof ALERT_METRICS)[number];

export const ALERT_OPERATORS = ['>', '<', '|x|>'] as const;
export type AlertOperator = (typeof ALERT_OPERATORS)[number];

export interface AlertRule {
  id: string;
  /** "Y/X", as PairAnalytics.pair. */
  pair: string;
  metric: AlertMetric;
  operator: AlertOperator;
  threshold: number;
  /** Re-arm level: below threshold for '>' and '|x|>', above it for '<'. */
  rearm: number;
  cooldownMs: number;
  enabled: boolean;
}

/** Throws EngineError('BAD_ARGUMENT') naming what is wrong; returns the rule typed when valid. */
export function validateAlertRule(rule: unknown): AlertRule {
  if (typeof rule !== 'object' || rule === null) throw bad('an alert rule must be an object');
  const r = rule as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id.trim() === '') throw bad('alert rule id must be a non-empty string');
  const where = `alert rule "${r.id}"`;
  if (typeof r.pair !== 'string' || !/^[^/\s]+\/[^/\s]+$/.test(r.pair)) throw bad(`${where}: pair must look like "ETHUSDT/BTCUSDT", got ${JSON.stringify(r.pair)}`);
  if (!(ALERT_METRICS as readonly unknown[]).includes(r.metric)) {
    throw bad(`${where}: unknown metric ${JSON.stringify(r.metric)} (accepted: ${ALERT_METRICS.join(', ')})`);
  }
  if (!(ALERT_OPERATORS as readonly unknown[]).includes(r.operator)) {
    throw bad(`${where}: unknown operator ${JSON.stringify(r.operator)} (accepted: ${ALERT_OPERATORS.join(' ')})`);
  }
  const threshold = finite(r.threshold, `${where}: threshold`);
  const rearm = finite(r.rearm, `${where}: re-arm level`);
  const cooldownMs = finite(r.cooldownMs, `${where}: cooldownMs`);
  if (cooldownMs < 0) throw bad(`${where}: cooldownMs must be ≥ 0, got ${cooldownMs}`);
  if (typeof r.enabled !== 'boolean') throw bad(`${where}: enabled must be true or false`);
  switch (r.operator as AlertOperator) {
    case '>':
      if (!(rearm < threshold)) throw bad(`${where}: for "> ${threshold}" the re-arm level must be below the threshold, got ${rearm}`);
      break;
    case '<':
      if (!(rearm > threshold)) throw bad(`${where}: for "< ${threshold}" the re-arm level must be above the threshold, got ${rearm}`);
      break;
    case '|x|>':
      if (!(threshold > 0)) throw bad(`${where}: for "|x| > threshold" the threshold must be > 0, got ${threshold}`);
      if (!(rearm >= 0 && rearm < threshold)) throw bad(`${where}: for "|x| > ${threshold}" the re-arm level must be in [0, ${threshold}), got ${rearm}`);
      break;
  }
  return {
    id: r.id,
    pair: r.pair,
    metric: r.metric as AlertMetric,
    operator: r.operator as AlertOperator,
    threshold,
    rearm,
    cooldownMs,
    enabled: r.enabled,
  };
}

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`${what} must be a finite number, got ${String(value)}`);
  return value;
}

function bad(message: string): EngineError {
  return new EngineError('BAD_ARGUMENT', message);
}

/** True when the value is past the threshold (the firing side). */
export function isTriggered(rule: AlertRule, value: number): boolean {
  switch (rule.operator) {
    case '>':
      return value > rule.threshold;
    case '<':
      return value < rule.threshold;
    case '|x|>':
      return Math.abs(value) > rule.threshold;
  }
}

/** True when the value is back past the re-arm level (the quiet side). */
export function isRearmed(rule: AlertRule, value: number): boolean {
  switch (rule.operator) {
    case '>':
      return value < rule.rearm;
    case '<':
      return value > rule.rearm;
    case '|x|>':
      return Math.abs(value) < rule.rearm;
  }
}

export function describeRule(rule: AlertRule): string {
  const m = rule.operator === '|x|>' ? `|${rule.metric}| >` : `${rule.metric} ${rule.operator}`;
  return `${rule.pair} ${m} ${rule.threshold}`;
}
