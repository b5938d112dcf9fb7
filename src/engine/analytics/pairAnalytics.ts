// The per-pair pipeline, "Y = α + β·X + ε": closed bar pairs in, PairPoints out. Everything is
// incremental: a bar updates the rolling co-moments (O(1)), the hedge/spread model (O(1) for ols,
// rolling-ols, kalman; O(window·iterations) for huber, a merge over the
// window²/2 sorted slopes for theil-sen) and the price statistics.
// Stationarity tests run only on demand (`runTests`, e.g. on bar close), never per tick.
import type { Bar } from '../types';
import { EngineError } from '../errors';
import { DEFAULT_BACKTEST_PARAMS, runBacktest, type BacktestInput, type BacktestParams, type BacktestRun } from './backtest';
import { DEFAULT_SWEEP_GRID, sweepBacktest, type SweepGrid, type SweepResult } from './backtestSweep';
import type { HedgeMethod, KalmanSettings } from './hedgeMethod';
import { validatePairConfig, type PairConfig } from './pairConfig';
import { finiteOrNull, type PairPoint } from './pairPoint';
import { runPairTests, testRequirements, type PairTests } from './pairTests';
import { RollingPriceStats, type PriceStats } from './priceStats';
import { requirement, type Requirement } from './requirements';
import { rollingCointegration, type RollingCointPoint } from './rollingCoint';
import { RollingCoMoments } from './rollingCoMoments';
import { createSpreadModel, type SpreadModel } from './spreadModels';
import { statisticWarnings, type StatisticWarning } from './statisticWarnings';

/** A live estimate on the open (not yet closed) bar; state is not touched. */
export interface PreviewPoint {
  y: number;
  x: number;
  beta: number | null;
  alpha: number | null;
  spread: number | null;
  z: number | null;
}

export interface PairSnapshot {
  /** "Y/X". */
  pair: string;
  config: PairConfig;
  /** Closed bars in the current pipeline. */
  bars: number;
  latest: PairPoint | null;
  requirements: Requirement[];
  prices: { y: PriceStats; x: PriceStats };
  /** Result of the last runTests(), or null if never run since the last (re)configuration. */
  tests: PairTests | null;
  /** What the figures should be read with (carried bars, zero returns, β instability, short tests…). */
  warnings: StatisticWarning[];
}

/** Metric values alerts are evaluated on; `price` is the Y leg's close, `correlation` the returns correlation. */
export interface PairMetrics {
  z: number | null;
  spread: number | null;
  correlation: number | null;
  beta: number | null;
  adfPValue: number | null;
  egPValue: number | null;
  halfLife: number | null;
  price: number | null;
}

export class PairAnalytics {
  private cfg: PairConfig;
  private prices!: RollingCoMoments;
  private returns!: RollingCoMoments;
  private yStats!: RollingPriceStats;
  private xStats!: RollingPriceStats;
  private model!: SpreadModel;
  private barCount = 0;
  private lastTests: PairTests | null = null;
  private intervalMs = 0;
  // Retained closed bars (raw closes) for setWindow / setHedge / backtest; trimmed in batches.
  private times: number[] = [];
  private yCloses: number[] = [];
  private xCloses: number[] = [];
  /** Per retained bar: that leg had no trade (its close carried). */
  private yEmpty: boolean[] = [];
  private xEmpty: boolean[] = [];
  private pointList: PairPoint[] = [];

  constructor(config: PairConfig) {
    validatePairConfig(config);
    this.cfg = { ...config };
    this.resetPipeline();
  }

  get config(): Readonly<PairConfig> {
    return this.cfg;
  }

  get pair(): string {
    return `${this.cfg.y}/${this.cfg.x}`;
  }

  /** Closed-bar history (oldest first), at most historyBars·2 long. */
  get points(): readonly PairPoint[] {
    return this.pointList;
  }

  /** One aligned pair of closed bars (same open time and length). */
  onBars(yBar: Bar, xBar: Bar): PairPoint {
    if (yBar.symbol !== this.cfg.y || xBar.symbol !== this.cfg.x) {
      throw new EngineError('BAD_SYMBOL', `pair ${this.pair}: got bars of ${yBar.symbol}/${xBar.symbol}`);
    }
    if (yBar.openTime !== xBar.openTime || yBar.intervalMs !== xBar.intervalMs) {
      throw new EngineError('BAD_ARGUMENT', `pair ${this.pair}: bars not aligned (${yBar.openTime}/${yBar.intervalMs} ms vs ${xBar.openTime}/${xBar.intervalMs} ms)`);
    }
    if (this.intervalMs !== 0 && yBar.intervalMs !== this.intervalMs) {
      throw new EngineError('BAD_TIMEFRAME', `pair ${this.pair}: bar length changed from ${this.intervalMs} to ${yBar.intervalMs} ms`);
    }
    const lastTime = this.times.length ? this.times[this.times.length - 1] : -Infinity;
    if (!(yBar.openTime > lastTime)) {
      throw new EngineError('BAD_ARGUMENT', `pair ${this.pair}: bar at ${yBar.openTime} is not after the previous bar (${lastTime})`);
    }
    for (const bar of [yBar, xBar]) {
      if (!(Number.isFinite(bar.close) && bar.close > 0)) {
        throw new EngineError('BAD_ARGUMENT', `pair ${this.pair}: ${bar.symbol} close must be a positive number, got ${bar.close}`);
      }
    }
    this.intervalMs = yBar.intervalMs;
    this.times.push(yBar.openTime);
    this.yCloses.push(yBar.close);
    this.xCloses.push(xBar.close);
    this.yEmpty.push(yBar.empty === true);
    this.xEmpty.push(xBar.empty === true);
    const point = this.process(yBar.openTime, yBar.close, xBar.close);
    this.pointList.push(point);
    this.trimHistory();
    return point;
  }

  /** z etc. for prices of the open bar, with the hedge and spread statistics of the last closed bar. */
  preview(yPrice: number, xPrice: number): PreviewPoint {
    const reading = this.model.current();
    if (!reading || !(yPrice > 0) || !(xPrice > 0) || !Number.isFinite(yPrice) || !Number.isFinite(xPrice)) {
      return { y: yPrice, x: xPrice, beta: finiteOrNull(reading?.beta), alpha: finiteOrNull(reading?.alpha), spread: null, z: null };
    }
    const spread = this.transform(yPrice) - reading.alpha - reading.beta * this.transform(xPrice);
    const z = reading.spreadMean !== null && reading.spreadStd !== null && reading.spreadStd > 0 ? (spread - reading.spreadMean) / reading.spreadStd : null;
    return { y: yPrice, x: xPrice, beta: finiteOrNull(reading.beta), alpha: finiteOrNull(reading.alpha), spread: finiteOrNull(spread), z: finiteOrNull(z) };
  }

  snapshot(): PairSnapshot {
    const w = this.cfg.window;
    return {
      pair: this.pair,
      config: { ...this.cfg },
      bars: this.barCount,
      latest: this.pointList.length ? this.pointList[this.pointList.length - 1] : null,
      requirements: [
        requirement('Hedge ratio', this.barCount, this.model.barsForHedge),
        requirement('z-score', this.barCount, this.model.barsForZ),
        requirement('Price correlation', this.barCount, w),
        requirement('Return correlation', this.barCount, w),
        ...testRequirements(this.barCount, w, this.model.barsForZ),
      ],
      prices: { y: this.yStats.stats(this.intervalMs), x: this.xStats.stats(this.intervalMs) },
      tests: this.lastTests,
      warnings: this.warnings(),
    };
  }

  /**
   * Rolling stationarity on the retained bars: Engle-Granger (both orderings, trend c, AIC) on the
   * window ending every `step` bars over the last `span` bars, so a relationship that breaks shows as a
   * rising p. On demand (span/step tests of the window each), never per tick.
   */
  rollingStationarity(step: number, span: number): (RollingCointPoint & { time: number })[] {
    const y = this.yCloses.map((v) => this.transform(v));
    const x = this.xCloses.map((v) => this.transform(v));
    return rollingCointegration(y, x, { window: this.cfg.window, step, span, trend: 'c', autolag: 'AIC' }).map((p) => ({ ...p, time: this.times[p.end] }));
  }

  /** Warnings about the current window's figures (statisticWarnings.ts), from the retained bars. */
  warnings(): StatisticWarning[] {
    const w = Math.min(this.cfg.window, this.times.length);
    const from = this.times.length - w;
    const t = this.lastTests;
    return statisticWarnings({
      window: this.cfg.window,
      yEmpty: this.yEmpty.slice(from),
      xEmpty: this.xEmpty.slice(from),
      yCloses: this.yCloses.slice(from),
      xCloses: this.xCloses.slice(from),
      betas: this.pointList.slice(from).map((p) => p.beta),
      betaStdErr: this.prices.full ? this.prices.betaStandardError() : null,
      testBars: t && (t.adf || t.eg) ? t.nobs || this.prices.count : null,
      halfLife: t?.halfLife?.halfLife ?? null,
    });
  }

  /** ADF on the window's spread, Engle-Granger on the window's Y and X, half-life. On demand / bar close. */
  runTests(): PairTests {
    const n = this.prices.count;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    this.prices.copyTo(xs, ys);
    const last = this.pointList.length ? this.pointList[this.pointList.length - 1].time : null;
    this.lastTests = runPairTests(last, this.model.windowSpread(this.prices), ys, xs, this.barCount, this.cfg.window, this.model.barsForZ);
    return this.lastTests;
  }

  /** The backtest of docs/backtest.md on the retained closed bars (the bar length is unknown before the first bar). */
  backtest(params: BacktestParams = this.cfg.backtest ?? DEFAULT_BACKTEST_PARAMS, funding?: BacktestInput['funding']): BacktestRun {
    return runBacktest(this.backtestInput(funding), params);
  }

  /** The entry × exit sweep (backtestSweep.ts) on the same bars, the other parameters as given. */
  backtestSweep(params: BacktestParams, grid: SweepGrid = DEFAULT_SWEEP_GRID, funding?: BacktestInput['funding']): SweepResult {
    return sweepBacktest(this.backtestInput(funding), params, grid);
  }

  private backtestInput(funding?: BacktestInput['funding']): BacktestInput {
    return { bars: this.pointList, intervalMs: this.intervalMs || 1000, logPrices: this.cfg.logPrices === true, funding };
  }

  metrics(): PairMetrics {
    const p = this.pointList.length ? this.pointList[this.pointList.length - 1] : null;
    const t = this.lastTests;
    return {
      z: p?.z ?? null,
      spread: p?.spread ?? null,
      correlation: p?.corrReturns ?? null,
      beta: p?.beta ?? null,
      adfPValue: finiteOrNull(t?.adf?.pValue),
      egPValue: finiteOrNull(t?.egWeaker?.pValue ?? t?.eg?.pValue),
      halfLife: finiteOrNull(t?.halfLife?.halfLife),
      price: p?.y ?? null,
    };
  }

  setWindow(window: number): void {
    const next = { ...this.cfg, window };
    validatePairConfig(next);
    this.cfg = next;
    this.replay();
  }

  setHedge(hedge: HedgeMethod, kalman?: KalmanSettings): void {
    const next = { ...this.cfg, hedge, kalman: kalman ?? this.cfg.kalman };
    validatePairConfig(next);
    this.cfg = next;
    this.replay();
  }

  private process(time: number, yClose: number, xClose: number): PairPoint {
    const yv = this.transform(yClose);
    const xv = this.transform(xClose);
    if (this.barCount > 0) {
      const prevY = this.yStats.lastClose as number;
      const prevX = this.xStats.lastClose as number;
      this.returns.push(Math.log(xClose / prevX), Math.log(yClose / prevY));
    }
    this.prices.push(xv, yv);
    this.yStats.push(yClose);
    this.xStats.push(xClose);
    this.barCount++;
    const r = this.model.update(this.prices);
    const z = r && r.spreadMean !== null && r.spreadStd !== null && r.spreadStd > 0 ? (r.spread - r.spreadMean) / r.spreadStd : null;
    return {
      time,
      y: yClose,
      x: xClose,
      beta: finiteOrNull(r?.beta),
      alpha: finiteOrNull(r?.alpha),
      spread: finiteOrNull(r?.spread),
      spreadMean: finiteOrNull(r?.spreadMean),
      spreadStd: finiteOrNull(r?.spreadStd),
      z: finiteOrNull(z),
      corrPrices: this.prices.full ? this.prices.correlation() : null,
      corrReturns: this.returns.full ? this.returns.correlation() : null,
    };
  }

  private transform(price: number): number {
    return this.cfg.logPrices ? Math.log(price) : price;
  }

  private resetPipeline(): void {
    const w = this.cfg.window;
    this.prices = new RollingCoMoments(w);
    this.returns = new RollingCoMoments(w - 1);
    this.yStats = new RollingPriceStats(this.cfg.y, w);
    this.xStats = new RollingPriceStats(this.cfg.x, w);
    this.model = createSpreadModel(this.cfg.hedge, w, this.cfg.kalman);
    this.barCount = 0;
    this.lastTests = null;
  }

  /** Rebuilds every statistic from the retained bars after a change of window or hedge method. */
  private replay(): void {
    this.resetPipeline();
    this.pointList = this.times.map((t, i) => this.process(t, this.yCloses[i], this.xCloses[i]));
  }

  private get historyLimit(): number {
    return this.cfg.historyBars ?? Math.max(2000, 4 * this.cfg.window);
  }

  /** Keeps between historyLimit and 2·historyLimit bars: amortised O(1) per bar. */
  private trimHistory(): void {
    const limit = this.historyLimit;
    if (this.times.length <= 2 * limit) return;
    const drop = this.times.length - limit;
    this.times.splice(0, drop);
    this.yCloses.splice(0, drop);
    this.xCloses.splice(0, drop);
    this.yEmpty.splice(0, drop);
    this.xEmpty.splice(0, drop);
    this.pointList.splice(0, drop);
  }
}
