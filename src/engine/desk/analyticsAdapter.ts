// Binds the desk's analytics port to PairAnalytics (src/engine/analytics): more than a rename, it shapes the
// tests and the backtest into the plain views the tree, the dashboard and the CSV writer share.
import { PairAnalytics } from '../analytics/pairAnalytics';
import type { Bar } from '../types';
import type { BacktestParams } from '../analytics/backtest';
import { summarizeBacktest } from '../analytics/backtestSummary';
import type { HedgeMethod } from '../analytics/hedgeMethod';
import type { PairPoint } from '../analytics/pairPoint';
import type { AnalyticsConfig, DeskAnalytics, LivePreview } from './ports';
import type { BacktestView, RollingStationarityPoint, StationarityView } from '../../shared/model';

export class PairAnalyticsAdapter implements DeskAnalytics {
  private readonly analytics: PairAnalytics;

  constructor(config: AnalyticsConfig, historyBars: number) {
    this.analytics = new PairAnalytics({ ...config, historyBars: Math.max(historyBars, 4 * config.window) });
  }

  onBars(yBar: Bar, xBar: Bar): PairPoint {
    return this.analytics.onBars(yBar, xBar);
  }

  barsNeeded(): number {
    const z = this.analytics.snapshot().requirements.find((r) => r.statistic === 'z-score');
    return z?.moreBars ?? 0;
  }

  preview(yPrice: number, xPrice: number): LivePreview {
    const { z, spread } = this.analytics.preview(yPrice, xPrice);
    return { z, spread };
  }

  runTests(): StationarityView {
    const t = this.analytics.runTests();
    return {
      adf: t.adf && { statistic: t.adf.statistic, pValue: t.adf.pValue, usedLag: t.adf.usedLag, nobs: t.adf.nobs, critical: t.adf.critical },
      eg: t.eg && { statistic: t.eg.statistic, pValue: t.eg.pValue, usedLag: t.eg.usedLag, critical: t.eg.critical },
      egReverse: t.egReverse && { statistic: t.egReverse.statistic, pValue: t.egReverse.pValue, usedLag: t.egReverse.usedLag, critical: t.egReverse.critical },
      egWeaker: t.egWeaker,
      halfLifeBars: t.halfLife?.halfLife ?? null,
      ou: t.ou && { theta: t.ou.theta, mu: t.ou.mu, sigma: t.ou.sigma, halfLife: t.ou.halfLife, equilibriumStd: t.ou.equilibriumStd },
      hurst: t.hurst?.hurst ?? null,
      varianceRatio: t.varianceRatio && { q: t.varianceRatio.q, ratio: t.varianceRatio.ratio, pValue: t.varianceRatio.pValueRobust },
      // The window's warnings (carried closes, zero returns, β instability) with the tests' own.
      warnings: this.analytics.warnings().map((w) => ({ code: w.code, statistic: w.statistic, value: w.value, message: w.message })),
      notes: t.notes,
      computedAt: t.time ?? Date.now(),
    };
  }

  rollingStationarity(step: number, span: number): RollingStationarityPoint[] {
    return this.analytics.rollingStationarity(step, span).map((p) => ({ time: p.time, yOnX: p.pYOnX, xOnY: p.pXOnY, weaker: p.pValue }));
  }

  backtest(params: BacktestParams): BacktestView {
    const r = this.analytics.backtest(params);
    const summary = summarizeBacktest(r.trades, r.equity, params.notional, r.intervalMs);
    const trades: BacktestView['trades'] = r.trades.map((t) => ({
      side: t.side === 'long' ? 'long-spread' : 'short-spread',
      entryTime: t.entryTime,
      exitTime: t.exitTime,
      entryZ: t.entryZ,
      exitZ: t.exitZ,
      pnl: t.pnl,
      trade: t,
    }));
    const equity = r.equity.map((e) => ({ time: e.time, value: e.equity }));
    // The entry × exit grid beside the run, so the dashboard shows whether the result is a lucky point (25 runs on the same bars).
    const sweep = this.analytics.backtestSweep(params);
    return { trades, equity, totalPnl: summary.pnl, winRate: summary.hitRate, maxDrawdown: summary.maxDrawdown, params: r.params, summary, sweep };
  }

  points(): readonly PairPoint[] {
    return this.analytics.points;
  }

  setWindow(window: number): void {
    this.analytics.setWindow(window);
  }

  setHedge(hedge: HedgeMethod): void {
    this.analytics.setHedge(hedge);
  }
}
