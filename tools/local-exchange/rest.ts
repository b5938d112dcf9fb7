// The REST side of the exchange (`/fapi/v1/...`): parameters checked as Binance checks them, errors in its
// `{"code":…,"msg":…}` shape, request weight charged against the per-minute budget.
import type { IncomingMessage, ServerResponse } from 'http';
import type { SymbolTape } from './tape';
import type { HiddenRange } from './replay';
import type { RestWeightLimiter } from './restLimiter';
import type { RestFaults } from './restFaults';
import { exchangeInfoBody, type SymbolSpec } from './exchangeInfo';
import { aggTradesJson } from './aggTradesQuery';
import { klinesFor } from './klines';
import { KLINE_INTERVAL_MS } from './streams';
import { klineRow } from './wireFormat';
import { RestError, intParam, invalidSymbol, limitParam, missingParam } from './restParams';
import { MarketDataRest, marketDataWeight } from './marketDataRest';

/** What the REST handlers read from the running exchange. */
export interface MarketHistory {
  specs: readonly SymbolSpec[];
  tapeOf(symbol: string): { tape: SymbolTape; index: number } | undefined;
  emittedTrades(index: number): number;
  emittedAggs(index: number): number;
  hidden(index: number): readonly HiddenRange[];
  clockNow(): number;
  weightPerMinute: number;
  /** ticker/24hr objects of the symbols served by kline mounts, listed in the all-symbol answer beside the tapes'. */
  mountedTickers?: () => string[];
}

const HOUR_MS = 3_600_000;

function klinesWeight(limit: number): number {
  return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

/** The weight Binance charges for a request (before validation, as Binance does). */
export function requestWeight(path: string, params: URLSearchParams): number {
  const marketData = marketDataWeight(path, params);
  if (marketData !== undefined) return marketData;
  if (path === '/fapi/v1/aggTrades') return 20;
  if (path === '/fapi/v1/klines') {
    const limit = Number(params.get('limit') ?? 500);
    return klinesWeight(Number.isFinite(limit) ? limit : 500);
  }
  return 1;
}

export class RestApi {
  constructor(
    private readonly market: MarketHistory,
    private readonly limiter: RestWeightLimiter,
    private readonly faults: RestFaults,
  ) {
    this.marketData = new MarketDataRest(market);
  }

  private readonly marketData: MarketDataRest;

  private readonly pending = new Set<NodeJS.Timeout>();

  /** Cancels delayed answers (server shutdown). */
  cancelPending(): void {
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fault = this.faults.next();
    if (fault.kind === 'status') {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (fault.status !== 500) headers['Retry-After'] = String(fault.retryAfterSeconds);
      res.writeHead(fault.status, headers).end(fault.body);
      return;
    }
    if (fault.kind === 'delay') {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        this.answer(req, res, url);
      }, fault.delayMs);
      this.pending.add(timer);
      return;
    }
    this.answer(req, res, url);
  }

  private answer(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (res.destroyed) return;
    const decision = this.limiter.charge(requestWeight(url.pathname, url.searchParams), Date.now());
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-MBX-USED-WEIGHT-1M': String(decision.usedWeight),
    };
    if (decision.status !== 200) {
      headers['Retry-After'] = String(decision.retryAfterSeconds);
      res.writeHead(decision.status, headers).end(decision.body);
      return;
    }
    let status = 200;
    let body: string;
    try {
      if (req.method !== 'GET') throw new RestError(405, -1000, `Method ${req.method} is not supported here.`);
      body = this.route(url);
    } catch (err) {
      if (!(err instanceof RestError)) throw err;
      status = err.status;
      body = JSON.stringify({ code: err.code, msg: err.message });
    }
    res.writeHead(status, headers).end(body);
  }

  private route(url: URL): string {
    const p = url.searchParams;
    switch (url.pathname) {
      case '/fapi/v1/ping':
        return '{}';
      case '/fapi/v1/time':
        return `{"serverTime":${Math.floor(this.market.clockNow())}}`;
      case '/fapi/v1/exchangeInfo':
        return exchangeInfoBody(this.market.specs, Math.floor(this.market.clockNow()), this.market.weightPerMinute);
      case '/fapi/v1/aggTrades':
        return this.aggTrades(p);
      case '/fapi/v1/klines':
        return this.klines(p);
      default: {
        const body = this.marketData.route(url.pathname, p);
        if (body === undefined) throw new RestError(404, -5000, `Path ${url.pathname}, Method GET is invalid`);
        return body;
      }
    }
  }

  private symbolParam(p: URLSearchParams): string {
    const symbol = p.get('symbol');
    if (!symbol) throw missingParam('symbol');
    if (!this.market.specs.some((s) => s.symbol === symbol)) throw invalidSymbol();
    return symbol;
  }

  private aggTrades(p: URLSearchParams): string {
    const symbol = this.symbolParam(p);
    const limit = limitParam(p, 500, 1000);
    const fromId = intParam(p, 'fromId');
    const startTime = intParam(p, 'startTime');
    const endTime = intParam(p, 'endTime');
    // Exactly one hour is allowed (ccxt's fetchTrades(symbol, since) asks for since … since + 1 h).
    if (startTime !== undefined && endTime !== undefined && endTime - startTime > HOUR_MS) {
      throw new RestError(400, -1127, 'More than 1 hours between startTime and endTime.');
    }
    const found = this.market.tapeOf(symbol);
    if (!found) return '[]';
    return aggTradesJson(found.tape, this.market.emittedAggs(found.index), this.market.hidden(found.index), { fromId, startTime, endTime, limit });
  }

  private klines(p: URLSearchParams): string {
    const symbol = this.symbolParam(p);
    const interval = p.get('interval');
    if (!interval) throw missingParam('interval');
    const intervalMs = KLINE_INTERVAL_MS[interval];
    if (!intervalMs) throw new RestError(400, -1120, 'Invalid interval.');
    const limit = limitParam(p, 500, 1500);
    const startTime = intParam(p, 'startTime');
    const endTime = intParam(p, 'endTime');
    const found = this.market.tapeOf(symbol);
    if (!found) return '[]';
    const spec = this.market.specs.find((s) => s.symbol === symbol);
    const qtyDecimals = spec?.quantityPrecision ?? 3;
    const quoteDecimals = Math.min(8, qtyDecimals + (spec?.pricePrecision ?? 2));
    const bars = klinesFor(found.tape, this.market.emittedTrades(found.index), this.market.clockNow(), { intervalMs, interval, startTime, endTime, limit });
    return `[${bars.map((b) => klineRow(b, qtyDecimals, quoteDecimals)).join(',')}]`;
  }
}
