// The stationarity tests as labelled rows, and their warnings as lines: one owner for what the tree's tooltip
// and the dashboard's statistics table say about ADF, Engle-Granger (both orderings), the half-life, the OU fit,
// Hurst and the variance ratio. Numbers go through ./format; the CSV writes its own full-precision cells.
import { formatNumber } from './format';
import type { StationarityView } from './model';

export interface TestRow {
  /** Stable key (the dashboard's data-stat attribute). */
  key: string;
  label: string;
  value: string;
}

/** "stationary at 5%" / "not stationary" from a p-value. */
export function stationarityVerdict(pValue: number, word: string): string {
  if (pValue < 0.01) return `${word} at 1%`;
  if (pValue < 0.05) return `${word} at 5%`;
  if (pValue < 0.1) return `${word} at 10%`;
  return `not ${word}`;
}

const ORDERING_LABEL = { 'y-on-x': 'Y on X', 'x-on-y': 'X on Y' } as const;

/** The Engle-Granger verdict of the weaker ordering (the larger p), or of Y on X when only that one ran. */
export function engleGrangerVerdict(t: StationarityView): { pValue: number; text: string } | null {
  if (t.egWeaker) return { pValue: t.egWeaker.pValue, text: `${stationarityVerdict(t.egWeaker.pValue, 'cointegrated')} (weaker: ${ORDERING_LABEL[t.egWeaker.ordering]})` };
  if (t.eg) return { pValue: t.eg.pValue, text: stationarityVerdict(t.eg.pValue, 'cointegrated') };
  return null;
}

function pair(a: string, b: string): string {
  return `${a} / ${b}`;
}

/** Rows for every test figure; `undefined` tests (never run) give "not run" on the first row. */
export function testRows(t: StationarityView | undefined): TestRow[] {
  const eg = t?.eg ?? null;
  const egr = t?.egReverse ?? null;
  const verdict = t ? engleGrangerVerdict(t) : null;
  const ou = t?.ou ?? null;
  const vr = t?.varianceRatio ?? null;
  return [
    { key: 'adf-stat', label: 'ADF statistic', value: t?.adf ? formatNumber(t.adf.statistic) : t ? '—' : 'not run' },
    { key: 'adf-p', label: 'ADF p-value', value: t?.adf ? formatNumber(t.adf.pValue) : '—' },
    {
      key: 'adf-crit',
      label: 'ADF critical 1% / 5% / 10%',
      value: t?.adf ? `${formatNumber(t.adf.critical['1%'], 3)} / ${formatNumber(t.adf.critical['5%'], 3)} / ${formatNumber(t.adf.critical['10%'], 3)}` : '—',
    },
    { key: 'adf-lag', label: 'ADF used lag / obs', value: t?.adf ? `${t.adf.usedLag} / ${t.adf.nobs}` : '—' },
    { key: 'eg-stat', label: 'Engle-Granger statistic Y on X / X on Y', value: pair(eg ? formatNumber(eg.statistic) : '—', egr ? formatNumber(egr.statistic) : '—') },
    { key: 'eg-p-orderings', label: 'Engle-Granger p Y on X / X on Y', value: pair(eg ? formatNumber(eg.pValue) : '—', egr ? formatNumber(egr.pValue) : '—') },
    { key: 'eg-p', label: 'Engle-Granger p (weaker ordering)', value: verdict ? formatNumber(verdict.pValue) : '—' },
    { key: 'eg-verdict', label: 'Engle-Granger verdict', value: verdict ? verdict.text : '—' },
    { key: 'half-life', label: 'half-life (bars)', value: t ? (t.halfLifeBars !== null ? formatNumber(t.halfLifeBars, 1) : 'no mean reversion') : '—' },
    {
      key: 'ou',
      label: 'OU θ / μ / σ (per bar)',
      // θ is null when the AR(1) coefficient is outside (0, 1): the fit exists but there is no OU process to report.
      value: !ou ? '—' : ou.theta === null ? 'no mean reversion (AR(1) coefficient outside 0–1)' : `${formatNumber(ou.theta)} / ${formatNumber(ou.mu)} / ${formatNumber(ou.sigma)}`,
    },
    { key: 'ou-half-life', label: 'OU half-life (bars) / equilibrium σ', value: ou && ou.theta !== null ? pair(formatNumber(ou.halfLife, 1), formatNumber(ou.equilibriumStd)) : '—' },
    { key: 'hurst', label: 'Hurst exponent (< 0.5 mean-reverting)', value: formatNumber(t?.hurst ?? null, 3) },
    { key: 'variance-ratio', label: vr ? `variance ratio VR(${vr.q}) / robust p` : 'variance ratio / robust p', value: vr ? pair(formatNumber(vr.ratio, 3), formatNumber(vr.pValue)) : '—' },
  ];
}

/** One line per warning, "⚠ Stationarity: verdict on 40 bars …"; empty when none or the tests never ran. */
export function warningLines(t: StationarityView | undefined): string[] {
  return (t?.warnings ?? []).map((w) => `⚠ ${w.statistic}: ${w.message}`);
}
