// The "Alerts" view: the rules (toggle / edit / remove) and the most recent firings.
import * as vscode from 'vscode';
import type { AlertFiring } from '../engine/alerts/alertEngine';
import type { AlertRule } from '../engine/alerts/alertRule';
import { openPickers } from './pickerGuard';
import { toTreeItem } from './treeItems';
import { firingRow, ruleRow, type RowModel } from './viewModels';

type Node = { kind: 'section'; section: 'rules' | 'log' } | { kind: 'rule'; ruleId: string; row: RowModel } | { kind: 'firing'; row: RowModel };

const LOG_ROWS = 50;

export class AlertsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Held while a picker is open: a refresh then could take focus from it (pickerGuard.ts). */
  private readonly refresh = openPickers.deferWhileOpen<void>(() => this.changed.fire());
  private rules: AlertRule[] = [];
  private log: readonly AlertFiring[] = [];
  private readonly sections: Node[] = [
    { kind: 'section', section: 'rules' },
    { kind: 'section', section: 'log' },
  ];

  set(rules: AlertRule[], log: readonly AlertFiring[]): void {
    this.rules = rules;
    this.log = log;
    this.refresh();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    await openPickers.whenClosed(); // a refresh already under way is answered once the picker has closed
    if (!node) return this.sections;
    if (node.kind !== 'section') return [];
    if (node.section === 'rules') return this.rules.map((r) => ({ kind: 'rule', ruleId: r.id, row: ruleRow(r) }));
    const recent = this.log.slice(-LOG_ROWS).reverse();
    return recent.map((f, i) => ({ kind: 'firing', row: firingRow(f, i) }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'section') {
      const rules = node.section === 'rules';
      const item = new vscode.TreeItem(rules ? 'Rules' : 'Alert Log', vscode.TreeItemCollapsibleState.Expanded);
      item.id = `section:${node.section}`;
      item.description = rules ? `${this.rules.length}` : `${this.log.length} firings`;
      item.contextValue = rules ? 'alertSection.rules' : 'alertSection.log';
      item.iconPath = new vscode.ThemeIcon(rules ? 'bell' : 'history');
      return item;
    }
    return toTreeItem(node.row, vscode.TreeItemCollapsibleState.None);
  }

  dispose(): void {
    this.refresh.dispose();
    this.changed.dispose();
  }
}

export function ruleIdOfNode(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { ruleId?: unknown }).ruleId === 'string') return (arg as { ruleId: string }).ruleId;
  return undefined;
}
