// An alert rule on a pair's metric, and its validation: the one rule type of the app (settings, commands,
// views and the engine). Edge-triggered with hysteresis: a rule fires when the metric crosses the
// threshold and is then disarmed until the metric comes back past the re-arm level (e.g. fire at
// |z| > 2, re-arm at |z| < 1.5), and never within `cooldownMs` of its previous firing on that pair.
// So one crossing fires once.
import { EngineError } from '../errors';

export const ALERT_METRICS = ['z', 'spread', 'correlation', 'beta', 'adfPValue', 'egPValue', 'halfLife', 'price'] as const;
/** `correlation` is the returns correlation; `price` the Y leg's close; `halfLife` in bars. */
export type AlertMetric = (typeof ALERT_METRICS)[number];

/** Metrics known between bar closes from the latest tick prices (the live preview). */
export const LIVE_ALERT_METRICS: readonly AlertMetric[] = ['z', 'spread', 'price'];
/** Metrics that need the stationarity tests (ADF, Engle-Granger, half-life), run on bar close when a rule asks. */
export const TEST_ALERT_METRICS: readonly AlertMetric[] = ['adfPValue', 'egPValue', 'halfLife'];

export const ALERT_OPERATORS = ['>', '<', '|x|>'] as const;
export type AlertOperator = (typeof ALERT_OPERATORS)[number];

export const ALERT_SEVERITIES = ['warning', 'error'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** The `pair` of a rule that applies to every pair. */
export const ANY_PAIR = '*';

export interface AlertRule {
  id: string;
  /** "Y/X", as PairAnalytics.pair, or `*` for every pair (each pair then has its own armed state and cooldown). */
  pair: string;
  metric: AlertMetric;
  operator: AlertOperator;
  threshold: number;
  /** Re-arm level: below threshold for '>' and '|x|>', above it for '<'. */
  rearm: number;
  cooldownMs: number;
  enabled: boolean;
  severity: AlertSeverity;
  /** Epoch ms until which the rule is muted (see alertMute.ts); absent or past: not muted. */
  mutedUntil?: number;
}

/** Throws EngineError('BAD_ARGUMENT') naming what is wrong; returns the rule typed when valid. A missing severity is 'warning'. */
export function validateAlertRule(rule: unknown): AlertRule {
  if (typeof rule !== 'object' || rule === null) throw bad('an alert rule must be an object');
  const r = rule as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id.trim() === '') throw bad('alert rule id must be a non-empty string');
  const where = `alert rule "${r.id}"`;
  if (typeof r.pair !== 'string' || (r.pair !== ANY_PAIR && !/^[^/\s]+\/[^/\s]+$/.test(r.pair))) {
    throw bad(`${where}: pair must look like "ETHUSDT/BTCUSDT" or be "*" (every pair), got ${JSON.stringify(r.pair)}`);
  }
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
  const severity = r.severity === undefined ? 'warning' : r.severity;
  if (!(ALERT_SEVERITIES as readonly unknown[]).includes(severity)) throw bad(`${where}: severity must be warning or error, got ${JSON.stringify(severity)}`);
  const problem = rearmProblem(r.operator as AlertOperator, threshold, rearm);
  if (problem) throw bad(`${where}: ${problem}`);
  const mutedUntil = r.mutedUntil === undefined ? undefined : finite(r.mutedUntil, `${where}: mutedUntil`);
  return {
    id: r.id,
    pair: r.pair,
    metric: r.metric as AlertMetric,
    operator: r.operator as AlertOperator,
    threshold,
    rearm,
    cooldownMs,
    enabled: r.enabled,
    severity: severity as AlertSeverity,
    ...(mutedUntil === undefined ? {} : { mutedUntil }),
  };
}

/** Why this re-arm level does not fit the operator and threshold, or undefined when it does (also used by input boxes). */
export function rearmProblem(operator: AlertOperator, threshold: number, rearm: number): string | undefined {
  switch (operator) {
    case '>':
      return rearm < threshold ? undefined : `for "> ${threshold}" the re-arm level must be below the threshold, got ${rearm}`;
    case '<':
      return rearm > threshold ? undefined : `for "< ${threshold}" the re-arm level must be above the threshold, got ${rearm}`;
    case '|x|>':
      if (!(threshold > 0)) return `for "|x| > threshold" the threshold must be > 0, got ${threshold}`;
      return rearm >= 0 && rearm < threshold ? undefined : `for "|x| > ${threshold}" the re-arm level must be in [0, ${threshold}), got ${rearm}`;
  }
}

/**
 * A re-arm level to offer when the user gives none: a quarter of the threshold back (|z| > 2 re-arms
 * at 1.5), 0.05 for correlation, 0.1 % for prices (a quarter of 60,000 would never re-arm).
 */
export function suggestedRearm(metric: AlertMetric, operator: AlertOperator, threshold: number): number {
  const scale = Math.abs(threshold);
  const gap = metric === 'z' ? 0.5 : metric === 'correlation' ? 0.05 : metric === 'price' ? scale * 1e-3 : scale * 0.25;
  const distance = gap > 0 ? gap : 1e-9;
  if (operator === '<') return threshold + distance;
  if (operator === '|x|>') return Math.max(0, threshold - Math.min(distance, threshold / 2));
  return threshold - distance;
}

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`${what} must be a finite number, got ${String(value)}`);
  return value;
}

function bad(message: string): EngineError {
  return new EngineError('BAD_ARGUMENT', message);
}

/** True when the rule watches this pair (its own, or every pair). */
export function appliesTo(rule: AlertRule, pair: string): boolean {
  return rule.pair === ANY_PAIR || rule.pair === pair;
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

/** The condition, e.g. `|z| > 2` or `adfPValue < 0.05` (without the pair). */
export function describeCondition(rule: Pick<AlertRule, 'metric' | 'operator' | 'threshold'>): string {
  return rule.operator === '|x|>' ? `|${rule.metric}| > ${rule.threshold}` : `${rule.metric} ${rule.operator} ${rule.threshold}`;
}
