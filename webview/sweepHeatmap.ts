// The entry × exit Sharpe heatmap of a backtest's sweep (docs/backtest.md "Sweep"), in the backtest section:
// a plateau of good cells is a result, one good cell among bad ones a lucky point. Each cell's label and tooltip
// carry its trade count. Colours are the theme's chart red / green, read when drawn and again on a theme change.
import ApexCharts from 'apexcharts';
import { formatNumber } from '../src/shared/format';
import type { BacktestView } from '../src/shared/model';
import { cellText, heatmapSeries, SWEEP_MIN_TRADES } from './backtestRows';
import { cssVar, readTheme } from './theme';

type Sweep = NonNullable<BacktestView['sweep']>;

export class SweepHeatmap {
  private chart: ApexCharts | undefined;
  private drawn: { sweep: Sweep; currency: string } | undefined;

  constructor(private readonly element: HTMLElement) {}

  async draw(sweep: Sweep | undefined, currency: string): Promise<void> {
    this.chart?.destroy();
    this.chart = undefined;
    this.drawn = sweep ? { sweep, currency } : undefined;
    if (!sweep) {
      this.element.replaceChildren();
      return;
    }
    const series = heatmapSeries(sweep);
    const theme = readTheme();
    const foreground = theme.foreground;
    const options = {
      chart: { type: 'heatmap', height: 60 + 36 * series.length, background: 'transparent', foreColor: foreground, toolbar: { show: false }, animations: { enabled: false }, fontFamily: theme.font },
      // Null (no Sharpe) and too few trades drawn as 0, the neutral range below; labels and tooltips read the cell's own values.
      series: series.map((row) => ({ name: row.name, data: row.data.map((c) => ({ x: c.x, y: c.fewTrades ? 0 : (c.y ?? 0) })) })),
      dataLabels: {
        enabled: true,
        formatter: (_val: number, opts: { seriesIndex: number; dataPointIndex: number }) => {
          const c = series[opts.seriesIndex]?.data[opts.dataPointIndex];
          return !c || !c.valid ? '' : `${formatNumber(c.y, 1)} (${c.trades}${c.fewTrades ? ', few' : ''})`;
        },
        style: { colors: [foreground] },
      },
      plotOptions: {
        heatmap: {
          enableShades: true,
          colorScale: {
            // ApexCharts draws a null cell as 0; a Sharpe is null (no trades, no variation) rather than exactly 0,
            // so 0 gets its own neutral colour: "no Sharpe", never mistaken for a good cell.
            ranges: [
              { from: -1e15, to: -1e-12, color: theme.colors.red, name: 'Sharpe < 0' },
              { from: -1e-12, to: 1e-12, color: cssVar('--vscode-editorWidget-background', '#808080'), name: `no Sharpe, or under ${SWEEP_MIN_TRADES} trades` },
              { from: 1e-12, to: 1e15, color: theme.colors.green, name: 'Sharpe > 0' },
            ],
          },
        },
      },
      tooltip: {
        theme: theme.mode,
        custom: ({ seriesIndex, dataPointIndex }: { seriesIndex: number; dataPointIndex: number }) => {
          const row = series[seriesIndex];
          const c = row?.data[dataPointIndex];
          if (!row || !c) return '';
          // Only numbers and fixed labels: no user text reaches this HTML.
          const pnl = c.valid ? ` · P&L ${formatNumber(c.pnl, 2)} ${currency}` : '';
          return `<div class="qp-heatmap-tip" style="padding:4px 8px">${row.name} × ${c.x}: ${cellText(c)}${pnl}</div>`;
        },
      },
      legend: { show: true, labels: { colors: foreground } },
      xaxis: { labels: { style: { colors: foreground } } },
      yaxis: { labels: { style: { colors: [foreground] } } },
    };
    this.chart = new ApexCharts(this.element, options);
    await this.chart.render();
  }

  /** A colour theme change: the same sweep drawn again in the new colours. */
  async applyTheme(): Promise<void> {
    if (this.drawn) await this.draw(this.drawn.sweep, this.drawn.currency);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.drawn = undefined;
  }
}
