// Binds the desk's feed and REST ports to the real Binance feed and client (src/engine/feed).
import { BinanceFeed, BinanceRest } from '../feed';
import type { Bar, Tick, Timeframe } from '../types';
import { TIMEFRAME_MS } from '../types';
import type { DeskFeed, DeskRest, FeedOptions } from './ports';

const PAGE = 1000;
/** Safety stop for one warm-start tail (≈ 50,000 trades, 1,000 weight). */
const MAX_PAGES = 50;

export function createBinanceFeed(options: FeedOptions, rest: BinanceRest | undefined, log?: (message: string) => void): DeskFeed {
  return new BinanceFeed({ symbols: options.symbols, stream: options.stream, wsBaseUrl: options.wsBaseUrl, restBaseUrl: options.restBaseUrl, network: options.network, rest, log });
}

/** The REST port over one BinanceRest, so warm starts and the feed's backfill share a weight budget. */
export class BinanceDeskRest implements DeskRest {
  constructor(readonly client: BinanceRest) {}

  serverTime(): Promise<number> {
    return this.client.serverTime();
  }

  async symbols() {
    const all = await this.client.exchangeInfo();
    return all.map((s) => ({ symbol: s.symbol, status: s.status, contractType: s.contractType, quoteAsset: s.quoteAsset }));
  }

  async klines(symbol: string, timeframe: Timeframe, limit: number, endTime: number): Promise<Bar[]> {
    const intervalMs = TIMEFRAME_MS[timeframe];
    const rows = await this.client.klines({ symbol, interval: timeframe, limit, endTime });
    return rows.map((k) => ({
      symbol,
      openTime: k.openTime,
      intervalMs,
      open: k.open,
      high: k.high,
      low: k.low,
      close: k.close,
      volume: k.volume,
      trades: k.trades,
      vwap: k.volume > 0 ? k.quoteVolume / k.volume : k.close,
      empty: k.trades === 0,
    }));
  }

  async aggTradesBetween(symbol: string, startTime: number, endTime: number): Promise<Tick[]> {
    if (endTime < startTime) return [];
    const out: Tick[] = [];
    // The first page by time (windows under an hour), the rest by id so nothing is skipped at page edges.
    let page = await this.client.aggTrades({ symbol, startTime, endTime: Math.min(endTime, startTime + 3_599_999), limit: PAGE });
    for (let pages = 1; ; pages++) {
      for (const t of page) if (t.time <= endTime) out.push(t);
      const last = page[page.length - 1];
      if (!last || last.time >= endTime || pages >= MAX_PAGES) break;
      if (page.length < PAGE && last.time >= startTime + 3_599_999) break;
      if (page.length < PAGE && endTime - startTime < 3_600_000) break;
      page = await this.client.aggTrades({ symbol, fromId: last.id + 1, limit: PAGE });
      if (page.length === 0) break;
    }
    return out;
  }
}
