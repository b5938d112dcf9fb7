// The scan report → what the Pair Scanner panel shows: the tested pairs' rows and a heatmap over at most
// HEATMAP_MAX_SYMBOLS symbols (those of the best-ranked pairs, in the report's q-then-p order), ordered by
// hierarchical clustering of ρ. Pure (no vscode), so it is unit-tested; runs once per scan.
import type { ScanReport } from '../../engine/scan';
import { correlationOrder } from '../../engine/scan/clusterOrder';
import { spreadSparkline } from '../../engine/scan/spreadSparkline';
import type { Timeframe } from '../../shared/constants';
import type { ScannerHeatmap, ScannerRow, ScannerView } from '../../shared/scannerProtocol';

/** A heatmap of more cells than this many symbols squared is unreadable in a panel and slow to draw. */
export const HEATMAP_MAX_SYMBOLS = 40;
/** Rows that get a spread sparkline (the table draws at most this many; the rest are in the CSV). */
export const SPARKLINE_ROWS = 500;
/** −log10 q is capped here (q = 0 when p underflows). */
export const NEG_LOG10_Q_CAP = 16;

export interface ScanContext {
  interval: Timeframe;
  universe: string;
  finishedAt: number;
  /** The REST base the klines came from. */
  restBaseUrl: string;
  /** Each scanned symbol's data-source label (quantPairs.dataSourceLabels / dataSourceLabel); undefined: the exchange's market. */
  sourceLabels: readonly (string | undefined)[];
}

/**
 * Where the scan's klines came from: "REST http://127.0.0.1:PORT · REPLAY candles 1h 2025-09-11…10-23 (rebased),
 * history only — no live trades", or "REST https://fapi.binance.com" alone for the exchange's own market; the
 * symbols' labels, each once (a scan keeps to one source, so there is one).
 */
export function scanSourceText(restBaseUrl: string, sourceLabels: readonly (string | undefined)[]): string {
  return [`REST ${restBaseUrl}`, ...distinctLabels(sourceLabels)].join(' · ');
}

/** The labels, each once, in order; none for the exchange's own market. */
export function distinctLabels(sourceLabels: readonly (string | undefined)[]): string[] {
  return [...new Set(sourceLabels.filter((l): l is string => l !== undefined && l !== ''))];
}

export function scannerView(report: ScanReport, context: ScanContext, maxSymbols = HEATMAP_MAX_SYMBOLS): ScannerView {
  const bars = report.matrices.logPrices.length / Math.max(1, report.symbols.length);
  const symbolIndex = new Map(report.symbols.map((s, i) => [s, i]));
  const logPricesOf = (symbol: string) => {
    const i = symbolIndex.get(symbol)!;
    return report.matrices.logPrices.subarray(i * bars, (i + 1) * bars);
  };
  const rows: ScannerRow[] = report.results.map((r, index) => ({
    y: r.y,
    x: r.x,
    corr: r.corr,
    beta: r.beta,
    p: r.p,
    q: r.q,
    qAll: r.qAll,
    johansenTrace: r.johansenTrace,
    johansenCrit95: r.johansenCrit95,
    halfLife: r.halfLife,
    hurst: r.hurst,
    crossingsPer100: r.crossingsPer100,
    oosP: r.oosP,
    passes: r.passes,
    ...(index < SPARKLINE_ROWS && symbolIndex.has(r.y) && symbolIndex.has(r.x) ? { spark: spreadSparkline(logPricesOf(r.y), logPricesOf(r.x), r.beta) } : {}),
  }));
  return {
    finishedAt: context.finishedAt,
    interval: context.interval,
    bars: report.parameters.bars,
    universe: context.universe,
    source: scanSourceText(context.restBaseUrl, context.sourceLabels),
    symbols: report.symbols.length,
    excluded: report.excluded,
    pairsTotal: report.pairsTotal,
    screened: report.screened,
    passRule: report.parameters.passRule,
    seconds: report.timings.totalMs / 1000,
    workers: report.workers,
    rows,
    heatmap: heatmapOf(report, maxSymbols),
  };
}

function heatmapOf(report: ScanReport, maxSymbols: number): ScannerHeatmap {
  const n = report.symbols.length;
  const index = new Map(report.symbols.map((s, i) => [s, i]));
  let chosen: number[];
  let note: string;
  if (n <= maxSymbols) {
    chosen = report.symbols.map((_, i) => i);
    note = `all ${n} symbols`;
  } else {
    const picked = new Set<number>();
    for (const r of report.results) {
      if (picked.size >= maxSymbols) break;
      for (const s of [r.y, r.x]) if (picked.size < maxSymbols) picked.add(index.get(s)!);
    }
    chosen = [...picked].sort((a, b) => a - b);
    note = `the ${chosen.length} symbols of the best-ranked pairs (of ${n})`;
  }
  const k = chosen.length;
  const rho = (i: number, j: number) => (i === j ? 1 : report.matrices.corr[Math.min(i, j) * n + Math.max(i, j)]);
  const sub = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) sub[a * k + b] = rho(chosen[a], chosen[b]);
  const order = k > 1 ? correlationOrder(sub, k).map((a) => chosen[a]) : chosen;
  const qOf = new Map<string, number>();
  for (const r of report.results) qOf.set(pairKey(index.get(r.y)!, index.get(r.x)!), r.q);
  const corr: (number | null)[] = [];
  const negLog10Q: (number | null)[] = [];
  for (const i of order) {
    for (const j of order) {
      const v = rho(i, j);
      corr.push(Number.isFinite(v) ? v : null);
      const q = i === j ? undefined : qOf.get(pairKey(i, j));
      negLog10Q.push(q === undefined ? null : Math.min(NEG_LOG10_Q_CAP, -Math.log10(Math.max(q, 10 ** -NEG_LOG10_Q_CAP))));
    }
  }
  return { symbols: order.map((i) => report.symbols[i]), corr, negLog10Q, note };
}

function pairKey(i: number, j: number): string {
  return i < j ? `${i}:${j}` : `${j}:${i}`;
}
