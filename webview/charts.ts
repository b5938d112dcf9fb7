// The dashboard's ApexCharts (bundled, never from a CDN): prices on two axes, spread with mean ± k·σ,
// z with the alert thresholds of the actual rules and backtest trades, correlation, volume, equity.
// New bars append; the user's zoom is kept while data arrives; every series is bounded.
import ApexCharts from 'apexcharts';
import { errorMessage } from '../src/shared/errorMessage';
import type { AlertRule, BacktestView, PairBarRow, PairView } from '../src/shared/model';
import { formatAxisValue, rangeOf, type AxisRange } from './axisFormat';
import { BoundedSeries, type XY } from './boundedSeries';
import { DrawPacer } from './drawPacer';
import type { ChartTheme } from './theme';

type ChartKey = 'prices' | 'spread' | 'z' | 'corr' | 'volume' | 'equity';

interface ChartSlot {
  key: ChartKey;
  chart: ApexCharts;
  series: BoundedSeries[];
  element: HTMLElement;
  /** User zoom to restore after data updates; undefined when showing everything. */
  zoom?: { min: number; max: number };
  pending: boolean;
  /** Points appended since the last draw, per series. */
  fresh: XY[][];
  /** Range of the data drawn, for the label precision of the single-axis charts. */
  range?: AxisRange;
}

const CORRELATION_RANGE: AxisRange = { min: -1, max: 1 };
/** Each chart redraws at most this often while bars stream in (the z text updates every frame regardless). */
const CHART_MIN_INTERVAL_MS = 1000;
/**
 * While live updates flow, a chart is drawn right after a text frame (`afterLiveFrame`), in the gap before
 * the next update arrives, so an update rarely waits behind a chart. Without updates for this long the
 * charts draw on their own timer.
 */
const IDLE_MS = 300;

const row = {
  yClose: (r: PairBarRow): number | null => r.yClose,
  xClose: (r: PairBarRow): number | null => r.xClose,
  spread: (r: PairBarRow) => r.point?.spread ?? null,
  mean: (r: PairBarRow) => r.point?.spreadMean ?? null,
  upper: (k: number) => (r: PairBarRow) => band(r, k),
  lower: (k: number) => (r: PairBarRow) => band(r, -k),
  z: (r: PairBarRow) => r.point?.z ?? null,
  corrReturns: (r: PairBarRow) => r.point?.corrReturns ?? null,
  corrPrices: (r: PairBarRow) => r.point?.corrPrices ?? null,
  yVolume: (r: PairBarRow): number | null => r.yVolume,
  xVolume: (r: PairBarRow): number | null => r.xVolume,
};

function band(r: PairBarRow, k: number): number | null {
  const p = r.point;
  return p && p.spreadMean !== null && p.spreadStd !== null ? p.spreadMean + k * p.spreadStd : null;
}

export class DashboardCharts {
  private slots = new Map<ChartKey, ChartSlot>();
  private extractors = new Map<ChartKey, ((r: PairBarRow) => number | null)[]>();
  private bandK = 2;
  private rules: AlertRule[] = [];
  private pair?: PairView;
  private backtest?: BacktestView;
  private readonly pacer = new DrawPacer<ChartKey>(CHART_MIN_INTERVAL_MS);
  private drawTimer: ReturnType<typeof setTimeout> | undefined;
  private lastLiveFrameAt = -Infinity;

  constructor(
    private readonly theme: ChartTheme,
    private maxPoints: number,
  ) {}

  /** Creates the charts for a pair (or resets them for another pair). */
  async init(pair: PairView, rows: readonly PairBarRow[], rules: AlertRule[], bandK: number, maxPoints: number): Promise<void> {
    this.destroy();
    this.pair = pair;
    this.rules = rules;
    this.bandK = bandK;
    this.maxPoints = maxPoints;
    this.backtest = undefined;
    const { y, x } = pair.config;
    const c = this.theme.colors;
    this.extractors.set('prices', [row.yClose, row.xClose]);
    this.extractors.set('spread', [row.spread, row.mean, row.upper(bandK), row.lower(bandK)]);
    this.extractors.set('z', [row.z]);
    this.extractors.set('corr', [row.corrReturns, row.corrPrices]);
    this.extractors.set('volume', [row.yVolume, row.xVolume]);
    // Created one after another: ApexCharts merges options into shared defaults while rendering.
    const specs: [ChartKey, string, string[], string[], 'line' | 'bar' | 'area', Record<string, unknown>][] = [
      ['prices', `${y} and ${x} close (dual axis)`, [y, x], [c.blue, c.orange], 'line', {
        yaxis: [
          { seriesName: y, title: { text: y }, labels: { formatter: fmtPrice } },
          { seriesName: x, opposite: true, title: { text: x }, labels: { formatter: fmtPrice } },
        ],
      }],
      ['spread', `Spread with mean ± ${bandK}σ`, ['spread', 'mean', `+${bandK}σ`, `−${bandK}σ`], [c.purple, c.muted, c.red, c.red], 'line', {
        stroke: { width: [2, 1, 1, 1], dashArray: [0, 4, 3, 3] },
      }],
      ['z', 'z-score', ['z'], [c.green], 'line', { annotations: { yaxis: this.thresholdLines(), points: [] } }],
      ['corr', 'Rolling correlation', ['returns', 'prices'], [c.blue, c.yellow], 'line', { yaxis: { min: -1, max: 1, tickAmount: 4, labels: { formatter: (v: number) => formatAxisValue(v, CORRELATION_RANGE) } } }],
      // A step area, not bars: ApexCharts draws one SVG element per bar, and 1,000+ bars took 0.75 s per
      // redraw in the software-rendered webview (two paths take as long as a line chart).
      ['volume', 'Volume', [`${y}`, `${x}`], [c.blue, c.orange], 'area', {
        stroke: { width: 1, curve: 'stepline' },
        fill: { type: 'solid', opacity: 0.25 },
        yaxis: [
          { seriesName: y, labels: { formatter: fmtCompact } },
          { seriesName: x, opposite: true, labels: { formatter: fmtCompact } },
        ],
      }],
      ['equity', 'Backtest equity (run "Run Backtest")', ['equity'], [c.green], 'area', {}],
    ];
    for (const [key, title, names, colors, type, extra] of specs) {
      try {
        await this.create(key, title, names, colors, type, extra);
      } catch (err) {
        // One chart failing must not take the dashboard down: say so on its element.
        const element = document.getElementById(`chart-${key}`);
        if (element) {
          element.dataset.error = errorMessage(err);
          element.textContent = `Chart unavailable: ${element.dataset.error}`;
        }
      }
    }
    this.appendRows(rows, true);
  }

  private thresholdLines(): object[] {
    const lines: object[] = [];
    const id = this.pair?.id;
    for (const r of this.rules) {
      if (!r.enabled || r.metric !== 'z' || (r.pair !== '*' && r.pair !== id)) continue;
      const color = r.severity === 'error' ? this.theme.colors.red : this.theme.colors.yellow;
      const levels = r.operator === '|x|>' ? [r.threshold, -r.threshold] : [r.threshold];
      for (const level of levels)
        lines.push({ y: level, borderColor: color, strokeDashArray: 4, label: { text: `${r.id} ${level > 0 ? '+' : ''}${level}`, style: { color: '#fff', background: color } } });
    }
    return lines;
  }

  private async create(key: ChartKey, title: string, names: string[], colors: string[], type: 'line' | 'bar' | 'area', extra: Record<string, unknown>): Promise<void> {
    const element = document.getElementById(`chart-${key}`);
    if (!element) return;
    const t = this.theme;
    const slot: ChartSlot = { key, element, chart: undefined as unknown as ApexCharts, series: names.map(() => new BoundedSeries(this.maxPoints)), pending: false, fresh: names.map(() => []) };
    const options = {
      chart: {
        id: `qp-${key}`,
        type,
        height: 240,
        animations: { enabled: false },
        foreColor: t.foreground,
        fontFamily: t.font,
        background: 'transparent',
        toolbar: { show: true, tools: { download: false, selection: true, zoom: true, zoomin: true, zoomout: true, pan: true, reset: true }, autoSelected: 'zoom' },
        zoom: { enabled: true, type: 'x', autoScaleYaxis: key !== 'corr' },
        events: {
          zoomed: (_c: unknown, range: { xaxis?: { min?: number; max?: number } }) => {
            const min = range.xaxis?.min;
            const max = range.xaxis?.max;
            slot.zoom = min !== undefined && max !== undefined ? { min, max } : undefined;
          },
          scrolled: (_c: unknown, range: { xaxis?: { min?: number; max?: number } }) => {
            if (range.xaxis?.min !== undefined && range.xaxis?.max !== undefined) slot.zoom = { min: range.xaxis.min, max: range.xaxis.max };
          },
          beforeResetZoom: () => {
            slot.zoom = undefined;
            return undefined;
          },
        },
      },
      title: { text: title, style: { color: t.foreground, fontWeight: 500 } },
      theme: { mode: t.mode },
      colors,
      series: names.map((name) => ({ name, data: [] as XY[] })),
      stroke: { width: type === 'bar' ? 0 : 2, curve: 'straight' },
      dataLabels: { enabled: false },
      markers: { size: 0 },
      grid: { borderColor: t.grid },
      legend: { show: names.length > 1, labels: { colors: t.foreground } },
      xaxis: { type: 'datetime', labels: { datetimeUTC: true }, tooltip: { enabled: false } },
      yaxis: { labels: { formatter: (v: number) => formatAxisValue(v, slot.range) } },
      tooltip: { theme: t.mode, shared: true, intersect: false, x: { format: 'yyyy-MM-dd HH:mm:ss UTC' } },
      noData: { text: 'waiting for bars…', style: { color: t.foreground } },
      annotations: { yaxis: [], xaxis: [], points: [] },
      ...extra,
    };
    slot.chart = new ApexCharts(element, options);
    this.slots.set(key, slot);
    await slot.chart.render();
  }

  /** New closed bars: appended to every bounded series, drawn by the pacer (at most one chart per task). */
  appendRows(rows: readonly PairBarRow[], initial = false): void {
    if (rows.length === 0) return;
    for (const [key, extract] of this.extractors) {
      const slot = this.slots.get(key);
      if (!slot) continue;
      extract.forEach((fn, i) => {
        const pts: XY[] = rows.map((r) => [r.time, fn(r)]);
        if (initial) slot.series[i].reset(pts);
        else {
          slot.series[i].append(pts);
          slot.fresh[i].push(...pts);
        }
      });
      slot.pending = true;
      if (initial) this.pacer.markUrgent(key);
      else this.pacer.markPending(key);
    }
    this.schedule();
  }

  setBacktest(bt: BacktestView): void {
    this.backtest = bt;
    const slot = this.slots.get('equity');
    if (slot) {
      slot.series[0].reset(bt.equity.map((e) => [e.time, e.value]));
      slot.pending = true;
      this.pacer.markUrgent('equity');
      void slot.chart.updateOptions({ title: { text: `Backtest equity: P&L ${bt.totalPnl.toFixed(2)}, ${bt.trades.length} trades` } }, false, false);
    }
    const z = this.slots.get('z');
    if (z) void z.chart.updateOptions({ annotations: { yaxis: this.thresholdLines(), points: this.tradeMarkers() } }, false, false);
    this.schedule();
  }

  setRules(rules: AlertRule[]): void {
    this.rules = rules;
    const z = this.slots.get('z');
    if (z) void z.chart.updateOptions({ annotations: { yaxis: this.thresholdLines(), points: this.tradeMarkers() } }, false, false);
  }

  private tradeMarkers(): object[] {
    const bt = this.backtest;
    if (!bt) return [];
    const zAt = new Map<number, number>();
    const zs = this.slots.get('z')?.series[0].data ?? [];
    for (const [t, v] of zs) if (v !== null) zAt.set(t, v);
    const markers: object[] = [];
    for (const tr of bt.trades) {
      const color = tr.side === 'long-spread' ? this.theme.colors.green : this.theme.colors.red;
      markers.push({ x: tr.entryTime, y: zAt.get(tr.entryTime) ?? tr.entryZ, marker: { size: 5, fillColor: color, strokeColor: color }, label: { text: tr.side === 'long-spread' ? 'L' : 'S' } });
      if (tr.exitTime !== null) markers.push({ x: tr.exitTime, y: zAt.get(tr.exitTime) ?? tr.exitZ ?? 0, marker: { size: 4, fillColor: this.theme.colors.muted, strokeColor: color }, label: { text: 'x' } });
    }
    return markers;
  }

  /** The live text was just painted: draw one due chart now, in the gap before the next update. */
  afterLiveFrame(): void {
    this.lastLiveFrameAt = performance.now();
    this.step();
  }

  /** Fallback timer for when no live updates come (a new pair, a backtest, a quiet market). */
  private schedule(delayMs = 0): void {
    if (this.drawTimer !== undefined) return;
    this.drawTimer = setTimeout(() => {
      this.drawTimer = undefined;
      const sinceFrame = performance.now() - this.lastLiveFrameAt;
      // Updates are flowing: leave the drawing to afterLiveFrame, never in the middle of the update cycle.
      if (sinceFrame < IDLE_MS) return this.schedule(IDLE_MS - sinceFrame);
      this.step();
    }, delayMs);
  }

  /** Draws at most one chart: the pending one drawn longest ago, once its interval has passed (DrawPacer). */
  private step(): void {
    const next = this.pacer.next(performance.now());
    if (next && 'draw' in next) {
      const slot = this.slots.get(next.draw);
      const started = performance.now();
      if (slot) {
        this.draw(slot);
        // How long the draw held the thread (diagnostics: the latency benchmark reads the largest).
        const ms = performance.now() - started;
        slot.element.dataset.drawMsMax = String(Math.max(ms, Number(slot.element.dataset.drawMsMax ?? 0)));
      }
      this.pacer.drawn(next.draw, performance.now());
    }
    const after = this.pacer.next(performance.now());
    if (after) this.schedule('waitMs' in after ? Math.max(after.waitMs, IDLE_MS) : IDLE_MS);
  }

  private draw(slot: ChartSlot): void {
    if (!slot.pending) return;
    slot.pending = false;
    const rewritten = slot.series.map((s) => s.takeRewritten()).some(Boolean);
    slot.range = rangeOf(slot.series.map((s) => s.data));
    // Whole-series update only on init or after older points were thinned; otherwise append the new points.
    if (rewritten) void slot.chart.updateSeries(slot.series.map((s) => ({ data: s.data.slice() })), false);
    else void slot.chart.appendData(slot.fresh.map((f) => ({ data: f })));
    slot.fresh = slot.series.map(() => []);
    slot.element.dataset.points = String(slot.series[0]?.length ?? 0);
    if (slot.zoom) slot.chart.zoomX(slot.zoom.min, slot.zoom.max);
  }

  /** Charts in a hidden webview were measured at zero size; re-measure when shown. */
  remeasure(): void {
    for (const slot of this.slots.values()) void slot.chart.updateOptions({}, true, false);
  }

  destroy(): void {
    if (this.drawTimer !== undefined) clearTimeout(this.drawTimer);
    this.drawTimer = undefined;
    this.pacer.forget();
    for (const slot of this.slots.values()) slot.chart.destroy();
    this.slots.clear();
    this.extractors.clear();
  }
}

function fmtPrice(v: number): string {
  if (!Number.isFinite(v)) return '';
  return Math.abs(v) >= 1000 ? v.toFixed(1) : v.toFixed(3);
}

function fmtCompact(v: number): string {
  if (!Number.isFinite(v)) return '';
  const a = Math.abs(v);
  return a >= 1e6 ? (v / 1e6).toFixed(1) + 'M' : a >= 1e3 ? (v / 1e3).toFixed(1) + 'k' : v.toFixed(a >= 10 ? 0 : 2);
}
