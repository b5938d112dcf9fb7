// REST endpoints on the hand-made recording: shapes, Binance's parameter rules and errors, weights, and
// aggTrades / klines values computed by hand from the fixture's trades.
import { strict as assert } from 'assert';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';
import { FIXTURE, T0, getJson, writeRecording } from './helpers';

type AggRow = { a: number; p: string; q: string; f: number; l: number; T: number; m: boolean };

describe('exchange REST', () => {
  const fixture = writeRecording(FIXTURE);
  let exchange: LocalExchange;
  let base: string;

  before(async () => {
    // So fast that the whole fixture is history at once; a window no test run crosses.
    exchange = await startExchange({ dataFiles: [fixture.file], speed: 1e6, rebaseToNow: false, limits: { restWindowMs: 1e12 } });
    base = exchange.restBaseUrl;
    await new Promise((r) => setTimeout(r, 50));
  });

  after(async () => {
    await exchange.close();
    fixture.cleanup();
  });

  it('exchangeInfo lists real perpetuals, a quarterly contract and a SETTLING symbol in Binance shape', async () => {
    const { status, body } = await getJson(`${base}/fapi/v1/exchangeInfo`);
    assert.equal(status, 200);
    const info = body as { rateLimits: { rateLimitType: string; limit: number }[]; symbols: Record<string, unknown>[] };
    assert.deepEqual(info.rateLimits[0], { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 });
    const btc = info.symbols.find((s) => s.symbol === 'BTCUSDT') as Record<string, unknown> & { filters: { filterType: string; tickSize?: string }[] };
    assert.deepEqual(
      [btc.pair, btc.contractType, btc.status, btc.baseAsset, btc.quoteAsset, btc.pricePrecision, btc.quantityPrecision],
      ['BTCUSDT', 'PERPETUAL', 'TRADING', 'BTC', 'USDT', 2, 3],
    );
    assert.equal(btc.filters.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize, '0.10');
    const perpetuals = info.symbols.filter((s) => s.contractType === 'PERPETUAL' && s.status === 'TRADING').map((s) => s.symbol);
    for (const s of ['ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT', 'DOGEUSDT', 'LINKUSDT', 'FILUSDT']) assert.ok(perpetuals.includes(s), s);
    assert.ok(perpetuals.length >= 17);
    const quarterly = info.symbols.find((s) => s.symbol === 'BTCUSDT_260925');
    assert.equal(quarterly?.contractType, 'CURRENT_QUARTER');
    assert.equal(quarterly?.pair, 'BTCUSDT');
    assert.ok(info.symbols.some((s) => s.status === 'SETTLING'));
  });

  it('aggTrades are derived from the trades: same price, same taker side, same time form one', async () => {
    const { body } = await getJson(`${base}/fapi/v1/aggTrades?symbol=BTCUSDT`);
    const rows = body as AggRow[];
    const a0 = rows[0].a;
    assert.deepEqual(rows, [
      { a: a0, p: '60000.10', q: '0.300', f: 1001, l: 1002, T: T0 + 100, m: false },
      { a: a0 + 1, p: '60000.10', q: '0.050', f: 1003, l: 1003, T: T0 + 100, m: true },
      { a: a0 + 2, p: '60000.20', q: '1.000', f: 1004, l: 1004, T: T0 + 100, m: true },
      { a: a0 + 3, p: '60000.20', q: '0.004', f: 1005, l: 1005, T: T0 + 900, m: true },
      { a: a0 + 4, p: '59990.00', q: '0.010', f: 1006, l: 1006, T: T0 + 61_000, m: false },
    ]);
    const eth = (await getJson(`${base}/fapi/v1/aggTrades?symbol=ETHUSDT`)).body as AggRow[];
    assert.deepEqual(
      eth.map((r) => [r.q, r.f, r.l]),
      [['3.500', 501, 502], ['0.001', 503, 503]],
    );
  });

  it('aggTrades by fromId (inclusive) with a limit', async () => {
    const all = (await getJson(`${base}/fapi/v1/aggTrades?symbol=BTCUSDT`)).body as AggRow[];
    const { body } = await getJson(`${base}/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=${all[2].a}&limit=2`);
    assert.deepEqual((body as AggRow[]).map((r) => r.f), [1004, 1005]);
  });

  it('aggTrades by startTime/endTime with inclusive bounds', async () => {
    const rows = async (q: string) => ((await getJson(`${base}/fapi/v1/aggTrades?symbol=BTCUSDT&${q}`)).body as AggRow[]).map((r) => r.f);
    assert.deepEqual(await rows(`startTime=${T0 + 100}&endTime=${T0 + 900}`), [1001, 1003, 1004, 1005]);
    assert.deepEqual(await rows(`startTime=${T0 + 101}&endTime=${T0 + 900}`), [1005]);
    assert.deepEqual(await rows(`startTime=${T0 + 100}&endTime=${T0 + 899}`), [1001, 1003, 1004]);
    assert.deepEqual(await rows(`startTime=${T0 + 901}`), [1006]);
  });

  it('rejects a time window of more than an hour with -1127; exactly one hour is allowed', async () => {
    const bad = await getJson(`${base}/fapi/v1/aggTrades?symbol=BTCUSDT&startTime=${T0}&endTime=${T0 + 3_600_001}`);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { code: -1127, msg: 'More than 1 hours between startTime and endTime.' });
    const ok = await getJson(`${base}/fapi/v1/aggTrades?symbol=BTCUSDT&startTime=${T0}&endTime=${T0 + 3_600_000}`);
    assert.equal(ok.status, 200);
  });

  it('bounds limit: aggTrades 1…1000, klines 1…1500', async () => {
    assert.equal((await getJson(`${base}/fapi/v1/aggTrades?symbol=BTCUSDT&limit=1000`)).status, 200);
    for (const q of ['aggTrades?symbol=BTCUSDT&limit=1001', 'aggTrades?symbol=BTCUSDT&limit=0', 'klines?symbol=BTCUSDT&interval=1m&limit=1501']) {
      const { status, body } = await getJson(`${base}/fapi/v1/${q}`);
      assert.equal(status, 400, q);
      assert.equal((body as { code: number }).code, -1130, q);
    }
    assert.equal((await getJson(`${base}/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=1500&startTime=${T0}`)).status, 200);
  });

  it('answers an unknown symbol with HTTP 400 {"code":-1121,"msg":"Invalid symbol."}, a missing one with -1102', async () => {
    const bad = await getJson(`${base}/fapi/v1/aggTrades?symbol=FOOUSDT`);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { code: -1121, msg: 'Invalid symbol.' });
    assert.equal(((await getJson(`${base}/fapi/v1/klines?interval=1m`)).body as { code: number }).code, -1102);
    assert.deepEqual((await getJson(`${base}/fapi/v1/aggTrades?symbol=BTCUSDT_260925`)).body, []);
  });

  it('klines rows are exactly Binance arrays, computed from the trades (hand-checked)', async () => {
    const { body } = await getJson(`${base}/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=${T0}&limit=2`);
    assert.deepEqual(body, [
      // 0.1+0.2+0.05+1+0.004 = 1.354; quote 60000.10×0.35 + 60000.20×1.004 = 81240.2358; taker buys: the 0.3 at 60000.10
      [T0, '60000.10', '60000.20', '60000.10', '60000.20', '1.354', T0 + 59_999, '81240.23580', 5, '0.300', '18000.03000', '0'],
      [T0 + 60_000, '59990.00', '59990.00', '59990.00', '59990.00', '0.010', T0 + 119_999, '599.90000', 1, '0.010', '599.90000', '0'],
    ]);
  });

  it('klines: an interval without trades carries the close; 1s is not a futures interval (-1120)', async () => {
    const { body } = await getJson(`${base}/fapi/v1/klines?symbol=ETHUSDT&interval=1m&startTime=${T0 + 60_000}&limit=1`);
    assert.deepEqual(body, [[T0 + 60_000, '3399.99', '3399.99', '3399.99', '3399.99', '0.000', T0 + 119_999, '0.00000', 0, '0.000', '0.00000', '0']]);
    const bad = await getJson(`${base}/fapi/v1/klines?symbol=BTCUSDT&interval=1s`);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { code: -1120, msg: 'Invalid interval.' });
    const fives = (await getJson(`${base}/fapi/v1/klines?symbol=BTCUSDT&interval=5m&startTime=${T0}&limit=1`)).body as unknown[][];
    assert.deepEqual([fives[0][0], fives[0][5], fives[0][8]], [T0, '1.364', 6]);
  });

  it('charges Binance weights in X-MBX-USED-WEIGHT-1M (aggTrades 20, klines by limit, exchangeInfo 1)', async () => {
    const used = async (q: string) => Number((await fetch(`${base}/fapi/v1/${q}`)).headers.get('x-mbx-used-weight-1m'));
    const steps: [string, number][] = [
      ['aggTrades?symbol=BTCUSDT', 20],
      ['klines?symbol=BTCUSDT&interval=1m&limit=99', 1],
      ['klines?symbol=BTCUSDT&interval=1m&limit=100', 2],
      ['klines?symbol=BTCUSDT&interval=1m', 5],
      ['klines?symbol=BTCUSDT&interval=1m&limit=1001', 10],
      ['exchangeInfo', 1],
      ['time', 1],
    ];
    let before = await used('ping');
    for (const [q, weight] of steps) {
      const now = await used(q);
      assert.equal(now - before, weight, q);
      before = now;
    }
  });
});

describe('exchange REST follows the replay clock', () => {
  const fixture = writeRecording(FIXTURE);
  after(() => fixture.cleanup());

  it('/fapi/v1/time is the replay clock and history stops at it', async () => {
    const started = Date.now();
    const exchange = await startExchange({ dataFiles: [fixture.file], speed: 1, rebaseToNow: false });
    try {
      const { body } = await getJson(`${exchange.restBaseUrl}/fapi/v1/time`);
      const expected = T0 + 100 + (Date.now() - started);
      const serverTime = (body as { serverTime: number }).serverTime;
      assert.ok(serverTime >= T0 + 100 && serverTime <= expected, `serverTime ${serverTime - T0}`);
      // Aggregates are pushed at the end of their 100 ms window: the three at T0+100 at T0+200, the fourth
      // (T0+900) at T0+1000. Between the two, only the first three are history.
      await new Promise((r) => setTimeout(r, 300));
      const rows = (await getJson(`${exchange.restBaseUrl}/fapi/v1/aggTrades?symbol=BTCUSDT`)).body as AggRow[];
      assert.deepEqual(rows.map((r) => r.f), [1001, 1003, 1004]);
    } finally {
      await exchange.close();
    }
  });
});
