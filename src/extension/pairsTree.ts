// The "Pairs" view: one row per pair (z, β, status icon), child rows with its statistics.
import * as vscode from 'vscode';
import type { PairView } from '../shared/model';
import { openPickers } from './pickerGuard';
import { RowRefreshPacer, TREE_ROW_REFRESH_MS } from './rowRefreshPacer';
import { toTreeItem } from './treeItems';
import { pairRow, type PairRowModel, type RowModel } from './viewModels';

type Node = { kind: 'pair'; pairId: string } | { kind: 'detail'; pairId: string; row: RowModel };

export class PairsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Held while a picker is open: a refresh then could take focus from it (pickerGuard.ts). */
  private readonly refresh = openPickers.deferWhileOpen<Node>((node) => this.changed.fire(node));
  /** Each pair's row at most once a second, with its newest state (rowRefreshPacer.ts says why). */
  private readonly rowPacer = new RowRefreshPacer<string>(TREE_ROW_REFRESH_MS, (id) => this.models.has(id) && this.refresh(this.nodeFor(id)));
  private models = new Map<string, PairRowModel>();
  private readonly pairNodes = new Map<string, Node>();

  constructor(private readonly focusedPair: () => string | undefined) {}

  /** Replaces every pair (after add / remove). */
  setPairs(pairs: PairView[]): void {
    this.models = new Map(pairs.map((p) => [p.id, pairRow(p)]));
    for (const id of [...this.pairNodes.keys()]) if (!this.models.has(id)) this.pairNodes.delete(id);
    this.rowPacer.dispose(); // the whole tree refreshes now
    this.refresh(undefined);
  }

  /** Refreshes one pair's row and children when what they show changed (paced: rowPacer). */
  updatePair(pair: PairView): void {
    const before = this.models.get(pair.id);
    if (!before) return; // not listed yet: the next pairsChanged adds it
    const row = pairRow(pair);
    this.models.set(pair.id, row);
    // A quiet pair (candles, a silent leg) publishes the same text again: nothing to redraw.
    if (JSON.stringify(row) !== JSON.stringify(before)) this.rowPacer.request(pair.id);
  }

  private nodeFor(pairId: string): Node {
    let node = this.pairNodes.get(pairId);
    if (!node) {
      node = { kind: 'pair', pairId };
      this.pairNodes.set(pairId, node);
    }
    return node;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    await openPickers.whenClosed(); // a refresh already under way is answered once the picker has closed
    if (!node) return [...this.models.keys()].map((id) => this.nodeFor(id));
    if (node.kind === 'pair') return (this.models.get(node.pairId)?.children ?? []).map((row) => ({ kind: 'detail', pairId: node.pairId, row }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'detail') return toTreeItem(node.row, vscode.TreeItemCollapsibleState.None);
    const model = this.models.get(node.pairId);
    if (!model) return new vscode.TreeItem(node.pairId);
    const item = toTreeItem(model, vscode.TreeItemCollapsibleState.Collapsed);
    if (this.focusedPair() === node.pairId) item.description = `${model.description ?? ''}  ◉`;
    item.command = { command: 'quantPairs.focusPair', title: 'Focus Pair', arguments: [node.pairId] };
    return item;
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'detail' ? this.nodeFor(node.pairId) : undefined;
  }

  dispose(): void {
    this.rowPacer.dispose();
    this.refresh.dispose();
    this.changed.dispose();
  }
}

/** What tree commands receive as their argument: the node, from which the pair id is read. */
export function pairIdOfNode(arg: unknown): string | undefined {
  if (typeof arg === 'object' && arg !== null && typeof (arg as { pairId?: unknown }).pairId === 'string') return (arg as { pairId: string }).pairId;
  return undefined;
}
