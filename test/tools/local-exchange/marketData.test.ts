// The market-data endpoints and the ticker stream, driven with ccxt / ccxt.pro (URLs pointed at the local
// exchange) and checked raw for Binance's field names, order and types: 24hr ticker, last price (v2), order book,
// premium index, funding-rate history and info, weights as Binance documents them. Figures of the hand-made
// recording are worked out by hand.
import { strict as assert } from 'assert';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';
import { FIXTURE, T0, getJson, nextMessage, openWs, writeRecording } from './helpers';
import { ccxtPro, ccxtRest } from './outsideClients';

const BTC = 'BTC/USDT:USDT';
const H8 = 8 * 3_600_000;

/** BTCUSDT 1001–1006 by hand: 0.35 @ 60000.10, 1.004 @ 60000.20, 0.010 @ 59990.00. */
const BTC_TICKER = {
  symbol: 'BTCUSDT',
  priceChange: '-10.10',
  priceChangePercent: '-0.017', // −10.10 / 60000.10 = −0.01683 %
  weightedAvgPrice: '60000.10', // 81840.1358 / 1.364 = 60000.0996
  lastPrice: '59990.00',
  lastQty: '0.010',
  openPrice: '60000.10',
  highPrice: '60000.20',
  lowPrice: '59990.00',
  volume: '1.364',
  quoteVolume: '81840.13580', // 21000.035 + 60240.2008 + 599.9
  firstId: 1001,
  lastId: 1006,
  count: 6,
};

describe('exchange market data (ccxt, ccxt.pro)', function () {
  this.timeout(20_000);
  const fixture = writeRecording(FIXTURE);
  let exchange: LocalExchange;
  let base: string;

  before(async () => {
    // 1000×: the fixture's 61 s are history within 0.1 s; the 24 h window lasts 86 s of test time.
    exchange = await startExchange({ dataFiles: [fixture.file], speed: 1000, rebaseToNow: false, limits: { restWindowMs: 1e12 } });
    base = exchange.restBaseUrl;
    await new Promise((r) => setTimeout(r, 150));
  });
  after(async () => {
    await exchange.close();
    fixture.cleanup();
  });

  async function weightOf(path: string): Promise<number> {
    const before = Number((await fetch(`${base}/fapi/v1/ping`)).headers.get('x-mbx-used-weight-1m'));
    const after = Number((await fetch(`${base}${path}`)).headers.get('x-mbx-used-weight-1m'));
    return after - before;
  }

  it('GET /fapi/v1/ticker/24hr: Binance\'s fields in order, hand-computed figures; ccxt fetchTicker / fetchTickers read them', async () => {
    const { status, body } = await getJson(`${base}/fapi/v1/ticker/24hr?symbol=BTCUSDT`);
    assert.equal(status, 200);
    const row = body as Record<string, unknown>;
    assert.deepEqual(Object.keys(row), [
      'symbol', 'priceChange', 'priceChangePercent', 'weightedAvgPrice', 'lastPrice', 'lastQty', 'openPrice', 'highPrice',
      'lowPrice', 'volume', 'quoteVolume', 'openTime', 'closeTime', 'firstId', 'lastId', 'count',
    ]);
    const { openTime, closeTime, ...figures } = row;
    assert.deepEqual(figures, BTC_TICKER);
    assert.equal((closeTime as number) - (openTime as number), 86_400_000);

    const client = ccxtRest(exchange);
    const ticker = await client.fetchTicker(BTC);
    assert.deepEqual([ticker.last, ticker.open, ticker.high, ticker.low, ticker.baseVolume, ticker.quoteVolume, ticker.percentage, ticker.vwap], [
      59990, 60000.1, 60000.2, 59990, 1.364, 81840.1358, -0.017, 60000.1,
    ]);
    const all = await client.fetchTickers();
    assert.deepEqual(Object.keys(all).sort(), ['BTC/USDT:USDT', 'ETH/USDT:USDT'], 'the symbols that traded');
    assert.equal(all['ETH/USDT:USDT'].quoteVolume, 11903.43499); // 3.5 × 3400.01 + 0.001 × 3399.99
  });

  it('GET /fapi/v2/ticker/price: {symbol, price, time} of the last trade; ccxt fetchLastPrices reads it', async () => {
    assert.deepEqual((await getJson(`${base}/fapi/v2/ticker/price?symbol=BTCUSDT`)).body, { symbol: 'BTCUSDT', price: '59990.00', time: T0 + 61_000 });
    const all = (await getJson(`${base}/fapi/v2/ticker/price`)).body as { symbol: string }[];
    assert.deepEqual(all.map((r) => r.symbol), ['BTCUSDT', 'ETHUSDT']);
    const prices = await ccxtRest(exchange).fetchLastPrices([BTC]);
    assert.equal(prices[BTC].price, 59990);
  });

  it('GET /fapi/v1/depth: levels one tick apart around the last trade, Binance\'s limits; ccxt fetchOrderBook reads it', async () => {
    const { body } = await getJson(`${base}/fapi/v1/depth?symbol=BTCUSDT&limit=5`);
    const book = body as { lastUpdateId: number; E: number; T: number; bids: string[][]; asks: string[][] };
    assert.deepEqual(Object.keys(book), ['lastUpdateId', 'E', 'T', 'bids', 'asks']);
    assert.deepEqual(book.bids.map((l) => l[0]), ['59990.00', '59989.90', '59989.80', '59989.70', '59989.60']);
    assert.deepEqual(book.asks.map((l) => l[0]), ['59990.10', '59990.20', '59990.30', '59990.40', '59990.50']);
    assert.ok([...book.bids, ...book.asks].every((l) => /^\d+\.\d{3}$/.test(l[1]) && Number(l[1]) > 0), 'sizes in lots of 0.001');
    assert.equal(book.T, T0 + 61_000);
    const bad = await getJson(`${base}/fapi/v1/depth?symbol=BTCUSDT&limit=7`);
    assert.deepEqual([bad.status, (bad.body as { code: number }).code], [400, -1130]);
    const ob = await ccxtRest(exchange).fetchOrderBook(BTC, 10);
    assert.equal(ob.bids.length, 10);
    assert.ok(ob.bids[0][0]! < ob.asks[0][0]!);
    assert.equal(ob.nonce, book.lastUpdateId);
  });

  it('GET /fapi/v1/premiumIndex: mark = index = last trade, the coming rate and funding time; ccxt fetchFundingRate reads it', async () => {
    const { body } = await getJson(`${base}/fapi/v1/premiumIndex?symbol=BTCUSDT`);
    const p = body as Record<string, string | number>;
    assert.deepEqual(Object.keys(p), ['symbol', 'markPrice', 'indexPrice', 'estimatedSettlePrice', 'lastFundingRate', 'interestRate', 'nextFundingTime', 'time']);
    assert.deepEqual([p.markPrice, p.indexPrice, p.interestRate], ['59990.00000000', '59990.00000000', '0.00010000']);
    assert.equal(p.nextFundingTime, Math.floor((p.time as number) / H8) * H8 + H8, 'next 00:00 / 08:00 / 16:00 UTC');
    assert.match(p.lastFundingRate as string, /^-?0\.\d{8}$/);
    const all = (await getJson(`${base}/fapi/v1/premiumIndex`)).body as { symbol: string }[];
    assert.deepEqual(all.map((r) => r.symbol), ['BTCUSDT', 'ETHUSDT']);
    const rate = await ccxtRest(exchange).fetchFundingRate(BTC);
    assert.equal(rate.fundingRate, Number(p.lastFundingRate));
    assert.equal(rate.markPrice, 59990);
  });

  it('GET /fapi/v1/fundingRate: 8-hourly rates of realistic size, startTime / endTime / limit as Binance; ccxt fetchFundingRateHistory', async () => {
    const since = T0 - 7 * 86_400_000;
    const history = await ccxtRest(exchange).fetchFundingRateHistory(BTC, since, 10);
    assert.deepEqual(history.map((h) => h.timestamp), Array.from({ length: 10 }, (_, k) => since + k * H8));
    // The same settlements whichever window asks for them.
    const byEnd = (await getJson(`${base}/fapi/v1/fundingRate?symbol=BTCUSDT&endTime=${since + 9 * H8}&limit=10`)).body as { fundingTime: number; fundingRate: string }[];
    assert.deepEqual(byEnd.map((r) => Number(r.fundingRate)), history.map((h) => h.fundingRate));
    const row = byEnd[0] as Record<string, unknown>;
    assert.deepEqual(Object.keys(row), ['symbol', 'fundingTime', 'fundingRate', 'markPrice']);
    assert.equal(row.markPrice, '60000.10000000', 'before the recording: its first price');

    const recent = (await getJson(`${base}/fapi/v1/fundingRate?symbol=BTCUSDT`)).body as { fundingTime: number }[];
    assert.equal(recent.length, 100, 'default limit');
    assert.equal(recent[99].fundingTime, Math.floor(exchange.clockNow() / H8) * H8, 'the last settlement before now, none ahead');
    const year = ((await getJson(`${base}/fapi/v1/fundingRate?symbol=BTCUSDT&limit=1000`)).body as { fundingRate: string }[]).map((r) => Number(r.fundingRate));
    const atInterest = year.filter((r) => r === 0.0001).length / year.length;
    assert.ok(year.every((r) => Math.abs(r) <= 0.003), 'within BTCUSDT\'s ±0.3 % cap');
    assert.ok(atInterest > 0.5 && atInterest < 0.95, `share at the 0.01 % interest rate: ${atInterest}`);
    assert.ok(year.some((r) => r < 0) && year.some((r) => r > 0.0001), 'some negative, some above the interest rate');
    const mean = year.reduce((a, b) => a + b, 0) / year.length;
    assert.ok(mean > 0 && mean < 0.0002, `mean ${mean}`);

    const bad = await getJson(`${base}/fapi/v1/fundingRate?symbol=BTCUSDT&limit=1001`);
    assert.deepEqual([bad.status, (bad.body as { code: number }).code], [400, -1130]);
    assert.equal((await getJson(`${base}/fapi/v1/fundingRate?symbol=NOPEUSDT`)).status, 400);
  });

  it('some symbols settle every 4 h: /fapi/v1/fundingInfo lists them and their history is 4-hourly', async () => {
    const info = (await getJson(`${base}/fapi/v1/fundingInfo`)).body as { symbol: string; fundingIntervalHours: number }[];
    assert.ok(info.length > 0 && info.every((r) => r.fundingIntervalHours === 4));
    assert.ok(!info.some((r) => r.symbol === 'BTCUSDT' || r.symbol === 'ETHUSDT'), 'the majors stay 8-hourly');
    const from = T0 - 86_400_000;
    const rows = (await getJson(`${base}/fapi/v1/fundingRate?symbol=${info[0].symbol}&startTime=${from + 1}&limit=3`)).body as { fundingTime: number }[];
    const H4 = 4 * 3_600_000;
    assert.deepEqual(rows.map((r) => r.fundingTime), [from + H4, from + 2 * H4, from + 3 * H4], 'from the first settlement at or after startTime');
  });

  it('charges the weights Binance documents', async () => {
    assert.equal(await weightOf('/fapi/v1/ticker/24hr?symbol=BTCUSDT'), 1);
    assert.equal(await weightOf('/fapi/v1/ticker/24hr'), 40);
    assert.equal(await weightOf('/fapi/v2/ticker/price?symbol=BTCUSDT'), 1);
    assert.equal(await weightOf('/fapi/v2/ticker/price'), 2);
    assert.equal(await weightOf('/fapi/v1/premiumIndex?symbol=BTCUSDT'), 1);
    assert.equal(await weightOf('/fapi/v1/premiumIndex'), 10);
    assert.equal(await weightOf('/fapi/v1/depth?symbol=BTCUSDT&limit=50'), 2);
    assert.equal(await weightOf('/fapi/v1/depth?symbol=BTCUSDT&limit=100'), 5);
    assert.equal(await weightOf('/fapi/v1/depth?symbol=BTCUSDT'), 10);
    assert.equal(await weightOf('/fapi/v1/depth?symbol=BTCUSDT&limit=1000'), 20);
  });

  it('<symbol>@ticker on /market: 24hrTicker on 2 s boundaries with the REST figures; ccxt.pro watchTicker reads it', async () => {
    const ws = await openWs(`${exchange.wsBaseUrl}/market/ws/btcusdt@ticker`);
    const first = JSON.parse(await nextMessage(ws)) as Record<string, unknown>;
    const second = JSON.parse(await nextMessage(ws)) as Record<string, unknown>;
    ws.terminate();
    assert.deepEqual(Object.keys(first), ['e', 'E', 's', 'p', 'P', 'w', 'c', 'Q', 'o', 'h', 'l', 'v', 'q', 'O', 'C', 'F', 'L', 'n']);
    assert.equal((first.E as number) % 2000, 0);
    // Every 2 s of replay time at speed 1; at 1000× the replay's steps (≤ 50 ms apart) are coarser than that.
    const apart = (second.E as number) - (first.E as number);
    assert.ok(apart > 0 && apart % 2000 === 0, `${apart} ms apart`);
    const b = BTC_TICKER;
    assert.deepEqual([first.e, first.s, first.p, first.P, first.w, first.c, first.Q, first.o, first.h, first.l, first.v, first.q, first.F, first.L, first.n], [
      '24hrTicker', 'BTCUSDT', b.priceChange, b.priceChangePercent, b.weightedAvgPrice, b.lastPrice, b.lastQty, b.openPrice,
      b.highPrice, b.lowPrice, b.volume, b.quoteVolume, b.firstId, b.lastId, b.count,
    ]);
    const silent = await openWs(`${exchange.wsBaseUrl}/public/ws/btcusdt@ticker`);
    await assert.rejects(nextMessage(silent, () => true, 400), /no matching message/, '@ticker is a /market stream');
    silent.terminate();

    const pro = await ccxtPro(exchange);
    try {
      const ticker = await pro.watchTicker(BTC, { name: 'ticker' }); // ccxt.pro's default is @miniTicker
      assert.deepEqual([ticker.last, ticker.baseVolume, ticker.quoteVolume], [59990, 1.364, 81840.1358]);
    } finally {
      await pro.close();
    }
  });
});
