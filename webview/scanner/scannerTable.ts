// The Pair Scanner's table: its columns, sort and filter, as pure functions (no DOM) so they are tested in Node.
import type { ScannerRow } from '../../src/shared/scannerProtocol';

export type ColumnKey = 'y' | 'x' | 'corr' | 'beta' | 'p' | 'q' | 'qAll' | 'johansenTrace' | 'halfLife' | 'hurst' | 'crossingsPer100' | 'oosP' | 'passes';

export interface Column {
  key: ColumnKey;
  label: string;
  title: string;
  format: (r: ScannerRow) => string;
}

const fixed = (digits: number) => (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(digits));
const prob = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : v < 1e-4 ? v.toExponential(1) : v.toFixed(4));

export const COLUMNS: readonly Column[] = [
  { key: 'y', label: 'y', title: 'Dependent leg (regressed on x): the ordering with the smaller Engle-Granger p', format: (r) => r.y },
  { key: 'x', label: 'x', title: 'Independent leg', format: (r) => r.x },
  { key: 'corr', label: 'ρ', title: 'Correlation of log returns (the stage-1 screen, not a test)', format: (r) => fixed(3)(r.corr) },
  { key: 'beta', label: 'β', title: 'Hedge ratio: OLS of ln y on ln x', format: (r) => fixed(4)(r.beta) },
  { key: 'p', label: 'p', title: 'Engle-Granger p, the larger of both orderings (trend c, autolag AIC)', format: (r) => prob(r.p) },
  { key: 'q', label: 'q', title: 'Benjamini-Hochberg q over the screened pairs', format: (r) => prob(r.q) },
  { key: 'qAll', label: 'qAll', title: 'Benjamini-Hochberg q over every pair of the universe (screened-out pairs as p = 1)', format: (r) => prob(r.qAll) },
  {
    key: 'johansenTrace',
    label: 'Johansen',
    title: 'Johansen trace statistic (rank 0 against ≥ 1) / its 95% critical value',
    format: (r) => (r.johansenTrace === null ? '–' : `${r.johansenTrace.toFixed(1)}${r.johansenCrit95 !== null ? (r.johansenTrace > r.johansenCrit95 ? ' >' : ' ≤') + ' ' + r.johansenCrit95.toFixed(1) : ''}`),
  },
  { key: 'halfLife', label: 'half-life', title: 'Half-life of the spread, bars', format: (r) => fixed(1)(r.halfLife) },
  { key: 'hurst', label: 'Hurst', title: 'Hurst exponent of the spread (below 0.5: mean-reverting)', format: (r) => fixed(2)(r.hurst) },
  { key: 'crossingsPer100', label: 'crossings', title: 'Mean crossings per 100 bars', format: (r) => fixed(1)(r.crossingsPer100) },
  { key: 'oosP', label: 'oosP', title: 'Out-of-sample ADF p of the last third, α and β frozen from the first two thirds', format: (r) => prob(r.oosP) },
  { key: 'passes', label: 'passes', title: 'The pass rule (see the summary)', format: (r) => (r.passes ? 'yes' : 'no') },
];

export interface TableState {
  sortKey: ColumnKey;
  descending: boolean;
  /** Symbols to match (case-insensitive substring of y or x); several words must all match. */
  filter: string;
  passingOnly: boolean;
}

export const DEFAULT_TABLE_STATE: TableState = { sortKey: 'q', descending: false, filter: '', passingOnly: false };

function sortValue(r: ScannerRow, key: ColumnKey): number | string {
  const v = r[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v === null || !Number.isFinite(v) ? NaN : v;
}

/** The rows shown: filtered, then sorted (missing values last in either direction; ties by the scan's order). */
export function visibleRows(rows: readonly ScannerRow[], state: TableState): ScannerRow[] {
  const words = state.filter.toUpperCase().split(/[\s,/]+/).filter(Boolean);
  const kept = rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => (!state.passingOnly || r.passes) && words.every((w) => r.y.includes(w) || r.x.includes(w)));
  const sign = state.descending ? -1 : 1;
  kept.sort((a, b) => {
    const va = sortValue(a.r, state.sortKey);
    const vb = sortValue(b.r, state.sortKey);
    const na = typeof va === 'number' && Number.isNaN(va);
    const nb = typeof vb === 'number' && Number.isNaN(vb);
    if (na || nb) return na && nb ? a.i - b.i : na ? 1 : -1;
    const cmp = typeof va === 'string' ? va.localeCompare(vb as string) : (va as number) - (vb as number);
    return cmp !== 0 ? sign * cmp : a.i - b.i;
  });
  return kept.map(({ r }) => r);
}

/** Clicking a header: the same column flips its direction, another sorts ascending (descending for ρ, Johansen, passes). */
export function toggleSort(state: TableState, key: ColumnKey): TableState {
  if (state.sortKey === key) return { ...state, descending: !state.descending };
  return { ...state, sortKey: key, descending: key === 'corr' || key === 'johansenTrace' || key === 'passes' || key === 'crossingsPer100' };
}

/**
 * The tested row behind a heatmap cell, if any. The heatmap draws one series per symbol in reverse order
 * (ApexCharts puts the first series at the bottom), so series i is symbols[k − 1 − i]; either ordering matches.
 */
export function rowAtCell(symbols: readonly string[], rows: readonly ScannerRow[], seriesIndex: number, dataPointIndex: number): ScannerRow | undefined {
  const a = symbols[symbols.length - 1 - seriesIndex];
  const b = symbols[dataPointIndex];
  if (a === undefined || b === undefined || a === b) return undefined;
  return rows.find((r) => (r.y === a && r.x === b) || (r.y === b && r.x === a));
}
