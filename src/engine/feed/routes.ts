// Binance's 2026 routed WebSocket endpoints: aggTrade, kline and markPrice live under /market; raw trade,
// bookTicker and depth under /public. The legacy unrouted URLs connect but deliver only /public streams.
import type { StreamKind } from '../types';

export type Route = 'market' | 'public';

export const DEFAULT_WS_BASE_URL = 'wss://fstream.binance.com';

/** Route path per route; configurable so users behind proxies (and our negative-control test) can change it. */
export const DEFAULT_ROUTE_PATHS: Readonly<Record<Route, string>> = { market: '/market', public: '/public' };

export function routeOf(kind: StreamKind): Route {
  return kind === 'aggTrade' ? 'market' : 'public';
}

/** Stream name as Binance spells it: lower-case symbol, `@`, the stream kind. */
export function streamName(symbol: string, kind: StreamKind): string {
  return `${symbol.toLowerCase()}@${kind}`;
}

/** Combined-mode URL of one route carrying `streams`, e.g. wss://…/market/stream?streams=btcusdt@aggTrade/… */
export function combinedStreamUrl(wsBaseUrl: string, routePath: string, streams: readonly string[]): string {
  return `${wsBaseUrl.replace(/\/+$/, '')}${routePath}/stream?streams=${streams.join('/')}`;
}
