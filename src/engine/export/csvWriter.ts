// CSV of a pair: a parameters header (`# key,value` lines), the aligned bars of both legs with the
// per-bar analytics, and optionally the alert log. Text cells that a spreadsheet would run as a formula
// (=, +, -, @, tab, CR) are neutralised with a leading apostrophe; numbers stay numbers.
import type { AlertFiring } from '../alerts/alertEngine';
import type { PairBarRow, PairConfig } from '../desk/types';

export interface CsvExportInput {
  config: PairConfig;
  rows: readonly PairBarRow[];
  /** `live (wss://…)`, `imported: file.csv`, … */
  dataSource: string;
  /** The feed is a replay (e.g. the local exchange): the per-bar source says `replay` / `replay-history`, never `live`. */
  replay?: boolean;
  generatedAt: number;
  alerts?: readonly AlertFiring[];
}

export const BAR_COLUMNS = [
  'time_iso',
  'time_ms',
  'source',
  'y_open',
  'y_high',
  'y_low',
  'y_close',
  'y_volume',
  'x_open',
  'x_high',
  'x_low',
  'x_close',
  'x_volume',
  'beta',
  'alpha',
  'spread',
  'spread_mean',
  'spread_std',
  'z',
  'corr_returns',
  'corr_prices',
] as const;

/** A text cell, quoted when needed, with formula triggers neutralised. */
export function textCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A numeric cell: plain decimal, empty for null / non-finite (never "NaN"). */
export function numberCell(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(value);
}

export const ALERT_LOG_COLUMNS = ['alert_time_iso', 'alert_time_ms', 'pair', 'rule', 'severity', 'value', 'threshold', 'message'] as const;

/** One firing as a CSV line of ALERT_LOG_COLUMNS. */
export function alertLogLine(a: AlertFiring): string {
  return [isoUtc(a.time), numberCell(a.time), textCell(a.pairId), textCell(a.ruleId), textCell(a.severity), numberCell(a.value), numberCell(a.threshold), textCell(a.message)].join(',');
}

/** The whole alert log on its own, oldest first, with a `# key,value` header. */
export function alertLogCsv(firings: readonly AlertFiring[], generatedAt: number): string {
  const lines = ['# quant_pairs_alert_log', `# generated_at,${isoUtc(generatedAt)}`, `# firings,${firings.length}`, ALERT_LOG_COLUMNS.join(',')];
  for (const a of firings) lines.push(alertLogLine(a));
  return lines.join('\n') + '\n';
}

export function isoUtc(time: number): string {
  return new Date(time).toISOString();
}

export function pairCsv(input: CsvExportInput): string {
  const { config, rows } = input;
  const lines: string[] = [];
  const param = (key: string, value: string) => lines.push(`# ${key},${textCell(value)}`);
  param('pair', `${config.y}/${config.x}`);
  param('y', config.y);
  param('x', config.x);
  param('timeframe', config.timeframe);
  lines.push(`# window,${numberCell(config.window)}`);
  param('regression', config.hedge);
  param('beta_method', betaMethod(config.hedge));
  param('data_source', input.dataSource);
  param('generated_at', isoUtc(input.generatedAt));
  lines.push(`# bars,${rows.length}`);
  lines.push(BAR_COLUMNS.join(','));
  for (const r of rows) {
    const p = r.point;
    lines.push(
      [
        isoUtc(r.time),
        numberCell(r.time),
        input.replay ? (r.history ? 'replay-history' : 'replay') : r.history ? 'history' : 'live',
        numberCell(r.yOpen),
        numberCell(r.yHigh),
        numberCell(r.yLow),
        numberCell(r.yClose),
        numberCell(r.yVolume),
        numberCell(r.xOpen),
        numberCell(r.xHigh),
        numberCell(r.xLow),
        numberCell(r.xClose),
        numberCell(r.xVolume),
        numberCell(p?.beta),
        numberCell(p?.alpha),
        numberCell(p?.spread),
        numberCell(p?.spreadMean),
        numberCell(p?.spreadStd),
        numberCell(p?.z),
        numberCell(p?.corrReturns),
        numberCell(p?.corrPrices),
      ].join(','),
    );
  }
  if (input.alerts && input.alerts.length > 0) {
    lines.push('');
    lines.push('# alert_log');
    lines.push(ALERT_LOG_COLUMNS.join(','));
    for (const a of input.alerts) lines.push(alertLogLine(a));
  }
  return lines.join('\n') + '\n';
}

function betaMethod(hedge: PairConfig['hedge']): string {
  switch (hedge) {
    case 'ols':
      return 'OLS with intercept over the window';
    case 'rolling-ols':
      return 'OLS with intercept refitted on each bar over the rolling window';
    case 'huber':
      return 'Huber M-estimator (IRLS) over the window';
    case 'theil-sen':
      return 'Theil-Sen median slope over the window';
    case 'kalman':
      return 'Kalman filter, random-walk beta and alpha';
  }
}

/** `BTCUSDT-ETHUSDT_1m_20240719T000500Z.csv` */
export function csvFileName(config: PairConfig, generatedAt: number): string {
  return `${config.y}-${config.x}_${config.timeframe}_${fileTimeStamp(generatedAt)}.csv`;
}

/** `20240719T000500Z`: a UTC time that sorts and is safe in a file name. */
export function fileTimeStamp(time: number): string {
  return isoUtc(time).replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}
