// The alert log, kept in globalState so it survives reloads and restarts (bounded). Views that show it
// (the alerts tree, the read-only log document, the dashboard) follow onDidChange.
import * as vscode from 'vscode';
import type { AlertFiring } from '../engine/alerts/alertEngine';

const KEY = 'quantPairs.alertLog';
const MAX_ENTRIES = 1000;

export class AlertLogStore implements vscode.Disposable {
  private entries: AlertFiring[];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {
    const saved = memento.get<unknown>(KEY);
    // Entries logged by earlier versions have no metric: they are kept, labelled as z (the only metric offered then).
    this.entries = Array.isArray(saved) ? saved.filter(isFiring).map((f) => ({ ...f, metric: f.metric ?? 'z' })) : [];
  }

  get all(): readonly AlertFiring[] {
    return this.entries;
  }

  add(firing: AlertFiring): void {
    this.entries.push(firing);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    void this.memento.update(KEY, this.entries);
    this.changed.fire();
  }

  clear(): void {
    this.entries = [];
    void this.memento.update(KEY, this.entries);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function isFiring(v: unknown): v is AlertFiring {
  const f = v as AlertFiring;
  return typeof f === 'object' && f !== null && typeof f.ruleId === 'string' && typeof f.pairId === 'string' && typeof f.time === 'number' && typeof f.message === 'string';
}
