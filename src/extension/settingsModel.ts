// Reads `quantPairs.*` values into typed settings. Every bad value is replaced by its default and reported,
// so a typo in settings.json never stops activation. No `vscode` import: unit-tested in Node.
import type { AlertRule } from '../engine/alerts/alertRule';
import { parseAlertRuleSetting } from './alertRuleSettings';
import type { PairConfig } from '../shared/model';
import type { StreamKind, Timeframe } from '../engine/types';
import { HEDGE_METHODS, SYMBOL_PATTERN, TIMEFRAMES, WINDOW_MAX, WINDOW_MIN, type HedgeMethod } from '../shared/constants';
import { errorMessage } from '../shared/errorMessage';
import { SOURCE_LABEL_MAX } from '../shared/dataSource';
import { backtestParams, validateBacktestParams } from '../engine/analytics/backtest';
import { parseBacktestOverrides, type BacktestOverrides } from './backtestSettings';

export interface Settings {
  pairs: PairConfig[];
  defaultTimeframe: Timeframe;
  window: number;
  regression: HedgeMethod;
  alertRules: AlertRule[];
  /** True when some rules were read in the old vocabulary: the store writes them back migrated, once. */
  alertRulesNeedMigration: boolean;
  zEntry: number;
  zExit: number;
  /** `quantPairs.backtest`: stop, max-hold, notional, sizing, fee, slippage, fill (docs/backtest.md); entry/exit are zEntry/zExit. */
  backtest: BacktestOverrides;
  bandK: number;
  stream: StreamKind;
  wsBaseUrl: string;
  restBaseUrl: string;
  historyBars: number;
  dashboardUpdateMs: number;
  dashboardMaxPoints: number;
  exportFolder: string;
  openAfterExport: boolean;
  autoConnect: boolean;
  /** Open the Quant Pairs view and the first pair's dashboard the first time this workspace starts. */
  openDashboardOnStartup: boolean;
  /** Shown as the data source of live pairs (e.g. "REPLAY 2024-07-18 recording" when fed by the local exchange). */
  dataSourceLabel: string;
  /** Per-symbol labels that win over dataSourceLabel (e.g. candles mounted beside a recording): symbol → label. */
  dataSourceLabels: Record<string, string>;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  pairs: [],
  defaultTimeframe: '1m',
  window: 100,
  regression: 'ols',
  alertRules: [],
  alertRulesNeedMigration: false,
  zEntry: 2,
  zExit: 0.5,
  backtest: {},
  bandK: 2,
  stream: 'aggTrade',
  wsBaseUrl: 'wss://fstream.binance.com',
  restBaseUrl: 'https://fapi.binance.com',
  historyBars: 5000,
  dashboardUpdateMs: 250,
  dashboardMaxPoints: 2000,
  exportFolder: 'quant-pairs',
  openAfterExport: true,
  autoConnect: true,
  openDashboardOnStartup: false,
  dataSourceLabel: '',
  dataSourceLabels: {},
};

/** `get(key)` returns the raw value of `quantPairs.<key>` (undefined when unset). */
export type RawSettings = (key: string) => unknown;

export interface ParsedSettings {
  settings: Settings;
  /** One line per ignored value, e.g. `quantPairs.window: 3 is below 10; using 100`. */
  problems: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseSettings(get: RawSettings): ParsedSettings {
  const problems: string[] = [];
  const d = DEFAULT_SETTINGS;
  const bad = (key: string, value: unknown, why: string, fallback: unknown) =>
    problems.push(`quantPairs.${key}: ${JSON.stringify(value)} ${why}; using ${JSON.stringify(fallback)}.`);

  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (allowed.includes(v as T)) return v as T;
    bad(key, v, `is not one of ${allowed.join(', ')}`, fallback);
    return fallback;
  };
  const int = (key: string, min: number, max: number, fallback: number): number => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    bad(key, v, `is not a whole number from ${min} to ${max}`, fallback);
    return fallback;
  };
  const num = (key: string, min: number, max: number, fallback: number): number => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
    bad(key, v, `is not a number from ${min} to ${max}`, fallback);
    return fallback;
  };
  const url = (key: string, schemes: RegExp, fallback: string): string => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'string' && schemes.test(v)) {
      try {
        new URL(v);
        return v.replace(/\/+$/, '');
      } catch {
        // fall through to the report
      }
    }
    bad(key, v, 'is not a valid URL', fallback);
    return fallback;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    bad(key, v, 'is not true or false', fallback);
    return fallback;
  };

  const defaultTimeframe = oneOf('defaultTimeframe', TIMEFRAMES, d.defaultTimeframe);
  const window = int('window', WINDOW_MIN, WINDOW_MAX, d.window);
  const regression = oneOf('regression', HEDGE_METHODS, d.regression);

  const pairs: PairConfig[] = [];
  const rawPairs = get('pairs');
  if (rawPairs !== undefined && !Array.isArray(rawPairs)) bad('pairs', rawPairs, 'is not a list', []);
  const seen = new Set<string>();
  for (const item of Array.isArray(rawPairs) ? rawPairs : []) {
    const pair = parsePair(item, { timeframe: defaultTimeframe, window, hedge: regression });
    if (typeof pair === 'string') {
      problems.push(`quantPairs.pairs: ${JSON.stringify(item)} ignored: ${pair}`);
      continue;
    }
    const id = `${pair.y}/${pair.x}`;
    if (seen.has(id)) {
      problems.push(`quantPairs.pairs: ${id} appears twice; keeping the first.`);
      continue;
    }
    seen.add(id);
    pairs.push(pair);
  }

  const alertRules: AlertRule[] = [];
  let alertRulesNeedMigration = false;
  const rawRules = get('alertRules');
  if (rawRules !== undefined && !Array.isArray(rawRules)) bad('alertRules', rawRules, 'is not a list', []);
  const ruleIds = new Set<string>();
  for (const item of Array.isArray(rawRules) ? rawRules : []) {
    const parsed = parseAlertRuleSetting(item);
    if (typeof parsed === 'string') {
      problems.push(`quantPairs.alertRules: ${JSON.stringify(item)} ignored: ${parsed}`);
      continue;
    }
    const rule = parsed.rule;
    if (parsed.migrated) alertRulesNeedMigration = true;
    if (ruleIds.has(rule.id)) {
      problems.push(`quantPairs.alertRules: id ${rule.id} appears twice; keeping the first.`);
      continue;
    }
    ruleIds.add(rule.id);
    alertRules.push(rule);
  }

  let zEntry = d.zEntry;
  let zExit = d.zExit;
  const z = get('zThresholds');
  if (z !== undefined) {
    if (isRecord(z) && typeof z.entry === 'number' && typeof z.exit === 'number' && z.entry > 0 && z.exit >= 0 && z.exit < z.entry) {
      zEntry = z.entry;
      zExit = z.exit;
    } else bad('zThresholds', z, 'needs 0 <= exit < entry', { entry: d.zEntry, exit: d.zExit });
  }

  let backtest: BacktestOverrides = {};
  const btRaw = get('backtest');
  if (btRaw !== undefined) {
    const parsed = parseBacktestOverrides(btRaw);
    if (typeof parsed === 'string') bad('backtest', btRaw, parsed, {});
    else {
      // Ranges are the engine's: checked with the entry/exit they will run with.
      try {
        validateBacktestParams(backtestParams({ ...parsed, entry: zEntry, exit: zExit }));
        const { entry: _entry, exit: _exit, ...rest } = parsed;
        backtest = rest;
      } catch (err) {
        bad('backtest', btRaw, errorMessage(err), {});
      }
    }
  }

  const exportRaw = get('exportFolder');
  let exportFolder = d.exportFolder;
  if (exportRaw !== undefined) {
    const folder = typeof exportRaw === 'string' ? exportRaw.trim() : '';
    if (isInsideWorkspace(folder)) exportFolder = folder;
    else bad('exportFolder', exportRaw, 'must be a folder inside the workspace', d.exportFolder);
  }

  const labelsRaw = get('dataSourceLabels');
  const dataSourceLabels: Record<string, string> = {};
  if (labelsRaw !== undefined) {
    if (!isRecord(labelsRaw)) bad('dataSourceLabels', labelsRaw, 'is not an object of symbol → label', {});
    else
      for (const [symbol, label] of Object.entries(labelsRaw)) {
        const key = symbol.trim().toUpperCase();
        if (SYMBOL_PATTERN.test(key) && typeof label === 'string' && label.trim()) dataSourceLabels[key] = label.trim().slice(0, SOURCE_LABEL_MAX);
        else problems.push(`quantPairs.dataSourceLabels: ${JSON.stringify(symbol)}: ${JSON.stringify(label)} ignored: needs a symbol such as BTCUSDT and a label.`);
      }
  }

  return {
    settings: {
      pairs,
      defaultTimeframe,
      window,
      regression,
      alertRules,
      alertRulesNeedMigration,
      zEntry,
      zExit,
      backtest,
      bandK: num('bandK', 0.5, 5, d.bandK),
      stream: oneOf('stream', ['aggTrade', 'trade'] as const, d.stream),
      wsBaseUrl: url('wsBaseUrl', /^wss?:\/\//, d.wsBaseUrl),
      restBaseUrl: url('restBaseUrl', /^https?:\/\//, d.restBaseUrl),
      historyBars: int('historyBars', 100, 200_000, d.historyBars),
      dashboardUpdateMs: int('dashboardUpdateMs', 100, 5000, d.dashboardUpdateMs),
      dashboardMaxPoints: int('dashboardMaxPoints', 200, 20_000, d.dashboardMaxPoints),
      exportFolder,
      openAfterExport: bool('openAfterExport', d.openAfterExport),
      autoConnect: bool('autoConnect', d.autoConnect),
      openDashboardOnStartup: bool('openDashboardOnStartup', d.openDashboardOnStartup),
      dataSourceLabel: typeof get('dataSourceLabel') === 'string' ? (get('dataSourceLabel') as string).trim().slice(0, SOURCE_LABEL_MAX) : d.dataSourceLabel,
      dataSourceLabels,
    },
    problems,
  };
}

/** A pair entry of `quantPairs.pairs`, or the reason it is unusable. */
export function parsePair(item: unknown, defaults: { timeframe: Timeframe; window: number; hedge: HedgeMethod }): PairConfig | string {
  if (!isRecord(item)) return 'not an object with y and x';
  const y = typeof item.y === 'string' ? item.y.trim().toUpperCase() : '';
  const x = typeof item.x === 'string' ? item.x.trim().toUpperCase() : '';
  if (!SYMBOL_PATTERN.test(y) || !SYMBOL_PATTERN.test(x)) return 'y and x must be symbols such as BTCUSDT';
  if (y === x) return 'y and x are the same symbol';
  const timeframe = item.timeframe === undefined ? defaults.timeframe : item.timeframe;
  if (!TIMEFRAMES.includes(timeframe as Timeframe)) return `timeframe must be one of ${TIMEFRAMES.join(', ')}`;
  const window = item.window === undefined ? defaults.window : item.window;
  if (!Number.isInteger(window) || (window as number) < WINDOW_MIN || (window as number) > WINDOW_MAX)
    return `window must be a whole number from ${WINDOW_MIN} to ${WINDOW_MAX}`;
  const hedge = item.regression === undefined ? defaults.hedge : item.regression;
  if (!HEDGE_METHODS.includes(hedge as HedgeMethod)) return `regression must be one of ${HEDGE_METHODS.join(', ')}`;
  return { y, x, timeframe: timeframe as Timeframe, window: window as number, hedge: hedge as HedgeMethod };
}

/**
 * The settings entry for a pair: a parameter is written when the pair's entry already had it (its own
 * override) or when it differs from the default; otherwise it is left out, so the pair keeps following
 * `quantPairs.defaultTimeframe` / `window` / `regression`.
 */
export function pairToSetting(
  pair: PairConfig,
  defaults: { timeframe: Timeframe; window: number; hedge: HedgeMethod },
  previous?: unknown,
): Record<string, unknown> {
  const had = (key: string) => isRecord(previous) && previous[key] !== undefined;
  const entry: Record<string, unknown> = { y: pair.y, x: pair.x };
  if (had('timeframe') || pair.timeframe !== defaults.timeframe) entry.timeframe = pair.timeframe;
  if (had('window') || pair.window !== defaults.window) entry.window = pair.window;
  if (had('regression') || pair.hedge !== defaults.hedge) entry.regression = pair.hedge;
  return entry;
}

/**
 * A relative folder that stays inside the workspace: checked on the value as it will be used (trimmed), and
 * no segment is `..` even with spaces around it (Windows drops trailing spaces from names).
 */
function isInsideWorkspace(folder: string): boolean {
  if (!folder) return false;
  if (/^([a-zA-Z]:|[\\/~])/.test(folder)) return false;
  return !folder.split(/[\\/]/).some((segment) => segment.trim() === '..');
}
