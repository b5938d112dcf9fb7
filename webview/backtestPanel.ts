// The dashboard's backtest section, under the equity curve: the parameter form (runs the backtest with those
// parameters through the host), the summary with money in the quote currency, and the trade table.
// What it shows is decided in backtestRows.ts; this file only builds the DOM.
import type { BacktestOverrides } from '../src/shared/backtestOverrides';
import type { BacktestView, PairView } from '../src/shared/model';
import { SweepHeatmap } from './sweepHeatmap';
import { BACKTEST_FIELDS, TRADE_COLUMNS, formToOverrides, paramsToForm, quoteCurrency, summaryRows, tradeRows } from './backtestRows';

/** Rows drawn in the trade table; the summary counts them all. */
const TRADE_TABLE_ROWS = 200;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export class BacktestPanel {
  private readonly section: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly errorEl: HTMLElement;
  private readonly resultEl: HTMLElement;
  private readonly inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  private pairId: string | undefined;
  private currency = 'quote';
  private readonly heatmapEl = el('div', undefined, { id: 'qp-bt-heatmap', class: 'qp-heatmap' });
  private readonly heatmap = new SweepHeatmap(this.heatmapEl);

  constructor(
    private readonly run: (params: BacktestOverrides) => void,
    private readonly saveCsv: () => void,
  ) {
    this.section = el('section', undefined, { id: 'qp-backtest' });
    // Right under the charts (the equity curve is the last of them).
    const charts = document.getElementById('qp-charts');
    if (charts) charts.after(this.section);
    else document.getElementById('qp-root')?.append(this.section);
    this.form = el('form', undefined, { class: 'qp-bt-params', id: 'qp-bt-form' });
    for (const f of BACKTEST_FIELDS) {
      const label = el('label', f.label, { title: f.title });
      let input: HTMLInputElement | HTMLSelectElement;
      if (f.kind === 'choice') {
        input = el('select', undefined, { name: f.key, id: `qp-bt-${f.key}` });
        input.append(el('option', 'default', { value: '' }));
        for (const o of f.options ?? []) input.append(el('option', o, { value: o }));
      } else {
        input = el('input', undefined, { name: f.key, id: `qp-bt-${f.key}`, type: 'text', inputmode: 'decimal', placeholder: f.kind === 'optional' ? 'default / none' : 'default', size: '7' });
      }
      this.inputs.set(f.key, input);
      label.append(input);
      this.form.append(label);
    }
    const button = el('vscode-button', 'Run backtest', { id: 'qp-bt-run' });
    button.addEventListener('click', () => this.submit());
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    // Enter in a field runs it too (a form without a submit input does not submit by itself).
    this.form.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        this.submit();
      }
    });
    const save = el('vscode-button', 'Save trades as CSV', { id: 'qp-bt-save', secondary: '' });
    save.addEventListener('click', () => this.saveCsv());
    this.form.append(button, save);
    this.errorEl = el('p', undefined, { class: 'qp-bt-error', id: 'qp-bt-error', role: 'alert' });
    this.resultEl = el('div', undefined, { id: 'qp-bt-result' });
    this.section.append(el('h2', 'Backtest'), this.form, this.errorEl, this.resultEl);
  }

  /** A colour theme change: the sweep heatmap takes the new colours (the rest of the section is CSS). */
  applyTheme(): void {
    void this.heatmap.applyTheme().catch(() => undefined);
  }

  /** A pair shown (init): a new pair empties the form; a result kept by the host is drawn and fills the form. */
  showPair(pair: PairView, backtest: BacktestView | undefined): void {
    this.currency = quoteCurrency(pair.config.y, pair.config.x);
    if (pair.id !== this.pairId) {
      this.pairId = pair.id;
      for (const input of this.inputs.values()) input.value = '';
    }
    this.errorEl.textContent = '';
    if (backtest) this.showResult(backtest);
    else this.resultEl.replaceChildren(el('p', 'No backtest yet: set the parameters (empty fields take the settings) and run it.', { class: 'qp-notes' }));
  }

  showResult(backtest: BacktestView): void {
    this.errorEl.textContent = '';
    if (backtest.params) {
      const values = paramsToForm(backtest.params);
      for (const [key, input] of this.inputs) input.value = values[key] ?? '';
    }
    const summary = el('table', undefined, { class: 'qp-table', id: 'qp-bt-summary' });
    for (const [key, label, value] of summaryRows(backtest, this.currency)) {
      const tr = el('tr', undefined, { 'data-stat': key });
      tr.append(el('th', label), el('td', value));
      summary.append(tr);
    }
    const trades = el('table', undefined, { class: 'qp-table', id: 'qp-bt-trades' });
    const head = el('tr');
    for (const h of TRADE_COLUMNS) head.append(el('th', h));
    trades.append(head);
    const pnlColumn = TRADE_COLUMNS.indexOf('P&L');
    for (const cells of tradeRows(backtest, this.currency).slice(0, TRADE_TABLE_ROWS)) {
      const tr = el('tr', undefined, { class: 'qp-bt-trade' });
      cells.forEach((c, i) => tr.append(el('td', c, i === pnlColumn ? { class: c.startsWith('-') ? 'qp-neg' : c.startsWith('+') ? 'qp-pos' : '' } : {})));
      trades.append(tr);
    }
    const parts: HTMLElement[] = [summary];
    if (backtest.params?.fill === 'same') parts.push(el('p', 'fill same: filled at the signal bar’s close, look-ahead; for research only', { class: 'qp-bt-research' }));
    parts.push(el('h3', `Trades (${Math.min(backtest.trades.length, TRADE_TABLE_ROWS)} of ${backtest.trades.length}, newest first)`), trades);
    if (backtest.sweep) parts.push(el('h3', 'Sweep: Sharpe by entry × exit, trades per cell in brackets (the other parameters as above)'), this.heatmapEl);
    this.resultEl.replaceChildren(...parts);
    void this.heatmap.draw(backtest.sweep, this.currency).catch((err: unknown) => {
      this.errorEl.textContent = `heatmap: ${String(err)}`;
    });
  }

  clear(): void {
    this.pairId = undefined;
    this.heatmap.destroy();
    this.resultEl.replaceChildren();
    this.errorEl.textContent = '';
  }

  private submit(): void {
    const values: Record<string, string> = {};
    for (const [key, input] of this.inputs) values[key] = input.value;
    const params = formToOverrides(values);
    if (typeof params === 'string') {
      this.errorEl.textContent = params;
      return;
    }
    this.errorEl.textContent = '';
    this.run(params);
  }
}
