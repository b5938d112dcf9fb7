// Dashboard webview entry (bundled to dist/webview.js). Opens with a `ready` request; the host answers
// with the full state; then it receives throttled updates and appends. Everything it posts goes through
// the shared protocol's MessageHandler; state survives hiding and reloads through setState.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { HEDGE_METHODS, TIMEFRAMES, WINDOW_MAX, WINDOW_MIN, type Timeframe } from '../src/shared/constants';
import { errorMessage } from '../src/shared/errorMessage';
import { formatPrice } from '../src/shared/format';
import type { BacktestView, PairBarRow, PairView } from '../src/shared/model';
import { MessageHandler, type Envelope, type FromWebviewMessage, type InitMessage, type ToWebviewMessage, type WebviewCommand } from '../src/shared/protocol';
import { DashboardCharts } from './charts';
import { historyText, silenceText, sourceName } from '../src/shared/dataSource';
import { BacktestPanel } from './backtestPanel';
import { RollingPChart } from './rollingPChart';
import { renderBarTable, renderStats } from './tables';
import { onThemeChange, readTheme } from './theme';
import { UpdateCoalescer, type CoalescedUpdate } from './updateCoalescer';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  pairId?: string;
}

const vscode = acquireVsCodeApi();
const root = document.getElementById('qp-root')!;
const statusEl = document.getElementById('qp-status')!;
const titleEl = document.getElementById('qp-title')!;
const summaryEl = document.getElementById('qp-summary')!;
const statsEl = document.getElementById('qp-stats')!;
const barsEl = document.getElementById('qp-bars')!;
const controlsEl = document.getElementById('qp-controls')!;

const charts = new DashboardCharts(readTheme(), 2000);
let pair: PairView | undefined;
/** Rows kept for the per-bar table (bounded: the charts hold their own bounded copies). */
let rows: PairBarRow[] = [];
let backtest: BacktestView | undefined;
let tableDirty = false;
/** When the tables were last rebuilt: they follow new bars at most once per TABLE_MIN_INTERVAL_MS. */
let tableDrawnAt = -Infinity;
const TABLE_MIN_INTERVAL_MS = 1000;
let tableTimer: ReturnType<typeof setTimeout> | undefined;
/** Live updates received since the last frame, applied once per animation frame (newest state, every bar). */
const live = new UpdateCoalescer();
let liveFrame = 0;

const handler = new MessageHandler<FromWebviewMessage, ToWebviewMessage>(
  (msg) => {
    onMessage(msg);
    return undefined;
  },
  (envelope) => vscode.postMessage(envelope),
);
/** Parameters, summary and trades of the backtest, under the equity curve; its form runs the backtest on the host. */
const backtestPanel = new BacktestPanel(
  (params) => handler.sendEvent({ type: 'runBacktest', params }),
  () => handler.sendEvent({ type: 'command', command: 'saveBacktestCsv' }),
);
/** The rolling Engle-Granger p of the last Run Tests, above the statistics (redrawn only for a new run). */
const rollingChart = new RollingPChart();

/** Shown on the root element so a failure in drawing is visible to users and tests, never silent. */
function reportError(err: unknown): void {
  root.dataset.lastError = errorMessage(err);
}
window.addEventListener('error', (e) => reportError(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => reportError(e.reason));

window.addEventListener('message', (event: MessageEvent) => {
  // Messages come only from our extension host; the envelope shape is still checked before use.
  const data = event.data as Envelope<ToWebviewMessage>;
  if (typeof data !== 'object' || data === null || typeof data.messageId !== 'number' || typeof data.body !== 'object') return;
  void handler.handleMessage(data);
});

function onMessage(msg: ToWebviewMessage): void {
  try {
    handle(msg);
  } catch (err) {
    reportError(err);
  }
}

function handle(msg: ToWebviewMessage): void {
  switch (msg.type) {
    case 'init':
      void init(msg);
      break;
    case 'update':
      if (!pair || msg.pair.id !== pair.id) return;
      // Never drawn per message: merged, then applied on the next animation frame.
      live.push(msg);
      if (!liveFrame) liveFrame = requestAnimationFrame(applyLive);
      break;
    case 'rules':
      charts.setRules(msg.rules);
      break;
    case 'backtest':
      backtest = msg.backtest;
      if (pair) renderStats(statsEl, pair, backtest);
      charts.setBacktest(msg.backtest);
      backtestPanel.showResult(msg.backtest);
      break;
    case 'noPair':
      live.clear();
      pair = undefined;
      charts.destroy();
      renderPairSelect(msg.pairIds, undefined);
      root.dataset.qpState = 'empty';
      statusEl.dataset.status = 'empty';
      statusEl.textContent = 'no pair';
      titleEl.textContent = 'Quant Pairs';
      summaryEl.textContent = msg.message;
      statsEl.replaceChildren();
      barsEl.replaceChildren();
      backtestPanel.clear();
      rollingChart.clear();
      break;
  }
}

/** One animation frame: the newest z and prices as text now; bars to the charts and tables, which pace themselves. */
function applyLive(): void {
  liveFrame = 0;
  const update: CoalescedUpdate | undefined = live.take();
  if (!update || !pair || update.pair.id !== pair.id) return;
  try {
    // Test results (Run tests) change the statistics table even without a new bar.
    if (JSON.stringify(update.pair.tests) !== JSON.stringify(pair.tests)) tableDirty = true;
    pair = update.pair;
    if (update.newBars.length) {
      for (const r of update.newBars) rows.push(r);
      if (rows.length > 5500) rows.splice(0, rows.length - 5000);
      charts.appendRows(update.newBars);
      tableDirty = true;
    }
    renderPair(update.lastTradeTime, update.sentAt);
    void rollingChart.show(pair.id, pair.tests).catch(reportError);
  } catch (err) {
    reportError(err);
  }
}

async function init(msg: InitMessage): Promise<void> {
  live.clear();
  summaryEl.replaceChildren();
  metricValues.clear();
  pair = msg.pair;
  rows = msg.bars.slice(-5000);
  backtest = msg.backtest;
  vscode.setState({ pairId: pair.id } satisfies SavedState);
  root.dataset.pair = pair.id;
  titleEl.textContent = `${pair.config.y} / ${pair.config.x}`;
  renderControls(msg.pairIds);
  await charts.init(pair, msg.bars, msg.rules, msg.bandK, msg.maxPointsPerSeries, msg.zLevels);
  if (backtest) charts.setBacktest(backtest);
  backtestPanel.showPair(pair, backtest);
  tableDirty = true;
  renderPair(pair.lastTradeTime);
  void rollingChart.show(pair.id, pair.tests).catch(reportError);
  root.dataset.qpState = 'ready';
}

/** The summary's value cells, built once per pair and then updated in place (no per-frame DOM rebuild). */
const metricValues = new Map<string, HTMLElement>();

function setMetric(key: string, label: string, value: string): void {
  let valueEl = metricValues.get(key);
  if (!valueEl || !valueEl.isConnected) {
    const div = document.createElement('div');
    div.className = 'qp-metric';
    div.dataset.metric = key;
    const a = document.createElement('span');
    valueEl = document.createElement('span');
    div.append(a, valueEl);
    summaryEl.append(div);
    metricValues.set(key, valueEl);
  }
  const labelEl = valueEl.previousElementSibling as HTMLElement;
  if (labelEl.textContent !== label) labelEl.textContent = label;
  if (valueEl.textContent !== value) valueEl.textContent = value;
}

function fmt(v: number | null | undefined, digits: number): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : (v > 0 && digits < 4 ? '+' : '') + v.toFixed(digits);
}

/** Updates the header and summary now, the tables when bars arrived (paced); then reports the drawn trade time. */
function renderPair(lastTradeTime: number | undefined, sentAt?: number): void {
  if (!pair) return;
  const p = pair;
  const z = p.previewZ ?? p.last?.z ?? undefined;
  statusEl.dataset.status = p.status;
  const status =
    p.status === 'warming'
      ? `warming up: needs ${p.barsNeeded} more bars${Object.entries(p.silentLegs ?? {}).map(([sym, ms]) => `; ${sym} subscribed, ${silenceText(ms)}`).join('')}`
      : p.status === 'alert'
        ? `alert: ${p.activeAlert?.message ?? ''}`
        : p.status === 'live'
          ? sourceName(p) // a labelled feed (e.g. "REPLAY 2024-07-18 recording") is never called "live"
          : p.status;
  if (statusEl.textContent !== status) statusEl.textContent = status;
  const historyNote = historyText(p, (t) => `${new Date(t).toISOString().slice(11, 19)} UTC`);
  // z from the latest trades against the last fit, or the last closed bar's: never called "live" (a replay or candles are not).
  setMetric('z', p.previewZ !== undefined && p.lastTradeTime !== undefined ? 'z (latest trades)' : 'z (last bar)', fmt(z, 2));
  setMetric('beta', 'β', fmt(p.last?.beta, 4));
  setMetric('spread', 'spread', fmt(p.last?.spread, 4));
  setMetric('corr', 'corr (returns)', fmt(p.last?.corrReturns, 3));
  // As the tree writes them (63976.00, not 63976; 1.1710): one price format in every view.
  setMetric('y', p.config.y, formatPrice(p.lastYPrice));
  setMetric('x', p.config.x, formatPrice(p.lastXPrice));
  setMetric('params', 'bars · window · β', `${p.config.timeframe} · ${p.config.window} · ${p.config.hedge}`);
  setMetric('source', 'data', historyNote);
  summaryEl.dataset.z = z === undefined ? '' : String(z);
  if (tableDirty) scheduleTables();
  if (lastTradeTime !== undefined) {
    // Reported after the browser has painted this frame (the task after the frame's rendering; the latency benchmark reads it).
    setTimeout(() => {
      // When the host posted it, set first: the benchmark splits the latency into host and webview parts.
      if (sentAt !== undefined) root.dataset.lastDrawnSentAt = String(sentAt);
      root.dataset.lastDrawnTradeTime = String(lastTradeTime);
      handler.sendEvent({ type: 'drawn', lastTradeTime, drawnAt: Date.now() });
      charts.afterLiveFrame();
    }, 0);
  }
}

/** Rebuilds the statistics and per-bar tables, at most once per TABLE_MIN_INTERVAL_MS and in their own task. */
function scheduleTables(): void {
  if (tableTimer !== undefined) return;
  const wait = Math.max(0, tableDrawnAt + TABLE_MIN_INTERVAL_MS - performance.now());
  tableTimer = setTimeout(() => {
    tableTimer = undefined;
    if (!pair || !tableDirty) return;
    tableDirty = false;
    tableDrawnAt = performance.now();
    try {
      renderStats(statsEl, pair, backtest);
      renderBarTable(barsEl, pair, rows);
      root.dataset.bars = String(rows.length);
    } catch (err) {
      reportError(err);
    }
  }, wait);
}

type SelectEl = HTMLElement & { value: string };

function select(id: string, label: string, options: readonly string[], value: string, onChange: (v: string) => void): HTMLElement[] {
  const l = document.createElement('label');
  l.htmlFor = id;
  l.textContent = label;
  const s = document.createElement('vscode-single-select') as SelectEl;
  s.id = id;
  for (const o of options) {
    const opt = document.createElement('vscode-option') as HTMLElement & { value: string; selected: boolean };
    opt.textContent = o;
    opt.setAttribute('value', o);
    if (o === value) opt.setAttribute('selected', '');
    s.append(opt);
  }
  s.addEventListener('change', () => onChange(s.value));
  return [l, s];
}

function renderPairSelect(pairIds: string[], current: string | undefined): HTMLElement[] {
  if (pairIds.length === 0) {
    controlsEl.replaceChildren();
    return [];
  }
  return select('qp-pair-select', 'pair', pairIds, current ?? '', (v) => {
    if (v !== pair?.id) handler.sendEvent({ type: 'selectPair', pairId: v });
  });
}

function renderControls(pairIds: string[]): void {
  if (!pair) return;
  const cfg = pair.config;
  const windowLabel = document.createElement('label');
  windowLabel.htmlFor = 'qp-window';
  windowLabel.textContent = 'window';
  const windowField = document.createElement('vscode-textfield') as HTMLElement & { value: string; invalid: boolean };
  windowField.id = 'qp-window';
  windowField.setAttribute('value', String(cfg.window));
  const windowError = document.createElement('span');
  windowError.id = 'qp-window-error';
  windowError.className = 'qp-invalid';
  windowField.addEventListener('change', () => {
    const n = Number(windowField.value);
    if (!Number.isInteger(n) || n < WINDOW_MIN || n > WINDOW_MAX) {
      windowField.invalid = true;
      windowError.textContent = `${WINDOW_MIN}–${WINDOW_MAX} bars`;
      return;
    }
    windowField.invalid = false;
    windowError.textContent = '';
    // A field re-rendered or blurred fires change too: only a real change is sent.
    if (pair && n !== pair.config.window) handler.sendEvent({ type: 'setWindow', window: n });
  });
  const button = (id: string, text: string, command: WebviewCommand, secondary = true) => {
    const b = document.createElement('vscode-button');
    b.id = id;
    b.textContent = text;
    if (secondary) b.setAttribute('secondary', '');
    b.addEventListener('click', () => handler.sendEvent({ type: 'command', command }));
    return b;
  };
  controlsEl.replaceChildren(
    ...renderPairSelect(pairIds, pair.id),
    ...select('qp-timeframe', 'bars', TIMEFRAMES, cfg.timeframe, (v) => {
      if (pair && v !== pair.config.timeframe) handler.sendEvent({ type: 'setTimeframe', timeframe: v as Timeframe });
    }),
    ...select('qp-hedge', 'β', HEDGE_METHODS, cfg.hedge, (v) => {
      if (pair && v !== pair.config.hedge) handler.sendEvent({ type: 'setHedge', hedge: v as (typeof HEDGE_METHODS)[number] });
    }),
    windowLabel,
    windowField,
    windowError,
    button('qp-btn-tests', 'Run tests', 'runTests', false),
    button('qp-btn-backtest', 'Backtest', 'runBacktest'),
    button('qp-btn-alert', 'Add Alert', 'addAlertRule'),
    button('qp-btn-csv', 'Save CSV', 'saveCsv'),
  );
}

// A colour theme change recolours the charts at once (the page's own CSS follows the variables by itself).
onThemeChange((theme) => {
  charts.applyTheme(theme);
  backtestPanel.applyTheme();
  void rollingChart.applyTheme().catch(reportError);
});

// Charts measured while hidden have zero size: re-measure when the panel shows again.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') charts.remeasure();
});

const saved = vscode.getState() as SavedState | undefined;
void handler.sendRequest({ type: 'ready', pairId: typeof saved?.pairId === 'string' ? saved.pairId : undefined }).then((reply) => onMessage(reply));
