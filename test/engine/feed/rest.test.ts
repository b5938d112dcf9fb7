import { strict as assert } from 'assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { BinanceRest, RateLimitedError } from '../../../src/engine/feed/rest';
import { EngineError } from '../../../src/engine/errors';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A tiny REST stand-in on 127.0.0.1 recording every request it receives. */
async function serve(handler: Handler): Promise<{ server: Server; baseUrl: string; requests: Array<{ url: string; at: number }> }> {
  const requests: Array<{ url: string; at: number }> = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', at: Date.now() });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}`, requests };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

describe('feed/rest', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await close(server);
    server = undefined;
  });

  it('aggTrades sends fromId/limit, parses rows to ticks and tracks the used weight header', async () => {
    const s = await serve((_req, res) =>
      json(res, 200, [{ a: 26129, p: '0.01633102', q: '4.70443515', f: 27781, l: 27781, T: 1498793709153, m: true }], { 'X-MBX-USED-WEIGHT-1M': '42' }),
    );
    server = s.server;
    const rest = new BinanceRest({ baseUrl: s.baseUrl });
    const rows = await rest.aggTrades({ symbol: 'btcusdt', fromId: 26129, limit: 5 });
    assert.deepEqual(rows, [{ symbol: 'BTCUSDT', id: 26129, price: 0.01633102, qty: 4.70443515, time: 1498793709153, buyerIsMaker: true }]);
    assert.equal(s.requests[0].url, '/fapi/v1/aggTrades?symbol=BTCUSDT&limit=5&fromId=26129');
    assert.equal(rest.usedWeight, 42);
  });

  it('klines, exchangeInfo and serverTime parse the real shapes', async () => {
    const s = await serve((req, res) => {
      if (req.url?.startsWith('/fapi/v1/klines')) {
        json(res, 200, [[1499040000000, '0.01634790', '0.80000000', '0.01575800', '0.01577100', '148976.11427815', 1499644799999, '2434.19055334', 308, '1756.87402397', '28.46694368', '0']]);
      } else if (req.url === '/fapi/v1/exchangeInfo') {
        json(res, 200, { symbols: [{ symbol: 'BTCUSDT', pair: 'BTCUSDT', contractType: 'PERPETUAL', status: 'TRADING', baseAsset: 'BTC', quoteAsset: 'USDT', pricePrecision: 2, quantityPrecision: 3, filters: [{ filterType: 'PRICE_FILTER', tickSize: '0.10' }, { filterType: 'LOT_SIZE', stepSize: '0.001' }] }] });
      } else json(res, 200, { serverTime: 1499827319559 });
    });
    server = s.server;
    const rest = new BinanceRest({ baseUrl: s.baseUrl });
    const [k] = await rest.klines({ symbol: 'BTCUSDT', interval: '1m', limit: 1 });
    assert.equal(k.openTime, 1499040000000);
    assert.equal(k.high, 0.8);
    assert.equal(k.trades, 308);
    assert.equal(k.takerBuyQuoteVolume, 28.46694368);
    const [info] = await rest.exchangeInfo();
    assert.equal(info.contractType, 'PERPETUAL');
    assert.equal(info.tickSize, 0.1);
    assert.equal(info.stepSize, 0.001);
    assert.equal(await rest.serverTime(), 1499827319559);
  });

  it('maps -1121 to BAD_SYMBOL, 5xx to NETWORK, and validates arguments before sending', async () => {
    let status = 400;
    const s = await serve((_req, res) => (status === 400 ? json(res, 400, { code: -1121, msg: 'Invalid symbol.' }) : json(res, 503, { msg: 'busy' })));
    server = s.server;
    const rest = new BinanceRest({ baseUrl: s.baseUrl });
    await assert.rejects(rest.aggTrades({ symbol: 'NOPEUSDT', fromId: 1 }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_SYMBOL');
    status = 503;
    await assert.rejects(rest.serverTime(), (e: unknown) => e instanceof EngineError && e.code === 'NETWORK');
    const before = s.requests.length;
    await assert.rejects(rest.aggTrades({ symbol: 'BTCUSDT', fromId: 1, limit: 1001 }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
    await assert.rejects(rest.klines({ symbol: 'BTCUSDT', interval: '7m' }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
    await assert.rejects(rest.aggTrades({ symbol: 'BTC USDT', fromId: 1 }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_SYMBOL');
    await assert.rejects(rest.aggTrades({ symbol: 'BTCUSDT', startTime: 0, endTime: 3_600_000 }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
    assert.equal(s.requests.length, before, 'invalid arguments never reach the server');
  });

  for (const status of [429, 418] as const) {
    it(`after a ${status} with Retry-After, sends nothing before that time`, async () => {
      let first = true;
      const s = await serve((_req, res) => {
        if (first) {
          first = false;
          json(res, status, { code: -1003, msg: 'Too many requests' }, { 'Retry-After': '1' });
        } else json(res, 200, { serverTime: 1 });
      });
      server = s.server;
      const rest = new BinanceRest({ baseUrl: s.baseUrl });
      const err = await rest.serverTime().catch((e: unknown) => e);
      assert.ok(err instanceof RateLimitedError, 'typed RATE_LIMITED error');
      assert.equal(err.code, 'RATE_LIMITED');
      assert.ok(err.retryAt >= s.requests[0].at + 900 && err.retryAt <= Date.now() + 1000);
      await assert.rejects(rest.serverTime(), RateLimitedError);
      assert.equal(s.requests.length, 1, 'the second call was refused locally');
      await new Promise((r) => setTimeout(r, Math.max(0, err.retryAt - Date.now()) + 20));
      assert.equal(await rest.serverTime(), 1);
      assert.ok(s.requests[1].at >= err.retryAt - 5);
    });
  }

  it('refuses a request that would exceed the weight budget of the current minute', async () => {
    const s = await serve((_req, res) => json(res, 200, [], { 'X-MBX-USED-WEIGHT-1M': '2390' }));
    server = s.server;
    const minuteStart = 1_700_000_040_000; // a whole minute, so both calls fall in the same window
    const clock = { now: () => minuteStart + 5_000, setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
    const rest = new BinanceRest({ baseUrl: s.baseUrl, clock });
    await rest.aggTrades({ symbol: 'BTCUSDT', fromId: 1 }); // weight 20 → server reports 2390 used
    const err = await rest.aggTrades({ symbol: 'BTCUSDT', fromId: 1 }).catch((e: unknown) => e);
    assert.ok(err instanceof RateLimitedError, '2390 + 20 > 2400');
    assert.equal(err.retryAt, minuteStart + 60_000, 'waits for the next minute');
    assert.equal(s.requests.length, 1);
    assert.ok(await rest.serverTime().catch(() => 'refused'), 'a weight-1 request still fits');
  });

  it('fundingRates sends symbol/startTime/endTime/limit and parses Binance rows (rates as strings)', async () => {
    const s = await serve((_req, res) =>
      json(res, 200, [
        { symbol: 'BTCUSDT', fundingTime: 1721347200000, fundingRate: '0.00010000', markPrice: '64000.10000000' },
        { symbol: 'BTCUSDT', fundingTime: 1721376000001, fundingRate: '-0.00002500', markPrice: '' },
      ]),
    );
    server = s.server;
    const rest = new BinanceRest({ baseUrl: s.baseUrl });
    const rows = await rest.fundingRates({ symbol: 'btcusdt', startTime: 1721347200000, endTime: 1721400000000, limit: 1000 });
    assert.deepEqual(rows, [{ time: 1721347200000, rate: 0.0001 }, { time: 1721376000001, rate: -0.000025 }]);
    assert.equal(s.requests[0].url, '/fapi/v1/fundingRate?symbol=BTCUSDT&startTime=1721347200000&endTime=1721400000000&limit=1000');
    await assert.rejects(rest.fundingRates({ symbol: 'BTCUSDT', limit: 1001 }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
  });

  it('fundingRates: a row without a numeric rate is PARSE_ERROR', async () => {
    const s = await serve((_req, res) => json(res, 200, [{ symbol: 'BTCUSDT', fundingTime: 1, fundingRate: '' }]));
    server = s.server;
    const rest = new BinanceRest({ baseUrl: s.baseUrl });
    await assert.rejects(rest.fundingRates({ symbol: 'BTCUSDT' }), (e: unknown) => e instanceof EngineError && e.code === 'PARSE_ERROR' && /fundingRate/.test(e.message));
  });

  it('times out a hung request as NETWORK', async () => {
    const s = await serve(() => undefined); // never answers
    server = s.server;
    const rest = new BinanceRest({ baseUrl: s.baseUrl, timeoutMs: 100 });
    await assert.rejects(rest.serverTime(), (e: unknown) => e instanceof EngineError && e.code === 'NETWORK' && /timed out/.test(e.message));
    server.closeAllConnections();
  });
});
