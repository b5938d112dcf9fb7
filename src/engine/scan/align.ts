// Alignment: the lookback is the last N bar open times up to the latest bar any symbol has; a symbol
// joins only when it has every one of those bars. A shorter history or a missing bar excludes it with
// the reason; nothing is ever padded or carried forward.
import { EngineError } from '../errors';
import { timeframeText } from '../bars/timeframe';

/** Closes of one symbol keyed by bar open time (epoch ms), ascending. */
export interface SymbolCloses {
  symbol: string;
  openTimes: ArrayLike<number>;
  closes: ArrayLike<number>;
}

export interface ExcludedSymbol {
  symbol: string;
  reason: string;
}

export interface AlignedUniverse {
  symbols: string[];
  intervalMs: number;
  /** The N open times of the lookback. */
  openTimes: Float64Array;
  /** ln(close), row-major: symbol i's bar t at i·N + t. */
  logPrices: Float64Array;
  bars: number;
  excluded: ExcludedSymbol[];
}

const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

export function alignUniverse(series: readonly SymbolCloses[], intervalMs: number, bars: number): AlignedUniverse {
  if (!(intervalMs > 0)) throw new EngineError('BAD_ARGUMENT', `scan: bar length ${intervalMs} ms is not positive`);
  const excluded: ExcludedSymbol[] = [];
  const seen = new Set<string>();
  let end = -Infinity;
  for (const s of series) if (s.openTimes.length > 0) end = Math.max(end, s.openTimes[s.openTimes.length - 1]);
  const start = end - (bars - 1) * intervalMs;
  const kept: { symbol: string; row: Float64Array }[] = [];
  for (const s of series) {
    if (seen.has(s.symbol)) {
      excluded.push({ symbol: s.symbol, reason: 'given twice; the first series is used' });
      continue;
    }
    seen.add(s.symbol);
    const reason = fillRow(s, start, intervalMs, bars);
    if (typeof reason === 'string') excluded.push({ symbol: s.symbol, reason });
    else kept.push({ symbol: s.symbol, row: reason });
  }
  const logPrices = new Float64Array(kept.length * bars);
  kept.forEach((k, i) => logPrices.set(k.row, i * bars));
  const openTimes = new Float64Array(bars);
  for (let t = 0; t < bars; t++) openTimes[t] = start + t * intervalMs;
  return { symbols: kept.map((k) => k.symbol), intervalMs, openTimes, logPrices, bars, excluded };
}

/** The symbol's log closes on the grid, or why it cannot have them. */
function fillRow(s: SymbolCloses, start: number, intervalMs: number, bars: number): Float64Array | string {
  const n = s.openTimes.length;
  if (n === 0) return 'no bars';
  const first = s.openTimes[0];
  if (first > start) {
    // What the exchange served, said as such: a short history may be a recent listing, or all a source holds
    // (candle files mounted on the local exchange); the bar count alone cannot tell which, so it claims neither.
    const end = start + (bars - 1) * intervalMs;
    let have = 0;
    for (let i = 0; i < n; i++) if (s.openTimes[i] <= end) have++;
    return `only ${have} bar${have === 1 ? '' : 's'} of ${timeframeText(intervalMs)} (needs ${bars}), the first at ${iso(first)}`;
  }
  const row = new Float64Array(bars).fill(NaN);
  for (let i = 0; i < n; i++) {
    const t = s.openTimes[i];
    if (t < start) continue;
    const slot = (t - start) / intervalMs;
    if (!Number.isInteger(slot)) return `bar at ${iso(t)} is not on the ${intervalMs / 1000} s grid`;
    if (slot >= bars) continue;
    const close = s.closes[i];
    if (!(close > 0) || !Number.isFinite(close)) return `close at ${iso(t)} is not a positive number`;
    row[slot] = Math.log(close);
  }
  let missing = 0;
  let firstMissing = -1;
  for (let t = 0; t < bars; t++) {
    if (Number.isNaN(row[t])) {
      missing++;
      if (firstMissing < 0) firstMissing = t;
    }
  }
  if (missing > 0) return `${missing} missing bar${missing === 1 ? '' : 's'} in the lookback (first ${iso(start + firstMissing * intervalMs)})`;
  let changes = false;
  for (let t = 1; t < bars && !changes; t++) changes = row[t] !== row[0];
  if (!changes) return 'the close never changes in the lookback';
  return row;
}
