// The market-data endpoints beyond history: `GET /fapi/v1/ticker/24hr`, `/fapi/v2/ticker/price`, `/fapi/v1/depth`,
// `/fapi/v1/premiumIndex`, `/fapi/v1/fundingRate` and `/fapi/v1/fundingInfo`, in Binance's field names, order and
// types, with its documented weights. Figures come from what the replay has emitted (the clock is "now"). A listed
// symbol that has not traded here has no price: left out of the all-symbol answers, empty figures when asked by name.
// The order book is synthetic (levels one tick apart around the last trade, seeded sizes), not the recorded book.
import type { MarketHistory } from './rest';
import { newTradeView, type SymbolTape } from './tape';
import { wireDecimals, type SymbolSpec } from './exchangeInfo';
import { RollingTicker, ticker24hJson, type TickerFigures } from './tickerStats';
import { fundingCap, fundingIntervalHours, fundingRateAt, fundingTimes, interestRate, nextFundingTime } from './fundingRates';
import { RestError, intParam, invalidSymbol, limitParam, missingParam } from './restParams';
import { mulberry32 } from '../../src/engine/random';

const DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000];

/** Weights as Binance documents them; undefined for paths this module does not serve. */
export function marketDataWeight(path: string, params: URLSearchParams): number | undefined {
  const one = params.has('symbol');
  switch (path) {
    case '/fapi/v1/ticker/24hr':
      return one ? 1 : 40;
    case '/fapi/v2/ticker/price':
      return one ? 1 : 2;
    case '/fapi/v1/premiumIndex':
      return one ? 1 : 10;
    case '/fapi/v1/depth': {
      const limit = Number(params.get('limit') ?? 500);
      return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }
    // Both share a separate 500 per 5 minutes limit on Binance (not modelled); no minute weight.
    case '/fapi/v1/fundingRate':
    case '/fapi/v1/fundingInfo':
      return 0;
    default:
      return undefined;
  }
}

const price8 = (p: number) => p.toFixed(8);

export class MarketDataRest {
  private readonly tickers = new Map<string, RollingTicker>();
  private readonly view = newTradeView();

  constructor(private readonly market: MarketHistory) {}

  route(path: string, p: URLSearchParams): string | undefined {
    switch (path) {
      case '/fapi/v1/ticker/24hr': {
        const body = this.perSymbol(p, (spec) => this.ticker24h(spec));
        const mounted = p.get('symbol') === null ? (this.market.mountedTickers?.() ?? []) : [];
        return mounted.length === 0 ? body : body === '[]' ? `[${mounted.join(',')}]` : `${body.slice(0, -1)},${mounted.join(',')}]`;
      }
      case '/fapi/v2/ticker/price':
        return this.perSymbol(p, (spec) => this.price(spec));
      case '/fapi/v1/premiumIndex':
        return this.perSymbol(p, (spec) => this.premiumIndex(spec), (spec) => spec.contractType === 'PERPETUAL' || spec.contractType === 'CURRENT_QUARTER');
      case '/fapi/v1/depth':
        return this.depth(p);
      case '/fapi/v1/fundingRate':
        return this.fundingRate(p);
      case '/fapi/v1/fundingInfo':
        return this.fundingInfo();
      default:
        return undefined;
    }
  }

  /** One object for `symbol`, else an array over the symbols that have traded. */
  private perSymbol(p: URLSearchParams, body: (spec: SymbolSpec) => string, listed: (spec: SymbolSpec) => boolean = () => true): string {
    const symbol = p.get('symbol');
    if (symbol !== null) return body(this.spec(symbol));
    const rows = this.market.specs.filter((s) => listed(s) && this.lastTrade(s.symbol) !== undefined).map(body);
    return `[${rows.join(',')}]`;
  }

  private spec(symbol: string): SymbolSpec {
    const spec = this.market.specs.find((s) => s.symbol === symbol);
    if (!spec) throw invalidSymbol();
    return spec;
  }

  /** The tape of a symbol and how many of its trades have been emitted. */
  private emitted(symbol: string): { tape: SymbolTape; available: number } | undefined {
    const found = this.market.tapeOf(symbol);
    if (!found) return undefined;
    const available = this.market.emittedTrades(found.index);
    return available > 0 ? { tape: found.tape, available } : undefined;
  }

  private lastTrade(symbol: string): { price: number; priceText: string; qtyText: string; time: number; id: number } | undefined {
    const e = this.emitted(symbol);
    if (!e) return undefined;
    e.tape.readTrade(e.available - 1, this.view);
    const v = this.view;
    return { price: v.price, priceText: v.priceText, qtyText: v.qtyText, time: v.time, id: v.id };
  }

  private ticker24h(spec: SymbolSpec): string {
    const clock = Math.floor(this.market.clockNow());
    const e = this.emitted(spec.symbol);
    let figures: TickerFigures | undefined;
    if (e) {
      let ticker = this.tickers.get(spec.symbol);
      if (!ticker) this.tickers.set(spec.symbol, (ticker = new RollingTicker(e.tape)));
      figures = ticker.at(clock, e.available);
    }
    const zero = (0).toFixed(spec.pricePrecision);
    figures ??= {
      openTime: clock - 86_400_000, closeTime: clock, open: zero, high: zero, low: zero, last: zero,
      lastQty: (0).toFixed(spec.quantityPrecision), lastTime: 0, volume: 0, quoteVolume: 0, firstId: -1, lastId: -1, count: 0,
    };
    return ticker24hJson(spec.symbol, figures, wireDecimals(spec));
  }

  private price(spec: SymbolSpec): string {
    const last = this.lastTrade(spec.symbol);
    const price = last?.priceText ?? (0).toFixed(spec.pricePrecision);
    return `{"symbol":"${spec.symbol}","price":"${price}","time":${last?.time ?? 0}}`;
  }

  private premiumIndex(spec: SymbolSpec): string {
    const clock = Math.floor(this.market.clockNow());
    const mark = price8(this.lastTrade(spec.symbol)?.price ?? 0);
    const perpetual = spec.contractType === 'PERPETUAL';
    const next = perpetual ? nextFundingTime(spec.symbol, clock) : 0;
    const rate = perpetual ? price8(fundingRateAt(spec.symbol, next)) : '';
    const interest = perpetual ? price8(interestRate(spec.symbol)) : '';
    return (
      `{"symbol":"${spec.symbol}","markPrice":"${mark}","indexPrice":"${mark}","estimatedSettlePrice":"${mark}",` +
      `"lastFundingRate":"${rate}","interestRate":"${interest}","nextFundingTime":${next},"time":${clock}}`
    );
  }

  private depth(p: URLSearchParams): string {
    const symbol = p.get('symbol');
    if (symbol === null) throw missingParam('symbol');
    const spec = this.spec(symbol);
    const limit = intParam(p, 'limit') ?? 500;
    if (!DEPTH_LIMITS.includes(limit)) throw new RestError(400, -1130, "Data sent for parameter 'limit' is not valid.");
    const clock = Math.floor(this.market.clockNow());
    const last = this.lastTrade(symbol);
    if (!last) return `{"lastUpdateId":0,"E":${clock},"T":${clock},"bids":[],"asks":[]}`;
    const tick = Number(spec.tickSize);
    const step = Number(spec.stepSize);
    const lastUpdateId = last.id * 3;
    const random = mulberry32(lastUpdateId >>> 0);
    const level = (price: number) => {
      const lots = Math.max(1, Math.round(-Math.log(1 - random()) * 200));
      return `["${price.toFixed(spec.pricePrecision)}","${(lots * step).toFixed(spec.quantityPrecision)}"]`;
    };
    const bids: string[] = [];
    const asks: string[] = [];
    for (let i = 0; i < limit; i++) {
      const bid = last.price - i * tick;
      if (bid > 0) bids.push(level(bid));
      asks.push(level(last.price + (i + 1) * tick));
    }
    return `{"lastUpdateId":${lastUpdateId},"E":${clock},"T":${last.time},"bids":[${bids.join(',')}],"asks":[${asks.join(',')}]}`;
  }

  /** The mark price at a funding time: the last trade at or before it (the first one for earlier times). */
  private markAt(symbol: string, time: number): string {
    const e = this.emitted(symbol);
    if (!e) return '';
    let lo = 0;
    let hi = e.available;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (e.tape.tradeTime(mid) <= time) lo = mid + 1;
      else hi = mid;
    }
    e.tape.readTrade(Math.max(0, lo - 1), this.view);
    return price8(this.view.price);
  }

  private fundingRate(p: URLSearchParams): string {
    const symbol = p.get('symbol');
    const limit = limitParam(p, 100, 1000);
    const startTime = intParam(p, 'startTime');
    const endTime = intParam(p, 'endTime');
    const clock = this.market.clockNow();
    const specs = symbol !== null ? [this.spec(symbol)] : this.market.specs;
    const rows: { time: number; json: string }[] = [];
    for (const spec of specs) {
      if (spec.contractType !== 'PERPETUAL') continue;
      for (const time of fundingTimes(spec.symbol, clock, { startTime, endTime, limit })) {
        const rate = price8(fundingRateAt(spec.symbol, time));
        rows.push({ time, json: `{"symbol":"${spec.symbol}","fundingTime":${time},"fundingRate":"${rate}","markPrice":"${this.markAt(spec.symbol, time)}"}` });
      }
    }
    rows.sort((a, b) => a.time - b.time);
    const kept = startTime !== undefined ? rows.slice(0, limit) : rows.slice(Math.max(0, rows.length - limit));
    return `[${kept.map((r) => r.json).join(',')}]`;
  }

  /** Symbols whose funding differs from the default (8 h, ±0.3 % for the majors): here the 4-hour ones. */
  private fundingInfo(): string {
    const rows = this.market.specs
      .filter((s) => s.contractType === 'PERPETUAL' && fundingIntervalHours(s.symbol) !== 8)
      .map((s) => {
        const cap = price8(fundingCap(s.symbol));
        return `{"symbol":"${s.symbol}","adjustedFundingRateCap":"${cap}","adjustedFundingRateFloor":"-${cap}","fundingIntervalHours":${fundingIntervalHours(s.symbol)},"disclaimer":false}`;
      });
    return `[${rows.join(',')}]`;
  }
}
