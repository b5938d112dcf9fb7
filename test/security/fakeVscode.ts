// A minimal stand-in for the `vscode` module, enough to construct the dashboard panel in plain Node:
// it records the panel's HTML and options and hands the test the panel's message listener.
import Module from 'module';

export interface FakeWebviewPanel {
  html: string;
  options: Record<string, unknown>;
  posted: unknown[];
  /** The listener the panel registered with onDidReceiveMessage. */
  deliver(raw: unknown): void;
}

class FakeUri {
  constructor(readonly scheme: string, readonly path: string) {}
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
  static file(p: string): FakeUri {
    return new FakeUri('file', p);
  }
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri(base.scheme, [base.path.replace(/\/$/, ''), ...parts].join('/'));
  }
}

export const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
export const panels: FakeWebviewPanel[] = [];
const disposable = { dispose: () => undefined };

function createWebviewPanel(_viewType: string, _title: string, _column: unknown, options: Record<string, unknown>) {
  let listener: ((raw: unknown) => void) | undefined;
  const record: FakeWebviewPanel = {
    html: '',
    options,
    posted: [],
    deliver: (raw) => listener?.(raw),
  };
  const webview = {
    cspSource: CSP_SOURCE,
    options,
    get html() {
      return record.html;
    },
    set html(v: string) {
      record.html = v;
    },
    asWebviewUri: (uri: FakeUri) => new FakeUri('https', `file+.vscode-resource.vscode-cdn.net${uri.path}`),
    postMessage: (m: unknown) => {
      record.posted.push(m);
      return Promise.resolve(true);
    },
    onDidReceiveMessage: (l: (raw: unknown) => void) => {
      listener = l;
      return disposable;
    },
  };
  panels.push(record);
  return {
    webview,
    visible: true,
    title: '',
    iconPath: undefined,
    reveal: () => undefined,
    onDidChangeViewState: () => disposable,
    onDidDispose: () => disposable,
    dispose: () => undefined,
  };
}

/** What the fake window showed, and the workspace folder it reports (set by the test). */
export const ui = {
  errors: [] as string[],
  infos: [] as string[],
  saveDialogs: 0,
  workspaceFolder: undefined as FakeUri | undefined,
};

const fake = {
  Uri: FakeUri,
  ViewColumn: { Active: -1, One: 1 },
  ProgressLocation: { Notification: 15 },
  workspace: {
    get workspaceFolders() {
      return ui.workspaceFolder ? [{ uri: ui.workspaceFolder, name: 'ws', index: 0 }] : undefined;
    },
  },
  window: {
    createWebviewPanel,
    withProgress: (_options: unknown, task: (progress: unknown, token: unknown) => unknown) => Promise.resolve(task({ report: () => undefined }, { isCancellationRequested: false })),
    showErrorMessage: (message: string) => {
      ui.errors.push(message);
      return Promise.resolve(undefined);
    },
    showWarningMessage: (message: string) => {
      ui.errors.push(message);
      return Promise.resolve(undefined);
    },
    showInformationMessage: (message: string) => {
      ui.infos.push(message);
      return Promise.resolve(undefined);
    },
    showQuickPick: () => Promise.resolve(undefined),
    showSaveDialog: () => {
      ui.saveDialogs++;
      return Promise.resolve(undefined);
    },
    showTextDocument: () => Promise.resolve(undefined),
  },
};

/** Makes `require('vscode')` return the fake (call before importing extension code). */
export function installFakeVscode(): void {
  const anyModule = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
  const original = anyModule._resolveFilename;
  if ((original as { fake?: boolean }).fake) return;
  const patched = function (this: unknown, request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? 'vscode-fake' : original.call(this, request, ...rest);
  };
  (patched as { fake?: boolean }).fake = true;
  anyModule._resolveFilename = patched;
  const m = new Module('vscode-fake');
  m.exports = fake;
  m.loaded = true;
  require.cache['vscode-fake'] = m;
}

export { FakeUri };
