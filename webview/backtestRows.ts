// What the dashboard's backtest section shows, without the DOM: the parameter form's fields and how they become
// the command's overrides, the summary rows and the trade table (docs/backtest.md). Pure, unit-tested in Node.
import { parseBacktestOverrides, type BacktestOverrides } from '../src/shared/backtestOverrides';
import { formatMoney, formatNumber, formatPrice } from '../src/shared/format';
import type { BacktestView } from '../src/shared/model';

type BacktestParams = NonNullable<BacktestView['params']>;

export interface BacktestField {
  key: keyof BacktestParams;
  label: string;
  /** number: a finite number; optional: a number or "none" (null); choice: one of `options`. */
  kind: 'number' | 'optional' | 'choice';
  options?: readonly string[];
  title: string;
}

export const BACKTEST_FIELDS: readonly BacktestField[] = [
  { key: 'entry', label: 'entry |z|', kind: 'number', title: 'open a short spread when z > entry, a long one when z < −entry' },
  { key: 'exit', label: 'exit z', kind: 'number', title: 'close a short at z ≤ exit, a long at z ≥ −exit (−entry < exit < entry)' },
  { key: 'stop', label: 'stop |z|', kind: 'optional', title: 'close when |z| ≥ stop (above entry); "none" for no stop' },
  { key: 'maxHold', label: 'max hold (bars)', kind: 'optional', title: 'close after this many bars; "none" for no limit' },
  { key: 'notional', label: 'notional', kind: 'number', title: 'Y leg notional per trade, in the quote currency' },
  { key: 'sizing', label: 'sizing', kind: 'choice', options: ['beta', 'dollar'], title: 'beta: X = β × Y quantity; dollar: equal notionals' },
  { key: 'feeBp', label: 'fee (bp)', kind: 'number', title: 'basis points of each leg’s traded notional per fill' },
  { key: 'slippageBp', label: 'slippage (bp)', kind: 'number', title: 'basis points moving each fill price against the trade' },
  { key: 'fill', label: 'fill', kind: 'choice', options: ['next', 'same'], title: 'next: at the next bar’s close (no look-ahead); same: the signal bar’s close (research only)' },
];

/**
 * The form's text values as the command's overrides: an empty field is left out (the settings' value applies),
 * "none" is null for stop / max hold. Shape errors in one line; ranges are the engine's to check.
 */
export function formToOverrides(values: Readonly<Record<string, string>>): BacktestOverrides | string {
  const raw: Record<string, unknown> = {};
  for (const f of BACKTEST_FIELDS) {
    const text = (values[f.key] ?? '').trim();
    if (text === '') continue;
    if (f.kind === 'choice') raw[f.key] = text;
    else if (f.kind === 'optional' && /^none$/i.test(text)) raw[f.key] = null;
    else {
      const n = Number(text);
      if (!Number.isFinite(n)) return `${f.label}: "${text}" is not a number${f.kind === 'optional' ? ' (or none)' : ''}`;
      raw[f.key] = n;
    }
  }
  return parseBacktestOverrides(raw);
}

/** The parameters a run used, as form values (so the form shows what the table below was computed with). */
export function paramsToForm(params: BacktestParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of BACKTEST_FIELDS) {
    const v = params[f.key];
    out[f.key] = v === null ? 'none' : String(v);
  }
  return out;
}

const QUOTES = ['FDUSD', 'USDT', 'USDC', 'BUSD', 'USD', 'BTC', 'ETH'];

/** The quote currency both legs are priced in ("USDT" for BTCUSDT / ETHUSDT); "quote" when they differ or it is unknown. */
export function quoteCurrency(y: string, x: string): string {
  const quote = (s: string) => QUOTES.find((q) => s.endsWith(q) && s.length > q.length);
  const qy = quote(y);
  return qy && qy === quote(x) ? qy : 'quote';
}

function percent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(digits)}%`;
}

/** The summary of docs/backtest.md, money in `currency`. */
export function summaryRows(view: BacktestView, currency: string): [key: string, label: string, value: string][] {
  const s = view.summary;
  const rows: [string, string, string][] = [
    ['bt-sum-trades', 'trades', String(s?.trades ?? view.trades.length)],
    ['bt-sum-pnl', 'P&L (net)', formatMoney(s?.pnl ?? view.totalPnl, currency, true)],
  ];
  if (s) {
    rows.push(
      ['bt-sum-return', 'return on notional', `${s.returnPct >= 0 ? '+' : ''}${formatNumber(s.returnPct, 3)}%`],
      ['bt-sum-sharpe', 'Sharpe (annualised)', formatNumber(s.sharpe, 2)],
      ['bt-sum-dd', 'max drawdown', formatMoney(s.maxDrawdown, currency)],
      ['bt-sum-hit', 'hit rate', percent(s.hitRate)],
      ['bt-sum-fees', 'fees', formatMoney(s.fees, currency)],
      ['bt-sum-funding', 'funding', formatMoney(s.funding, currency, true)],
      ['bt-sum-time', 'time in market', percent(s.timeInMarket)],
      ['bt-sum-hold', 'average holding (bars)', formatNumber(s.avgHoldingBars, 1)],
    );
  } else {
    rows.push(['bt-sum-dd', 'max drawdown', formatMoney(view.maxDrawdown, currency)], ['bt-sum-hit', 'hit rate', percent(view.winRate)]);
  }
  return rows;
}

export const TRADE_COLUMNS = ['entry (UTC)', 'exit (UTC)', 'side', 'entry Y', 'entry X', 'exit Y', 'exit X', 'qty Y', 'qty X', 'fees', 'funding', 'P&L', 'reason'] as const;

function utc(time: number | null): string {
  return time === null || !Number.isFinite(time) ? '—' : new Date(time).toISOString().replace('T', ' ').slice(0, 19);
}

/** One row per trade, newest first, in TRADE_COLUMNS order; money in `currency`. */
export function tradeRows(view: BacktestView, currency: string): string[][] {
  const out: string[][] = [];
  for (let i = view.trades.length - 1; i >= 0; i--) {
    const t = view.trades[i];
    const d = t.trade;
    out.push([
      utc(t.entryTime),
      utc(t.exitTime),
      t.side === 'long-spread' ? 'long spread' : 'short spread',
      d ? formatPrice(d.entryY) : '—',
      d ? formatPrice(d.entryX) : '—',
      d ? formatPrice(d.exitY) : '—',
      d ? formatPrice(d.exitX) : '—',
      d ? formatNumber(d.qtyY, 6) : '—',
      d ? formatNumber(d.qtyX, 6) : '—',
      d ? formatMoney(d.fees, currency) : '—',
      d ? formatMoney(d.funding, currency, true) : '—',
      formatMoney(t.pnl, currency, true),
      d ? d.exitReason : '—',
    ]);
  }
  return out;
}

// ---- the sweep heatmap (sweepHeatmap.ts draws it) ----

type Sweep = NonNullable<BacktestView['sweep']>;

/**
 * Below this many trades a cell's Sharpe is not coloured as a result: an annualised Sharpe from a handful of
 * trades (52 from 2 on the demo's candles) says nothing, and a heatmap that paints it green invites a fit.
 */
export const SWEEP_MIN_TRADES = 10;

export interface HeatmapCell {
  x: string;
  /** Sharpe; null where the cell traded nothing measurable or the pair is invalid. */
  y: number | null;
  trades: number | null;
  pnl: number | null;
  valid: boolean;
  /** Valid, but fewer than SWEEP_MIN_TRADES trades: drawn neutral, its Sharpe shown with the caveat. */
  fewTrades: boolean;
}

/** Rows top to bottom = highest entry first (as a table reads), columns = exits ascending. Pure, tested. */
export function heatmapSeries(sweep: Sweep): { name: string; data: HeatmapCell[] }[] {
  const rows = sweep.entries.map((entry, i) => ({
    name: `entry ${entry}`,
    data: sweep.exits.map((exit, j): HeatmapCell => {
      const c = sweep.cells[i]?.[j] ?? null;
      return { x: `exit ${exit}`, y: c ? c.sharpe : null, trades: c ? c.trades : null, pnl: c ? c.pnl : null, valid: c !== null, fewTrades: c !== null && c.trades < SWEEP_MIN_TRADES };
    }),
  }));
  // ApexCharts draws the first series at the bottom.
  return rows.reverse();
}

/** The cell's tooltip / label text. */
export function cellText(cell: HeatmapCell): string {
  if (!cell.valid) return 'not a valid entry × exit';
  const text = `Sharpe ${formatNumber(cell.y, 2)} · ${cell.trades} trade${cell.trades === 1 ? '' : 's'}`;
  return cell.fewTrades ? `${text} (too few to judge: under ${SWEEP_MIN_TRADES})` : text;
}

