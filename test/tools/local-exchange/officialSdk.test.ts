// Binance's own SDK (`@binance/derivatives-trading-usds-futures`) against the local exchange: on connect it opens
// /market, /public and /private (listen-key-less; it stays open, nothing private is served), and it subscribes
// with string request ids, which the service accepts and echoes back as given.
import { strict as assert } from 'assert';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';
import { sharedRecordings, openWs, request } from './helpers';
import { officialSdk } from './outsideClients';

describe('exchange with Binance\'s official SDK', function () {
  this.timeout(20_000);
  const files = sharedRecordings();
  let exchange: LocalExchange;

  before(async function () {
    if (files.length === 0) this.skip();
    exchange = await startExchange({ dataFiles: files, speed: 1, loop: true });
  });
  after(async () => exchange?.close());

  it('connects (/market, /public, /private), subscribes with string ids, and receives aggTrade and 24hrTicker', async () => {
    const sdk = officialSdk(exchange);
    const connection = await sdk.websocketStreams.connect();
    try {
      type Event = { e?: string; s?: string };
      const aggTrade = new Promise<Event>((resolve) => connection.aggregateTradeStreams({ symbol: 'btcusdt' }).on('message', (data) => resolve(data)));
      const ticker = new Promise<Event>((resolve) => connection.individualSymbolTickerStreams({ symbol: 'ethusdt' }).on('message', (data) => resolve(data)));
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no stream data within 6 s')), 6000));
      const [agg, tick] = await Promise.race([Promise.all([aggTrade, ticker]), timeout]);
      assert.equal(agg.e, 'aggTrade');
      assert.equal(agg.s, 'BTCUSDT');
      assert.equal(tick.e, '24hrTicker');
      assert.equal(tick.s, 'ETHUSDT');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(connection.isConnected(), true, 'all three connections still open');
    } finally {
      await connection.disconnect();
    }
  });

  it('a SUBSCRIBE with a string id is answered with that id, a string', async () => {
    const ws = await openWs(`${exchange.wsBaseUrl}/market/ws`);
    try {
      const id = 'a3f1c2d4e5b60718293a4b5c6d7e8f90';
      assert.equal(await request(ws, `{"method":"SUBSCRIBE","params":["btcusdt@aggTrade"],"id":"${id}"}`, undefined), `{"result":null,"id":"${id}"}`);
      assert.equal(await request(ws, '{"method":"LIST_SUBSCRIPTIONS","id":"7"}'), '{"result":["btcusdt@aggTrade"],"id":"7"}');
    } finally {
      ws.terminate();
    }
  });

  it('/private/ws/<listenKey> opens and stays silent', async () => {
    const ws = await openWs(`${exchange.wsBaseUrl}/private/ws/someListenKey`);
    try {
      const frames: string[] = [];
      ws.on('message', (d) => frames.push(d.toString()));
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(ws.readyState, ws.OPEN);
      assert.deepEqual(frames, []);
    } finally {
      ws.terminate();
    }
  });
});
