// Alert rules as the user writes them (settings) and firings as the desk reports them.

export type AlertMetric = 'z' | 'spread' | 'corrReturns';
export type AlertOperator = 'above' | 'below' | 'absAbove';
export type AlertSeverity = 'warning' | 'error';

export interface AlertRuleConfig {
  id: string;
  /** `BTCUSDT/ETHUSDT`, or `*` for every pair. */
  pair: string;
  metric: AlertMetric;
  op: AlertOperator;
  threshold: number;
  severity: AlertSeverity;
  enabled: boolean;
  /** The value must come back this far inside the threshold before the rule can fire again. */
  hysteresis: number;
  /** Minimum time between two firings of the rule on one pair. */
  cooldownMs: number;
}

export interface AlertFiring {
  ruleId: string;
  pairId: string;
  time: number;
  value: number;
  threshold: number;
  severity: AlertSeverity;
  message: string;
}

export const ALERT_METRICS: readonly AlertMetric[] = ['z', 'spread', 'corrReturns'];
export const ALERT_OPERATORS: readonly AlertOperator[] = ['above', 'below', 'absAbove'];
