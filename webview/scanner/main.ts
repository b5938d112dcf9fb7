// Pair Scanner webview entry (bundled to dist/scanner.js). Opens with `ready`; the host answers with the last
// scan. Draws the summary, the heatmap (ApexCharts, bundled) and the sortable, filterable table; its own
// choices (sort, filter, heatmap mode) and the last scan survive hiding and Reload Window through setState.
import ApexCharts from 'apexcharts';
import { errorMessage } from '../../src/shared/errorMessage';
import { formatUtcTime } from '../../src/shared/format';
import { MessageHandler, type Envelope } from '../../src/shared/protocol';
import type { FromScannerMessage, ScannerRow, ScannerView, ToScannerMessage } from '../../src/shared/scannerProtocol';
import { readTheme, type ChartTheme } from '../theme';
import { COLUMNS, DEFAULT_TABLE_STATE, rowAtCell, toggleSort, visibleRows, type TableState } from './scannerTable';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type HeatmapMode = 'q' | 'corr';
interface SavedState {
  view?: ScannerView;
  table: TableState;
  mode: HeatmapMode;
}

/** The table draws at most this many rows at once (the filter narrows; the CSV has them all). */
const MAX_TABLE_ROWS = 500;

const vscode = acquireVsCodeApi();
const root = document.getElementById('qp-scanner')!;
const statusEl = document.getElementById('qp-scan-status')!;
const controlsEl = document.getElementById('qp-scan-controls')!;
const summaryEl = document.getElementById('qp-scan-summary')!;
const heatmapControlsEl = document.getElementById('qp-scan-heatmap-controls')!;
const heatmapEl = document.getElementById('qp-scan-heatmap')!;
const filtersEl = document.getElementById('qp-scan-filters')!;
const table = document.getElementById('qp-scan-table') as HTMLTableElement;

const saved = vscode.getState() as Partial<SavedState> | undefined;
const state: SavedState = { view: saved?.view, table: { ...DEFAULT_TABLE_STATE, ...saved?.table }, mode: saved?.mode === 'corr' ? 'corr' : 'q' };
let chart: ApexCharts | undefined;
const added = new Set<string>();

const handler = new MessageHandler<FromScannerMessage, ToScannerMessage>(
  (msg) => {
    onMessage(msg);
    return undefined;
  },
  (envelope) => vscode.postMessage(envelope),
);

function onMessage(msg: ToScannerMessage): void {
  try {
    handle(msg);
  } catch (err) {
    reportError(err);
  }
}

/** A request whose reply (the host's answer to ready / addToDesk) is handled like any message. */
function request(msg: FromScannerMessage): void {
  void handler.sendRequest(msg).then(onMessage, reportError);
}

function reportError(err: unknown): void {
  root.dataset.lastError = errorMessage(err);
}
window.addEventListener('error', (e) => reportError(e.error ?? e.message));
window.addEventListener('unhandledrejection', (e) => reportError(e.reason));
window.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as Envelope<ToScannerMessage>;
  if (typeof data !== 'object' || data === null || typeof data.messageId !== 'number' || typeof data.body !== 'object') return;
  void handler.handleMessage(data);
});

function save(): void {
  vscode.setState(state satisfies SavedState);
}

function handle(msg: ToScannerMessage): void {
  switch (msg.type) {
    case 'results':
      state.view = msg.view;
      save();
      render();
      return;
    case 'empty':
      if (state.view) return render(); // the host lost its scan (e.g. storage cleared): keep the one this panel showed
      root.dataset.qpState = 'empty';
      statusEl.textContent = msg.message;
      return;
    case 'added':
      added.add(msg.pairId);
      renderTable();
      return;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label: string, id: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { id, className: 'qp-button' }, label);
  b.addEventListener('click', onClick);
  return b;
}

function renderControls(): void {
  controlsEl.replaceChildren(
    button('Save CSV', 'qp-scan-save', () => handler.sendEvent({ type: 'saveCsv' })),
    button('Scan again…', 'qp-scan-rescan', () => handler.sendEvent({ type: 'rescan' })),
  );
}

function metric(label: string, value: string, key: string): HTMLElement {
  const div = el('div', { className: 'qp-metric' });
  div.dataset.metric = key;
  div.append(el('span', {}, label), el('span', {}, value));
  return div;
}

function render(): void {
  const view = state.view;
  if (!view) return;
  root.dataset.qpState = 'ready';
  const passing = view.rows.filter((r) => r.passes).length;
  root.dataset.passing = String(passing);
  statusEl.textContent = `${passing} of ${view.rows.length} tested pairs pass · ${view.universe} · ${view.interval} · finished ${formatUtcTime(view.finishedAt)}`;
  summaryEl.replaceChildren(
    metric('symbols', `${view.symbols} (${view.excluded.length} excluded)`, 'symbols'),
    metric('pairs in the universe', String(view.pairsTotal), 'pairsTotal'),
    metric('screened by |ρ|, tested', String(view.screened), 'screened'),
    metric('passing', String(passing), 'passing'),
    metric('naive p < 0.05', String(view.rows.filter((r) => r.p < 0.05).length), 'naive'),
    metric('lookback', `${view.bars} × ${view.interval}`, 'lookback'),
    metric('time', `${view.seconds.toFixed(1)} s, ${view.workers} worker${view.workers === 1 ? '' : 's'}`, 'time'),
  );
  // A scan saved before the panel named its source (setState of an older version) has none: said as unknown.
  const source = el('p', { className: 'qp-note', id: 'qp-scan-source' }, `Data: ${view.source ?? 'source not recorded'}`);
  summaryEl.append(source);
  const rule = el('p', { className: 'qp-note', id: 'qp-scan-rule' });
  rule.textContent = `A pair passes when ${view.passRule}. Stage 1 keeps the pairs with the largest |ρ| of log returns: a screen, not a test; only the screened pairs are tested.`;
  summaryEl.append(rule);
  if (view.excluded.length > 0) {
    const details = el('details', { className: 'qp-note' });
    details.append(el('summary', {}, `${view.excluded.length} symbols excluded`), el('span', {}, view.excluded.map((e) => `${e.symbol} (${e.reason})`).join('; ')));
    summaryEl.append(details);
  }
  renderHeatmap(view);
  renderFilters();
  renderTable();
}

function renderHeatmap(view: ScannerView): void {
  const h = view.heatmap;
  const select = el('select', { id: 'qp-scan-heatmap-mode' });
  for (const [value, label] of [
    ['q', '−log10 q'],
    ['corr', 'ρ of log returns'],
  ] as const) {
    select.append(el('option', { value, selected: state.mode === value }, label));
  }
  select.addEventListener('change', () => {
    state.mode = select.value === 'corr' ? 'corr' : 'q';
    save();
    renderHeatmap(view);
  });
  heatmapControlsEl.replaceChildren(el('label', { htmlFor: 'qp-scan-heatmap-mode' }, 'Heatmap: '), select, el('span', { className: 'qp-note' }, ` ${h.note}, ordered by hierarchical clustering of ρ (average linkage on 1 − ρ).`));
  const k = h.symbols.length;
  const values = state.mode === 'corr' ? h.corr : h.negLog10Q;
  // One series per row symbol; ApexCharts draws the first series at the bottom, so rows go in reverse.
  const series = h.symbols
    .map((ySym, i) => ({
      name: ySym,
      data: h.symbols.map((xSym, j) => ({ x: xSym, y: values[i * k + j] ?? -1 })),
    }))
    .reverse();
  const theme = readTheme();
  const options = heatmapOptions(theme, series, state.mode, Math.max(...h.negLog10Q.map((v) => v ?? 0), 2));
  // A click on a tested cell shows that pair's row (with its Add to desk) at the top of the table.
  options.chart!.events = {
    dataPointSelection: (_e: unknown, _c: unknown, cfg: { seriesIndex: number; dataPointIndex: number }) => {
      const row = rowAtCell(h.symbols, view.rows, cfg.seriesIndex, cfg.dataPointIndex);
      if (!row) return;
      state.table = { ...state.table, filter: `${row.y} ${row.x}`, passingOnly: false };
      save();
      renderFilters();
      renderTable();
      table.scrollIntoView({ block: 'start' });
    },
  };
  chart?.destroy();
  chart = new ApexCharts(heatmapEl, options);
  void chart.render();
}

function heatmapOptions(theme: ChartTheme, series: { name: string; data: { x: string; y: number }[] }[], mode: HeatmapMode, maxQ: number): ApexCharts.ApexOptions {
  const ranges =
    mode === 'corr'
      ? [
          { from: -1, to: 0, color: theme.colors.blue, name: 'ρ ≤ 0' },
          { from: 0, to: 0.5, color: theme.colors.muted, name: '0–0.5' },
          { from: 0.5, to: 0.8, color: theme.colors.yellow, name: '0.5–0.8' },
          { from: 0.8, to: 1, color: theme.colors.orange, name: '0.8–1' },
        ]
      : [
          { from: -1.5, to: -0.5, color: theme.grid, name: 'not tested' },
          { from: 0, to: 1.3, color: theme.colors.muted, name: 'q > 0.05' },
          { from: 1.3, to: 3, color: theme.colors.yellow, name: 'q ≤ 0.05' },
          { from: 3, to: Math.max(3.01, maxQ), color: theme.colors.green, name: 'q ≤ 0.001' },
        ];
  return {
    chart: { type: 'heatmap', height: Math.min(640, 120 + 16 * series.length), foreColor: theme.foreground, fontFamily: theme.font, animations: { enabled: false }, toolbar: { show: false } },
    theme: { mode: theme.mode },
    series,
    dataLabels: { enabled: false },
    legend: { show: true, position: 'top' },
    stroke: { width: 1, colors: [theme.grid] },
    plotOptions: { heatmap: { enableShades: mode === 'corr', colorScale: { ranges } } },
    xaxis: { labels: { rotate: -60, style: { fontSize: '10px' } }, tooltip: { enabled: false } },
    yaxis: { labels: { style: { fontSize: '10px' } } },
    tooltip: {
      y: { formatter: (v: number) => (mode === 'corr' ? `ρ ${v.toFixed(3)}` : v < 0 ? 'not tested (screened out)' : `−log10 q ${v.toFixed(2)} (q ${(10 ** -v).toPrecision(2)})`) },
    },
    grid: { borderColor: theme.grid },
  };
}

function renderFilters(): void {
  const input = el('input', { id: 'qp-scan-filter', type: 'text', placeholder: 'Filter by symbol, e.g. BTC ETH', value: state.table.filter, className: 'qp-input' });
  input.addEventListener('input', () => {
    state.table = { ...state.table, filter: input.value };
    save();
    renderTable();
  });
  const passing = el('input', { id: 'qp-scan-passing', type: 'checkbox', checked: state.table.passingOnly });
  passing.addEventListener('change', () => {
    state.table = { ...state.table, passingOnly: passing.checked };
    save();
    renderTable();
  });
  filtersEl.replaceChildren(input, el('label', { className: 'qp-check' }, ''), el('span', { id: 'qp-scan-count', className: 'qp-note' }));
  const label = filtersEl.querySelector('label.qp-check')!;
  label.append(passing, document.createTextNode(' passing only'));
}

function renderTable(): void {
  const view = state.view;
  if (!view) return;
  const head = table.tHead!;
  const headRow = el('tr');
  // The action comes first, beside the pair: a wide table scrolls sideways, never hiding it.
  headRow.append(el('th', { className: 'qp-add-cell' }, ''));
  for (const c of COLUMNS) {
    const th = el('th', { title: `${c.title} (click to sort)` }, c.label + (state.table.sortKey === c.key ? (state.table.descending ? ' ▼' : ' ▲') : ''));
    th.dataset.column = c.key;
    th.addEventListener('click', () => {
      state.table = toggleSort(state.table, c.key);
      save();
      renderTable();
    });
    headRow.append(th);
  }
  headRow.append(el('th', { title: 'The spread ln y − β·ln x over the lookback (demeaned; min and max of each stretch, so spikes show)' }, 'spread'));
  head.replaceChildren(headRow);
  const rows = visibleRows(view.rows, state.table);
  const body = table.tBodies[0];
  body.replaceChildren(...rows.slice(0, MAX_TABLE_ROWS).map((r) => tableRow(r, view)));
  const count = document.getElementById('qp-scan-count');
  if (count) count.textContent = `${rows.length} of ${view.rows.length} pairs${rows.length > MAX_TABLE_ROWS ? ` (first ${MAX_TABLE_ROWS} shown; filter to narrow, Save CSV for all)` : ''}`;
}

function tableRow(r: ScannerRow, view: ScannerView): HTMLTableRowElement {
  const tr = el('tr', { className: r.passes ? 'qp-pass' : '' });
  tr.dataset.pair = `${r.y}/${r.x}`;
  tr.append(addCell(r, view));
  for (const c of COLUMNS) {
    const td = el('td', {}, c.format(r));
    td.dataset.column = c.key;
    tr.append(td);
  }
  const sparkCell = el('td', { className: 'qp-spark' });
  if (r.spark && r.spark.length > 1) sparkCell.append(sparkline(r.spark));
  else sparkCell.textContent = '–';
  tr.append(sparkCell);
  return tr;
}

function addCell(r: ScannerRow, view: ScannerView): HTMLTableCellElement {
  const id = `${r.y}/${r.x}`;
  const td = el('td', { className: 'qp-add-cell' });
  const add = button(added.has(id) ? 'On the desk' : 'Add to desk', '', () => request({ type: 'addToDesk', y: r.y, x: r.x }));
  add.className = 'qp-button qp-add';
  add.title = `Add ${r.y} / ${r.x} to the desk: ${r.y} regressed on ${r.x}, ${view.interval} bars`;
  add.disabled = added.has(id);
  td.append(add);
  return td;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const SPARK_WIDTH = 96;
const SPARK_HEIGHT = 20;

/** A polyline of the values in the theme's foreground colour, with the zero line (the spread's mean) faint. */
function sparkline(values: readonly number[]): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(SPARK_WIDTH));
  svg.setAttribute('height', String(SPARK_HEIGHT));
  svg.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
  svg.setAttribute('aria-hidden', 'true');
  const max = Math.max(...values.map(Math.abs)) || 1;
  const y = (v: number) => (SPARK_HEIGHT / 2 - (v / max) * (SPARK_HEIGHT / 2 - 1)).toFixed(1);
  const zero = document.createElementNS(SVG_NS, 'line');
  zero.setAttribute('x1', '0');
  zero.setAttribute('x2', String(SPARK_WIDTH));
  zero.setAttribute('y1', y(0));
  zero.setAttribute('y2', y(0));
  zero.setAttribute('class', 'qp-spark-zero');
  const line = document.createElementNS(SVG_NS, 'polyline');
  line.setAttribute('points', values.map((v, i) => `${((i / (values.length - 1)) * SPARK_WIDTH).toFixed(1)},${y(v)}`).join(' '));
  line.setAttribute('class', 'qp-spark-line');
  svg.append(zero, line);
  return svg;
}

renderControls();
if (state.view) render();
request({ type: 'ready' });
