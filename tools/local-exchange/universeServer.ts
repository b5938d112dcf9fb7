// Kline universes (synthetic, or candles read from files) served in Binance's REST shape: klines,
// ticker/24hr and an empty aggTrades page for their symbols, with the same request-weight budget, 429/418 and
// Retry-After as the main local exchange (restLimiter.ts). Mounted on the trade-replay exchange (server.ts: every
// mount is one source of its symbols, beside the tapes), or standalone on its own port (the pair scanner's tests
// and benchmark), where it also answers exchangeInfo, the all-symbol ticker, time and ping.
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { EngineError } from '../../src/engine/errors';
import { exchangeInfoBody, type SymbolSpec } from './exchangeInfo';
import { RestWeightLimiter } from './restLimiter';
import { KLINE_INTERVAL_MS } from './streams';
import type { SyntheticUniverse, UniverseSymbol } from './syntheticUniverse';

export interface UniverseExchangeOptions {
  port?: number;
  weightPerMinute?: number;
  windowMs?: number;
  banMs?: number;
  /** Server time (default: wall clock). */
  now?: () => number;
}

export interface UniverseExchange {
  readonly restBaseUrl: string;
  /** Requests served (tests check that a cached re-scan asks for little). */
  readonly requests: { klines: number; total: number; weight: number };
  close(): Promise<void>;
}

function specOf(u: UniverseSymbol): SymbolSpec {
  const tick = u.pricePrecision === 0 ? '1' : (1 / 10 ** u.pricePrecision).toFixed(u.pricePrecision);
  return {
    symbol: u.symbol,
    baseAsset: u.symbol.replace(/USDT(_\d+)?$/, ''),
    contractType: u.contractType,
    status: u.status,
    pricePrecision: u.pricePrecision,
    quantityPrecision: 3,
    tickSize: tick,
    stepSize: '0.001',
    minNotional: '5',
    onboardDate: u.openTimes[0],
    deliveryDate: u.contractType === 'PERPETUAL' ? 4133404800000 : u.openTimes[u.openTimes.length - 1] + 90 * 86_400_000,
  };
}

const DAY_MS = 86_400_000;

function klinesWeight(limit: number): number {
  return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

function requestWeight(path: string, p: URLSearchParams): number {
  if (path === '/fapi/v1/klines') return klinesWeight(Number(p.get('limit') ?? 500) || 500);
  if (path === '/fapi/v1/ticker/24hr') return p.get('symbol') ? 1 : 40;
  return 1;
}

/** A mounted symbol and the universe (bar length, clock alignment) it belongs to. */
interface Mounted {
  u: UniverseSymbol;
  mount: SyntheticUniverse;
}

/** The mounts' REST answers; `handle` returns false for requests it does not serve (the host exchange's). */
export class UniverseRest {
  readonly requests = { klines: 0, total: 0, weight: 0 };
  private readonly bySymbol = new Map<string, Mounted>();
  /** exchangeInfo entries of the mounted symbols. */
  readonly specs: SymbolSpec[];
  private aligned: boolean;

  constructor(
    private readonly mounts: readonly SyntheticUniverse[],
    private readonly limiter: RestWeightLimiter,
    private readonly now: () => number,
    private readonly weightPerMinute: number,
    /**
     * Shift each mount's candles by whole bars of its own, at the first request, so the newest one is the bar
     * open (synthetic) or the last closed (files) at the host's clock: the replay clock need not be the wall clock.
     */
    shiftToClock = false,
  ) {
    for (const mount of mounts) {
      for (const u of mount.symbols) {
        if (this.bySymbol.has(u.symbol)) throw new EngineError('BAD_ARGUMENT', `${u.symbol} is in two kline mounts: one symbol has one source`);
        this.bySymbol.set(u.symbol, { u, mount });
      }
    }
    this.aligned = !shiftToClock;
    this.specs = [...this.bySymbol.values()].map((m) => specOf(m.u));
  }

  /** The mounted symbols. */
  symbols(): string[] {
    return [...this.bySymbol.keys()];
  }

  /**
   * Standalone: every request (exchangeInfo and the all-symbol ticker over the mounts). Mounted on an exchange:
   * only the requests naming a mounted symbol (klines, ticker/24hr, aggTrades); false for the rest.
   */
  handle(req: IncomingMessage, res: ServerResponse, standalone: boolean): boolean {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = url.searchParams;
    const symbol = p.get('symbol');
    const ours =
      standalone ||
      ((url.pathname === '/fapi/v1/klines' || url.pathname === '/fapi/v1/ticker/24hr' || url.pathname === '/fapi/v1/aggTrades') && symbol !== null && this.bySymbol.has(symbol));
    if (!ours) return false;
    this.alignToClock();
    const weight = requestWeight(url.pathname, p);
    const decision = this.limiter.charge(weight, Date.now());
    this.requests.total++;
    this.requests.weight += weight;
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-MBX-USED-WEIGHT-1M': String(decision.usedWeight) };
    if (decision.status !== 200) {
      headers['Retry-After'] = String(decision.retryAfterSeconds);
      res.writeHead(decision.status, headers).end(decision.body);
      return true;
    }
    switch (url.pathname) {
      case '/fapi/v1/ping':
        res.writeHead(200, headers).end('{}');
        break;
      case '/fapi/v1/time':
        res.writeHead(200, headers).end(`{"serverTime":${Math.floor(this.now())}}`);
        break;
      case '/fapi/v1/exchangeInfo':
        res.writeHead(200, headers).end(exchangeInfoBody(this.specs, Math.floor(this.now()), this.weightPerMinute));
        break;
      case '/fapi/v1/ticker/24hr': {
        if (symbol === null) {
          res.writeHead(200, headers).end(`[${this.tickerRows().join(',')}]`);
          break;
        }
        const m = this.bySymbol.get(symbol);
        if (m) res.writeHead(200, headers).end(this.tickerRow(m));
        else error(res, 400, -1121, 'Invalid symbol.');
        break;
      }
      case '/fapi/v1/klines':
        this.klines(p, res, headers);
        break;
      case '/fapi/v1/aggTrades':
        // A kline universe has candles, no trade tape: an empty page, so a desk pair on it warms from klines alone.
        res.writeHead(200, headers).end('[]');
        break;
      default:
        error(res, 404, -5000, `Path ${url.pathname}, Method GET is invalid`);
    }
    return true;
  }

  /** ticker/24hr objects of every mounted symbol (the host exchange lists them beside its tapes' tickers). */
  tickerRows(): string[] {
    this.alignToClock();
    return [...this.bySymbol.values()].map((m) => this.tickerRow(m));
  }

  private alignToClock(): void {
    if (this.aligned) return;
    this.aligned = true;
    for (const mount of this.mounts) {
      const step = mount.intervalMs;
      const target = Math.floor(this.now() / step) * step - (mount.lastCandleOpen ? 0 : step);
      const newest = Math.max(...mount.symbols.map((u) => u.openTimes[u.openTimes.length - 1]));
      const shift = target - newest;
      if (shift === 0) continue;
      for (const u of mount.symbols) u.openTimes = u.openTimes.map((t) => t + shift);
    }
  }

  private klines(p: URLSearchParams, res: ServerResponse, headers: Record<string, string>): void {
    const symbol = p.get('symbol') ?? '';
    const m = this.bySymbol.get(symbol);
    if (!m) return error(res, 400, -1121, 'Invalid symbol.');
    const u = m.u;
    const baseMs = m.mount.intervalMs;
    const intervalMs = KLINE_INTERVAL_MS[p.get('interval') ?? ''];
    if (!intervalMs) return error(res, 400, -1120, 'Invalid interval.');
    if (intervalMs % baseMs !== 0) {
      res.writeHead(200, headers).end('[]'); // finer than the data
      return;
    }
    const limit = Number(p.get('limit') ?? 500);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1500) return error(res, 400, -1130, "Data sent for parameter 'limit' is not valid.");
    const clock = this.now();
    const end = Math.min(Number(p.get('endTime') ?? Infinity), clock);
    const start = p.get('startTime') === null ? undefined : Number(p.get('startTime'));
    const per = intervalMs / baseMs;
    const rows: string[] = [];
    // Buckets of `per` base candles; the newest ones when no startTime (as Binance).
    const buckets: number[] = [];
    for (let i = 0; i < u.openTimes.length; i++) {
      const t = u.openTimes[i];
      if (t % intervalMs !== 0 || t > end || (start !== undefined && t < start)) continue;
      buckets.push(i);
    }
    const chosen = start === undefined ? buckets.slice(-limit) : buckets.slice(0, limit);
    for (const i of chosen) {
      const last = Math.min(i + per - 1, u.openTimes.length - 1);
      let high = -Infinity;
      let low = Infinity;
      let volume = 0;
      let quoteVolume = 0;
      let trades = 0;
      for (let j = i; j <= last; j++) {
        high = Math.max(high, u.high[j]);
        low = Math.min(low, u.low[j]);
        volume += u.volume[j];
        if (u.quoteVolume) quoteVolume += u.quoteVolume[j];
        if (u.trades) trades += u.trades[j];
      }
      const d = u.pricePrecision;
      const t = u.openTimes[i];
      // Quote volume and count as the files give them; a source without them gets volume × close and 0.
      const quote = u.quoteVolume ? quoteVolume.toFixed(5) : (volume * u.close[last]).toFixed(2);
      rows.push(
        `[${t},"${u.open[i].toFixed(d)}","${high.toFixed(d)}","${low.toFixed(d)}","${u.close[last].toFixed(d)}","${volume.toFixed(3)}",${t + intervalMs - 1},"${quote}",${trades},"0","0","0"]`,
      );
    }
    this.requests.klines++;
    res.writeHead(200, headers).end(`[${rows.join(',')}]`);
  }

  /** The last day of the symbol's candles (as many bars as make 24 h at the mount's bar length). */
  private tickerRow(m: Mounted): string {
    const u = m.u;
    const n = u.close.length;
    const from = Math.max(0, n - Math.max(1, Math.round(DAY_MS / m.mount.intervalMs)));
    const last = u.close[n - 1];
    const first = u.open[from];
    return JSON.stringify({
      symbol: u.symbol,
      priceChange: (last - first).toFixed(u.pricePrecision),
      priceChangePercent: (((last - first) / first) * 100).toFixed(3),
      lastPrice: last.toFixed(u.pricePrecision),
      volume: (u.quoteVolume24h / last).toFixed(3),
      quoteVolume: u.quoteVolume24h.toFixed(2),
      openTime: u.openTimes[from],
      closeTime: Math.floor(this.now()),
      count: 0,
    });
  }
}

const error = (res: ServerResponse, status: number, code: number, msg: string): void => {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code, msg }));
};

export async function startUniverseExchange(universe: SyntheticUniverse, options: UniverseExchangeOptions = {}): Promise<UniverseExchange> {
  const weightPerMinute = options.weightPerMinute ?? 2400;
  const limiter = new RestWeightLimiter(weightPerMinute, options.windowMs ?? 60_000, options.banMs ?? 120_000);
  const api = new UniverseRest([universe], limiter, options.now ?? Date.now, weightPerMinute);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => void api.handle(req, res, true));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    restBaseUrl: `http://127.0.0.1:${port}`,
    requests: api.requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
