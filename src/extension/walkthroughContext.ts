// Context keys that complete the "Get started with Quant Pairs" walkthrough's steps (package.json
// contributes.walkthroughs, completionEvents `onContext:`): each is set when the user has done the step.
import * as vscode from 'vscode';

export const WALKTHROUGH_CONTEXT = {
  /** Set by the desk's pair events (extension.ts): a pair is on the desk. */
  hasPairs: 'quantPairs.hasPairs',
  hasAlertRules: 'quantPairs.hasAlertRules',
  csvSaved: 'quantPairs.csvSaved',
} as const;

export function setWalkthroughContext(key: (typeof WALKTHROUGH_CONTEXT)[keyof typeof WALKTHROUGH_CONTEXT], value: boolean): void {
  void vscode.commands.executeCommand('setContext', key, value);
}
