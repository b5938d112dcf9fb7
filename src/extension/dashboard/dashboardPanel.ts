// One dashboard panel with a pair selector (one panel keeps a single set of charts alive and follows the
// focused pair; switching pairs re-initialises the charts). It subscribes to the desk's throttled updates,
// validates every message from the webview, and survives reloads through a WebviewPanelSerializer.
import * as vscode from 'vscode';
import type { Desk, DeskEvent } from '../../engine/desk/desk';
import type { BacktestView, PairBarRow } from '../../shared/model';
import {
  MessageHandler,
  validateEnvelope,
  validateFromWebview,
  type FromWebviewMessage,
  type HostMessageHandler,
  type ToWebviewMessage,
} from '../../shared/protocol';
import { errorMessage } from '../../shared/errorMessage';
import type { HostContext } from '../hostContext';
import { dashboardHtml } from './dashboardHtml';

export const DASHBOARD_VIEW_TYPE = 'quantPairs.dashboard';

export class DashboardPanel implements vscode.Disposable {
  private static current: DashboardPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly messages: HostMessageHandler;
  private pairId: string | undefined;
  private ready = false;
  /** Rows closed while the panel was hidden: sent on show, so the charts catch up without a rebuild. */
  private backlog: PairBarRow[] = [];
  private lastDrawnTradeTime: number | undefined;
  /** The pair and parameters of the last full state sent (undefined after "no pair"): a desk change that differs re-sends it. */
  private shown: { pairId: string; config: string } | undefined;
  /** The pair the panel was asked for (its saved state, or a selection), kept while the desk restores its pairs. */
  private wantedPairId: string | undefined;
  /** Backtest results per pair, kept while the pair is on the desk (a hidden webview is rebuilt when shown again). */
  private static readonly backtests = new Map<string, BacktestView>();

  /** The pair's last backtest result, while the pair is on the desk (Save Backtest as CSV reads it). */
  static backtestOf(pairId: string): BacktestView | undefined {
    return DashboardPanel.backtests.get(pairId);
  }

  static show(extensionUri: vscode.Uri, host: HostContext, pairId: string | undefined): DashboardPanel {
    if (DashboardPanel.current) {
      DashboardPanel.current.panel.reveal(undefined, false);
      if (pairId && pairId !== DashboardPanel.current.pairId) DashboardPanel.current.selectPair(pairId);
      return DashboardPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'Quant Pairs Dashboard', vscode.ViewColumn.Active, DashboardPanel.options(extensionUri));
    DashboardPanel.current = new DashboardPanel(panel, extensionUri, host, pairId);
    return DashboardPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, host: HostContext, pairId: string | undefined): void {
    panel.webview.options = DashboardPanel.options(extensionUri);
    DashboardPanel.current?.dispose();
    DashboardPanel.current = new DashboardPanel(panel, extensionUri, host, pairId);
  }

  static get active(): DashboardPanel | undefined {
    return DashboardPanel.current;
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly host: HostContext,
    pairId: string | undefined,
  ) {
    this.wantedPairId = pairId ?? host.focusedPair();
    this.pairId = this.wantedPairId ?? host.desk.list()[0]?.id;
    const webview = panel.webview;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity.svg');
    webview.html = dashboardHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dashboard.css')).toString(),
      title: this.title(),
    });
    panel.title = this.title();
    this.messages = new MessageHandler<ToWebviewMessage, FromWebviewMessage>(
      (msg) => this.onMessage(msg),
      (envelope) => void webview.postMessage(envelope).then(undefined, (err: unknown) => host.log.warn(`Dashboard post failed: ${errorMessage(err)}`)),
    );
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const envelope = validateEnvelope(raw);
        if (!envelope.ok) return host.log.warn(`Dashboard message rejected: ${envelope.reason}`);
        const body = validateFromWebview(envelope.envelope.body);
        if (!body.ok) return host.log.warn(`Dashboard message rejected: ${body.reason}`);
        void this.messages.handleMessage({ ...envelope.envelope, body: body.message }).catch((err: unknown) => host.log.error(`Dashboard: ${errorMessage(err)}`));
      }),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.ready) this.flushBacklog();
      }),
      panel.onDidDispose(() => this.dispose()),
      host.desk.onEvent((e) => this.onDeskEvent(e)),
      host.alertLog.onDidChange(() => this.sendRules()),
      host.settings.onDidChange(({ before, after }) => {
        if (JSON.stringify(before.alertRules) !== JSON.stringify(after.alertRules)) this.sendRules();
        // What the charts are drawn with (bands, points per series, the backtest's z levels): drawn again.
        if (before.bandK !== after.bandK || before.dashboardMaxPoints !== after.dashboardMaxPoints || before.zEntry !== after.zEntry || before.zExit !== after.zExit) this.refresh();
      }),
    );
  }

  private title(): string {
    return this.pairId ? `Quant Pairs: ${this.pairId.replace('/', ' / ')}` : 'Quant Pairs Dashboard';
  }

  get shownPair(): string | undefined {
    return this.pairId;
  }

  /** Trade time of the newest update the webview reported drawn (latency benchmark). */
  get drawnTradeTime(): number | undefined {
    return this.lastDrawnTradeTime;
  }

  selectPair(pairId: string): void {
    this.pairId = pairId;
    this.wantedPairId = pairId;
    this.panel.title = this.title();
    this.backlog = [];
    if (this.ready) this.messages.sendEvent(this.initMessage());
  }

  private initMessage(): ToWebviewMessage {
    const pair = this.pairId ? this.host.desk.get(this.pairId) : undefined;
    const pairIds = this.host.desk.list().map((p) => p.id);
    if (!pair) {
      this.shown = undefined;
      return { type: 'noPair', message: 'No pair on the desk. Run "Quant Pairs: Add Pair" to add one.', pairIds };
    }
    const s = this.host.settings.value;
    this.shown = { pairId: pair.id, config: JSON.stringify(pair.config) };
    return {
      type: 'init',
      pair,
      pairIds,
      bars: this.host.desk.rows(pair.id),
      rules: s.alertRules,
      alerts: this.host.alertLog.all.filter((f) => f.pairId === pair.id).slice(-200),
      backtest: DashboardPanel.backtests.get(pair.id),
      bandK: s.bandK,
      maxPointsPerSeries: s.dashboardMaxPoints,
      // What Run Backtest would use, so the z chart shows its levels before (and without) a run.
      zLevels: { entry: s.zEntry, exit: s.zExit },
    };
  }

  private async onMessage(msg: FromWebviewMessage): Promise<ToWebviewMessage | undefined> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (msg.pairId && this.host.desk.get(msg.pairId) && !this.pairId) this.pairId = msg.pairId;
        if (msg.pairId && this.host.desk.get(msg.pairId) && this.pairId !== msg.pairId && this.host.focusedPair() === undefined) this.pairId = msg.pairId;
        this.panel.title = this.title();
        this.backlog = [];
        return this.initMessage();
      case 'selectPair':
        if (!this.host.desk.get(msg.pairId)) return { type: 'noPair', message: `${msg.pairId} is not on the desk.`, pairIds: this.host.desk.list().map((p) => p.id) };
        this.host.setFocusedPair(msg.pairId);
        this.selectPair(msg.pairId);
        return undefined;
      case 'command': {
        if (!this.pairId) return undefined;
        const id = this.pairId;
        const commandId = {
          runTests: 'quantPairs.runTests',
          saveCsv: 'quantPairs.saveCsv',
          runBacktest: 'quantPairs.runBacktest',
          addAlertRule: 'quantPairs.addAlertRule',
          saveBacktestCsv: 'quantPairs.saveBacktestCsv',
        }[msg.command];
        await this.host.runCommand(commandId, id);
        return undefined;
      }
      case 'runBacktest': {
        // The form's parameters as the command's second argument: the command owns defaults, ranges and errors.
        if (!this.pairId) return undefined;
        await this.host.runCommand('quantPairs.runBacktest', this.pairId, msg.params);
        return undefined;
      }
      case 'setTimeframe':
      case 'setWindow':
      case 'setHedge': {
        if (!this.pairId) return undefined;
        const arg = msg.type === 'setTimeframe' ? msg.timeframe : msg.type === 'setWindow' ? msg.window : msg.hedge;
        const commandId = { setTimeframe: 'quantPairs.changeTimeframe', setWindow: 'quantPairs.setWindow', setHedge: 'quantPairs.setRegression' }[msg.type];
        await this.host.runCommand(commandId, this.pairId, arg);
        return undefined;
      }
      case 'drawn':
        this.lastDrawnTradeTime = msg.lastTradeTime;
        return undefined;
    }
  }

  /** Desk events: throttled pair updates carry the rows closed since the last one. */
  private onDeskEvent(e: DeskEvent): void {
    if (e.kind === 'pairsChanged') {
      for (const id of DashboardPanel.backtests.keys()) if (!e.pairs.some((p) => p.id === id)) DashboardPanel.backtests.delete(id);
      // The wanted pair (e.g. the one shown before Reload Window, restored after the panel) wins once it is on the desk.
      const on = (id: string | undefined) => id !== undefined && e.pairs.some((p) => p.id === id);
      const next = on(this.wantedPairId) ? this.wantedPairId : on(this.pairId) ? this.pairId : e.pairs[0]?.id;
      if (next !== this.pairId) {
        this.pairId = next;
        this.panel.title = this.title();
      }
      if (!this.ready) return;
      const pair = next ? e.pairs.find((p) => p.id === next) : undefined;
      // A pair that arrived after "no pair", another pair, or new parameters (a command, the Settings UI): the full state again.
      if (!pair ? this.shown !== undefined : this.shown?.pairId !== pair.id || this.shown.config !== JSON.stringify(pair.config)) {
        this.backlog = [];
        this.messages.sendEvent(this.initMessage());
      }
      return;
    }
    if (!this.ready) return;
    if (e.kind === 'barClosed' && e.pairId === this.pairId) {
      this.backlog.push(e.row);
      if (this.backlog.length > 20_000) this.backlog.splice(0, this.backlog.length - 20_000);
      return;
    }
    if (e.kind !== 'pairUpdated' || e.pair.id !== this.pairId) return;
    // A hidden webview queues nothing: its charts catch up with the backlog when it shows again.
    if (!this.panel.visible) return;
    const rows = this.backlog;
    this.backlog = [];
    this.messages.sendEvent({ type: 'update', pair: e.pair, newBars: rows, lastTradeTime: e.pair.lastTradeTime, sentAt: Date.now() });
  }

  private flushBacklog(): void {
    if (!this.pairId) return;
    const pair = this.host.desk.get(this.pairId);
    if (!pair) return;
    const rows = this.backlog;
    this.backlog = [];
    this.messages.sendEvent({ type: 'update', pair, newBars: rows, lastTradeTime: pair.lastTradeTime, sentAt: Date.now() });
  }

  /** Rules or the alert log changed. */
  private sendRules(): void {
    if (!this.ready || !this.pairId) return;
    const id = this.pairId;
    this.messages.sendEvent({ type: 'rules', rules: this.host.settings.value.alertRules, alerts: this.host.alertLog.all.filter((f) => f.pairId === id).slice(-200) });
  }

  sendBacktest(pairId: string, backtest: BacktestView): void {
    if (this.host.desk.get(pairId)) DashboardPanel.backtests.set(pairId, backtest);
    if (this.ready && pairId === this.pairId) this.messages.sendEvent({ type: 'backtest', backtest });
  }

  /** Re-sends the full state (settings the charts are drawn with changed). */
  private refresh(): void {
    if (this.ready) {
      this.backlog = [];
      this.messages.sendEvent(this.initMessage());
    }
  }

  dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
