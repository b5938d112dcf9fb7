// Self-contained REST client of Binance USD-M Futures market data: exchangeInfo, aggTrades, klines, time.
// Tracks request weight, honours 429/418 Retry-After (no request is sent before it), times out, and turns
// every failure into a typed EngineError.
import type { Tick } from '../types';
import { EngineError } from '../errors';
import { wellFormedSymbol } from '../symbols';
import { systemClock, type FeedClock } from './clock';
import { WeightBudget } from './weightBudget';
import { networkFetch } from './httpGet';
import { Network, type NetworkOptions } from './network';
import { refusalOf } from './refusal';
import { errorMessage } from '../../shared/errorMessage';

export const DEFAULT_REST_BASE_URL = 'https://fapi.binance.com';

/** A RATE_LIMITED error that knows when a request may be sent again. */
export class RateLimitedError extends EngineError {
  constructor(
    message: string,
    readonly retryAt: number,
  ) {
    super('RATE_LIMITED', message);
  }
}

export interface BinanceRestOptions {
  baseUrl?: string;
  /** Per-request timeout, ms (default 10 s). */
  timeoutMs?: number;
  /** Weight budget per minute (default 2400, Binance's IP limit). */
  weightLimitPerMinute?: number;
  clock?: FeedClock;
  /** Proxy and TLS settings (default: direct, or the environment's HTTPS_PROXY / NO_PROXY). */
  network?: NetworkOptions;
  /** Replaces the HTTP transport (tests); `network` is then not used. */
  fetchImpl?: typeof fetch;
}

export interface SymbolInfo {
  symbol: string;
  pair: string;
  contractType: string;
  status: string;
  baseAsset: string;
  quoteAsset: string;
  pricePrecision: number;
  quantityPrecision: number;
  /** From the PRICE_FILTER / LOT_SIZE filters, when present. */
  tickSize: number | undefined;
  stepSize: number | undefined;
}

export interface Kline {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  closeTime: number;
  quoteVolume: number;
  trades: number;
  takerBuyVolume: number;
  takerBuyQuoteVolume: number;
}

export type AggTradesQuery =
  | { symbol: string; fromId: number; limit?: number }
  | { symbol: string; startTime?: number; endTime?: number; limit?: number };

export interface FundingRateQuery {
  symbol: string;
  startTime?: number;
  endTime?: number;
  limit?: number;
}

export interface KlinesQuery {
  symbol: string;
  interval: string;
  startTime?: number;
  endTime?: number;
  limit?: number;
}

const KLINE_INTERVALS = new Set(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M']);
const AGG_TRADES_WEIGHT = 20;
const HOUR_MS = 3_600_000;
const DEFAULT_BAN_SECONDS = 60;

function klinesWeight(limit: number): number {
  if (limit < 100) return 1;
  if (limit < 500) return 2;
  if (limit <= 1000) return 5;
  return 10;
}

export function normaliseSymbol(symbol: string): string {
  const upper = wellFormedSymbol(symbol);
  if (upper === undefined) throw new EngineError('BAD_SYMBOL', `Invalid symbol ${JSON.stringify(symbol)}`);
  return upper;
}

function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new EngineError('BAD_ARGUMENT', `${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

function toNumber(value: unknown, what: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? +value : NaN;
  if (!Number.isFinite(n) || (typeof value === 'string' && value.trim() === '')) {
    throw new EngineError('PARSE_ERROR', `Unexpected ${what} in Binance REST response: ${JSON.stringify(value)}`);
  }
  return n;
}

/** Converts one `/fapi/v1/aggTrades` row to a tick. */
export function aggTradeRowToTick(symbol: string, row: unknown): Tick {
  if (typeof row !== 'object' || row === null) throw new EngineError('PARSE_ERROR', 'aggTrades row is not an object');
  const r = row as Record<string, unknown>;
  if (typeof r.a !== 'number' || !Number.isSafeInteger(r.a)) throw new EngineError('PARSE_ERROR', 'aggTrades row without integer id "a"');
  if (typeof r.m !== 'boolean') throw new EngineError('PARSE_ERROR', 'aggTrades row without boolean "m"');
  return { symbol, id: r.a, price: toNumber(r.p, 'price'), qty: toNumber(r.q, 'quantity'), time: toNumber(r.T, 'time'), buyerIsMaker: r.m };
}

/** Text of a JSON value for a message; String() throws on an object whose "toString" key is not a function. */
function describeValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** One exchangeInfo `symbols[]` entry, or a PARSE_ERROR naming what is wrong with it. */
function symbolInfo(raw: unknown, index: number): SymbolInfo {
  if (typeof raw !== 'object' || raw === null) throw new EngineError('PARSE_ERROR', `exchangeInfo symbols[${index}] is not an object`);
  const s = raw as Record<string, unknown>;
  if (typeof s.symbol !== 'string') throw new EngineError('PARSE_ERROR', `exchangeInfo symbols[${index}] has no symbol name`);
  const precision = (key: 'pricePrecision' | 'quantityPrecision') => {
    const value = typeof s[key] === 'object' ? NaN : Number(s[key]);
    if (!Number.isInteger(value)) {
      throw new EngineError('PARSE_ERROR', `exchangeInfo ${s.symbol}: ${key} ${describeValue(s[key])} is not an integer`);
    }
    return value;
  };
  return {
    symbol: s.symbol,
    pair: describeValue(s.pair),
    contractType: describeValue(s.contractType),
    status: describeValue(s.status),
    baseAsset: describeValue(s.baseAsset),
    quoteAsset: describeValue(s.quoteAsset),
    pricePrecision: precision('pricePrecision'),
    quantityPrecision: precision('quantityPrecision'),
    tickSize: filterNumber(s.filters, 'PRICE_FILTER', 'tickSize'),
    stepSize: filterNumber(s.filters, 'LOT_SIZE', 'stepSize'),
  };
}

function filterNumber(filters: unknown, type: string, key: string): number | undefined {
  if (!Array.isArray(filters)) return undefined;
  const f = filters.find((x) => typeof x === 'object' && x !== null && (x as Record<string, unknown>).filterType === type);
  const raw = f ? (f as Record<string, unknown>)[key] : undefined;
  const value = typeof raw === 'object' ? NaN : Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

export class BinanceRest {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly clock: FeedClock;
  private readonly fetchImpl: typeof fetch;
  private readonly budget: WeightBudget;

  constructor(options: BinanceRestOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_REST_BASE_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
    this.fetchImpl = options.fetchImpl ?? networkFetch(new Network(options.network));
    this.budget = new WeightBudget(options.weightLimitPerMinute ?? 2400);
  }

  /** Weight used in the current minute as last reported by the exchange (or counted locally). */
  get usedWeight(): number {
    return this.budget.used;
  }

  /** No request is sent before this time (epoch ms) after a 429/418. */
  get blockedUntil(): number {
    return this.budget.blockedUntil;
  }

  async serverTime(): Promise<number> {
    const body = (await this.get('/fapi/v1/time', {}, 1)) as { serverTime?: unknown };
    return toNumber(body?.serverTime, 'serverTime');
  }

  async exchangeInfo(): Promise<SymbolInfo[]> {
    const body = (await this.get('/fapi/v1/exchangeInfo', {}, 1)) as { symbols?: unknown };
    if (!Array.isArray(body?.symbols)) throw new EngineError('PARSE_ERROR', 'exchangeInfo response has no symbols[]');
    return body.symbols.map((raw: unknown, index: number) => symbolInfo(raw, index));
  }

  /** 24 h statistics of every symbol (weight 40); the scan ranks its universe by quoteVolume. */
  async ticker24hr(): Promise<{ symbol: string; quoteVolume: number; lastPrice: number }[]> {
    const body = await this.get('/fapi/v1/ticker/24hr', {}, 40);
    if (!Array.isArray(body)) throw new EngineError('PARSE_ERROR', 'ticker/24hr response is not an array');
    return body.map((row: unknown) => {
      const r = (typeof row === 'object' && row !== null ? row : {}) as { symbol?: unknown; quoteVolume?: unknown; lastPrice?: unknown };
      if (typeof r.symbol !== 'string') throw new EngineError('PARSE_ERROR', 'ticker/24hr entry has no symbol');
      return { symbol: r.symbol, quoteVolume: toNumber(r.quoteVolume, 'quoteVolume'), lastPrice: toNumber(r.lastPrice, 'lastPrice') };
    });
  }

  /** Aggregate trades, ascending ids; `fromId` or a time window shorter than one hour; inclusive bounds. */
  async aggTrades(query: AggTradesQuery): Promise<Tick[]> {
    const symbol = normaliseSymbol(query.symbol);
    checkInteger('limit', query.limit, 1, 1000);
    const params: Record<string, string | number | undefined> = { symbol, limit: query.limit };
    if ('fromId' in query) {
      checkInteger('fromId', query.fromId, 0, Number.MAX_SAFE_INTEGER);
      params.fromId = query.fromId;
    } else {
      checkInteger('startTime', query.startTime, 0, Number.MAX_SAFE_INTEGER);
      checkInteger('endTime', query.endTime, 0, Number.MAX_SAFE_INTEGER);
      if (query.startTime !== undefined && query.endTime !== undefined) {
        if (query.endTime < query.startTime || query.endTime - query.startTime >= HOUR_MS) {
          throw new EngineError('BAD_ARGUMENT', 'aggTrades: endTime must be ≥ startTime and less than one hour after it');
        }
      }
      params.startTime = query.startTime;
      params.endTime = query.endTime;
    }
    const body = await this.get('/fapi/v1/aggTrades', params, AGG_TRADES_WEIGHT);
    if (!Array.isArray(body)) throw new EngineError('PARSE_ERROR', 'aggTrades response is not an array');
    return body.map((row: unknown) => aggTradeRowToTick(symbol, row));
  }

  async klines(query: KlinesQuery): Promise<Kline[]> {
    const symbol = normaliseSymbol(query.symbol);
    if (!KLINE_INTERVALS.has(query.interval)) {
      throw new EngineError('BAD_ARGUMENT', `Unknown kline interval ${JSON.stringify(query.interval)}; accepted: ${[...KLINE_INTERVALS].join(', ')}`);
    }
    checkInteger('limit', query.limit, 1, 1500);
    checkInteger('startTime', query.startTime, 0, Number.MAX_SAFE_INTEGER);
    checkInteger('endTime', query.endTime, 0, Number.MAX_SAFE_INTEGER);
    const params = { symbol, interval: query.interval, startTime: query.startTime, endTime: query.endTime, limit: query.limit };
    const body = await this.get('/fapi/v1/klines', params, klinesWeight(query.limit ?? 500));
    if (!Array.isArray(body)) throw new EngineError('PARSE_ERROR', 'klines response is not an array');
    return body.map((row: unknown) => {
      if (!Array.isArray(row) || row.length < 11) throw new EngineError('PARSE_ERROR', 'klines row is not an 11-field array');
      return {
        openTime: toNumber(row[0], 'open time'),
        open: toNumber(row[1], 'open'),
        high: toNumber(row[2], 'high'),
        low: toNumber(row[3], 'low'),
        close: toNumber(row[4], 'close'),
        volume: toNumber(row[5], 'volume'),
        closeTime: toNumber(row[6], 'close time'),
        quoteVolume: toNumber(row[7], 'quote volume'),
        trades: toNumber(row[8], 'trade count'),
        takerBuyVolume: toNumber(row[9], 'taker buy volume'),
        takerBuyQuoteVolume: toNumber(row[10], 'taker buy quote volume'),
      };
    });
  }

  /** Funding rate history, ascending fundingTime; at most 1000 rows per request (Binance's limit). */
  async fundingRates(query: FundingRateQuery): Promise<{ time: number; rate: number }[]> {
    const symbol = normaliseSymbol(query.symbol);
    checkInteger('limit', query.limit, 1, 1000);
    checkInteger('startTime', query.startTime, 0, Number.MAX_SAFE_INTEGER);
    checkInteger('endTime', query.endTime, 0, Number.MAX_SAFE_INTEGER);
    const body = await this.get('/fapi/v1/fundingRate', { symbol, startTime: query.startTime, endTime: query.endTime, limit: query.limit }, 1);
    if (!Array.isArray(body)) throw new EngineError('PARSE_ERROR', 'fundingRate response is not an array');
    return body.map((row: unknown) => {
      const r = (typeof row === 'object' && row !== null ? row : {}) as { fundingTime?: unknown; fundingRate?: unknown };
      return { time: toNumber(r.fundingTime, 'fundingTime'), rate: toNumber(r.fundingRate, 'fundingRate') };
    });
  }

  private async get(path: string, params: Record<string, string | number | undefined>, weight: number): Promise<unknown> {
    const now = this.clock.now();
    const earliest = this.budget.earliestSendTime(now, weight);
    if (earliest > now) {
      throw new RateLimitedError(
        `Binance request weight exhausted; next request allowed at ${new Date(earliest).toISOString()}`,
        earliest,
      );
    }
    this.budget.reserve(now, weight);
    const query = Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&');
    const url = `${this.baseUrl}${path}${query ? `?${query}` : ''}`;
    const abort = new AbortController();
    const timer = this.clock.setTimeout(() => abort.abort(), this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, { signal: abort.signal });
      text = await response.text();
    } catch (err) {
      const reason = abort.signal.aborted ? `timed out after ${this.timeoutMs} ms` : errorMessage(err);
      throw new EngineError('NETWORK', `GET ${path} failed: ${reason}`);
    } finally {
      this.clock.clearTimeout(timer);
    }
    const used = response.headers.get('x-mbx-used-weight-1m');
    if (used !== null) this.budget.observeUsedWeight(this.clock.now(), Number(used));
    if (response.status === 429 || response.status === 418) {
      const seconds = Number(response.headers.get('retry-after'));
      const retryAt = this.clock.now() + (Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_BAN_SECONDS) * 1000;
      this.budget.blockUntil(retryAt);
      throw new RateLimitedError(
        `Binance answered ${response.status} (${response.status === 418 ? 'IP banned' : 'too many requests'}) to GET ${path}; retry after ${new Date(retryAt).toISOString()}`,
        retryAt,
      );
    }
    const refusal = refusalOf(response.status);
    if (refusal) throw refusal;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (response.ok) throw new EngineError('PARSE_ERROR', `GET ${path}: response is not JSON`);
    }
    if (response.ok) return body;
    const code = (body as { code?: unknown } | undefined)?.code;
    const msg = (body as { msg?: unknown } | undefined)?.msg;
    const detail = msg !== undefined ? `${describeValue(code)} ${describeValue(msg)}` : text.slice(0, 200);
    if (code === -1121) throw new EngineError('BAD_SYMBOL', `Binance: invalid symbol ${String(params.symbol)} (${detail})`);
    if (response.status >= 500) throw new EngineError('NETWORK', `GET ${path}: HTTP ${response.status} ${detail}`);
    throw new EngineError('BAD_ARGUMENT', `GET ${path}: HTTP ${response.status} ${detail}`);
  }
}
