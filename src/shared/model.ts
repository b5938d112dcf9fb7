// The data the host shows and the webview draws: the desk's published views (what a pair looks like to the tree,
// the status bar, the dashboard and the CSV writer), alert rules and firings. Type-only: the webview bundle gets
// no engine code. PairPoint, HedgeMethod and the pair's analytics parameters are the analytics' own.
import type { BacktestParams, BacktestTrade } from '../engine/analytics/backtest';
import type { BacktestSummary } from '../engine/analytics/backtestSummary';
import type { SweepResult } from '../engine/analytics/backtestSweep';
import type { AlertSeverity } from '../engine/alerts/alertRule';
import type { PairConfig as AnalyticsPairConfig } from '../engine/analytics/pairConfig';
import type { PairPoint } from '../engine/analytics/pairPoint';
import type { FeedState } from '../engine/types';
import type { Timeframe } from './constants';

export type { AlertRule } from '../engine/alerts/alertRule';
export type { AlertFiring } from '../engine/alerts/alertEngine';

/** One pair's user-chosen parameters (persisted in settings): the analytics' y on x, window and hedge, plus the bar length. */
export interface PairConfig extends Pick<AnalyticsPairConfig, 'y' | 'x' | 'window' | 'hedge'> {
  timeframe: Timeframe;
}

/** One bar of each leg, aligned on the same open time, with the analytics computed from it (if warm). */
export interface PairBarRow {
  time: number;
  yOpen: number;
  yHigh: number;
  yLow: number;
  yClose: number;
  yVolume: number;
  xOpen: number;
  xHigh: number;
  xLow: number;
  xClose: number;
  xVolume: number;
  /** Absent only when the analytics rejected the bar. */
  point?: PairPoint;
  /** True for bars rebuilt from REST history or an imported file, false for bars closed from live ticks. */
  history: boolean;
}

export interface CriticalLevels {
  '1%': number;
  '5%': number;
  '10%': number;
}

export interface RollingStationarityPoint {
  /** Open time of the last bar of the tested window. */
  time: number;
  yOnX: number | null;
  xOnY: number | null;
  /** The weaker (larger) p; null unless both ran. */
  weaker: number | null;
}

export interface EngleGrangerView {
  statistic: number;
  pValue: number;
  usedLag: number;
  critical: CriticalLevels | null;
}

/** ADF on the spread, Engle-Granger on the prices, half-life; a test that could not run is null with a note. */
export interface StationarityView {
  adf: { statistic: number; pValue: number; usedLag: number; nobs: number; critical: CriticalLevels } | null;
  /** Engle-Granger of Y on X (the hedge regression's direction). */
  eg: EngleGrangerView | null;
  /** Engle-Granger of X on Y: the ordering changes the answer. */
  egReverse?: EngleGrangerView | null;
  /** The ordering with the larger p-value and that p: the verdict to trust; null unless both ran. */
  egWeaker?: { ordering: 'y-on-x' | 'x-on-y'; pValue: number } | null;
  /** In bars; null when the spread does not mean-revert or the test could not run. */
  halfLifeBars: number | null;
  /** Ornstein-Uhlenbeck fit of the spread (exact AR(1) discretisation); θ per bar, σ per √bar, half-life in bars. */
  ou?: { theta: number | null; mu: number | null; sigma: number | null; halfLife: number | null; equilibriumStd: number | null } | null;
  /** Hurst exponent of the spread (< 0.5 mean-reverting). */
  hurst?: number | null;
  /** Lo–MacKinlay variance ratio of the spread at horizon q, heteroskedasticity-robust p-value. */
  varianceRatio?: { q: number; ratio: number; pValue: number } | null;
  /** Engle-Granger p (both orderings, the weaker) on the window ending every few bars, oldest first: a rising p is a relationship breaking. */
  rolling?: RollingStationarityPoint[];
  /** Caveats on the window's figures (statisticWarnings.ts), each with the figure behind it. */
  warnings?: { code: string; statistic: string; value: number; message: string }[];
  notes: string[];
  computedAt: number;
}

/** A run of docs/backtest.md; money in the quote currency. `trade` and `summary` carry every figure of the CLI's JSON. */
export interface BacktestView {
  trades: { side: 'long-spread' | 'short-spread'; entryTime: number; exitTime: number | null; entryZ: number; exitZ: number | null; pnl: number; trade?: BacktestTrade }[];
  equity: { time: number; value: number }[];
  totalPnl: number;
  winRate: number | null;
  maxDrawdown: number;
  params?: BacktestParams;
  summary?: BacktestSummary;
  /** Entry × exit grid (DEFAULT_SWEEP_GRID) with the other parameters of this run: Sharpe, trades and P&L per cell. */
  sweep?: SweepResult;
}

export type PairStatus = 'live' | 'warming' | 'stale' | 'alert' | 'error' | 'stopped';

export type DataSource = 'live' | 'imported';

/** Everything a view needs to render one pair; plain data, safe to post to a webview. */
export interface PairView {
  id: string;
  config: PairConfig;
  status: PairStatus;
  /** Bars still needed before the window is full (0 when warm). */
  barsNeeded: number;
  last?: PairPoint;
  /** Latest tick prices (live preview between bar closes). */
  lastYPrice?: number;
  lastXPrice?: number;
  /** Preview z from the latest tick prices against the last fitted β/α. */
  previewZ?: number;
  /** Exchange trade time of the newest tick seen on either leg (for latency measurement). */
  lastTradeTime?: number;
  tests?: StationarityView;
  legStates: Record<string, FeedState>;
  /** Per subscribed symbol that has had no trade on the live feed for a while: ms since its last trade (or its subscription). */
  silentLegs?: Record<string, number>;
  /** Open time of the first bar closed from live ticks; bars before it are history. */
  liveFrom?: number;
  source: DataSource;
  /** File name for imported data. */
  sourceLabel?: string;
  error?: string;
  activeAlert?: { ruleId: string; severity: AlertSeverity; message: string };
}
