// Stream names and Binance's 2026 routing: /market carries aggTrade, kline and markPrice; /public carries
// bookTicker, depth and raw trade; the legacy unrouted /ws and /stream connect but deliver only /public streams.
// /private (user data by listen key) connects and stays open; nothing private is served here.

export type Route = 'market' | 'public' | 'private' | 'legacy';

export type StreamKind = 'aggTrade' | 'trade' | 'kline' | 'markPrice' | 'ticker' | 'bookTicker' | 'depth';

export interface ParsedStream {
  /** Upper-case symbol, as in payloads. */
  symbol: string;
  kind: StreamKind;
  /** Kline interval (`1m`…), when kind is kline. */
  interval?: string;
  /** markPrice update period in ms (3000, or 1000 for `@1s`). */
  periodMs?: number;
}

/** USD-M futures kline intervals (1s exists on spot only). */
export const KLINE_INTERVAL_MS: Readonly<Record<string, number>> = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
};

const MARKET_KINDS: ReadonlySet<StreamKind> = new Set(['aggTrade', 'kline', 'markPrice', 'ticker']);

const DEPTH = /^depth(5|10|20)?(@(0ms|100ms|250ms|500ms))?$/;

/** Parses a stream name as Binance spells it (lower-case symbol); undefined for names Binance would not know. */
export function parseStreamName(name: string): ParsedStream | undefined {
  const at = name.indexOf('@');
  if (at <= 0) return undefined;
  const lower = name.slice(0, at);
  if (lower !== lower.toLowerCase()) return undefined;
  const symbol = lower.toUpperCase();
  const rest = name.slice(at + 1);
  if (rest === 'aggTrade' || rest === 'trade' || rest === 'bookTicker' || rest === 'ticker') return { symbol, kind: rest };
  if (rest === 'markPrice') return { symbol, kind: 'markPrice', periodMs: 3000 };
  if (rest === 'markPrice@1s') return { symbol, kind: 'markPrice', periodMs: 1000 };
  if (rest.startsWith('kline_')) {
    const interval = rest.slice(6);
    return KLINE_INTERVAL_MS[interval] ? { symbol, kind: 'kline', interval } : undefined;
  }
  if (DEPTH.test(rest)) return { symbol, kind: 'depth' };
  return undefined;
}

/** Whether a route delivers a stream of this kind (otherwise it acknowledges the subscription and stays silent). */
export function routeDelivers(route: Route, kind: StreamKind): boolean {
  if (route === 'private') return false;
  return route === 'market' ? MARKET_KINDS.has(kind) : !MARKET_KINDS.has(kind);
}

export interface ParsedPath {
  route: Route;
  combined: boolean;
  streams: string[];
}

/**
 * Maps a WebSocket URL to its route: `/market/ws/a/b`, `/market/stream?streams=a/b`, the same under `/public`,
 * `/private/ws/<listenKey>` and `/private/stream?…` (open, silent), and the legacy `/ws/…`, `/stream?streams=…`.
 * Undefined for any other path (answered with 404).
 */
export function parseWsPath(url: string): ParsedPath | undefined {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const parts = path.split('/').filter((p) => p.length > 0);
  let route: Route = 'legacy';
  if (parts[0] === 'market' || parts[0] === 'public' || parts[0] === 'private') route = parts.shift() as Route;
  const mode = parts.shift();
  if (mode === 'ws') return { route, combined: false, streams: parts };
  if (mode === 'stream' && parts.length === 0) {
    const list = query.get('streams');
    return { route, combined: true, streams: list ? list.split('/').filter((s) => s.length > 0) : [] };
  }
  return undefined;
}
