// How a command finds the pair it acts on and saves the desk's pairs afterwards (shared by the command families).
import * as vscode from 'vscode';
import { currentPair, type HostContext } from '../hostContext';
import { showQuickPick } from '../pickers';
import { parsePairArgument } from '../inputValidation';
import { pairIdOfNode } from '../pairsTree';
import { saveImportLibrary } from '../importLibraryState';

/** The pair a command acts on: its argument, else the focused pair, else a QuickPick. */
export async function resolvePair(c: HostContext, arg: unknown): Promise<string | undefined> {
  // An imported pair's id ("Y/X (imported)") is taken as it is; other text is read as a live pair's symbols.
  const fromArg = pairIdOfNode(arg) ?? (typeof arg === 'string' && c.desk.get(arg) ? arg : parsePairArgument(arg));
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
  const focused = currentPair(c);
  const pick = await showQuickPick(
    pairs.map((p) => ({ label: p.id, description: p.id === focused ? 'focused' : `${p.config.timeframe} · window ${p.config.window}` })),
    { placeHolder: 'Which pair?' },
  );
  return pick?.label;
}

/** Saves the live pairs to settings, and the imported ones with the library in the workspace's state. */
export async function persistPairs(c: HostContext): Promise<void> {
  await c.settings.savePairs(c.desk.list().filter((p) => p.source === 'live').map((p) => p.config));
  await saveImportLibrary(c);
}

/** Runs a change of one pair's parameters with a progress notification and saves the pairs (the dashboard follows the desk's pairsChanged). */
export async function changePair(c: HostContext, pairId: string, change: (id: string) => Promise<unknown>, what: string): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Quant Pairs: ${what} for ${pairId}…` }, () => change(pairId));
  await persistPairs(c);
}
