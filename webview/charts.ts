// The dashboard's ApexCharts (bundled, never from a CDN): prices on two axes, spread with mean ± k·σ,
// z with the backtest's entry/exit levels, the thresholds of the actual rules and backtest trades,
// correlation, volume, equity. New bars append; every series is bounded. The time axes move together
// (zoom or pan one, all follow; one reset for all), a hovered chart keeps its tooltip (it is not redrawn
// under the mouse) and the charts follow a colour theme change at once (applyTheme).
import ApexCharts from 'apexcharts';
import { errorMessage } from '../src/shared/errorMessage';
import type { AlertRule, BacktestView, PairBarRow, PairView } from '../src/shared/model';
import type { ZLevels } from '../src/shared/protocol';
import { formatUtcTime } from '../src/shared/format';
import { formatAxisValue, rangeOf, type AxisRange } from './axisFormat';
import { BoundedSeries, type XY } from './boundedSeries';
import { DrawPacer } from './drawPacer';
import type { ChartTheme } from './theme';

/** Larger |z| edges than this are ApexCharts' no-data sentinels, not data (see zLimit). */
const Z_EDGE_MAX = 1e6;

type ChartKey = 'prices' | 'spread' | 'z' | 'corr' | 'volume' | 'equity';
type ColorKey = keyof ChartTheme['colors'];
interface XRange {
  min: number;
  max: number;
}

interface ChartSlot {
  key: ChartKey;
  chart: ApexCharts;
  series: BoundedSeries[];
  element: HTMLElement;
  /** Theme colours of its series, re-read on a theme change. */
  colorKeys: ColorKey[];
  /** The pointer is over it: not redrawn (a redraw removes the tooltip), drawn when the pointer leaves. */
  hovered: boolean;
  pending: boolean;
  /** Points appended since the last draw, per series. */
  fresh: XY[][];
  /** Range of the data drawn, for the label precision of the single-axis charts. */
  range?: AxisRange;
}

const CORRELATION_RANGE: AxisRange = { min: -1, max: 1 };
/** Charts whose x axis is the bars' time: they zoom and pan together. */
const TIME_AXES: ReadonlySet<ChartKey> = new Set(['prices', 'spread', 'z', 'corr', 'volume', 'equity']);
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
  private zLevels: ZLevels = { entry: 2, exit: 0.5 };
  /** The x range every time-axis chart shows (a user zoom or pan); undefined when showing everything. */
  private zoom?: XRange;
  /** Set while this class zooms charts itself, so their zoom events are not taken for the user's. */
  private applyingZoom = false;
  private zoomFollowFrame = 0;
  private zoomSource?: ChartKey;
  private rules: AlertRule[] = [];
  private pair?: PairView;
  private backtest?: BacktestView;
  private readonly pacer = new DrawPacer<ChartKey>(CHART_MIN_INTERVAL_MS);
  private drawTimer: ReturnType<typeof setTimeout> | undefined;
  private lastLiveFrameAt = -Infinity;

  constructor(
    private theme: ChartTheme,
    private maxPoints: number,
  ) {}

  /** Creates the charts for a pair (or resets them for another pair). */
  async init(pair: PairView, rows: readonly PairBarRow[], rules: AlertRule[], bandK: number, maxPoints: number, zLevels?: ZLevels): Promise<void> {
    this.destroy();
    this.pair = pair;
    this.rules = rules;
    this.bandK = bandK;
    this.maxPoints = maxPoints;
    if (zLevels) this.zLevels = zLevels;
    this.backtest = undefined;
    this.zoom = undefined;
    const { y, x } = pair.config;
    this.extractors.set('prices', [row.yClose, row.xClose]);
    this.extractors.set('spread', [row.spread, row.mean, row.upper(bandK), row.lower(bandK)]);
    this.extractors.set('z', [row.z]);
    this.extractors.set('corr', [row.corrReturns, row.corrPrices]);
    this.extractors.set('volume', [row.yVolume, row.xVolume]);
    // Created one after another: ApexCharts merges options into shared defaults while rendering.
    const specs: [ChartKey, string, string[], ColorKey[], 'line' | 'bar' | 'area', Record<string, unknown>][] = [
      ['prices', `${y} and ${x} close (dual axis)`, [y, x], ['blue', 'orange'], 'line', {
        yaxis: [
          { seriesName: y, title: { text: y }, labels: { formatter: fmtPrice } },
          { seriesName: x, opposite: true, title: { text: x }, labels: { formatter: fmtPrice } },
        ],
      }],
      ['spread', `Spread with mean ± ${bandK}σ`, ['spread', 'mean', `+${bandK}σ`, `−${bandK}σ`], ['purple', 'muted', 'red', 'red'], 'line', {
        stroke: { width: [2, 1, 1, 1], dashArray: [0, 4, 3, 3] },
      }],
      ['z', 'z-score', ['z'], ['green'], 'line', {
        annotations: this.zAnnotations(),
        // Symmetric whole-number limits that always include the entry levels (ticks at ±lim, ±lim/2, 0).
        yaxis: { min: (m: number) => -this.zLimit(m), max: (m: number) => this.zLimit(m), tickAmount: 4, labels: { formatter: (v: number) => formatAxisValue(v, this.slots.get('z')?.range) } },
      }],
      ['corr', 'Rolling correlation', ['returns', 'prices'], ['blue', 'yellow'], 'line', { yaxis: { min: -1, max: 1, tickAmount: 4, labels: { formatter: (v: number) => formatAxisValue(v, CORRELATION_RANGE) } } }],
      // A step area, not bars: ApexCharts draws one SVG element per bar, and 1,000+ bars took 0.75 s per
      // redraw in the software-rendered webview (two paths take as long as a line chart).
      ['volume', 'Volume', [`${y}`, `${x}`], ['blue', 'orange'], 'area', {
        stroke: { width: 1, curve: 'stepline' },
        fill: { type: 'solid', opacity: 0.25 },
        yaxis: [
          { seriesName: y, labels: { formatter: fmtCompact } },
          { seriesName: x, opposite: true, labels: { formatter: fmtCompact } },
        ],
      }],
      ['equity', 'Backtest equity', ['equity'], ['green'], 'area', {}],
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

  /** The z chart's lines: the backtest's entry/exit levels always, the z rules' thresholds when there are rules; trades. */
  private zAnnotations(): { yaxis: object[]; points: object[] } {
    return { yaxis: [...this.levelLines(), ...this.thresholdLines()], points: this.tradeMarkers() };
  }

  /** The levels of the backtest shown (its own parameters), else those a backtest would run with (quantPairs.zThresholds). */
  private levels(): ZLevels {
    const p = this.backtest?.params;
    return p ? { entry: p.entry, exit: p.exit } : this.zLevels;
  }

  /** The z axis limit: the largest |z| drawn or the entry level plus a margin, whichever is larger, rounded up. */
  private zLimit(dataEdge: number): number {
    const r = this.slots.get('z')?.range;
    // With no data yet ApexCharts passes ±Number.MAX_VALUE as the edge: taken as is, the axis spans 1e308 and its
    // tick array cannot be allocated ("Invalid array length"), so no z chart is drawn. No real z is that large.
    const edge = Math.abs(dataEdge) < Z_EDGE_MAX ? Math.abs(dataEdge) : 0;
    const extent = Math.max(edge, r ? Math.max(Math.abs(r.min), Math.abs(r.max)) : 0, this.levels().entry + 0.5);
    return Number.isFinite(extent) ? Math.ceil(extent) : 3;
  }

  private levelLines(): object[] {
    const { entry, exit } = this.levels();
    const c = this.theme.colors;
    const line = (y: number, text: string, color: string, dash: number, shiftRight = false) => ({
      y,
      borderColor: color,
      strokeDashArray: dash,
      // On the left, so a rule's label (on the right) at the same level stays readable. Below a negative level and
      // the exit labels beside the entry ones: on a wide z axis (±7) the four labels stacked into one another.
      label: {
        text,
        position: 'left',
        textAnchor: 'start',
        borderWidth: 0,
        offsetX: shiftRight ? 64 : 0,
        offsetY: y < 0 ? 18 : 0,
        style: { color: this.theme.background, background: color },
      },
    });
    const signed = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0');
    const lines = [line(entry, `entry ${signed(entry)}`, c.blue, 6), line(-entry, `entry ${signed(-entry)}`, c.blue, 6)];
    if (exit === 0) lines.push(line(0, 'exit 0', c.muted, 2, true));
    else lines.push(line(exit, `exit ${signed(exit)}`, c.muted, 2, true), line(-exit, `exit ${signed(-exit)}`, c.muted, 2, true));
    return lines;
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

  private async create(key: ChartKey, title: string, names: string[], colorKeys: ColorKey[], type: 'line' | 'bar' | 'area', extra: Record<string, unknown>): Promise<void> {
    const element = document.getElementById(`chart-${key}`);
    if (!element) return;
    const t = this.theme;
    const slot: ChartSlot = {
      key,
      element,
      chart: undefined as unknown as ApexCharts,
      series: names.map(() => new BoundedSeries(this.maxPoints)),
      colorKeys,
      hovered: false,
      pending: false,
      fresh: names.map(() => []),
    };
    element.onpointerenter = () => {
      slot.hovered = true;
    };
    element.onpointerleave = () => {
      slot.hovered = false;
      // What arrived under the mouse is drawn now.
      if (slot.pending) {
        this.pacer.markPending(key);
        this.schedule();
      }
    };
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
          // Zoom, pan and reset of one time axis: the others follow (ApexCharts' chart.group would also
          // broadcast every updateOptions, such as the equity title, to the whole group).
          zoomed: (_c: unknown, range: { xaxis?: { min?: number; max?: number } }) => this.onUserZoom(key, range.xaxis),
          scrolled: (_c: unknown, range: { xaxis?: { min?: number; max?: number } }) => this.onUserZoom(key, range.xaxis),
          beforeResetZoom: () => {
            this.onUserZoom(key, undefined);
            return undefined;
          },
        },
      },
      title: { text: title, style: { color: t.foreground, fontWeight: 500 } },
      theme: { mode: t.mode },
      colors: colorKeys.map((c) => t.colors[c]),
      series: names.map((name) => ({ name, data: [] as XY[] })),
      stroke: { width: type === 'bar' ? 0 : 2, curve: 'straight' },
      dataLabels: { enabled: false },
      markers: { size: 0 },
      grid: { borderColor: t.grid },
      legend: { show: names.length > 1, labels: { colors: t.foreground } },
      // ApexCharts' own time scale (nice ticks, dates at midnight); its month-start label is fixed at build (scripts/apexcharts-patch.js).
      xaxis: { type: 'datetime', labels: { datetimeUTC: true }, tooltip: { enabled: false } },
      yaxis: { labels: { formatter: (v: number) => formatAxisValue(v, slot.range) } },
      // Formatted here: in an ApexCharts format string the T of "UTC" is a token (it printed "UAC").
      tooltip: { theme: t.mode, shared: true, intersect: false, x: { formatter: (v: number) => formatUtcTime(v) } },
      // The equity chart's empty state is no backtest yet, not missing bars.
      noData: { text: key === 'equity' ? 'no backtest yet: press Backtest' : 'waiting for bars…', style: { color: t.foreground } },
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
    this.updateZAnnotations();
    this.schedule();
  }

  setRules(rules: AlertRule[]): void {
    this.rules = rules;
    this.updateZAnnotations();
  }

  private updateZAnnotations(): void {
    const z = this.slots.get('z');
    if (z) void z.chart.updateOptions({ annotations: this.zAnnotations() }, false, false, false);
  }

  /** A user zoom, pan (range) or reset (undefined) on one time axis: every other one follows, once per frame. */
  private onUserZoom(source: ChartKey, range: { min?: number; max?: number } | undefined): void {
    if (this.applyingZoom || !TIME_AXES.has(source)) return;
    this.zoom = range?.min !== undefined && range.max !== undefined ? { min: range.min, max: range.max } : undefined;
    this.zoomSource = source;
    // A pan reports every mouse move: the others follow at most once per frame.
    if (!this.zoomFollowFrame) this.zoomFollowFrame = requestAnimationFrame(() => {
      this.zoomFollowFrame = 0;
      for (const slot of this.slots.values()) if (slot.key !== this.zoomSource) this.applyZoom(slot);
    });
  }

  /** Shows the shared x range on a time-axis chart (all of its data when there is none). */
  private applyZoom(slot: ChartSlot): void {
    if (!TIME_AXES.has(slot.key) || slot.series[0].length === 0) return;
    this.applyingZoom = true;
    try {
      if (this.zoom) slot.chart.zoomX(this.zoom.min, this.zoom.max);
      // No range is ApexCharts' own reset (what its reset icon does).
      else (slot.chart.zoomX as (min?: number, max?: number) => void)(undefined, undefined);
    } finally {
      this.applyingZoom = false;
    }
  }

  /** The colour theme changed (body class, --vscode-* variables): every chart takes the new colours now. */
  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    for (const slot of this.slots.values()) {
      // No `theme.mode` here: ApexCharts would replace our foreground with its own light/dark default.
      void slot.chart.updateOptions(
        {
          chart: { foreColor: theme.foreground, fontFamily: theme.font },
          colors: slot.colorKeys.map((c) => theme.colors[c]),
          title: { style: { color: theme.foreground } },
          legend: { labels: { colors: theme.foreground } },
          grid: { borderColor: theme.grid },
          tooltip: { theme: theme.mode },
          noData: { style: { color: theme.foreground } },
          ...(slot.key === 'z' ? { annotations: this.zAnnotations() } : {}),
        },
        false,
        false,
        false,
      );
      // ApexCharts 4.7 merges those options but skips the render when they come back unchanged from its
      // own defaults pass (it compares them with themselves): a series update always renders.
      void slot.chart.updateSeries(slot.series.map((ser) => ({ data: ser.data.slice() })), false);
      if (this.zoom) this.applyZoom(slot);
      slot.element.dataset.theme = theme.mode;
    }
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
    // Under the mouse a redraw would take the tooltip away: drawn when the pointer leaves.
    if (!slot.pending || slot.hovered) return;
    slot.pending = false;
    const rewritten = slot.series.map((s) => s.takeRewritten()).some(Boolean);
    slot.range = rangeOf(slot.series.map((s) => s.data));
    // Whole-series update only on init or after older points were thinned; otherwise append the new points.
    if (rewritten) void slot.chart.updateSeries(slot.series.map((s) => ({ data: s.data.slice() })), false);
    else void slot.chart.appendData(slot.fresh.map((f) => ({ data: f })));
    slot.fresh = slot.series.map(() => []);
    slot.element.dataset.points = String(slot.series[0]?.length ?? 0);
    slot.element.dataset.draws = String(Number(slot.element.dataset.draws ?? 0) + 1);
    // New data resets the chart's x range: the shared zoom is put back.
    if (this.zoom) this.applyZoom(slot);
  }

  /** Charts in a hidden webview were measured at zero size; re-measure when shown. */
  remeasure(): void {
    for (const slot of this.slots.values()) void slot.chart.updateOptions({}, true, false);
  }

  destroy(): void {
    if (this.drawTimer !== undefined) clearTimeout(this.drawTimer);
    this.drawTimer = undefined;
    if (this.zoomFollowFrame) cancelAnimationFrame(this.zoomFollowFrame);
    this.zoomFollowFrame = 0;
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
