// What the views call a pair's data source, so the badge, the tree, the status bar and the CSV agree. A
// configured label replaces the word "live": one for the whole feed (`quantPairs.dataSourceLabel`, e.g.
// "REPLAY 2024-07-18 recording" from `npm start`) and, per symbol, `quantPairs.dataSourceLabels` (e.g. candles
// mounted beside the recording: "REPLAY candles 1m 2026-02-01…02-28 (rebased), history only — no live trades"),
// so a replay is never shown as live and a candle symbol is never labelled as the recording.

export interface SourceOfPair {
  source: 'live' | 'imported';
  sourceLabel?: string;
}

/** The configured labels of the live feed: one for every symbol, and per-symbol ones that win over it. */
export interface SourceLabels {
  /** `quantPairs.dataSourceLabel`; empty or absent: plain live Binance data. */
  feed?: string;
  /** `quantPairs.dataSourceLabels`: symbol → label. */
  bySymbol?: Readonly<Record<string, string>>;
}

/** Longest label kept from settings (a label is shown in the status bar and the tree). */
export const SOURCE_LABEL_MAX = 120;

/** The label of one live symbol, or undefined for plain live data. */
export function symbolSourceLabel(labels: SourceLabels, symbol: string): string | undefined {
  return labels.bySymbol?.[symbol] || labels.feed || undefined;
}

/**
 * The label of a live pair: its legs' label when they agree; when they differ, each leg's ("LINKUSDT: …;
 * BTCUSDT: …", a leg without a label says "live"), so a pair mixing sources says both; undefined when plain live.
 */
export function pairSourceLabel(labels: SourceLabels, symbols: readonly string[]): string | undefined {
  const per = symbols.map((s) => symbolSourceLabel(labels, s));
  if (per.every((l) => l === per[0])) return per[0];
  return symbols.map((s, i) => `${s}: ${per[i] ?? 'live'}`).join('; ');
}

/** "live", the configured label of the live feed, or "imported: file" for an imported pair. */
export function sourceName(pair: SourceOfPair): string {
  if (pair.source === 'imported') return `imported${pair.sourceLabel ? `: ${pair.sourceLabel}` : ''}`;
  return pair.sourceLabel || 'live';
}

/**
 * A label that says the feed (or one leg of a mixed pair, "SYM: REPLAY …; SYM: …") is a replay by the local
 * exchange, as `npm start` and the CLI set it.
 */
export function isReplayLabel(label: string | undefined): boolean {
  return label !== undefined && /(^|;)\s*([A-Z0-9_]+:\s*)?replay\b/i.test(label);
}

export interface HistoryOfPair extends SourceOfPair {
  /** Where REST history ends and the feed's trades take over (live pairs after warm start). */
  liveFrom?: number;
  lastTradeTime?: number;
}

/**
 * Where history ends: "history before 10:05 UTC, REPLAY 2024-07-18 recording after"; a pair with no trade since
 * (candles served as history only, a feed that does not trade its legs) "history up to 10:05 UTC (…), no trades
 * since", so history is never passed off as followed by a live market. Not a live pair: its source.
 */
export function historyText(pair: HistoryOfPair, time: (t: number) => string): string {
  if (pair.liveFrom === undefined || pair.source !== 'live') return sourceName(pair);
  return pair.lastTradeTime === undefined
    ? `history up to ${time(pair.liveFrom)} (${sourceName(pair)}), no trades since`
    : `history before ${time(pair.liveFrom)}, ${sourceName(pair)} after`;
}

/** "no trades for 42 s" (a subscribed symbol that the feed does not trade). */
export function silenceText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `no trades for ${s} s` : `no trades for ${Math.round(s / 60)} min`;
}

/**
 * The label of candles the local exchange serves as history, shifted in time: "REPLAY candles 1m
 * 2026-02-01…02-28 (rebased), history only — no live trades". The span is the candles' own (open times, UTC).
 */
export function candleSetLabel(interval: string, firstOpenTime: number, lastOpenTime: number): string {
  const first = new Date(firstOpenTime).toISOString().slice(0, 10);
  const last = new Date(lastOpenTime).toISOString().slice(0, 10);
  const end = last.slice(0, 4) === first.slice(0, 4) ? last.slice(5) : last;
  return `REPLAY candles ${interval} ${first}…${end} (rebased), history only — no live trades`;
}
