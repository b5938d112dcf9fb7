// Making a pair of two imported series: the legs (from the library), then a timeframe and a window whose
// defaults fit the series' common span, checked inline so a window the span cannot fill is never accepted.
// The pair sits beside any live pair of the same symbols; it is saved with the library, not in quantPairs.pairs.
import * as vscode from 'vscode';
import { importedPairDefaults, importedTimeframes, spanText, windowFitProblem, type TimeframeFit } from '../../engine/desk/importedPairDefaults';
import type { ImportedSeries } from '../../engine/desk/importLibrary';
import type { HostContext } from '../hostContext';
import { validateWindowInput } from '../inputValidation';
import { saveImportLibrary } from '../importLibraryState';
import { createQuickPick, showInputBox, showQuickPick, WIZARD_STEP } from '../pickers';

/** QuickPick items of the library's series (for the import wizard and Add Pair's "imported" section). */
export function importedSeriesPicks(series: readonly ImportedSeries[], excludeKey?: string): (vscode.QuickPickItem & { importedKey: string })[] {
  return series
    .filter((s) => s.key !== excludeKey)
    .map((s) => ({
      label: s.key,
      description: `${s.count.toLocaleString('en-US')} ${s.kind === 'ticks' ? 'trades' : 'bars'} · ${spanText(s)}`,
      importedKey: s.key,
    }));
}

/** Add Pair's "imported" section: a separator, then the library's series (nothing when the library is empty). */
export function importedSection(series: readonly ImportedSeries[], excludeKey?: string): (vscode.QuickPickItem & { importedKey?: string })[] {
  const picks = importedSeriesPicks(series, excludeKey);
  return picks.length ? [{ label: 'imported', kind: vscode.QuickPickItemKind.Separator }, ...picks] : [];
}

/** What an imported series is and why it cannot pair with a live symbol. */
export function mixedLegsMessage(imported: ImportedSeries, liveSymbol: string): string {
  return `${imported.key} covers ${spanText(imported)}; ${liveSymbol} from the exchange is live now: their bars never meet. Pair two imported symbols, or two of the exchange's.`;
}

/**
 * Asks the legs (unless given), the timeframe and the window, then puts the pair on the desk. Undefined when
 * the user cancels; a typed error (no overlap, too short) is thrown for the command's notification.
 */
export async function makeImportedPair(c: HostContext, legs: { y?: string; x?: string } = {}): Promise<string | undefined> {
  const library = c.desk.library;
  const series = library.list();
  if (series.length < 2) {
    void vscode.window.showInformationMessage(`Quant Pairs: a pair of imported symbols needs two in the library (it holds ${series.length}). Import another file first.`);
    return undefined;
  }
  const yKey = legs.y ?? (await pickSeries(series, 'Imported pair (1/4): first leg (y)'));
  if (!yKey) return undefined;
  const xKey = legs.x ?? (await pickSeries(series, `Imported pair (2/4): second leg (x), regressed: ${library.get(yKey)?.symbol} = α + β·x`, yKey));
  if (!xKey) return undefined;
  const y = library.get(yKey);
  const x = library.get(xKey);
  if (!y || !x) throw new Error(`${!y ? yKey : xKey} is not in the library of imported symbols.`);
  if (y.key === x.key) throw new Error('A pair needs two different series.');
  // Said before the timeframe and window are asked, not after.
  const already = c.desk.importedPairs().find((p) => p.y === y.key && p.x === x.key);
  if (already) throw new Error(`${y.key} on ${x.key} is already on the desk as ${already.id}.`);
  const fits = importedTimeframes(y, x);
  const preferred = importedPairDefaults(y, x, c.settings.value.window);
  const fit = await pickTimeframe(fits, preferred.timeframe);
  if (!fit) return undefined;
  const suggested = fit.timeframe === preferred.timeframe ? preferred.window : Math.min(c.settings.value.window, fit.maxWindow);
  const text = await showInputBox({
    title: `Imported pair (4/4): rolling window on ${fit.timeframe} bars`,
    prompt: `${fit.bars} bars of ${fit.timeframe} in the common span; at most ${fit.maxWindow} leaves the window room to roll`,
    value: String(suggested),
    validateInput: (value) => validateWindowInput(value) ?? windowFitProblem(Number(value.trim()), fit.bars, fit.timeframe),
    ...WIZARD_STEP,
  });
  if (!text) return undefined;
  const window = Number(text.trim());
  const view = c.desk.addImportedPair({ y: y.key, x: x.key, timeframe: fit.timeframe, window, hedge: c.settings.value.regression });
  c.setFocusedPair(view.id);
  await saveImportLibrary(c);
  const rows = c.desk.rows(view.id).length;
  c.log.info(`Imported pair ${view.id}: ${y.key} on ${x.key}, ${fit.timeframe} bars, window ${window}, ${rows} aligned bars`);
  void vscode.window
    .showInformationMessage(`Quant Pairs: ${view.id} on ${fit.timeframe} bars, window ${window}: ${rows} bars from ${y.fileName}${x.fileName === y.fileName ? '' : ` + ${x.fileName}`}.`, 'Open Dashboard')
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('quantPairs.openDashboard', view.id);
    });
  return view.id;
}

async function pickSeries(series: readonly ImportedSeries[], title: string, excludeKey?: string): Promise<string | undefined> {
  const pick = await showQuickPick(importedSeriesPicks(series, excludeKey), { ...WIZARD_STEP, title, placeHolder: 'Type to search the imported symbols', matchOnDescription: true });
  return pick?.importedKey;
}

async function pickTimeframe(fits: readonly TimeframeFit[], preferred: string): Promise<TimeframeFit | undefined> {
  const items = fits.map((f) => ({
    label: f.timeframe,
    description: `${f.bars.toLocaleString('en-US')} bars · window up to ${f.maxWindow}${f.timeframe === preferred ? ' · suggested' : ''}`,
    fit: f,
  }));
  const qp = createQuickPick<(typeof items)[number]>();
  qp.title = 'Imported pair (3/4): bar length';
  qp.placeholder = 'Timeframes the common span can fill; the suggested one gives a z over the whole span';
  qp.items = items;
  qp.activeItems = items.filter((i) => i.label === preferred);
  qp.ignoreFocusOut = WIZARD_STEP.ignoreFocusOut;
  return new Promise((resolve) => {
    let done = false;
    qp.onDidAccept(() => {
      done = true;
      const picked = qp.selectedItems[0]?.fit ?? qp.activeItems[0]?.fit;
      qp.hide();
      resolve(picked);
    });
    qp.onDidHide(() => {
      qp.dispose();
      if (!done) resolve(undefined);
    });
    qp.show();
  });
}
