// Reads what ApexCharts drew inside a webview: the points of every series, counted from the SVG
// (line paths: one point per M/L command; bar series: one path per bar), plus any chart error text.
import { Frame } from 'playwright-core';

export interface DrawnChart {
  key: string;
  /** Text the page shows instead of a chart (a failed render), if any. */
  error: string;
  series: { name: string; points: number }[];
}

export async function drawnCharts(frame: Frame, chartSelector = '[data-chart]'): Promise<DrawnChart[]> {
  return frame.locator(chartSelector).evaluateAll((charts) =>
    charts.map((chart) => {
      const series = Array.from(chart.querySelectorAll('g.apexcharts-series')).map((g) => {
        const bars = g.querySelectorAll('path.apexcharts-bar-area').length;
        const line = g.querySelector('path.apexcharts-line, path.apexcharts-area');
        const d = line?.getAttribute('d') ?? '';
        const linePoints = (d.match(/[ML]/g) ?? []).length;
        return { name: g.getAttribute('seriesName') ?? '', points: Math.max(bars, linePoints) };
      });
      return {
        key: chart.getAttribute('data-chart') ?? chart.id,
        error: chart.getAttribute('data-error') ?? (chart.querySelector('svg') ? '' : (chart.textContent ?? '').trim().slice(0, 200)),
        series,
      };
    }),
  );
}
