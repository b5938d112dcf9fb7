// Show Alert Log: the firings as a read-only virtual Markdown document (scheme quant-pairs-log), newest
// first, that follows the log as it grows (never a dirty "Untitled" buffer); Save Alert Log as CSV
// writes the whole log into the workspace's export folder.
import * as vscode from 'vscode';
import type { AlertFiring } from '../../engine/alerts/alertEngine';
import { alertLogCsv, fileTimeStamp } from '../../engine/export/csvWriter';
import type { HostContext } from '../hostContext';
import type { CommandTable } from './commandTable';
import { saveWorkspaceCsv } from './exportCommand';

export const ALERT_LOG_SCHEME = 'quant-pairs-log';
export const ALERT_LOG_URI = vscode.Uri.from({ scheme: ALERT_LOG_SCHEME, path: '/Quant Pairs alert log.md' });

/** The log as Markdown, newest first; `|` in a message is escaped so it stays in its cell. */
export function alertLogMarkdown(log: readonly AlertFiring[]): string {
  const lines = [
    '# Quant Pairs alert log',
    '',
    log.length === 0 ? 'No alert has fired yet.' : `${log.length} firings, newest first. Save them with **Quant Pairs: Save Alert Log as CSV**.`,
    '',
    '| time (UTC) | pair | rule | value | threshold | message |',
    '|---|---|---|---|---|---|',
  ];
  for (const f of [...log].reverse()) lines.push(`| ${new Date(f.time).toISOString()} | ${f.pairId} | ${f.ruleId} | ${f.value.toFixed(4)} | ${f.threshold} | ${f.message.replace(/\|/g, '\\|')} |`);
  return lines.join('\n');
}

/** Serves the virtual document; `changed()` is called whenever the log changes, so an open one follows. */
export class AlertLogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration: vscode.Disposable;

  constructor(private readonly log: () => readonly AlertFiring[]) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(ALERT_LOG_SCHEME, this);
  }

  provideTextDocumentContent(): string {
    return alertLogMarkdown(this.log());
  }

  changed(): void {
    this.emitter.fire(ALERT_LOG_URI);
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
  }
}

export function alertLogCommands(c: HostContext): CommandTable {
  return [
    [
      'quantPairs.showAlertLog',
      async () => {
        const doc = await vscode.workspace.openTextDocument(ALERT_LOG_URI);
        await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
        await vscode.window.showTextDocument(doc, { preview: true });
      },
    ],
    [
      'quantPairs.saveAlertLogCsv',
      async () => {
        const log = c.alertLog.all;
        if (log.length === 0) return void vscode.window.showInformationMessage('Quant Pairs: no alert has fired yet, so there is no log to save.');
        const now = Date.now();
        const saved = await saveWorkspaceCsv(c, `alert-log_${fileTimeStamp(now)}.csv`, alertLogCsv(log, now));
        if (saved) c.log.info(`Saved ${log.length} alert firings to ${saved}`);
        return saved;
      },
    ],
  ];
}
