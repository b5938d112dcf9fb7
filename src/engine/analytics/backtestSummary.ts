// Figures of a backtest run (docs/backtest.md "Outputs"): P&L in the quote currency, return on the
// notional, annualised Sharpe of the per-bar returns, drawdown, hit rate, holding time, turnover, time in market.
import type { BacktestTrade, EquityPoint } from './backtest';

/** Crypto perpetuals trade around the clock: a year is 365 days of bars. */
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export interface BacktestSummary {
  trades: number;
  /** Net P&L, quote currency. */
  pnl: number;
  /** 100 × pnl / notional. */
  returnPct: number;
  /** mean / sample std (n − 1) of per-bar returns ΔEquity / notional, × √barsPerYear; null under 2 bars or no variation. */
  sharpe: number | null;
  /** Largest fall of the equity curve from a running peak (which starts at 0), quote currency, ≥ 0. */
  maxDrawdown: number;
  /** Winning trades (pnl > 0) / trades; null without trades. */
  hitRate: number | null;
  fees: number;
  funding: number;
  /** Bars with a position open after their close / bars of the period. */
  timeInMarket: number;
  grossPnl: number;
  avgHoldingBars: number | null;
  avgHoldingMs: number | null;
  /** Σ traded notional (both legs, both fills, slipped prices), quote currency. */
  turnover: number;
  /** Bars in the backtest period. */
  bars: number;
  barsPerYear: number;
  /** √barsPerYear, the factor the per-bar Sharpe is multiplied by. */
  annualisation: number;
}

export function summarizeBacktest(trades: readonly BacktestTrade[], equity: readonly EquityPoint[], notional: number, intervalMs: number): BacktestSummary {
  const n = equity.length;
  const barsPerYear = YEAR_MS / intervalMs;
  const annualisation = Math.sqrt(barsPerYear);
  let sharpe: number | null = null;
  if (n >= 2) {
    const returns = equity.map((p, i) => (p.equity - (i === 0 ? 0 : equity[i - 1].equity)) / notional);
    const mean = returns.reduce((s, r) => s + r, 0) / n;
    const variance = returns.reduce((s, r) => s + (r - mean) ** 2, 0) / (n - 1);
    const scale = Math.max(...returns.map(Math.abs));
    // A variance that is rounding noise against the returns' own scale is no variation.
    if (variance > (scale * 1e-12) ** 2) sharpe = (mean / Math.sqrt(variance)) * annualisation;
  }
  let peak = 0;
  let maxDrawdown = 0;
  for (const p of equity) {
    if (p.equity > peak) peak = p.equity;
    if (peak - p.equity > maxDrawdown) maxDrawdown = peak - p.equity;
  }
  const sum = (f: (t: BacktestTrade) => number): number => trades.reduce((s, t) => s + f(t), 0);
  const pnl = sum((t) => t.pnl);
  const count = trades.length;
  const heldBars = sum((t) => t.bars);
  return {
    trades: count,
    pnl,
    returnPct: (100 * pnl) / notional,
    sharpe,
    maxDrawdown,
    hitRate: count ? trades.filter((t) => t.pnl > 0).length / count : null,
    fees: sum((t) => t.fees),
    funding: sum((t) => t.funding),
    timeInMarket: n ? heldBars / n : 0,
    grossPnl: sum((t) => t.pnl + t.fees - t.funding),
    avgHoldingBars: count ? heldBars / count : null,
    avgHoldingMs: count ? sum((t) => t.exitTime - t.entryTime) / count : null,
    turnover: sum((t) => t.turnover),
    bars: n,
    barsPerYear,
    annualisation,
  };
}
