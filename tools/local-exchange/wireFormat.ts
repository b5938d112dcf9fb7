// Binance's wire JSON, built by string concatenation in the exact field order Binance sends
// (prices and quantities as strings, ids and times as integers). Built once per event, never per subscriber.
import type { AggView, TradeView } from './tape';

export function aggTradeEvent(symbol: string, a: AggView): string {
  return (
    `{"e":"aggTrade","E":${a.eventTime},"a":${a.id},"s":"${symbol}","p":"${a.priceText}","q":"${a.qtyText}",` +
    `"nq":"${a.qtyText}","f":${a.firstTradeId},"l":${a.lastTradeId},"T":${a.time},"m":${a.buyerIsMaker}}`
  );
}

export function tradeEvent(symbol: string, t: TradeView): string {
  return (
    `{"e":"trade","E":${t.eventTime},"T":${t.time},"s":"${symbol}","t":${t.id},"p":"${t.priceText}",` +
    `"q":"${t.qtyText}","X":"MARKET","m":${t.buyerIsMaker}}`
  );
}

/** A row of `GET /fapi/v1/aggTrades`. */
export function aggTradeRow(a: AggView): string {
  return `{"a":${a.id},"p":"${a.priceText}","q":"${a.qtyText}","f":${a.firstTradeId},"l":${a.lastTradeId},"T":${a.time},"m":${a.buyerIsMaker}}`;
}

/** Combined-mode wrapping: `{"stream":"btcusdt@aggTrade","data":{…}}`. */
export function combinedFrame(stream: string, data: string): string {
  return `{"stream":"${stream}","data":${data}}`;
}

export interface KlineState {
  openTime: number;
  closeTime: number;
  interval: string;
  firstTradeId: number;
  lastTradeId: number;
  open: string;
  close: string;
  high: string;
  low: string;
  highValue: number;
  lowValue: number;
  volume: number;
  trades: number;
  quoteVolume: number;
  takerBuyVolume: number;
  takerBuyQuoteVolume: number;
  closed: boolean;
}

/** A `<symbol>@kline_<interval>` event. */
export function klineEvent(symbol: string, eventTime: number, k: KlineState, qtyDecimals: number, quoteDecimals: number): string {
  return (
    `{"e":"kline","E":${eventTime},"s":"${symbol}","k":{"t":${k.openTime},"T":${k.closeTime},"s":"${symbol}",` +
    `"i":"${k.interval}","f":${k.firstTradeId},"L":${k.lastTradeId},"o":"${k.open}","c":"${k.close}",` +
    `"h":"${k.high}","l":"${k.low}","v":"${k.volume.toFixed(qtyDecimals)}","n":${k.trades},"x":${k.closed},` +
    `"q":"${k.quoteVolume.toFixed(quoteDecimals)}","V":"${k.takerBuyVolume.toFixed(qtyDecimals)}",` +
    `"Q":"${k.takerBuyQuoteVolume.toFixed(quoteDecimals)}","B":"0"}}`
  );
}

/** A row of `GET /fapi/v1/klines`. */
export function klineRow(k: KlineState, qtyDecimals: number, quoteDecimals: number): string {
  return (
    `[${k.openTime},"${k.open}","${k.high}","${k.low}","${k.close}","${k.volume.toFixed(qtyDecimals)}",` +
    `${k.closeTime},"${k.quoteVolume.toFixed(quoteDecimals)}",${k.trades},"${k.takerBuyVolume.toFixed(qtyDecimals)}",` +
    `"${k.takerBuyQuoteVolume.toFixed(quoteDecimals)}","0"]`
  );
}

/** A `<symbol>@markPrice` / `@markPrice@1s` event; mark and index follow the last trade price; `r` the coming funding rate. */
export function markPriceEvent(symbol: string, eventTime: number, price: number, nextFundingTime: number, fundingRate: number): string {
  const p = price.toFixed(8);
  return (
    `{"e":"markPriceUpdate","E":${eventTime},"s":"${symbol}","p":"${p}","i":"${p}","P":"${p}",` +
    `"r":"${fundingRate.toFixed(8)}","T":${nextFundingTime}}`
  );
}
