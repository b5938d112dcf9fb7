// Palette and tree commands. Each validates its arguments (tree node, pair id string from the dashboard,
// or nothing: then it asks) and reports bad input with a message, never a throw into VS Code.
import * as vscode from 'vscode';
import { ALERT_METRICS, suggestedRearm, type AlertMetric, type AlertOperator, type AlertRule, type AlertSeverity } from '../engine/alerts/alertRule';
import type { Desk } from '../engine/desk/desk';
import { HEDGE_METHODS, type HedgeMethod } from '../engine/analytics/hedgeMethod';
import type { PairConfig } from '../engine/desk/types';
import { TIMEFRAMES } from '../engine/desk/types';
import { isEngineError } from '../engine/errors';
import { validatePairSymbols, validateSymbol } from '../engine/desk/validatePair';
import type { Timeframe } from '../engine/types';
import { ruleIdOfNode } from './alertsTree';
import type { AlertLogStore } from './alertLogStore';
import { DashboardPanel, type DashboardHost } from './dashboard/dashboardPanel';
import { exportPairCsv } from './exportCommand';
import { importFileCommand } from './importCommand';
import {
  newRuleId,
  normaliseTypedSymbol,
  pickedSymbol,
  parsePairArgument,
  symbolPicks,
  validateCooldownInput,
  validateRearmInput,
  validateThresholdInput,
  validateWindowInput,
} from './inputValidation';
import { pairIdOfNode } from './pairsTree';
import type { SettingsStore } from './settings';
import { parseAlertRuleSetting } from './alertRuleSettings';
import { ruleText } from './viewModels';

export interface CommandContext {
  extensionUri: vscode.Uri;
  desk: Desk;
  settings: SettingsStore;
  alertLog: AlertLogStore;
  log: vscode.LogOutputChannel;
  dashboardHost: DashboardHost;
  focusedPair(): string | undefined;
  setFocusedPair(pairId: string | undefined): void;
  refreshAlerts(): void;
  setConnected(connected: boolean): void;
}

const METRIC_LABELS: Record<AlertMetric, string> = {
  z: 'z-score of the spread (live and on bar close)',
  spread: 'spread Y − (α + β·X) (live and on bar close)',
  correlation: 'rolling correlation of returns (bar close)',
  beta: 'hedge ratio β (bar close)',
  adfPValue: 'ADF p-value of the spread (tests run on bar close)',
  egPValue: 'Engle-Granger p-value (tests run on bar close)',
  halfLife: 'half-life of mean reversion, bars (tests run on bar close)',
  price: 'last price of the Y leg (live and on bar close)',
};

const HEDGE_LABELS: Record<HedgeMethod, string> = {
  ols: 'OLS over the window',
  'rolling-ols': 'Rolling OLS (refit every bar)',
  huber: 'Huber robust regression',
  'theil-sen': 'Theil-Sen estimator',
  kalman: 'Kalman filter (time-varying β)',
};

function errorText(err: unknown): string {
  return isEngineError(err) || err instanceof Error ? err.message : String(err);
}

export function registerCommands(c: CommandContext): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (err) {
        c.log.error(`${id}: ${errorText(err)}`);
        void vscode.window.showErrorMessage(`Quant Pairs: ${errorText(err)}`);
        return undefined;
      }
    });

  /** The pair a command acts on: its argument, else the focused pair, else a QuickPick. */
  async function resolvePair(arg: unknown): Promise<string | undefined> {
    const fromArg = pairIdOfNode(arg) ?? parsePairArgument(arg);
    if (fromArg) {
      if (c.desk.get(fromArg)) return fromArg;
      void vscode.window.showErrorMessage(`Quant Pairs: ${fromArg} is not on the desk.`);
      return undefined;
    }
    const pairs = c.desk.list();
    if (pairs.length === 0) {
      const choice = await vscode.window.showInformationMessage('Quant Pairs: no pair on the desk yet.', 'Add Pair');
      if (choice) void vscode.commands.executeCommand('quantPairs.addPair');
      return undefined;
    }
    if (pairs.length === 1) return pairs[0].id;
    const focused = c.focusedPair();
    const pick = await vscode.window.showQuickPick(
      pairs.map((p) => ({ label: p.id, description: p.id === focused ? 'focused' : `${p.config.timeframe} · window ${p.config.window}` })),
      { placeHolder: 'Which pair?' },
    );
    return pick?.label;
  }

  async function persistPairs(): Promise<void> {
    await c.settings.savePairs(c.desk.list().filter((p) => p.source === 'live').map((p) => p.config));
  }

  async function changePair(pairId: string, change: (id: string) => Promise<unknown>, what: string): Promise<void> {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Quant Pairs: ${what} for ${pairId}…` }, () => change(pairId));
    await persistPairs();
    DashboardPanel.active?.refresh();
  }

  async function pickSymbol(symbols: Awaited<ReturnType<Desk['symbols']>>, title: string, exclude?: string): Promise<string | undefined> {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { symbol?: string }>();
    qp.title = title;
    qp.placeholder = 'Type to search USD-M perpetuals, e.g. BTCUSDT';
    qp.matchOnDescription = true;
    qp.items = symbolPicks(symbols, exclude);
    return new Promise((resolve) => {
      let done = false;
      qp.onDidAccept(() => {
        const picked = pickedSymbol(qp.selectedItems[0]?.symbol, qp.value);
        done = true;
        qp.hide();
        resolve(picked || undefined);
      });
      qp.onDidHide(() => {
        qp.dispose();
        if (!done) resolve(undefined);
      });
      qp.show();
    });
  }

  const commands: [string, (...args: unknown[]) => unknown][] = [
    [
      'quantPairs.addPair',
      async (yArg?: unknown, xArg?: unknown) => {
        const s = c.settings.value;
        // The desk bounds this wait (a few seconds) and names the endpoint when exchangeInfo does not answer.
        const symbols = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Quant Pairs: loading symbols' }, () => c.desk.symbols());
        // Each leg is checked against the list as soon as it is chosen: an unknown, non-perpetual or halted
        // symbol is refused at once, before the second leg is asked and before any REST warm-up.
        const y = typeof yArg === 'string' ? normaliseTypedSymbol(yArg) : await pickSymbol(symbols, 'Add Pair (1/2): first leg (y)');
        if (!y) return;
        validateSymbol(y, symbols);
        const x = typeof xArg === 'string' ? normaliseTypedSymbol(xArg) : await pickSymbol(symbols, `Add Pair (2/2): second leg (x), regressed: ${y} = α + β·x`, y);
        if (!x) return;
        validatePairSymbols(y, x, symbols);
        const config: PairConfig = { y, x, timeframe: s.defaultTimeframe, window: s.window, hedge: s.regression };
        const view = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Quant Pairs: warming up ${y} / ${x} from REST history…` },
          () => c.desk.addPair(config),
        );
        if (!c.desk.connected && s.autoConnect) {
          c.desk.connect();
          c.setConnected(true);
        }
        c.setFocusedPair(view.id);
        await persistPairs();
        c.log.info(`Added ${view.id} (${config.timeframe}, window ${config.window}, ${config.hedge})`);
        if (view.error) void vscode.window.showWarningMessage(`Quant Pairs: ${view.id} added, but its warm start failed: ${view.error}`);
        return view.id;
      },
    ],
    [
      'quantPairs.removePair',
      async (arg?: unknown) => {
        const id = await resolvePair(arg);
        if (!id) return;
        c.desk.removePair(id);
        if (c.focusedPair() === id) c.setFocusedPair(c.desk.list()[0]?.id);
        await persistPairs();
        c.log.info(`Removed ${id}`);
      },
    ],
    [
      'quantPairs.changeTimeframe',
      async (arg?: unknown, value?: unknown) => {
        const id = await resolvePair(arg);
        if (!id) return;
        let timeframe = TIMEFRAMES.includes(value as Timeframe) ? (value as Timeframe) : undefined;
        if (value !== undefined && !timeframe) throw new Error(`"${String(value)}" is not a timeframe; use 1s, 1m or 5m.`);
        if (!timeframe) {
          const current = c.desk.get(id)?.config.timeframe;
          const pick = await vscode.window.showQuickPick(
            TIMEFRAMES.map((t) => ({ label: t, description: t === current ? 'current' : t === '1s' ? 'warm start from recent trades' : 'warm start from klines' })),
            { placeHolder: `Bar length for ${id}` },
          );
          timeframe = pick?.label as Timeframe | undefined;
        }
        if (!timeframe) return;
        const tf = timeframe;
        await changePair(id, (p) => c.desk.setTimeframe(p, tf), `switching to ${tf} bars`);
      },
    ],
    [
      'quantPairs.setWindow',
      async (arg?: unknown, value?: unknown) => {
        const id = await resolvePair(arg);
        if (!id) return;
        let text = value === undefined ? undefined : String(value);
        if (text !== undefined) {
          const problem = validateWindowInput(text);
          if (problem) throw new Error(problem);
        } else {
          text = await vscode.window.showInputBox({
            title: `Rolling window for ${id}`,
            prompt: 'Bars used for β, the spread statistics, z and correlation',
            value: String(c.desk.get(id)?.config.window ?? c.settings.value.window),
            validateInput: validateWindowInput,
          });
        }
        if (!text) return;
        const window = Number(text.trim());
        await changePair(id, (p) => c.desk.setWindow(p, window), `setting window ${window}`);
      },
    ],
    [
      'quantPairs.setRegression',
      async (arg?: unknown, value?: unknown) => {
        const id = await resolvePair(arg);
        if (!id) return;
        let hedge = HEDGE_METHODS.includes(value as HedgeMethod) ? (value as HedgeMethod) : undefined;
        if (value !== undefined && !hedge) throw new Error(`"${String(value)}" is not a regression type; use ${HEDGE_METHODS.join(', ')}.`);
        if (!hedge) {
          const current = c.desk.get(id)?.config.hedge;
          const pick = await vscode.window.showQuickPick(
            HEDGE_METHODS.map((h) => ({ label: h, description: HEDGE_LABELS[h] + (h === current ? ' (current)' : '') })),
            { placeHolder: `How to estimate β for ${id}` },
          );
          hedge = pick?.label as HedgeMethod | undefined;
        }
        if (!hedge) return;
        const h = hedge;
        await changePair(id, (p) => c.desk.setHedge(p, h), `switching to ${h}`);
      },
    ],
    [
      'quantPairs.runAdf',
      async (arg?: unknown) => {
        const id = await resolvePair(arg);
        if (!id) return;
        const t = c.desk.runTests(id);
        DashboardPanel.active?.refresh();
        const parts = [
          t.adf ? `ADF ${t.adf.statistic.toFixed(3)}, p = ${t.adf.pValue.toFixed(4)} (5% critical ${t.adf.critical['5%'].toFixed(3)})` : undefined,
          t.eg ? `Engle-Granger p = ${t.eg.pValue.toFixed(4)}` : undefined,
          t.halfLifeBars !== null ? `half-life ${t.halfLifeBars.toFixed(1)} bars` : undefined,
          ...t.notes,
        ].filter(Boolean);
        void vscode.window.showInformationMessage(`${id}: ${parts.join(' · ')}`);
        return t;
      },
    ],
    [
      'quantPairs.runBacktest',
      async (arg?: unknown) => {
        const id = await resolvePair(arg);
        if (!id) return;
        const s = c.settings.value;
        const result = c.desk.backtest(id, s.zEntry, s.zExit);
        DashboardPanel.show(c.extensionUri, c.dashboardHost, id).sendBacktest(id, result);
        c.log.info(`Backtest ${id}: ${result.trades.length} trades, P&L ${result.totalPnl.toFixed(2)}`);
        return result;
      },
    ],
    ['quantPairs.addAlertRule', (arg?: unknown) => editRule(undefined, arg)],
    [
      'quantPairs.editAlertRule',
      async (arg?: unknown) => {
        const rule = await resolveRule(arg);
        if (rule) await editRule(rule, undefined);
      },
    ],
    [
      'quantPairs.removeAlertRule',
      async (arg?: unknown) => {
        const rule = await resolveRule(arg);
        if (!rule) return;
        await c.settings.saveRules(c.settings.value.alertRules.filter((r) => r.id !== rule.id));
        c.log.info(`Removed alert rule ${rule.id}`);
      },
    ],
    [
      'quantPairs.toggleAlertRule',
      async (arg?: unknown) => {
        const rule = await resolveRule(arg);
        if (!rule) return;
        await c.settings.saveRules(c.settings.value.alertRules.map((r) => (r.id === rule.id ? { ...r, enabled: !r.enabled } : r)));
      },
    ],
    [
      'quantPairs.showAlertLog',
      async () => {
        const log = c.alertLog.all;
        if (log.length === 0) return void vscode.window.showInformationMessage('Quant Pairs: no alert has fired yet.');
        const lines = ['# Quant Pairs alert log', '', '| time (UTC) | pair | rule | value | threshold | message |', '|---|---|---|---|---|---|'];
        for (const f of [...log].reverse()) lines.push(`| ${new Date(f.time).toISOString()} | ${f.pairId} | ${f.ruleId} | ${f.value.toFixed(4)} | ${f.threshold} | ${f.message.replace(/\|/g, '\\|')} |`);
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
        await vscode.window.showTextDocument(doc, { preview: true });
      },
    ],
    [
      'quantPairs.saveCsv',
      async (arg?: unknown) => {
        const id = await resolvePair(arg);
        if (!id) return;
        return exportPairCsv(c, id);
      },
    ],
    ['quantPairs.importFile', (arg?: unknown) => importFileCommand(c, arg)],
    [
      'quantPairs.openDashboard',
      async (arg?: unknown) => {
        const fromArg = pairIdOfNode(arg) ?? parsePairArgument(arg);
        const id = fromArg && c.desk.get(fromArg) ? fromArg : c.focusedPair();
        if (id) c.setFocusedPair(id);
        DashboardPanel.show(c.extensionUri, c.dashboardHost, id);
      },
    ],
    [
      'quantPairs.connect',
      () => {
        c.desk.connect();
        c.setConnected(true);
      },
    ],
    [
      'quantPairs.disconnect',
      async () => {
        await c.desk.disconnect();
        c.setConnected(false);
      },
    ],
    ['quantPairs.showLog', () => c.log.show(true)],
    [
      'quantPairs.focusPair',
      async (arg?: unknown) => {
        const id = await resolvePair(arg);
        if (id) c.setFocusedPair(id);
      },
    ],
    [
      'quantPairs.muteAlerts',
      async (arg?: unknown) => {
        const ruleId = ruleIdOfNode(arg);
        const rule = c.settings.value.alertRules.find((r) => r.id === ruleId);
        if (rule && rule.enabled) await c.settings.saveRules(c.settings.value.alertRules.map((r) => (r.id === rule.id ? { ...r, enabled: false } : r)));
      },
    ],
  ];

  async function resolveRule(arg: unknown): Promise<AlertRule | undefined> {
    const rules = c.settings.value.alertRules;
    const id = ruleIdOfNode(arg);
    if (id !== undefined) {
      const rule = rules.find((r) => r.id === id);
      if (!rule) void vscode.window.showErrorMessage(`Quant Pairs: there is no alert rule ${id}.`);
      return rule;
    }
    if (rules.length === 0) {
      void vscode.window.showInformationMessage('Quant Pairs: there are no alert rules yet.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: ruleText(r), description: `${r.id}${r.enabled ? '' : ' (disabled)'}`, rule: r })),
      { placeHolder: 'Which alert rule?' },
    );
    return pick?.rule;
  }

  /** Add (rule undefined) or edit a rule, step by step: pair, metric, condition, threshold, re-arm level, severity, cooldown. */
  async function editRule(existing: AlertRule | undefined, arg: unknown): Promise<string | undefined> {
    const rules = c.settings.value.alertRules;
    // Direct form for scripts and tests: addAlertRule({pair, metric, operator, threshold, ...}).
    if (!existing && typeof arg === 'object' && arg !== null && 'threshold' in arg) {
      const parsed = parseAlertRuleSetting({ id: newRuleId(new Set(rules.map((r) => r.id))), ...(arg as object) });
      if (typeof parsed === 'string') throw new Error(`Alert rule rejected: ${parsed}`);
      await c.settings.saveRules([...rules, parsed.rule]);
      return parsed.rule.id;
    }
    const title = existing ? `Edit ${existing.id}` : 'Add Alert Rule';
    const pairFromArg = pairIdOfNode(arg) ?? parsePairArgument(arg);
    const pairItems = [{ label: '*', description: 'every pair' }, ...c.desk.list().map((p) => ({ label: p.id, description: p.id === existing?.pair ? 'current' : '' }))];
    const pairPick = pairFromArg ? { label: pairFromArg } : await vscode.window.showQuickPick(pairItems, { placeHolder: 'Alert on which pair?', title });
    if (!pairPick) return;
    const metricPick = await vscode.window.showQuickPick(
      ALERT_METRICS.map((m) => ({ label: m, description: METRIC_LABELS[m] + (m === existing?.metric ? ' (current)' : ''), metric: m })),
      { placeHolder: 'Metric', title },
    );
    if (!metricPick) return;
    const m = metricPick.metric;
    const ops: { label: string; operator: AlertOperator; description: string }[] = [
      { label: `|${m}| above`, operator: '|x|>', description: `fires when ${m} leaves ±threshold` },
      { label: `${m} above`, operator: '>', description: `fires when ${m} rises above the threshold` },
      { label: `${m} below`, operator: '<', description: `fires when ${m} falls below the threshold` },
    ];
    const opPick = await vscode.window.showQuickPick(ops, { placeHolder: 'Condition', title });
    if (!opPick) return;
    const operator = opPick.operator;
    const thresholdText = await vscode.window.showInputBox({
      title: 'Threshold',
      prompt: `${opPick.label} what? e.g. ${m === 'z' ? '2' : m.endsWith('PValue') ? '0.05' : m === 'correlation' ? '0.8' : 'a level'}`,
      value: String(existing?.metric === m ? existing.threshold : m === 'z' ? c.settings.value.zEntry : m.endsWith('PValue') ? 0.05 : ''),
      validateInput: (t) => validateThresholdInput(t, operator === '|x|>'),
    });
    if (!thresholdText) return;
    const threshold = Number(thresholdText.trim());
    const keepRearm = existing && existing.metric === m && existing.operator === operator && existing.threshold === threshold;
    const rearmText = await vscode.window.showInputBox({
      title: 'Re-arm level',
      prompt: `After firing, the rule re-arms only when ${operator === '|x|>' ? `|${m}|` : m} is back ${operator === '<' ? 'above' : 'below'} this level`,
      value: String(keepRearm ? existing.rearm : Number(suggestedRearm(m, operator, threshold).toPrecision(6))),
      validateInput: (t) => validateRearmInput(t, operator, threshold),
    });
    if (!rearmText) return;
    const sevPick = await vscode.window.showQuickPick(
      [
        { label: 'warning' as AlertSeverity, description: 'yellow status bar' },
        { label: 'error' as AlertSeverity, description: 'red status bar' },
      ],
      { placeHolder: 'Severity', title },
    );
    if (!sevPick) return;
    const cooldownText = await vscode.window.showInputBox({
      title: 'Cooldown (seconds)',
      prompt: 'Minimum time between two firings of this rule on one pair',
      value: String(Math.round((existing?.cooldownMs ?? 60_000) / 1000)),
      validateInput: validateCooldownInput,
    });
    if (cooldownText === undefined) return;
    const rule: AlertRule = {
      id: existing?.id ?? newRuleId(new Set(rules.map((r) => r.id))),
      pair: pairPick.label,
      metric: m,
      operator,
      threshold,
      rearm: Number(rearmText.trim()),
      cooldownMs: Number(cooldownText.trim()) * 1000,
      enabled: existing?.enabled ?? true,
      severity: sevPick.label,
    };
    await c.settings.saveRules(existing ? rules.map((r) => (r.id === existing.id ? rule : r)) : [...rules, rule]);
    c.log.info(`${existing ? 'Edited' : 'Added'} alert rule ${rule.id}: ${ruleText(rule)}`);
    return rule.id;
  }

  return commands.map(([id, run]) => register(id, run));
}
