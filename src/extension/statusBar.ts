// The status-bar item: the focused pair's z, a Markdown tooltip, warning / error background while an
// alert is active. It updates whether or not any view is open.
import * as vscode from 'vscode';
import type { PairView } from '../shared/model';
import { statusBarModel } from './viewModels';

export class PairStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private lastText = '';
  private lastBackground: string | undefined = '';

  constructor() {
    this.item = vscode.window.createStatusBarItem('quantPairs.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Quant Pairs';
    this.item.command = 'quantPairs.openDashboard';
    this.show(undefined);
    this.item.show();
  }

  show(pair: PairView | undefined): void {
    const model = statusBarModel(pair);
    this.item.command = pair ? 'quantPairs.openDashboard' : 'quantPairs.addPair';
    if (model.text !== this.lastText) this.item.text = model.text;
    this.lastText = model.text;
    const md = new vscode.MarkdownString(model.tooltip);
    md.supportThemeIcons = true;
    this.item.tooltip = md;
    if (model.background !== this.lastBackground) {
      this.item.backgroundColor = model.background ? new vscode.ThemeColor(model.background) : undefined;
      this.lastBackground = model.background;
    }
    this.item.accessibilityInformation = { label: model.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
  }

  dispose(): void {
    this.item.dispose();
  }
}
