// The statistics table (latest fit, tests, backtest) and the per-bar table, as plain themed HTML.
import { formatNumber, residueFloor } from '../src/shared/format';
import type { BacktestView, PairBarRow, PairView } from '../src/shared/model';
import { testRows, warningLines } from '../src/shared/testRows';
import { isReplayLabel } from '../src/shared/dataSource';

const BAR_TABLE_ROWS = 60;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function utc(time: number): string {
  return new Date(time).toISOString().replace('T', ' ').slice(0, 19);
}

export function renderStats(container: HTMLElement, pair: PairView, backtest: BacktestView | undefined): void {
  const p = pair.last;
  const t = pair.tests;
  // α and the spread are in y's price units: residue of that size reads as 0.
  const noise = residueFloor(p?.y);
  const rows: [string, string, string][] = [
    ['beta', 'β (hedge ratio)', formatNumber(p?.beta)],
    ['alpha', 'α (intercept)', formatNumber(p?.alpha, 4, noise)],
    ['spread', 'spread', formatNumber(p?.spread, 4, noise)],
    ['spread-mean', 'spread mean / σ', `${formatNumber(p?.spreadMean, 4, noise)} / ${formatNumber(p?.spreadStd, 4, noise)}`],
    ['z', 'z (last bar)', formatNumber(p?.z, 3)],
    ['corr-returns', 'correlation (returns)', formatNumber(p?.corrReturns, 3)],
    ['corr-prices', 'correlation (prices)', formatNumber(p?.corrPrices, 3)],
  ];
  for (const r of testRows(t)) rows.push([r.key, r.label, r.value]);
  if (backtest) {
    rows.push(['bt-trades', 'backtest trades', String(backtest.trades.length)]);
    rows.push(['bt-pnl', 'backtest P&L', formatNumber(backtest.totalPnl, 2)]);
    rows.push(['bt-win', 'backtest win rate', backtest.winRate === null ? '—' : `${(backtest.winRate * 100).toFixed(1)}%`]);
    rows.push(['bt-dd', 'backtest max drawdown', formatNumber(backtest.maxDrawdown, 2)]);
  }
  const table = el('table', undefined, { class: 'qp-table', id: 'qp-stats-table' });
  for (const [key, label, value] of rows) {
    const tr = el('tr', undefined, { 'data-stat': key });
    tr.append(el('th', label), el('td', value));
    table.append(tr);
  }
  const notes = t?.notes.length ? el('p', t.notes.join(' · '), { class: 'qp-notes' }) : undefined;
  // Warnings beside the numbers they qualify: right under the heading, before the table.
  const warnings = warningLines(t);
  const warningList = warnings.length ? el('ul', undefined, { class: 'qp-warnings', id: 'qp-stats-warnings', role: 'note' }) : undefined;
  for (const w of warnings) warningList?.append(el('li', w));
  container.replaceChildren(el('h2', 'Statistics'), ...(warningList ? [warningList] : []), table, ...(notes ? [notes] : []));
}

export function renderBarTable(container: HTMLElement, pair: PairView, rows: readonly PairBarRow[]): void {
  // The same words as the CSV's source column (exportCommand.ts): a replayed feed's bars are never called live.
  const replay = pair.source === 'live' && isReplayLabel(pair.sourceLabel);
  const table = el('table', undefined, { class: 'qp-table', id: 'qp-bars-table' });
  const head = el('tr');
  for (const h of ['time (UTC)', pair.config.y, pair.config.x, 'β', 'α', 'spread', 'z', 'corr', 'source']) head.append(el('th', h));
  table.append(head);
  for (let i = rows.length - 1; i >= 0 && i >= rows.length - BAR_TABLE_ROWS; i--) {
    const r = rows[i];
    const tr = el('tr', undefined, { class: r.history ? 'qp-history' : 'qp-live', 'data-time': String(r.time) });
    tr.append(
      el('td', utc(r.time)),
      el('td', formatNumber(r.yClose, 2)),
      el('td', formatNumber(r.xClose, 2)),
      el('td', formatNumber(r.point?.beta)),
      el('td', formatNumber(r.point?.alpha, 4, residueFloor(r.yClose))),
      el('td', formatNumber(r.point?.spread, 4, residueFloor(r.yClose))),
      el('td', formatNumber(r.point?.z, 3)),
      el('td', formatNumber(r.point?.corrReturns, 3)),
      el('td', replay ? (r.history ? 'replay-history' : 'replay') : r.history ? 'history' : 'live'),
    );
    table.append(tr);
  }
  container.replaceChildren(el('h2', `Per-bar statistics (latest ${Math.min(rows.length, BAR_TABLE_ROWS)} of ${rows.length})`), table);
}
