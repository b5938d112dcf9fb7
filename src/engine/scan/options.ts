// The scanner's settings, each with its default. The defaults are printed with every result so that a
// reader knows which rule a "passes" came from.
import { EngineError } from '../errors';

export interface ScanOptions {
  /** Lookback: the last N bars common to every included symbol. */
  bars: number;
  /** Stage 1 keeps the top K pairs by |ρ| of log returns. */
  top: number;
  /** Stage 1 keeps only pairs with |ρ| ≥ this (0: off, top K decides). */
  minCorr: number;
  /** False discovery rate a passing pair's q-value must meet. */
  fdr: number;
  /** Which q the pass rule reads: over the screened set (q) or over every pair of the universe (qAll). */
  fdrOver: 'screened' | 'all';
  /** Out-of-sample ADF p-value a passing pair must meet. */
  oosAlpha: number;
  /** Half-life bounds of a passing pair, in bars; the upper one defaults to N/4. */
  minHalfLife: number;
  maxHalfLife: number | null;
  /** Share of the lookback used to fit α, β before the out-of-sample test (⌊2N/3⌋ by default). */
  inSampleShare: number;
  /** Johansen lags of Δy (statsmodels' k_ar_diff) and deterministic terms (det_order 0: a constant). */
  johansenLags: number;
}

export const DEFAULT_SCAN_OPTIONS: Readonly<ScanOptions> = {
  bars: 1000,
  top: 2000,
  minCorr: 0,
  fdr: 0.05,
  fdrOver: 'screened',
  oosAlpha: 0.05,
  minHalfLife: 1,
  maxHalfLife: null,
  inSampleShare: 2 / 3,
  johansenLags: 1,
};

/** Stage 2 needs enough bars for the out-of-sample ADF's lag search (its third of the lookback). */
export const MIN_SCAN_BARS = 60;

/** Defaults filled in and every value checked; throws BAD_ARGUMENT naming the bad one. */
export function resolveScanOptions(partial: Partial<ScanOptions> = {}): ScanOptions {
  const o: ScanOptions = { ...DEFAULT_SCAN_OPTIONS, ...stripUndefined(partial) };
  const bad = (what: string) => {
    throw new EngineError('BAD_ARGUMENT', `scan: ${what}`);
  };
  if (!Number.isInteger(o.bars) || o.bars < MIN_SCAN_BARS) bad(`bars must be a whole number ≥ ${MIN_SCAN_BARS} (got ${o.bars})`);
  if (!(Number.isInteger(o.top) || o.top === Infinity) || o.top < 1) bad(`top must be a whole number ≥ 1 (got ${o.top})`);
  if (!(o.minCorr >= 0 && o.minCorr <= 1)) bad(`min-corr must lie in [0, 1] (got ${o.minCorr})`);
  if (!(o.fdr > 0 && o.fdr < 1)) bad(`fdr must lie in (0, 1) (got ${o.fdr})`);
  if (o.fdrOver !== 'screened' && o.fdrOver !== 'all') bad(`fdrOver must be screened or all (got ${String(o.fdrOver)})`);
  if (!(o.oosAlpha > 0 && o.oosAlpha <= 1)) bad(`oos alpha must lie in (0, 1] (got ${o.oosAlpha})`);
  if (!(o.minHalfLife >= 0)) bad(`min half-life must be ≥ 0 (got ${o.minHalfLife})`);
  if (o.maxHalfLife !== null && !(o.maxHalfLife > o.minHalfLife)) bad(`max half-life must exceed the minimum (got ${o.maxHalfLife})`);
  if (!(o.inSampleShare > 0.2 && o.inSampleShare < 0.9)) bad(`in-sample share must lie in (0.2, 0.9) (got ${o.inSampleShare})`);
  if (!Number.isInteger(o.johansenLags) || o.johansenLags < 0 || o.johansenLags > 20) bad(`johansen lags must be 0…20 (got ${o.johansenLags})`);
  return o;
}

/** The half-life ceiling in effect for a lookback of `bars`. */
export function maxHalfLifeFor(options: ScanOptions, bars: number): number {
  return options.maxHalfLife ?? bars / 4;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
