// `quantPairs.*` settings: parsed on start and on every change; bad values are reported once and ignored.
import * as vscode from 'vscode';
import type { AlertRule } from '../engine/alerts/alertRule';
import { alertRuleToSetting } from './alertRuleSettings';
import { errorMessage } from '../shared/errorMessage';
import type { PairConfig } from '../engine/desk/types';
import { pairToSetting, parseSettings, type Settings } from './settingsModel';
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
    const { settings, problems } = parseSettings((key) => config.get(key));
    for (const problem of problems) this.report(problem, 'quantPairs');
    return settings;
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
    await this.update('pairs', pairs.map(pairToSetting));
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

  private async update(key: string, value: unknown): Promise<void> {
    try {
      await vscode.workspace.getConfiguration('quantPairs').update(key, value, vscode.ConfigurationTarget.Global);
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
