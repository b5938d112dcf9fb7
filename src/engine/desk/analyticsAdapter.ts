// Binds the desk's analytics port to PairAnalytics (src/engine/analytics): more than a rename, it shapes the
// tests and the backtest into the plain views the tree, the dashboard and the CSV writer share.
import { PairAnalytics } from '../analytics/pairAnalytics';
import type { Bar } from '../types';
import type { HedgeMethod } from '../analytics/hedgeMethod';
import type { PairPoint } from '../analytics/pairPoint';
import type { AnalyticsConfig, DeskAnalytics, LivePreview } from './ports';
import type { BacktestView, StationarityView } from './types';

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
      adf: t.adf && { statistic: t.adf.stat, pValue: t.adf.pvalue, usedLag: t.adf.usedLag, nobs: t.adf.nobs, critical: t.adf.critical },
      eg: t.eg && { statistic: t.eg.stat, pValue: t.eg.pvalue, usedLag: t.eg.usedLag, critical: t.eg.critical },
      halfLifeBars: t.halfLife?.halfLife ?? null,
      notes: t.notes,
      computedAt: t.time ?? Date.now(),
    };
  }

  backtest(entryZ: number, exitZ: number): BacktestView {
    const r = this.analytics.backtest({ entryZ, exitZ, feeBps: 0, notional: 10_000 });
    const trades: BacktestView['trades'] = r.trades.map((t) => ({ side: t.side, entryTime: t.entryTime, exitTime: t.exitTime, entryZ: t.entryZ, exitZ: t.exitZ, pnl: t.pnl }));
    if (r.openTrade) trades.push({ side: r.openTrade.side, entryTime: r.openTrade.entryTime, exitTime: null, entryZ: r.openTrade.entryZ, exitZ: null, pnl: r.openTrade.pnl });
    return { trades, equity: r.equity.map((e) => ({ time: e.time, value: e.equity })), totalPnl: r.totalPnl, winRate: r.winRate, maxDrawdown: r.maxDrawdown };
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
