// The statistics table (latest fit, tests, backtest) and the per-bar table, as plain themed HTML.
import type { BacktestView, PairBarRow, PairView } from '../src/engine/desk/types';

const BAR_TABLE_ROWS = 60;

function num(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-4) ? v.toExponential(3) : v.toFixed(digits);
}

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
  const rows: [string, string, string][] = [
    ['beta', 'β (hedge ratio)', num(p?.beta)],
    ['alpha', 'α (intercept)', num(p?.alpha)],
    ['spread', 'spread', num(p?.spread)],
    ['spread-mean', 'spread mean / σ', `${num(p?.spreadMean)} / ${num(p?.spreadStd)}`],
    ['z', 'z (last bar)', num(p?.z, 3)],
    ['corr-returns', 'correlation (returns)', num(p?.corrReturns, 3)],
    ['corr-prices', 'correlation (prices)', num(p?.corrPrices, 3)],
    ['adf-stat', 'ADF statistic', t?.adf ? num(t.adf.statistic) : t ? '—' : 'not run'],
    ['adf-p', 'ADF p-value', t?.adf ? num(t.adf.pValue) : '—'],
    ['adf-crit', 'ADF critical 1% / 5% / 10%', t?.adf ? `${num(t.adf.critical['1%'], 3)} / ${num(t.adf.critical['5%'], 3)} / ${num(t.adf.critical['10%'], 3)}` : '—'],
    ['adf-lag', 'ADF used lag / obs', t?.adf ? `${t.adf.usedLag} / ${t.adf.nobs}` : '—'],
    ['eg-stat', 'Engle-Granger statistic', t?.eg ? num(t.eg.statistic) : '—'],
    ['eg-p', 'Engle-Granger p-value', t?.eg ? num(t.eg.pValue) : '—'],
    ['half-life', 'half-life (bars)', t ? (t.halfLifeBars !== null ? num(t.halfLifeBars, 1) : 'no mean reversion') : '—'],
  ];
  if (backtest) {
    rows.push(['bt-trades', 'backtest trades', String(backtest.trades.length)]);
    rows.push(['bt-pnl', 'backtest P&L', num(backtest.totalPnl, 2)]);
    rows.push(['bt-win', 'backtest win rate', backtest.winRate === null ? '—' : `${(backtest.winRate * 100).toFixed(1)}%`]);
    rows.push(['bt-dd', 'backtest max drawdown', num(backtest.maxDrawdown, 2)]);
  }
  const table = el('table', undefined, { class: 'qp-table', id: 'qp-stats-table' });
  for (const [key, label, value] of rows) {
    const tr = el('tr', undefined, { 'data-stat': key });
    tr.append(el('th', label), el('td', value));
    table.append(tr);
  }
  const notes = t?.notes.length ? el('p', t.notes.join(' · '), { class: 'qp-notes' }) : undefined;
  container.replaceChildren(el('h2', 'Statistics'), table, ...(notes ? [notes] : []));
}

export function renderBarTable(container: HTMLElement, pair: PairView, rows: readonly PairBarRow[]): void {
  const table = el('table', undefined, { class: 'qp-table', id: 'qp-bars-table' });
  const head = el('tr');
  for (const h of ['time (UTC)', pair.config.y, pair.config.x, 'β', 'α', 'spread', 'z', 'corr', 'source']) head.append(el('th', h));
  table.append(head);
  for (let i = rows.length - 1; i >= 0 && i >= rows.length - BAR_TABLE_ROWS; i--) {
    const r = rows[i];
    const tr = el('tr', undefined, { class: r.history ? 'qp-history' : 'qp-live', 'data-time': String(r.time) });
    tr.append(
      el('td', utc(r.time)),
      el('td', num(r.yClose, 2)),
      el('td', num(r.xClose, 2)),
      el('td', num(r.point?.beta)),
      el('td', num(r.point?.alpha)),
      el('td', num(r.point?.spread)),
      el('td', num(r.point?.z, 3)),
      el('td', num(r.point?.corrReturns, 3)),
      el('td', r.history ? 'history' : 'live'),
    );
    table.append(tr);
  }
  container.replaceChildren(el('h2', `Per-bar statistics (latest ${Math.min(rows.length, BAR_TABLE_ROWS)} of ${rows.length})`), table);
}
