// CSV of a pair: a parameters header (`# key,value` lines), the aligned bars of both legs with the
// per-bar analytics, and optionally the alert log. Text cells that a spreadsheet would run as a formula
// (=, +, -, @, tab, CR) are neutralised with a leading apostrophe; numbers stay numbers.
import type { AlertFiring } from '../alerts/alertEngine';
import type { PairBarRow, PairConfig, StationarityView } from '../../shared/model';
import { testsHeaderEntries } from './testsHeader';
import { dataDecimals, decimalAt, decimalSignificant } from '../../shared/format';

export interface CsvExportInput {
  config: PairConfig;
  rows: readonly PairBarRow[];
  /** `live (wss://…)`, `imported: file.csv`, … */
  dataSource: string;
  /** The feed is a replay (e.g. the local exchange): the per-bar source says `replay` / `replay-history`, never `live`. */
  replay?: boolean;
  generatedAt: number;
  alerts?: readonly AlertFiring[];
  /** The pair's last stationarity tests (with their warnings), written into the header. */
  tests?: StationarityView;
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

/**
 * Significant digits of a statistic's cell. Floating residue of a fitted statistic reaches well above the 16th
 * digit: an OLS β that is exactly −2 on a quiet window of tick-sized prices came out −1.99999999993 (the 11th
 * digit, seen in e2e 17's CSV), so 10 are written; z is then recomputable from the file to ~1e-10.
 */
const CELL_SIGNIFICANT = 10;
/**
 * Statistics in price units (α, spread, its mean and σ) keep this many decimals past the price's own: enough to
 * recompute z from the file to ~1e-6 σ, while floating residue (a mean of −9.09e-13) writes as 0.
 */
const PRICE_UNIT_GUARD_DECIMALS = 6;

/**
 * A numeric cell: the shortest decimal that gives the value back at the data's precision: at `decimals` when
 * known (a price at its tick: plain decimal), else the double itself (JavaScript's shortest round-trip form);
 * empty for null / non-finite.
 */
export function numberCell(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return decimals !== undefined ? decimalAt(value, decimals) : String(value);
}

/** A statistic computed from the data (β, z, correlation): digits past the 12th are arithmetic residue. */
export function statisticCell(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return decimalSignificant(value, CELL_SIGNIFICANT);
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
  for (const [key, value] of testsHeaderEntries(input.tests)) lines.push(`# ${key},${typeof value === 'string' ? textCell(value) : statisticCell(value)}`);
  lines.push(BAR_COLUMNS.join(','));
  // Each leg's prices and volumes at the decimals the data has (its tick and lot size, read from the bars).
  const yPrice = dataDecimals(rows.flatMap((r) => [r.yOpen, r.yHigh, r.yLow, r.yClose]));
  const xPrice = dataDecimals(rows.flatMap((r) => [r.xOpen, r.xHigh, r.xLow, r.xClose]));
  const yVolume = dataDecimals(rows.map((r) => r.yVolume));
  const xVolume = dataDecimals(rows.map((r) => r.xVolume));
  const spreadUnit = yPrice + PRICE_UNIT_GUARD_DECIMALS;
  for (const r of rows) {
    const p = r.point;
    lines.push(
      [
        isoUtc(r.time),
        numberCell(r.time),
        input.replay ? (r.history ? 'replay-history' : 'replay') : r.history ? 'history' : 'live',
        numberCell(r.yOpen, yPrice),
        numberCell(r.yHigh, yPrice),
        numberCell(r.yLow, yPrice),
        numberCell(r.yClose, yPrice),
        numberCell(r.yVolume, yVolume),
        numberCell(r.xOpen, xPrice),
        numberCell(r.xHigh, xPrice),
        numberCell(r.xLow, xPrice),
        numberCell(r.xClose, xPrice),
        numberCell(r.xVolume, xVolume),
        statisticCell(p?.beta),
        numberCell(p?.alpha, spreadUnit),
        numberCell(p?.spread, spreadUnit),
        numberCell(p?.spreadMean, spreadUnit),
        numberCell(p?.spreadStd, spreadUnit),
        statisticCell(p?.z),
        statisticCell(p?.corrReturns),
        statisticCell(p?.corrPrices),
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
