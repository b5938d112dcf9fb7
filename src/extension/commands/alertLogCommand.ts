// Show Alert Log: the firings as a Markdown table, newest first, in an untitled preview document.
import * as vscode from 'vscode';
import type { AlertFiring } from '../../engine/alerts/alertEngine';
import type { HostContext } from '../hostContext';
import type { CommandTable } from './commandTable';

/** The log as Markdown, newest first; `|` in a message is escaped so it stays in its cell. */
export function alertLogMarkdown(log: readonly AlertFiring[]): string {
  const lines = ['# Quant Pairs alert log', '', '| time (UTC) | pair | rule | value | threshold | message |', '|---|---|---|---|---|---|'];
  for (const f of [...log].reverse()) lines.push(`| ${new Date(f.time).toISOString()} | ${f.pairId} | ${f.ruleId} | ${f.value.toFixed(4)} | ${f.threshold} | ${f.message.replace(/\|/g, '\\|')} |`);
  return lines.join('\n');
}

export function alertLogCommands(c: HostContext): CommandTable {
  return [
    [
      'quantPairs.showAlertLog',
      async () => {
        const log = c.alertLog.all;
        if (log.length === 0) return void vscode.window.showInformationMessage('Quant Pairs: no alert has fired yet.');
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: alertLogMarkdown(log) });
        await vscode.window.showTextDocument(doc, { preview: true });
      },
    ],
  ];
}
