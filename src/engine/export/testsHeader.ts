// The stationarity tests and their warnings as the CSV header's `# key,value` entries (csvWriter.ts writes the
// cells): Engle-Granger in both orderings and the weaker's verdict, the OU fit, Hurst, the variance ratio, and one
// `# warning,…` entry per caveat, so a file read without the dashboard carries the same qualifications.
import type { StationarityView } from '../../shared/model';

export type HeaderEntry = [key: string, value: number | string | null];

export function testsHeaderEntries(t: StationarityView | undefined): HeaderEntry[] {
  if (!t) return [['tests', 'not run (Run Tests before saving to include them)']];
  const out: HeaderEntry[] = [
    ['tests_at_ms', t.computedAt],
    ['adf_statistic', t.adf?.statistic ?? null],
    ['adf_p', t.adf?.pValue ?? null],
    ['eg_y_on_x_statistic', t.eg?.statistic ?? null],
    ['eg_y_on_x_p', t.eg?.pValue ?? null],
    ['eg_x_on_y_statistic', t.egReverse?.statistic ?? null],
    ['eg_x_on_y_p', t.egReverse?.pValue ?? null],
    ['eg_weaker_ordering', t.egWeaker?.ordering ?? null],
    ['eg_weaker_p', t.egWeaker?.pValue ?? null],
    ['half_life_bars', t.halfLifeBars],
    ['ou_theta', t.ou?.theta ?? null],
    ['ou_mu', t.ou?.mu ?? null],
    ['ou_sigma', t.ou?.sigma ?? null],
    ['ou_half_life_bars', t.ou?.halfLife ?? null],
    ['ou_equilibrium_std', t.ou?.equilibriumStd ?? null],
    ['hurst', t.hurst ?? null],
    ['variance_ratio_q', t.varianceRatio?.q ?? null],
    ['variance_ratio', t.varianceRatio?.ratio ?? null],
    ['variance_ratio_p_robust', t.varianceRatio?.pValue ?? null],
  ];
  for (const w of t.warnings ?? []) out.push(['warning', `${w.statistic}: ${w.message}`]);
  for (const note of t.notes) out.push(['test_note', note]);
  return out;
}
