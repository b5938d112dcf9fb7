// The production wiring of the desk: Binance feed and REST, PairAnalytics, AlertEngine.
import { BinanceRest } from '../feed';
import { AlertEngine } from '../alerts/alertEngine';
import { PairAnalyticsAdapter } from './analyticsAdapter';
import { BinanceDeskRest, createBinanceFeed } from './binanceAdapters';
import type { DeskEngine } from './ports';
import type { NetworkOptions } from '../feed/network';

export function createDeskEngine(options: { historyBars: number; log?: (message: string) => void }): DeskEngine {
  // One REST client per base URL and network, shared by warm starts and the feed's backfill (one weight budget).
  const clients = new Map<string, BinanceRest>();
  const client = (baseUrl: string, network: NetworkOptions | undefined) => {
    const key = JSON.stringify([baseUrl, network?.proxyUrl?.trim() ?? '', network?.strictSSL ?? true, network?.noProxy ?? []]);
    let c = clients.get(key);
    if (!c) clients.set(key, (c = new BinanceRest({ baseUrl, network })));
    return c;
  };
  return {
    createFeed: (feedOptions) => createBinanceFeed(feedOptions, client(feedOptions.restBaseUrl, feedOptions.network), options.log),
    createRest: (restBaseUrl, network) => new BinanceDeskRest(client(restBaseUrl, network)),
    createAnalytics: (config) => new PairAnalyticsAdapter(config, options.historyBars),
    createAlerts: () => new AlertEngine(),
  };
}
