// Save CSV: into `<workspace>/<quantPairs.exportFolder>/` (or a Save dialog without a folder); a failed
// write is reported and the user can choose another place, the data stays in memory.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { tradesCsv } from '../../engine/export/backtestCsv';
import { csvFileName, fileTimeStamp, pairCsv } from '../../engine/export/csvWriter';
import { DashboardPanel } from '../dashboard/dashboardPanel';
import { writeCsvFile } from '../../engine/export/writeCsvFile';
import { errorMessage } from '../../shared/errorMessage';
import { isReplayLabel } from '../../shared/dataSource';
import type { HostContext } from '../hostContext';
import { showQuickPick, showSaveDialog } from '../pickers';
import { setWalkthroughContext, WALKTHROUGH_CONTEXT } from '../walkthroughContext';
import type { CommandTable } from './commandTable';
import { resolvePair } from './pairArgument';

export function exportCommands(c: HostContext): CommandTable {
  return [
    [
      'quantPairs.saveBacktestCsv',
      async (arg?: unknown) => {
        const id = await resolvePair(c, arg);
        return id ? exportBacktestCsv(c, id) : undefined;
      },
    ],
    [
      'quantPairs.saveCsv',
      async (arg?: unknown) => {
        const id = await resolvePair(c, arg);
        if (!id) return;
        const saved = await exportPairCsv(c, id);
        if (saved) setWalkthroughContext(WALKTHROUGH_CONTEXT.csvSaved, true);
        return saved;
      },
    ],
  ];
}

/** The trades of the pair's last backtest (parameters and summary as `# key,value` lines), into the workspace. */
async function exportBacktestCsv(c: HostContext, pairId: string): Promise<string | undefined> {
  const pair = c.desk.get(pairId);
  const result = DashboardPanel.backtestOf(pairId);
  if (!pair || !result?.params || !result.summary) {
    void vscode.window.showInformationMessage(`Quant Pairs: no backtest of ${pairId} yet. Run one (Run Backtest, or the dashboard's form), then save it.`);
    return undefined;
  }
  const trades = result.trades.flatMap((t) => (t.trade ? [t.trade] : []));
  const content = tradesCsv(pairId, pair.config.timeframe, result.params, result.summary, trades);
  const name = `${pair.config.y}-${pair.config.x}_${pair.config.timeframe}_backtest_${fileTimeStamp(Date.now())}.csv`;
  const saved = await saveWorkspaceCsv(c, name, content);
  if (saved) c.log.info(`Saved the ${trades.length} backtest trades of ${pairId} to ${saved}`);
  return saved;
}

export async function exportPairCsv(c: Pick<HostContext, 'desk' | 'settings' | 'alertLog' | 'log'>, pairId: string, target?: vscode.Uri): Promise<string | undefined> {
  const pair = c.desk.get(pairId);
  if (!pair) throw new Error(`${pairId} is not on the desk.`);
  const s = c.settings.value;
  const alerts = c.alertLog.all.filter((f) => f.pairId === pairId);
  let includeAlerts = false;
  if (alerts.length > 0 && !target) {
    const pick = await showQuickPick(['Bars and analytics', 'Bars, analytics and the alert log'], { placeHolder: 'What to save?' });
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
        : isReplayLabel(pair.sourceLabel) // the pair's own label: its legs' (per-symbol) sources, as every view names them
          ? `${pair.sourceLabel}: replayed by the local exchange, ${s.stream} (${s.wsBaseUrl}), history ${s.restBaseUrl}`
          : `${pair.sourceLabel ? `${pair.sourceLabel}: ` : ''}Binance USD-M ${s.stream} (${s.wsBaseUrl}), history ${s.restBaseUrl}`,
    replay: pair.source === 'live' && isReplayLabel(pair.sourceLabel),
    generatedAt,
    alerts: includeAlerts ? alerts : undefined,
    tests: pair.tests,
  });
  const saved = await saveWorkspaceCsv(c, csvFileName(pair.config, generatedAt), content, target);
  if (saved) c.log.info(`Saved ${c.desk.rows(pairId).length} bars of ${pairId} to ${saved}`);
  return saved;
}

/**
 * Writes a CSV into `<workspace>/<quantPairs.exportFolder>/name` (a Save dialog without a folder, or
 * when the write fails), never outside the workspace; opens it or says where it went.
 */
export async function saveWorkspaceCsv(c: Pick<HostContext, 'settings' | 'log'>, name: string, content: string, target?: vscode.Uri): Promise<string | undefined> {
  const s = c.settings.value;
  let uri = target;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!uri && root && root.scheme === 'file') {
    uri = vscode.Uri.joinPath(root, ...s.exportFolder.split(/[\\/]/).filter(Boolean), name);
    // A workspace may hold a symlink (or a setting with `..`) that leads out of it: never write there.
    const escape = await outsideFolder(root.fsPath, path.dirname(uri.fsPath));
    if (escape) {
      const message = `the export folder "${s.exportFolder}" leads outside the workspace (to ${escape}); nothing was saved. Set quantPairs.exportFolder to a folder inside the workspace.`;
      c.log.error(message);
      void vscode.window.showErrorMessage(`Quant Pairs: ${message}`);
      return undefined;
    }
  }
  if (!uri) uri = await showSaveDialog({ defaultUri: vscode.Uri.file(path.join(os.homedir(), name)), filters: { CSV: ['csv'] } });
  if (!uri) return undefined;
  for (;;) {
    try {
      const written = uri;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Quant Pairs: saving ${path.basename(written.fsPath)}` }, () =>
        writeCsvFile(written.fsPath, content),
      );
      break;
    } catch (err) {
      const message = errorMessage(err);
      c.log.error(message);
      const choice = await vscode.window.showErrorMessage(`Quant Pairs: ${message}`, 'Save As…');
      if (!choice) return undefined;
      const other = await showSaveDialog({ defaultUri: vscode.Uri.file(path.join(os.homedir(), name)), filters: { CSV: ['csv'] } });
      if (!other) return undefined;
      uri = other;
    }
  }
  if (s.openAfterExport) await vscode.window.showTextDocument(uri, { preview: true });
  else void vscode.window.showInformationMessage(`Quant Pairs: saved ${path.basename(uri.fsPath)}.`);
  return uri.fsPath;
}

/** Where `dir` really is (symlinks resolved) when that is outside `root`, else undefined. */
async function outsideFolder(root: string, dir: string): Promise<string | undefined> {
  const realRoot = await fs.realpath(root).catch(() => path.resolve(root));
  let existing = path.resolve(dir);
  let rest = '';
  let real: string | undefined;
  while (real === undefined) {
    real = await fs.realpath(existing).catch(() => undefined);
    if (real !== undefined) break;
    const parent = path.dirname(existing);
    if (parent === existing) return undefined;
    rest = path.join(path.basename(existing), rest);
    existing = parent;
  }
  const target = path.join(real, rest);
  const rel = path.relative(realRoot, target);
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? target : undefined;
}
