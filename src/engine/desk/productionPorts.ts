// The production wiring of the desk: Binance feed and REST, PairAnalytics, AlertEngine.
import { BinanceRest } from '../feed';
import { AlertEngine } from '../alerts/alertEngine';
import { PairAnalyticsAdapter } from './analyticsAdapter';
import { BinanceDeskRest, createBinanceFeed } from './binanceAdapters';
import type { DeskEngine } from './ports';

export function createDeskEngine(options: { historyBars: number; log?: (message: string) => void }): DeskEngine {
  // One REST client per base URL, shared by warm starts and the feed's backfill (one weight budget).
  const clients = new Map<string, BinanceRest>();
  const client = (baseUrl: string) => {
    let c = clients.get(baseUrl);
    if (!c) clients.set(baseUrl, (c = new BinanceRest({ baseUrl })));
    return c;
  };
  return {
    createFeed: (feedOptions) => createBinanceFeed(feedOptions, client(feedOptions.restBaseUrl), options.log),
    createRest: (restBaseUrl) => new BinanceDeskRest(client(restBaseUrl)),
    createAnalytics: (config) => new PairAnalyticsAdapter(config, options.historyBars),
    createAlerts: () => new AlertEngine(),
  };
}
