// Save CSV: into `<workspace>/<quantPairs.exportFolder>/` (or a Save dialog without a folder); a failed
// write is reported and the user can choose another place, the data stays in memory.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { csvFileName, pairCsv } from '../engine/export/csvWriter';
import { writeCsvFile } from '../engine/export/writeCsvFile';
import type { CommandContext } from './commands';

export async function exportPairCsv(c: CommandContext, pairId: string, target?: vscode.Uri): Promise<string | undefined> {
  const pair = c.desk.get(pairId);
  if (!pair) throw new Error(`${pairId} is not on the desk.`);
  const s = c.settings.value;
  const alerts = c.alertLog.all.filter((f) => f.pairId === pairId);
  let includeAlerts = false;
  if (alerts.length > 0 && !target) {
    const pick = await vscode.window.showQuickPick(['Bars and analytics', 'Bars, analytics and the alert log'], { placeHolder: 'What to save?' });
    if (!pick) return undefined;
    includeAlerts = pick.includes('alert');
  }
  const generatedAt = Date.now();
  const content = pairCsv({
    config: pair.config,
    rows: c.desk.rows(pairId),
    dataSource:
      pair.source === 'imported'
        ? `imported: ${pair.sourceLabel ?? 'file'}`
        : `${s.dataSourceLabel ? `${s.dataSourceLabel}: ` : ''}Binance USD-M ${s.stream} (${s.wsBaseUrl}), history ${s.restBaseUrl}`,
    generatedAt,
    alerts: includeAlerts ? alerts : undefined,
  });
  const name = csvFileName(pair.config, generatedAt);
  let uri = target;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!uri && root && root.scheme === 'file') uri = vscode.Uri.joinPath(root, ...s.exportFolder.split(/[\\/]/).filter(Boolean), name);
  if (!uri) uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(os.homedir(), name)), filters: { CSV: ['csv'] } });
  if (!uri) return undefined;
  for (;;) {
    try {
      const written = uri;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Quant Pairs: saving ${path.basename(written.fsPath)}` }, () =>
        writeCsvFile(written.fsPath, content),
      );
      break;
    } catch (err) {
      const message = (err as Error).message;
      c.log.error(message);
      const choice = await vscode.window.showErrorMessage(`Quant Pairs: ${message}`, 'Save As…');
      if (!choice) return undefined;
      const other = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(os.homedir(), name)), filters: { CSV: ['csv'] } });
      if (!other) return undefined;
      uri = other;
    }
  }
  c.log.info(`Saved ${c.desk.rows(pairId).length} bars of ${pairId} to ${uri.fsPath}`);
  if (s.openAfterExport) await vscode.window.showTextDocument(uri, { preview: true });
  else void vscode.window.showInformationMessage(`Quant Pairs: saved ${path.basename(uri.fsPath)}.`);
  return uri.fsPath;
}
