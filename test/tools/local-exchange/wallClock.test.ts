// The replay runs on the wall clock, as Binance does: at speed 1 with the default rebasing, server time and event
// times are now (Binance lags milliseconds), what came before now is history, and ccxt's one-hour trade window
// is accepted. Driven with ccxt and ccxt.pro, their URLs pointed at the local exchange.
import { strict as assert } from 'assert';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';
import { sharedRecordings } from './helpers';
import { ccxtPro, ccxtRest } from './outsideClients';

const BTC = 'BTC/USDT:USDT';

describe('exchange on the wall clock (ccxt, ccxt.pro)', function () {
  this.timeout(30_000);
  const files = sharedRecordings();
  let exchange: LocalExchange;

  before(async function () {
    if (files.length === 0) this.skip();
    exchange = await startExchange({ dataFiles: files, speed: 1, loop: true });
  });
  after(async () => exchange?.close());

  it('fetchTime answers the wall clock (within 1 s), not a replay lagging by up to 5 minutes', async () => {
    const client = ccxtRest(exchange);
    for (let i = 0; i < 3; i++) {
      const before = Date.now();
      const serverTime = await client.fetchTime();
      const after = Date.now();
      assert.ok(serverTime !== undefined && serverTime >= before - 1000 && serverTime <= after + 1000, `serverTime − now = ${serverTime! - after} ms`);
      await new Promise((r) => setTimeout(r, 300));
    }
  });

  it('aggTrade event times E arrive within 1 s of Date.now()', async () => {
    const pro = await ccxtPro(exchange);
    try {
      const lags: number[] = [];
      const until = Date.now() + 8000;
      while (lags.length < 10 && Date.now() < until) {
        const trades = await pro.watchTrades(BTC, undefined, undefined, { name: 'aggTrade' });
        const now = Date.now();
        for (const t of trades) lags.push(now - Number((t.info as { E: number }).E));
      }
      assert.ok(lags.length >= 5, `only ${lags.length} aggregates in 8 s`);
      const worst = Math.max(...lags.map(Math.abs));
      assert.ok(worst < 1000, `worst |now − E| ${worst} ms over ${lags.length} aggregates`);
    } finally {
      await pro.close();
    }
  });

  it('what came before now is history: fetchTrades(symbol, since) with ccxt\'s since + 1 h window', async () => {
    const client = ccxtRest(exchange);
    await client.loadMarkets();
    const since = Date.now() - 120_000;
    const trades = await client.fetchTrades(BTC, since);
    assert.ok(trades.length > 0, 'trades before the exchange started are served');
    assert.ok(trades.every((t) => t.timestamp! >= since && t.timestamp! <= Date.now()));
    const ids = trades.map((t) => Number(t.id));
    for (let i = 1; i < ids.length; i++) assert.equal(ids[i], ids[i - 1] + 1, 'aggregate ids without a gap');
  });

  it('sentTradeCount counts what the streams sent, not the history before the join', async () => {
    const fresh = await startExchange({ dataFiles: files, speed: 1, loop: true });
    try {
      const sentAtStart = fresh.sentTradeCount('BTCUSDT');
      const history = await ccxtRest(fresh).fetchTrades(BTC, Date.now() - 300_000, 1000);
      assert.ok(history.length > 0, 'the join left history behind');
      assert.ok(sentAtStart <= 5, `${sentAtStart} trades counted as sent at start`);
    } finally {
      await fresh.close();
    }
  });
});
