// `quantPairs.alertRules` entries ↔ the engine's AlertRule (src/engine/alerts/alertRule.ts), the one rule
// type. Entries saved by earlier versions in the old vocabulary (`op`: above / below / absAbove, a
// `hysteresis` distance, metric `corrReturns`) are read and migrated: the settings store then rewrites
// them once in the new vocabulary. No `vscode` import: unit-tested in Node.
import { ALERT_METRICS, ALERT_OPERATORS, ALERT_SEVERITIES, ANY_PAIR, rearmProblem, suggestedRearm, type AlertMetric, type AlertOperator, type AlertRule } from '../engine/alerts/alertRule';
import { PAIR_ID_PATTERN } from '../shared/constants';

export const DEFAULT_RULE_COOLDOWN_MS = 60_000;
/** The old default distance between threshold and re-arm level. */
const LEGACY_DEFAULT_HYSTERESIS = 0.25;
/** The old adapter's floor for a zero hysteresis (re-arm just inside the threshold). */
const LEGACY_MIN_HYSTERESIS = 1e-9;
const LEGACY_OPERATORS: Record<string, AlertOperator> = { above: '>', below: '<', absAbove: '|x|>' };
const LEGACY_METRICS: Record<string, AlertMetric> = { corrReturns: 'correlation' };

export interface ParsedAlertRule {
  rule: AlertRule;
  /** True when the entry was in the old vocabulary (it should be written back migrated). */
  migrated: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for an entry written in the old vocabulary. */
export function isLegacyAlertRule(item: unknown): boolean {
  return isRecord(item) && item.operator === undefined && (item.op !== undefined || item.hysteresis !== undefined || item.metric === 'corrReturns');
}

/** A settings entry (new or old vocabulary) as a rule, or the reason it is unusable. */
export function parseAlertRuleSetting(item: unknown): ParsedAlertRule | string {
  if (!isRecord(item)) return 'not an object';
  if (typeof item.id !== 'string' || !item.id.trim()) return 'id missing';
  const legacy = isLegacyAlertRule(item);
  const pair = item.pair === undefined ? ANY_PAIR : item.pair;
  if (typeof pair !== 'string' || (pair !== ANY_PAIR && !PAIR_ID_PATTERN.test(pair))) return 'pair must be BTCUSDT/ETHUSDT or *';
  const metric = typeof item.metric === 'string' && LEGACY_METRICS[item.metric] ? LEGACY_METRICS[item.metric] : item.metric;
  if (!ALERT_METRICS.includes(metric as AlertMetric)) return `metric must be one of ${ALERT_METRICS.join(', ')}`;
  const operator = legacy ? LEGACY_OPERATORS[String(item.op)] : item.operator;
  if (!ALERT_OPERATORS.includes(operator as AlertOperator)) {
    return legacy ? 'op must be one of above, below, absAbove' : `operator must be one of ${ALERT_OPERATORS.join(' ')}`;
  }
  const op = operator as AlertOperator;
  if (typeof item.threshold !== 'number' || !Number.isFinite(item.threshold)) return 'threshold must be a number';
  const threshold = item.threshold;
  if (op === '|x|>' && threshold <= 0) return '|x| > needs a positive threshold';
  let rearm: number;
  if (legacy) {
    const h = item.hysteresis === undefined ? LEGACY_DEFAULT_HYSTERESIS : item.hysteresis;
    if (typeof h !== 'number' || !(h >= 0)) return 'hysteresis must be 0 or more';
    const d = Math.max(h, LEGACY_MIN_HYSTERESIS);
    rearm = op === '<' ? threshold + d : op === '|x|>' ? Math.max(0, threshold - d) : threshold - d;
  } else if (item.rearm === undefined) {
    rearm = suggestedRearm(metric as AlertMetric, op, threshold);
  } else {
    if (typeof item.rearm !== 'number' || !Number.isFinite(item.rearm)) return 'rearm must be a number';
    rearm = item.rearm;
  }
  const problem = rearmProblem(op, threshold, rearm);
  if (problem) return problem;
  const severity = item.severity === undefined ? 'warning' : item.severity;
  if (!ALERT_SEVERITIES.includes(severity as AlertRule['severity'])) return 'severity must be warning or error';
  const cooldownMs = item.cooldownMs === undefined ? DEFAULT_RULE_COOLDOWN_MS : item.cooldownMs;
  if (!Number.isInteger(cooldownMs) || (cooldownMs as number) < 0) return 'cooldownMs must be a whole number of ms, 0 or more';
  return {
    rule: {
      id: item.id.trim(),
      pair,
      metric: metric as AlertMetric,
      operator: op,
      threshold,
      rearm,
      cooldownMs: cooldownMs as number,
      enabled: item.enabled !== false,
      severity: severity as AlertRule['severity'],
      // A timed mute (alertMute.ts); anything but a finite epoch-ms number is no mute.
      ...(typeof item.mutedUntil === 'number' && Number.isFinite(item.mutedUntil) ? { mutedUntil: item.mutedUntil } : {}),
    },
    migrated: legacy,
  };
}

/** The settings entry of a rule (every field written, so the file reads without the defaults). */
export function alertRuleToSetting(rule: AlertRule): Record<string, unknown> {
  return {
    id: rule.id,
    pair: rule.pair,
    metric: rule.metric,
    operator: rule.operator,
    threshold: rule.threshold,
    rearm: rule.rearm,
    severity: rule.severity,
    enabled: rule.enabled,
    cooldownMs: rule.cooldownMs,
    ...(rule.mutedUntil === undefined ? {} : { mutedUntil: rule.mutedUntil }),
  };
}
