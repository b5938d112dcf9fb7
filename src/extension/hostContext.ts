// What the commands and the dashboard panel are given by activation: the desk, the stores, the log and the
// few callbacks into the views that extension.ts owns. One type for both (they needed the same fields).
import type * as vscode from 'vscode';
import type { Desk } from '../engine/desk/desk';
import type { AlertLogStore } from './alertLogStore';
import type { SettingsStore } from './settings';

export interface HostContext {
  extensionUri: vscode.Uri;
  /** The extension's global storage folder (the pair scanner's kline cache and last scan). */
  globalStorageUri: vscode.Uri;
  /** The workspace's state: the library of imported files and the pairs made of them (importLibraryState.ts). */
  workspaceState: vscode.Memento;
  desk: Desk;
  settings: SettingsStore;
  alertLog: AlertLogStore;
  log: vscode.LogOutputChannel;
  /** The pair the user last focused, as stored (it may have been removed since: see `currentPair`). */
  focusedPair(): string | undefined;
  setFocusedPair(pairId: string | undefined): void;
  /** Runs a palette command (the dashboard's buttons). */
  runCommand(command: string, ...args: unknown[]): Thenable<unknown>;
  setConnected(connected: boolean): void;
}

/** The focused pair when it is still on the desk, else the first pair, else undefined. */
export function currentPair(c: Pick<HostContext, 'desk' | 'focusedPair'>): string | undefined {
  const focused = c.focusedPair();
  return focused && c.desk.get(focused) ? focused : c.desk.list()[0]?.id;
}
