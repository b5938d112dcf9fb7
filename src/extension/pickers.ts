// Every picker the extension opens (QuickPick, input box, file dialog) goes through here, so that the tree views
// hold their refreshes while it is open: a tree refresh ending just after a picker opened takes focus back and
// the picker closes (pickerGuard.ts says how).
import * as vscode from 'vscode';
import { openPickers } from './pickerGuard';

type AnyShow = (...args: unknown[]) => Thenable<unknown>;

export const showQuickPick = ((...args: unknown[]) =>
  openPickers.during(() => (vscode.window.showQuickPick as AnyShow)(...args))) as typeof vscode.window.showQuickPick;

export const showInputBox: typeof vscode.window.showInputBox = (options, token) => openPickers.during(() => vscode.window.showInputBox(options, token));

export const showOpenDialog: typeof vscode.window.showOpenDialog = (options) => openPickers.during(() => vscode.window.showOpenDialog(options));

export const showSaveDialog: typeof vscode.window.showSaveDialog = (options) => openPickers.during(() => vscode.window.showSaveDialog(options));

/** vscode.window.createQuickPick, counted open from show() until it hides or is disposed. */
export function createQuickPick<T extends vscode.QuickPickItem>(): vscode.QuickPick<T> {
  const qp = vscode.window.createQuickPick<T>();
  let held: { dispose(): void } | undefined;
  const release = () => {
    held?.dispose();
    held = undefined;
  };
  const show = qp.show.bind(qp);
  const dispose = qp.dispose.bind(qp);
  qp.show = () => {
    held ??= openPickers.hold();
    show();
  };
  qp.dispose = () => {
    release();
    dispose();
  };
  qp.onDidHide(release);
  return qp;
}

/**
 * Options of each step of a multi-step wizard: it stays open when focus moves elsewhere (as in VS Code's own
 * multi-step input sample), so a look at the dashboard or the tree mid-wizard does not lose the answers so far.
 */
export const WIZARD_STEP = { ignoreFocusOut: true } as const;
