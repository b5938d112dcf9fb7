// `quantPairs.*` settings: parsed on start and on every change; bad values are reported once and ignored.
import * as vscode from 'vscode';
import type { AlertRule } from '../engine/alerts/alertRule';
import { alertRuleToSetting } from './alertRuleSettings';
import { errorMessage } from '../shared/errorMessage';
import type { PairConfig } from '../shared/model';
import { pairToSetting, parseSettings, type Settings } from './settingsModel';
import { settingHome, type SettingHome } from './settingHome';
import type { NetworkOptions } from '../engine/feed/network';
import { parseNetworkSettings } from './networkSettings';

export class SettingsStore implements vscode.Disposable {
  private current: Settings;
  private currentNetwork: NetworkOptions;
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<{ before: Settings; after: Settings }>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private migrating = false;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.current = this.read();
    this.currentNetwork = this.readNetwork();
    if (this.current.alertRulesNeedMigration) void this.migrateRules();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      const network = e.affectsConfiguration('http');
      if (!e.affectsConfiguration('quantPairs') && !network) return;
      const before = this.current;
      if (network) this.currentNetwork = this.readNetwork();
      this.current = this.read();
      if (this.current.alertRulesNeedMigration) void this.migrateRules();
      this.changed.fire({ before, after: this.current });
    });
  }

  get value(): Settings {
    return this.current;
  }

  /** VS Code's http.proxy / http.proxyStrictSSL / http.noProxy (a change fires onDidChange too). */
  get network(): NetworkOptions {
    return this.currentNetwork;
  }

  private readNetwork(): NetworkOptions {
    const config = vscode.workspace.getConfiguration('http');
    const { network, problems } = parseNetworkSettings((key) => config.get(key));
    for (const problem of problems) this.report(problem, 'http');
    return network;
  }

  private read(): Settings {
    const config = vscode.workspace.getConfiguration('quantPairs');
    const homes = { pairs: this.home('pairs'), alertRules: this.home('alertRules') };
    this.homes = homes;
    const { settings, problems } = parseSettings((key) => (key === 'pairs' || key === 'alertRules' ? homes[key].value : config.get(key)));
    for (const problem of problems) this.report(problem, 'quantPairs');
    return settings;
  }

  private homes: Record<'pairs' | 'alertRules', SettingHome> | undefined;
  private readonly notedHomes = new Set<string>();

  /** The pairs are a desk per workspace (user settings without a folder); the rules live where their value is in effect. */
  private home(key: 'pairs' | 'alertRules'): SettingHome {
    const inspection = vscode.workspace.getConfiguration('quantPairs').inspect(key) ?? {};
    const hasFolder = (vscode.workspace.workspaceFolders?.length ?? 0) > 0 || vscode.workspace.workspaceFile !== undefined;
    const home = settingHome(key, inspection, hasFolder, key === 'pairs');
    for (const note of home.notes) {
      if (this.notedHomes.has(note)) continue;
      this.notedHomes.add(note);
      this.log.info(note);
    }
    return home;
  }

  /** Logs a settings problem; notifies once per distinct problem. */
  private report(problem: string, section: string): void {
    this.log.warn(problem);
    if (this.reported.has(problem)) return;
    this.reported.add(problem);
    void vscode.window.showWarningMessage(`Quant Pairs: ${problem}`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', section);
    });
  }

  async savePairs(pairs: PairConfig[]): Promise<void> {
    const s = this.current;
    const defaults = { timeframe: s.defaultTimeframe, window: s.window, hedge: s.regression };
    const previous = this.homes?.pairs.value;
    const entryOf = (p: PairConfig) =>
      Array.isArray(previous) ? previous.find((e: unknown) => typeof e === 'object' && e !== null && `${(e as { y?: unknown }).y}/${(e as { x?: unknown }).x}`.toUpperCase() === `${p.y}/${p.x}`) : undefined;
    await this.update('pairs', pairs.map((p) => pairToSetting(p, defaults, entryOf(p))));
  }

  async saveRules(rules: readonly AlertRule[]): Promise<void> {
    await this.update('alertRules', rules.map(alertRuleToSetting));
  }

  /** Rules saved in the old vocabulary (op / hysteresis) are rewritten once in the engine's (operator / rearm). */
  private async migrateRules(): Promise<void> {
    if (this.migrating) return;
    this.migrating = true;
    try {
      this.log.info(`Migrating ${this.current.alertRules.length} alert rule(s) in quantPairs.alertRules to operator / rearm (from op / hysteresis).`);
      await this.saveRules(this.current.alertRules);
    } finally {
      this.migrating = false;
    }
  }

  private async update(key: 'pairs' | 'alertRules', value: unknown): Promise<void> {
    try {
      // Written to the level it is read back from (see settingHome.ts): a user-level write under a workspace value is lost.
      const home = this.home(key);
      const target = home.target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      if (home.migrates) this.log.info(`Moving quantPairs.${key} to the workspace settings (it was read from the user settings).`);
      await vscode.workspace.getConfiguration('quantPairs').update(key, value, target);
    } catch (err) {
      this.log.error(`Could not save quantPairs.${key}: ${errorMessage(err)}`);
      void vscode.window.showErrorMessage(`Quant Pairs could not save quantPairs.${key}: ${errorMessage(err)}`);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
