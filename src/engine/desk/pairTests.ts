// Run Tests on a pair: ADF, Engle-Granger both ways, half-life (the analytics' runTests) plus the dashboard's
// rolling Engle-Granger p, and the one-line summary the desk logs.
import type { StationarityView } from '../../shared/model';
import type { DeskAnalytics } from './ports';

/** Windows in the dashboard's rolling Engle-Granger p (each two tests on `window` bars). */
export const ROLLING_TESTS = 60;

export function runPairTests(analytics: DeskAnalytics, window: number): StationarityView {
  return { ...analytics.runTests(), rolling: rollingStationarity(analytics, window) };
}

/**
 * The rolling Engle-Granger p, on Run Tests only (never on bar close): a test every window/5 bars, at most
 * ROLLING_TESTS of them, so one run stays a few milliseconds. Undefined when the window is under 20 bars.
 */
export function rollingStationarity(analytics: DeskAnalytics, window: number): StationarityView['rolling'] {
  if (window < 20 || !analytics.rollingStationarity) return undefined;
  const step = Math.max(1, Math.round(window / 5));
  return analytics.rollingStationarity(step, ROLLING_TESTS * step);
}

export function testsSummary(id: string, tests: StationarityView): string {
  const adf = tests.adf ? `ADF ${tests.adf.statistic.toFixed(3)} (p ${tests.adf.pValue.toFixed(4)})` : 'ADF not available';
  const eg = tests.eg ? `EG ${tests.eg.statistic.toFixed(3)} (p ${tests.eg.pValue.toFixed(4)})` : 'EG not available';
  return `Tests on ${id}: ${adf}, ${eg}${tests.notes.length ? ` — ${tests.notes.join('; ')}` : ''}`;
}
