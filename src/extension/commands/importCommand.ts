// Import Ticks or OHLC: one or several files into the library of imported symbols (never onto a live pair);
// says what each file added, then offers to make a pair once the library holds two symbols. Remove Imported
// File drops a file's series (and, after asking, the pairs made of them).
import * as path from 'path';
import * as vscode from 'vscode';
import { seriesSummary, type LibraryImport } from '../../engine/desk/importLibrary';
import { describeBadLines } from '../../engine/import/importReport';
import { errorMessage } from '../../shared/errorMessage';
import { currentPair, type HostContext } from '../hostContext';
import { saveImportLibrary } from '../importLibraryState';
import { showOpenDialog, showQuickPick } from '../pickers';
import { persistPairs } from './pairArgument';
import type { CommandTable } from './commandTable';
import { makeImportedPair } from './importedPairWizard';

export function importCommands(c: HostContext): CommandTable {
  return [
    ['quantPairs.importFile', (arg?: unknown) => importFileCommand(c, arg)],
    ['quantPairs.removeImportedFile', (arg?: unknown) => removeImportedFileCommand(c, arg)],
  ];
}

/** The files of the command's argument (a path, paths, a Uri, Uris), or undefined when the dialog must ask. */
function pathsOf(arg: unknown): string[] | undefined {
  const one = (a: unknown) => (typeof a === 'string' ? a : a instanceof vscode.Uri ? a.fsPath : undefined);
  if (Array.isArray(arg)) {
    const paths = arg.map(one);
    return paths.length > 0 && paths.every((p) => p !== undefined) ? (paths as string[]) : undefined;
  }
  const p = one(arg);
  return p === undefined ? undefined : [p];
}

/** Imports the files into the library; resolves to the keys of the series added. */
export async function importFileCommand(c: HostContext, arg: unknown): Promise<string[] | undefined> {
  let paths = pathsOf(arg);
  if (!paths) {
    const picked = await showOpenDialog({
      canSelectMany: true,
      openLabel: 'Import',
      title: 'Import trades (recording, JSON, NDJSON, Binance vision CSV, .gz) or OHLC CSV into the imported symbols: one file or several',
      filters: { 'Trades or OHLC': ['gz', 'csv', 'json', 'ndjson', 'jsonl', 'txt'], 'All files': ['*'] },
    });
    if (!picked?.length) return undefined;
    paths = picked.map((u) => u.fsPath);
  }
  const files = paths;
  const result: LibraryImport = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Quant Pairs: importing ${files.map((p) => path.basename(p)).join(', ')}`, cancellable: true },
    (progress, token) => {
      let reported = 0;
      return c.desk.library.importFiles(files, {
        isCancelled: () => token.isCancellationRequested,
        onProgress: ({ bytesRead, totalBytes, records }) => {
          const percent = totalBytes > 0 ? (100 * bytesRead) / totalBytes : 0;
          progress.report({ increment: percent - reported, message: `${megabytes(bytesRead)} of ${megabytes(totalBytes)} MB, ${records.toLocaleString('en-US')} records` });
          reported = percent;
        },
      });
    },
  );
  for (const r of result.reports) {
    c.log.info(`Import ${r.path}: ${r.format}, ${r.records} records, ${r.skipped} skipped, ${r.bad} bad lines`);
    if (r.bad > 0) void vscode.window.showWarningMessage(`Quant Pairs: ${path.basename(r.path)}: ${describeBadLines(r)}.`);
  }
  // One file that cannot be read is the command's error; of several, each is named and the others still count.
  if (result.failed.length === 1 && result.added.length === 0 && result.already.length === 0) throw result.failed[0].error;
  for (const f of result.failed) void vscode.window.showErrorMessage(`Quant Pairs: ${f.error.message}`);
  for (const s of result.added) c.log.info(`Imported ${s.key}: ${seriesSummary(s)} (${s.path})`);
  if (result.added.length > 0) await saveImportLibrary(c);
  const library = c.desk.library.list();
  const said = [
    ...result.added.map((s) => `imported ${seriesSummary(s)} (${s.fileName})`),
    ...result.already.map((s) => `${s.key} was already imported`),
  ];
  if (said.length === 0) return [];
  const message = `Quant Pairs: ${said.join('; ')}. ${library.length} imported symbol${library.length === 1 ? '' : 's'}${library.length < 2 ? ': import another file to make a pair.' : '.'}`;
  if (library.length < 2) void vscode.window.showInformationMessage(message);
  else
    void vscode.window.showInformationMessage(message, 'Make Pair…').then(async (choice) => {
      if (choice !== 'Make Pair…') return;
      try {
        await makeImportedPair(c);
      } catch (err) {
        void vscode.window.showErrorMessage(`Quant Pairs: ${errorMessage(err)}`);
      }
    });
  return result.added.map((s) => s.key);
}

/** Drops a file's series from the library; the pairs made of them go too, after a confirmation. */
export async function removeImportedFileCommand(c: HostContext, arg: unknown): Promise<string | undefined> {
  const library = c.desk.library;
  const files = library.paths();
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Quant Pairs: no file has been imported.');
    return undefined;
  }
  const seriesOf = (file: string) => library.list().filter((s) => s.paths.includes(file));
  const given = typeof arg === 'string' ? path.resolve(arg) : undefined;
  const file =
    given && files.includes(given)
      ? given
      : (
          await showQuickPick(
            files.map((f) => ({ label: path.basename(f), description: seriesOf(f).map(seriesSummary).join(' · '), detail: f, file: f })),
            { placeHolder: 'Remove which imported file from the imported symbols?' },
          )
        )?.file;
  if (!file) return undefined;
  const keys = new Set(seriesOf(file).map((s) => s.key));
  const pairs = c.desk.importedPairs().filter((p) => keys.has(p.y) || keys.has(p.x)).map((p) => p.id);
  if (pairs.length > 0) {
    const sure = await vscode.window.showWarningMessage(
      `Remove ${path.basename(file)}? ${pairs.join(', ')} ${pairs.length === 1 ? 'is' : 'are'} made of it and go${pairs.length === 1 ? 'es' : ''} too (import the file again to get ${pairs.length === 1 ? 'it' : 'them'} back).`,
      { modal: true },
      'Remove',
    );
    if (sure !== 'Remove') return undefined;
  }
  const removed = c.desk.removeImportedFile(file);
  if (removed.pairs.includes(c.focusedPair() ?? '')) c.setFocusedPair(currentPair(c));
  await persistPairs(c);
  const what = `${removed.series.map((s) => s.symbol).join(', ')}${removed.pairs.length ? `; pairs removed: ${removed.pairs.join(', ')}` : ''}`;
  c.log.info(`Removed the imported file ${file} (${what})`);
  void vscode.window.showInformationMessage(`Quant Pairs: removed ${path.basename(file)} from the imported symbols (${what}).`);
  return file;
}

function megabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);
}
