// The Pair Scanner panel: shows the last scan (table + heatmap), adds a row's pair to the desk with the
// scan's direction and interval, saves the results as CSV. One panel; it validates every message from its
// webview and comes back after Reload Window through its serializer (the last scan is kept in global storage).
import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import { errorMessage } from '../../shared/errorMessage';
import { MessageHandler, validateEnvelope } from '../../shared/protocol';
import { validateFromScanner, type FromScannerMessage, type ScannerView, type ToScannerMessage } from '../../shared/scannerProtocol';
import { saveWorkspaceCsv } from '../commands/exportCommand';
import type { HostContext } from '../hostContext';
import { scannerHtml } from './scannerHtml';

export const SCANNER_VIEW_TYPE = 'quantPairs.scanner';

/** A finished scan as the panel needs it: the view and the CSV text (with its parameters header). */
export interface StoredScan {
  view: ScannerView;
  csv: string;
  csvName: string;
}

const LAST_SCAN_FILE = 'last-scan.json';

export class ScannerPanel implements vscode.Disposable {
  private static current: ScannerPanel | undefined;
  /** The last scan of this window (also in global storage, for Reload Window). */
  private static last: StoredScan | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly messages: MessageHandler<ToScannerMessage, FromScannerMessage>;
  private ready = false;

  static get active(): ScannerPanel | undefined {
    return ScannerPanel.current;
  }

  /** Keeps a finished scan (memory and global storage) and shows it. */
  static async showScan(host: HostContext, scan: StoredScan): Promise<void> {
    ScannerPanel.last = scan;
    const storage = host.globalStorageUri;
    await fs
      .mkdir(storage.fsPath, { recursive: true })
      .then(() => fs.writeFile(vscode.Uri.joinPath(storage, LAST_SCAN_FILE).fsPath, JSON.stringify(scan)))
      .catch((err: unknown) => host.log.warn(`Pair Scanner: the scan was not kept for Reload Window: ${errorMessage(err)}`));
    if (ScannerPanel.current) {
      ScannerPanel.current.panel.reveal(undefined, false);
      ScannerPanel.current.send();
      return;
    }
    const panel = vscode.window.createWebviewPanel(SCANNER_VIEW_TYPE, 'Pair Scanner', vscode.ViewColumn.Active, ScannerPanel.options(host.extensionUri));
    ScannerPanel.current = new ScannerPanel(panel, host);
  }

  static async revive(panel: vscode.WebviewPanel, host: HostContext): Promise<void> {
    panel.webview.options = ScannerPanel.options(host.extensionUri);
    ScannerPanel.last ??= await readLastScan(host);
    ScannerPanel.current?.dispose();
    ScannerPanel.current = new ScannerPanel(panel, host);
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly host: HostContext,
  ) {
    const webview = panel.webview;
    const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, ...p)).toString();
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'activity.svg');
    webview.html = scannerHtml({ cspSource: webview.cspSource, scriptUri: uri('dist', 'scanner.js'), styleUri: uri('media', 'scanner.css') });
    this.messages = new MessageHandler<ToScannerMessage, FromScannerMessage>(
      (msg) => this.onMessage(msg),
      (envelope) => void webview.postMessage(envelope).then(undefined, (err: unknown) => host.log.warn(`Pair Scanner post failed: ${errorMessage(err)}`)),
    );
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const envelope = validateEnvelope(raw);
        if (!envelope.ok) return host.log.warn(`Pair Scanner message rejected: ${envelope.reason}`);
        const body = validateFromScanner(envelope.envelope.body);
        if (!body.ok) return host.log.warn(`Pair Scanner message rejected: ${body.reason}`);
        void this.messages.handleMessage({ ...envelope.envelope, body: body.message }).catch((err: unknown) => {
          host.log.error(`Pair Scanner: ${errorMessage(err)}`);
          void vscode.window.showErrorMessage(`Quant Pairs: ${errorMessage(err)}`);
        });
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private stateMessage(): ToScannerMessage {
    const last = ScannerPanel.last;
    return last ? { type: 'results', view: last.view } : { type: 'empty', message: 'No scan yet. Run "Quant Pairs: Scan for Pairs".' };
  }

  private send(): void {
    if (this.ready) this.messages.sendEvent(this.stateMessage());
  }

  private async onMessage(msg: FromScannerMessage): Promise<ToScannerMessage | undefined> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        return this.stateMessage();
      case 'rescan':
        await this.host.runCommand('quantPairs.scanPairs');
        return undefined;
      case 'saveCsv': {
        const last = ScannerPanel.last;
        if (!last) throw new Error('there is no scan to save; run "Quant Pairs: Scan for Pairs" first.');
        const saved = await saveWorkspaceCsv(this.host, last.csvName, last.csv);
        if (saved) this.host.log.info(`Saved ${last.view.rows.length} scanned pairs to ${saved}`);
        return undefined;
      }
      case 'addToDesk': {
        const last = ScannerPanel.last;
        const row = last?.view.rows.find((r) => r.y === msg.y && r.x === msg.x);
        if (!last || !row) throw new Error(`${msg.y} / ${msg.x} is not in the last scan.`);
        const id = `${row.y}/${row.x}`;
        if (this.host.desk.get(id)) {
          void vscode.window.showInformationMessage(`Quant Pairs: ${id} is already on the desk.`);
          return { type: 'added', pairId: id };
        }
        // The scan's hedge direction (y on x, the ordering with the smaller Engle-Granger p) and its interval.
        const added = await this.host.runCommand('quantPairs.addPair', row.y, row.x, last.view.interval);
        // Always a reply (the webview waits for one): the state again when the pair was not added.
        return typeof added === 'string' ? { type: 'added', pairId: added } : this.stateMessage();
      }
    }
  }

  dispose(): void {
    if (ScannerPanel.current === this) ScannerPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

async function readLastScan(host: HostContext): Promise<StoredScan | undefined> {
  try {
    const text = await fs.readFile(vscode.Uri.joinPath(host.globalStorageUri, LAST_SCAN_FILE).fsPath, 'utf8');
    const scan = JSON.parse(text) as StoredScan;
    return scan && typeof scan.csv === 'string' && Array.isArray(scan.view?.rows) ? scan : undefined;
  } catch {
    return undefined;
  }
}
