// Import Ticks or OHLC: pick one or more files, choose the legs, analyse them like live data (labelled imported).
import * as path from 'path';
import * as vscode from 'vscode';
import { loadPairFiles, loadedSymbols } from '../../engine/desk/loadFiles';
import type { PairConfig } from '../../shared/model';
import { TIMEFRAME_MS } from '../../engine/types';
import { TIMEFRAMES } from '../../shared/constants';
import type { HostContext } from '../hostContext';
import { showQuickPick, showOpenDialog } from '../pickers';
import type { CommandTable } from './commandTable';

export function importCommands(c: HostContext): CommandTable {
  return [['quantPairs.importFile', (arg?: unknown) => importFileCommand(c, arg)]];
}

export async function importFileCommand(c: HostContext, arg: unknown): Promise<string | undefined> {
  let paths: string[];
  if (Array.isArray(arg) && arg.every((p) => typeof p === 'string')) paths = arg as string[];
  else if (typeof arg === 'string') paths = [arg];
  else if (arg instanceof vscode.Uri) paths = [arg.fsPath];
  else {
    const picked = await showOpenDialog({
      canSelectMany: true,
      openLabel: 'Import',
      title: 'Import trades (recording, JSON, NDJSON, Binance vision CSV, .gz) or OHLC CSV: both legs',
      filters: { 'Trades or OHLC': ['gz', 'csv', 'json', 'ndjson', 'jsonl', 'txt'], 'All files': ['*'] },
    });
    if (!picked?.length) return undefined;
    paths = picked.map((u) => u.fsPath);
  }
  const loaded = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Quant Pairs: importing ${paths.map((p) => path.basename(p)).join(', ')}`, cancellable: true },
    (progress, token) => {
      let reported = 0;
      return loadPairFiles(paths, {
        isCancelled: () => token.isCancellationRequested,
        onProgress: ({ bytesRead, totalBytes, records }) => {
          const percent = totalBytes > 0 ? (100 * bytesRead) / totalBytes : 0;
          progress.report({ increment: percent - reported, message: `${megabytes(bytesRead)} of ${megabytes(totalBytes)} MB, ${records.toLocaleString('en-US')} records` });
          reported = percent;
        },
      });
    },
  );
  for (const r of loaded.reports) {
    c.log.info(`Import ${r.path}: ${r.format}, ${r.records} records, ${r.skipped} skipped, ${r.bad} bad lines`);
    if (r.bad > 0) void vscode.window.showWarningMessage(`Quant Pairs: ${path.basename(r.path)} had ${r.bad} unreadable lines (first: line ${r.firstErrors[0]?.line}: ${r.firstErrors[0]?.message}).`);
  }
  const symbols = loadedSymbols(loaded);
  if (symbols.length < 2)
    throw new Error(`The files hold ${symbols.length === 0 ? 'no trades' : `only ${symbols[0]}`}; a pair needs two symbols. Select the files of both legs together.`);
  let y = symbols[0];
  let x = symbols[1];
  if (symbols.length > 2 || !Array.isArray(arg)) {
    const yPick = await showQuickPick(symbols, { placeHolder: 'Imported pair (1/2): first leg (y)' });
    if (!yPick) return undefined;
    const xPick = await showQuickPick(symbols.filter((s) => s !== yPick), { placeHolder: 'Imported pair (2/2): second leg (x)' });
    if (!xPick) return undefined;
    [y, x] = [yPick, xPick];
  }
  const s = c.settings.value;
  const label = paths.map((p) => path.basename(p)).join(' + ');
  let timeframe = s.defaultTimeframe;
  const yBars = loaded.bars.get(y)!;
  const xBars = loaded.bars.get(x)!;
  if (loaded.kind === 'bars') {
    const ms = yBars[0]?.intervalMs;
    timeframe = TIMEFRAMES.find((t) => TIMEFRAME_MS[t] === ms) ?? '1m';
  }
  const config: PairConfig = { y, x, timeframe, window: s.window, hedge: s.regression };
  const view =
    loaded.kind === 'bars'
      ? c.desk.importBars(config, yBars, xBars, label)
      : c.desk.importTicks(config, { y: yBars, x: xBars, lastTradeTime: loaded.lastTradeTime, label, trades: loaded.trades });
  c.setFocusedPair(view.id);
  c.log.info(`Imported ${view.id} from ${label}: ${c.desk.rows(view.id).length} aligned ${timeframe} bars`);
  void vscode.window.showInformationMessage(`Quant Pairs: imported ${view.id} (${c.desk.rows(view.id).length} bars of ${timeframe}) from ${label}.`, 'Open Dashboard').then((choice) => {
    if (choice) void vscode.commands.executeCommand('quantPairs.openDashboard', view.id);
  });
  return view.id;
}

function megabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);
}
