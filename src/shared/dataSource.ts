// What the views call a pair's data source, so the badge, the tree, the status bar and the CSV agree: a
// configured label (`quantPairs.dataSourceLabel`, e.g. "REPLAY 2024-07-18 recording" from `npm start`) replaces
// the word "live" everywhere, so a replay is never shown as live.

export interface SourceOfPair {
  source: 'live' | 'imported';
  sourceLabel?: string;
}

/** "live", the configured label of the live feed, or "imported: file" for an imported pair. */
export function sourceName(pair: SourceOfPair): string {
  if (pair.source === 'imported') return `imported${pair.sourceLabel ? `: ${pair.sourceLabel}` : ''}`;
  return pair.sourceLabel || 'live';
}

/** A label that says the feed is a replay (the local exchange), as `npm start` and the CLI set it. */
export function isReplayLabel(label: string | undefined): boolean {
  return label !== undefined && /^\s*replay\b/i.test(label);
}

/** "no trades for 42 s" (a subscribed symbol that the feed does not trade). */
export function silenceText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `no trades for ${s} s` : `no trades for ${Math.round(s / 60)} min`;
}
