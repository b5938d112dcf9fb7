// Clients no one here wrote, pointed at the local exchange: ccxt 4.5 (REST) and ccxt.pro (WebSocket) as
// `binanceusdm`, and Binance's own `@binance/derivatives-trading-usds-futures` SDK. Every URL is the local
// server's (127.0.0.1), so nothing leaves the machine.
import ccxt from 'ccxt';
import { DerivativesTradingUsdsFutures } from '@binance/derivatives-trading-usds-futures';
import type { LocalExchange } from '../../../tools/local-exchange';

const BINANCE_FAPI = 'https://fapi.binance.com';

type Urls = { api: Record<string, unknown> & { ws?: Record<string, unknown> } };

function pointAt<T extends { urls: unknown }>(client: T, exchange: LocalExchange): T {
  const api = (client.urls as Urls).api;
  for (const [key, url] of Object.entries(api)) {
    if (typeof url === 'string' && url.startsWith(BINANCE_FAPI)) api[key] = exchange.restBaseUrl + url.slice(BINANCE_FAPI.length);
  }
  // ccxt.pro routes futures streams itself: `…/ws` becomes `…/market/ws` or `…/public/ws` by stream kind.
  if (api.ws) api.ws.future = `${exchange.wsBaseUrl}/ws`;
  return client;
}

/** ccxt's USD-M futures client on the local exchange's REST API. */
export function ccxtRest(exchange: LocalExchange): InstanceType<typeof ccxt.binanceusdm> {
  return pointAt(new ccxt.binanceusdm({ enableRateLimit: false }), exchange);
}

/** ccxt.pro's USD-M futures client (REST and WebSocket) on the local exchange; close it with `close()`. */
export async function ccxtPro(exchange: LocalExchange): Promise<InstanceType<typeof ccxt.pro.binanceusdm>> {
  const client = pointAt(new ccxt.pro.binanceusdm({ enableRateLimit: false }), exchange);
  await client.loadHttpProxyAgent(); // ccxt.pro needs an http agent for plain ws:// URLs
  return client;
}

/** Binance's official SDK with its WebSocket streams on the local exchange. */
export function officialSdk(exchange: LocalExchange): DerivativesTradingUsdsFutures {
  return new DerivativesTradingUsdsFutures({
    configurationWebsocketStreams: { wsURL: exchange.wsBaseUrl, reconnectDelay: 60_000 },
    configurationRestAPI: { apiKey: '', basePath: exchange.restBaseUrl, retries: 0 },
  });
}
