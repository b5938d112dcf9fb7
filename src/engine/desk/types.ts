// The desk's own shapes: its options, the events it publishes, a pair's id. The views in those events (PairView,
// PairBarRow…) are in src/shared/model.ts, where the webview reads them too.
import type { AlertFiring } from '../alerts/alertEngine';
import { sameNetwork, type NetworkOptions } from '../feed/network';
import type { FeedState, StreamKind } from '../types';
import type { PairBarRow, PairView } from '../../shared/model';

export interface DeskOptions {
  wsBaseUrl: string;
  restBaseUrl: string;
  stream: StreamKind;
  /** Aligned rows kept per pair. */
  historyBars: number;
  /** Throttle of `pairUpdated` events and period of the bar-closing clock (at least MIN_UPDATE_MS: updatePeriodMs). */
  updateMs: number;
  /** How long to wait for the first live tick before fetching the REST tail during warm start. */
  firstTickWaitMs?: number;
  /** Live ticks kept in the tick store, ms (default 30 minutes). */
  tickHistoryMs?: number;
  /** Longest wait for exchangeInfo, ms (default 5000). */
  symbolsTimeoutMs?: number;
  /** Label of the live data source (e.g. a replay), shown instead of plain "live". */
  liveLabel?: string;
  /** Per-symbol labels that win over liveLabel (candles served beside a recording); see shared/dataSource.ts. */
  symbolLabels?: Readonly<Record<string, string>>;
  /**
   * Where live trades are ingested: 'worker' (the extension: feed, parsing, tick store and bar series on the
   * ingest worker's thread, the desk getting closed bars and one preview per update) or 'inline' (default: on
   * the caller's thread, ticks seen one by one; tests that drive the clock with advanceTo).
   */
  ingestion?: 'worker' | 'inline';
  /** Proxy and TLS settings of REST and WebSocket; a change rebuilds the REST client and reconnects. */
  network?: NetworkOptions;
  now?: () => number;
}

export type DeskEvent =
  | { kind: 'pairUpdated'; pair: PairView }
  | { kind: 'barClosed'; pairId: string; row: PairBarRow }
  | { kind: 'pairsChanged'; pairs: PairView[] }
  | { kind: 'feedState'; state: FeedState }
  | { kind: 'alertFired'; firing: AlertFiring }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/**
 * What an options change touches: the REST client (endpoint, proxy), the ticks' source (ids), the feed (any of
 * them), the clock (update period) and the views' source labels.
 */
export function optionsChange(before: DeskOptions, after: DeskOptions): { rest: boolean; source: boolean; feed: boolean; clock: boolean; labels: boolean } {
  const rest = after.restBaseUrl !== before.restBaseUrl || !sameNetwork(after.network, before.network);
  const source = after.wsBaseUrl !== before.wsBaseUrl || after.stream !== before.stream;
  const labels = after.liveLabel !== before.liveLabel || JSON.stringify(after.symbolLabels) !== JSON.stringify(before.symbolLabels);
  return { rest, source, feed: rest || source, clock: after.updateMs !== before.updateMs, labels };
}

export function pairId(y: string, x: string): string {
  return `${y}/${x}`;
}

/** The fastest the desk publishes, closes bars by the clock and lets the ingest worker report. */
export const MIN_UPDATE_MS = 50;

/** The desk's update period for these options (one rule for the clock, the worker's batches and silence). */
export function updatePeriodMs(options: Pick<DeskOptions, 'updateMs'>): number {
  return Math.max(MIN_UPDATE_MS, options.updateMs);
}
