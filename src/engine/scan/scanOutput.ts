// The scan's output formats: JSON with exactly the result fields of the issue (plus the parameters the
// pass rule used), and CSV with a parameters header and every statistic (σ in bp and the reverse β too).
import type { ScanReport } from './scanner';

const JSON_FIELDS = ['y', 'x', 'corr', 'beta', 'egP', 'egPReverse', 'p', 'q', 'qAll', 'johansenTrace', 'johansenCrit95', 'halfLife', 'hurst', 'crossingsPer100', 'oosP', 'oosHalfLife', 'passes'] as const;
const CSV_FIELDS = [...JSON_FIELDS.slice(0, 4), 'betaReverse', ...JSON_FIELDS.slice(4, 14), 'sigmaBp', ...JSON_FIELDS.slice(14)] as const;

const finite = (v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

export function scanReportJson(report: ScanReport): string {
  return JSON.stringify({
    symbols: report.symbols,
    excluded: report.excluded,
    pairsTotal: report.pairsTotal,
    screened: report.screened,
    parameters: report.parameters,
    results: report.results.map((r) => Object.fromEntries(JSON_FIELDS.map((f) => [f, finite(r[f])]))),
  });
}

export function scanReportCsv(report: ScanReport): string {
  const lines = [
    `# pair scan: ${report.symbols.length} symbols, ${report.pairsTotal} pairs, ${report.screened} screened by |corr| of log returns (a screen, not a test)`,
    `# passes when ${report.parameters.passRule}; Engle-Granger both orderings (trend c, autolag AIC), p = the larger; q = Benjamini-Hochberg over the screened, qAll over all pairs`,
    `# excluded: ${report.excluded.map((e) => `${e.symbol} (${e.reason})`).join('; ') || 'none'}`,
    CSV_FIELDS.join(','),
  ];
  for (const r of report.results) {
    lines.push(CSV_FIELDS.map((f) => {
      const v = r[f];
      return v === null || (typeof v === 'number' && !Number.isFinite(v)) ? '' : typeof v === 'number' ? String(Number(v.toPrecision(10))) : String(v);
    }).join(','));
  }
  return lines.join('\n') + '\n';
}
