// Activation: builds the desk from settings, the two tree views, the status bar, the dashboard serializer
// and the commands; restores persisted pairs and connects. Thin glue: the engine does the work.
import * as vscode from 'vscode';
import { Desk, type DeskEvent } from '../engine/desk/desk';
import { createDeskEngine } from '../engine/desk/productionPorts';
import type { AlertFiring } from '../engine/alerts/alertEngine';
import { AlertLogStore } from './alertLogStore';
import { AlertsTreeProvider } from './alertsTree';
import { AlertLogDocuments } from './commands/alertLogCommand';
import { registerCommands } from './commands/registerCommands';
import { DASHBOARD_VIEW_TYPE, DashboardPanel } from './dashboard/dashboardPanel';
import { SCANNER_VIEW_TYPE, ScannerPanel } from './scanner/scannerPanel';
import { currentPair, type HostContext } from './hostContext';
import { PairsTreeProvider } from './pairsTree';
import { SettingsStore } from './settings';
import type { Settings } from './settingsModel';
import { PairStatusBar } from './statusBar';
import { setWalkthroughContext, WALKTHROUGH_CONTEXT } from './walkthroughContext';
import { restoreImportLibrary } from './importLibraryState';
import { errorMessage } from '../shared/errorMessage';
import type { PairView } from '../shared/model';

const FOCUS_KEY = 'quantPairs.focusedPair';
const FIRST_SCREEN_KEY = 'quantPairs.firstScreenShown';

export interface QuantPairsApi {
  desk: Desk;
  /** Trade time of the newest update the dashboard reported drawn (latency benchmark). */
  dashboardDrawnTradeTime(): number | undefined;
}

let deskForDeactivate: Desk | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<QuantPairsApi> {
  const log = vscode.window.createOutputChannel('Quant Pairs', { log: true });
  context.subscriptions.push(log);
  const settings = new SettingsStore(log);
  context.subscriptions.push(settings);
  const s = settings.value;
  const desk = new Desk(createDeskEngine({ historyBars: s.historyBars, log: (m) => log.debug(m) }), {
    wsBaseUrl: s.wsBaseUrl,
    restBaseUrl: s.restBaseUrl,
    stream: s.stream,
    historyBars: s.historyBars,
    updateMs: s.dashboardUpdateMs,
    // Feed, parsing, tick store and bar series on the ingest worker's thread: this one gets bars and previews.
    ingestion: 'worker',
    liveLabel: s.dataSourceLabel || undefined,
    symbolLabels: s.dataSourceLabels,
    network: settings.network,
  });
  deskForDeactivate = desk;
  desk.setRules(s.alertRules);
  const alertLog = new AlertLogStore(context.globalState);
  context.subscriptions.push(alertLog);

  let focused = context.globalState.get<string>(FOCUS_KEY);
  const pairsTree = new PairsTreeProvider(() => focused);
  const alertsTree = new AlertsTreeProvider();
  const statusBar = new PairStatusBar();
  const pairsView = vscode.window.createTreeView('quantPairs.pairs', { treeDataProvider: pairsTree, showCollapseAll: true });
  const alertsView = vscode.window.createTreeView('quantPairs.alerts', { treeDataProvider: alertsTree });
  context.subscriptions.push(pairsTree, alertsTree, statusBar, pairsView, alertsView);

  // The alerts view follows the rules (settings) and the log; a timed mute ends by itself: the view is shown again when the next one ends.
  let muteEndTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push({ dispose: () => clearTimeout(muteEndTimer) });
  const alertLogDocuments = new AlertLogDocuments(() => alertLog.all);
  context.subscriptions.push(alertLogDocuments);
  const showAlerts = () => {
    alertsTree.set(settings.value.alertRules, alertLog.all);
    alertLogDocuments.changed();
    clearTimeout(muteEndTimer);
    const now = Date.now();
    const nextEnd = Math.min(...settings.value.alertRules.map((r) => r.mutedUntil ?? Infinity).filter((t) => t > now));
    if (Number.isFinite(nextEnd)) muteEndTimer = setTimeout(showAlerts, Math.min(nextEnd - now + 50, 2 ** 31 - 1));
    setWalkthroughContext(WALKTHROUGH_CONTEXT.hasAlertRules, settings.value.alertRules.length > 0);
    const firing = alertLog.all.length;
    alertsView.badge = undefined;
    alertsView.description = firing ? `${firing} firings` : undefined;
  };
  context.subscriptions.push(alertLog.onDidChange(showAlerts));
  const setFocusedPair = (id: string | undefined) => {
    focused = id;
    void context.globalState.update(FOCUS_KEY, id);
    statusBar.show(id ? desk.get(id) : desk.list()[0]);
    pairsTree.setPairs(desk.list());
  };
  const setConnected = (connected: boolean) => void vscode.commands.executeCommand('setContext', 'quantPairs.connected', connected);

  const host: HostContext = {
    extensionUri: context.extensionUri,
    globalStorageUri: context.globalStorageUri,
    workspaceState: context.workspaceState,
    desk,
    settings,
    alertLog,
    log,
    focusedPair: () => focused,
    setFocusedPair,
    runCommand: (command, ...args) => vscode.commands.executeCommand(command, ...args),
    setConnected,
  };
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const pairId = typeof state === 'object' && state !== null && typeof (state as { pairId?: unknown }).pairId === 'string' ? (state as { pairId: string }).pairId : undefined;
        DashboardPanel.revive(panel, context.extensionUri, host, pairId);
      },
    }),
    { dispose: () => DashboardPanel.active?.dispose() },
    vscode.window.registerWebviewPanelSerializer(SCANNER_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        await ScannerPanel.revive(panel, host);
      },
    }),
    { dispose: () => ScannerPanel.active?.dispose() },
  );

  context.subscriptions.push(...registerCommands(host));

  const notified = new Set<string>();
  const onFiring = (firing: AlertFiring) => {
    alertLog.add(firing);
    // One notification per firing (the engine already applies hysteresis and cooldown).
    const key = `${firing.ruleId}@${firing.pairId}@${firing.time}`;
    if (notified.has(key)) return;
    if (notified.size > 1000) notified.clear();
    notified.add(key);
    const show = firing.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    void show(`Quant Pairs alert: ${firing.pairId} ${firing.message}`, 'Open Dashboard', 'Mute…').then((choice) => {
      if (choice === 'Open Dashboard') void vscode.commands.executeCommand('quantPairs.openDashboard', firing.pairId);
      if (choice === 'Mute…') void vscode.commands.executeCommand('quantPairs.muteAlerts', firing.ruleId);
    });
  };

  context.subscriptions.push(
    desk.onEvent((e: DeskEvent) => {
      switch (e.kind) {
        case 'pairUpdated':
          pairsTree.updatePair(e.pair);
          if (e.pair.id === currentPair(host)) statusBar.show(e.pair);
          break;
        case 'pairsChanged':
          pairsTree.setPairs(e.pairs);
          statusBar.show(e.pairs.find((p) => p.id === currentPair(host)) ?? e.pairs[0]);
          setWalkthroughContext(WALKTHROUGH_CONTEXT.hasPairs, e.pairs.length > 0);
          break;
        case 'alertFired':
          onFiring(e.firing);
          break;
        case 'feedState':
          setConnected(desk.connected);
          break;
        case 'log':
          log[e.level](e.message);
          break;
        case 'barClosed':
          break;
      }
    }),
  );

  // The desk is disposed once, in deactivate(), which VS Code awaits (sockets closed before the host exits).
  context.subscriptions.push(settings.onDidChange(({ before, after }) => void applySettings(before, after)));

  async function applySettings(before: Settings, after: Settings): Promise<void> {
    desk.setRules(after.alertRules);
    showAlerts();
    await desk.reconfigure({ wsBaseUrl: after.wsBaseUrl, restBaseUrl: after.restBaseUrl, stream: after.stream, updateMs: after.dashboardUpdateMs, historyBars: after.historyBars, liveLabel: after.dataSourceLabel || undefined, symbolLabels: after.dataSourceLabels, network: settings.network });
    // Pairs edited in settings.json: diff the old and new setting (not the desk, so a pair still warming
    // up and not yet saved is never dropped): add new ones, drop removed ones, re-fit changed ones.
    const key = (p: { y: string; x: string }) => `${p.y}/${p.x}`;
    const beforeById = new Map(before.pairs.map((p) => [key(p), p]));
    const afterById = new Map(after.pairs.map((p) => [key(p), p]));
    for (const id of beforeById.keys()) if (!afterById.has(id) && desk.get(id)?.source === 'live') desk.removePair(id);
    for (const [id, cfg] of afterById) {
      const old = beforeById.get(id);
      const have = desk.get(id);
      if (!have) {
        if (!old) void desk.restorePair(cfg);
      } else void applyPairSettings(id, have.config, cfg);
    }
  }

  /** A pair's parameters from settings (its own entry, or the defaults it follows), each change in turn; the dashboard follows the desk's events. */
  async function applyPairSettings(id: string, have: Settings['pairs'][number], want: Settings['pairs'][number]): Promise<void> {
    try {
      if (have.timeframe !== want.timeframe) await desk.setTimeframe(id, want.timeframe);
      if (have.window !== want.window) await desk.setWindow(id, want.window);
      if (have.hedge !== want.hedge) await desk.setHedge(id, want.hedge);
    } catch (err) {
      log.error(`Settings change for ${id} not applied: ${errorMessage(err)}`);
    }
  }

  showAlerts();
  pairsTree.setPairs([]);
  statusBar.show(undefined);
  setConnected(false);
  log.info(`Quant Pairs activated: ${s.pairs.length} pair(s), feed ${s.wsBaseUrl} (${s.stream}), REST ${s.restBaseUrl}`);

  // Restore pairs in the background: activation never waits on the network.
  if (s.autoConnect && s.pairs.length > 0) {
    desk.connect();
    setConnected(true);
  }
  // The imported files are read again in the background too; a file that is gone is named in a warning.
  void restoreImportLibrary(host).catch((err) => log.error(`Imported library not restored: ${errorMessage(err)}`));
  if (s.pairs.length > 0) {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Quant Pairs: warm start' }, async () => {
      const restoring = s.pairs.map((p) => desk.restorePair(p));
      void restoring[0].then(openFirstScreen, () => undefined);
      await Promise.all(restoring);
      statusBar.show(desk.get(currentPair(host) ?? '') ?? desk.list()[0]);
    });
  }

  /** quantPairs.openDashboardOnStartup: the view and the first pair's dashboard, once per workspace (later starts restore what was open). */
  async function openFirstScreen(first: PairView): Promise<void> {
    if (!s.openDashboardOnStartup || context.workspaceState.get<boolean>(FIRST_SCREEN_KEY)) return;
    await context.workspaceState.update(FIRST_SCREEN_KEY, true);
    await vscode.commands.executeCommand('workbench.view.extension.quantPairs');
    if (!DashboardPanel.active) await vscode.commands.executeCommand('quantPairs.openDashboard', first.id);
  }

  return { desk, dashboardDrawnTradeTime: () => DashboardPanel.active?.drawnTradeTime };
}

export async function deactivate(): Promise<void> {
  await deskForDeactivate?.dispose();
  deskForDeactivate = undefined;
}
