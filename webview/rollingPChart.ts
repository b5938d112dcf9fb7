// The rolling Engle-Granger p-value (both orderings) on the dashboard, from the tests' `rolling` points (Run Tests):
// a relationship that breaks shows as a rising p. Its own small ApexCharts line chart, above the statistics,
// redrawn when a new test run arrives or the colour theme changes.
import ApexCharts from 'apexcharts';
import type { StationarityView } from '../src/shared/model';
import { readTheme } from './theme';

export class RollingPChart {
  private readonly section: HTMLElement;
  private readonly chartEl: HTMLElement;
  private chart: ApexCharts | undefined;
  private drawnFor: string | undefined;
  private shown: { pairId: string; tests: StationarityView | undefined } | undefined;

  constructor() {
    this.section = document.createElement('section');
    this.section.id = 'qp-rolling';
    const heading = document.createElement('h2');
    heading.textContent = 'Rolling Engle-Granger p (Y on X, X on Y; below 0.05 = cointegrated at 5%)';
    this.chartEl = document.createElement('div');
    this.chartEl.id = 'chart-rolling-p';
    this.chartEl.className = 'qp-rolling-chart';
    this.section.append(heading, this.chartEl);
    this.section.hidden = true;
    const stats = document.getElementById('qp-stats');
    if (stats) stats.before(this.section);
    else document.getElementById('qp-root')?.append(this.section);
  }

  /** Draws the tests' rolling points when they are new; hides itself without them. */
  async show(pairId: string, tests: StationarityView | undefined): Promise<void> {
    this.shown = { pairId, tests };
    const points = tests?.rolling ?? [];
    const key = `${pairId}@${tests?.computedAt}#${points.length}`;
    if (key === this.drawnFor) return;
    this.drawnFor = key;
    this.chart?.destroy();
    this.chart = undefined;
    if (points.length < 2) {
      this.section.hidden = true;
      return;
    }
    this.section.hidden = false;
    const theme = readTheme();
    const foreground = theme.foreground;
    this.chart = new ApexCharts(this.chartEl, {
      chart: { type: 'line', height: 180, background: 'transparent', foreColor: foreground, toolbar: { show: false }, animations: { enabled: false }, zoom: { enabled: false }, fontFamily: theme.font },
      series: [
        { name: 'p Y on X', data: points.map((p) => [p.time, p.yOnX]) },
        { name: 'p X on Y', data: points.map((p) => [p.time, p.xOnY]) },
      ],
      colors: [theme.colors.blue, theme.colors.orange],
      stroke: { width: 2 },
      markers: { size: 2 },
      xaxis: { type: 'datetime', labels: { datetimeUTC: true } },
      yaxis: { min: 0, max: 1, tickAmount: 4, labels: { formatter: (v: number) => v.toFixed(2) } },
      annotations: { yaxis: [{ y: 0.05, borderColor: theme.colors.red, strokeDashArray: 4, label: { text: '0.05', style: { background: 'transparent', color: foreground } } }] },
      grid: { borderColor: theme.grid },
      tooltip: { theme: theme.mode, x: { format: 'yyyy-MM-dd HH:mm:ss' }, y: { formatter: (v: number | null) => (v === null || v === undefined ? '—' : v.toFixed(4)) } },
      legend: { labels: { colors: foreground } },
    });
    await this.chart.render();
  }

  /** A colour theme change: drawn again in the new colours (its options hold colours, not variables). */
  async applyTheme(): Promise<void> {
    if (!this.shown || !this.chart) return;
    this.drawnFor = undefined;
    await this.show(this.shown.pairId, this.shown.tests);
  }

  clear(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.drawnFor = undefined;
    this.shown = undefined;
    this.section.hidden = true;
  }
}
