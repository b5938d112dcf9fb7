// Public surface of the Binance feed and REST client.
export { BinanceFeed, DEFAULT_ROTATION_AGE_MS, type BinanceFeedOptions, type FeedStats } from './binanceFeed';
export { BinanceRest, RateLimitedError, DEFAULT_REST_BASE_URL, type BinanceRestOptions, type SymbolInfo, type Kline, type AggTradesQuery, type KlinesQuery } from './rest';
export { DEFAULT_WS_BASE_URL, routeOf, streamName, combinedStreamUrl, type Route } from './routes';
export { type BackoffOptions, DEFAULT_BACKOFF } from './backoff';
export { type FeedClock, systemClock } from './clock';
