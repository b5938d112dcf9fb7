// Binance's 2026 routing on the real recordings: /market carries aggTrade (kline, markPrice), /public and the
// legacy unrouted paths carry raw trade; the wrong route acknowledges and stays silent.
import { strict as assert } from 'assert';
import type WebSocket from 'ws';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';
import { collectFor, nextMessage, openWs, request, sharedRecordings } from './helpers';

describe('exchange routes', function () {
  const files = sharedRecordings();
  let exchange: LocalExchange;
  const sockets: WebSocket[] = [];

  before(async function () {
    if (files.length === 0) this.skip();
    exchange = await startExchange({ dataFiles: files, speed: 30, loop: true });
  });

  afterEach(() => {
    for (const ws of sockets.splice(0)) ws.terminate();
  });

  after(async () => {
    await exchange?.close();
  });

  async function connect(path: string): Promise<WebSocket> {
    const ws = await openWs(exchange.wsBaseUrl + path);
    sockets.push(ws);
    return ws;
  }

  function streamsOf(messages: string[]): Set<string> {
    return new Set(messages.map((m) => (JSON.parse(m) as { stream: string }).stream));
  }

  it('legacy /stream delivers raw trade but never aggTrade', async () => {
    const ws = await connect('/stream?streams=btcusdt@aggTrade/btcusdt@trade');
    const streams = streamsOf(await collectFor(ws, 700));
    assert.ok(streams.has('btcusdt@trade'), 'raw trade flows on the legacy path');
    assert.ok(!streams.has('btcusdt@aggTrade'), 'aggTrade is silent on the legacy path');
  });

  it('legacy /ws with an aggTrade subscription connects, acknowledges SUBSCRIBE and gets no data', async () => {
    const ws = await connect('/ws');
    const reply = await request(ws, '{"method":"SUBSCRIBE","params":["btcusdt@aggTrade","ethusdt@aggTrade"],"id":7}', 7);
    assert.equal(reply, '{"result":null,"id":7}');
    assert.deepEqual(await collectFor(ws, 700), []);
  });

  it('legacy /ws/<stream> in raw mode delivers the bare raw trade event', async () => {
    const ws = await connect('/ws/ethusdt@trade');
    assert.match(await nextMessage(ws), /^\{"e":"trade","E":\d+,"T":\d+,"s":"ETHUSDT","t":\d+,/);
  });

  it('/public delivers raw trade and silences aggTrade', async () => {
    const ws = await connect('/public/stream?streams=ethusdt@aggTrade/ethusdt@trade');
    const streams = streamsOf(await collectFor(ws, 700));
    assert.deepEqual([...streams], ['ethusdt@trade']);
  });

  it('/market delivers aggTrade and silences raw trade', async () => {
    const ws = await connect('/market/stream?streams=btcusdt@aggTrade/btcusdt@trade');
    const streams = streamsOf(await collectFor(ws, 700));
    assert.deepEqual([...streams], ['btcusdt@aggTrade']);
  });

  it('/market carries kline_1m and markPrice@1s', async () => {
    const ws = await connect('/market/stream?streams=btcusdt@kline_1m/btcusdt@markPrice@1s');
    const streams = streamsOf(await collectFor(ws, 800));
    assert.ok(streams.has('btcusdt@kline_1m'));
    assert.ok(streams.has('btcusdt@markPrice@1s'));
  });

  it('raw mode (/market/ws/<stream>) sends the bare event with Binance field order and types', async () => {
    const ws = await connect('/market/ws/btcusdt@aggTrade');
    const text = await nextMessage(ws);
    assert.match(
      text,
      /^\{"e":"aggTrade","E":\d+,"a":\d+,"s":"BTCUSDT","p":"\d+\.\d{2}","q":"\d+\.\d{3}","nq":"\d+\.\d{3}","f":\d+,"l":\d+,"T":\d+,"m":(true|false)\}$/,
    );
  });

  it('combined mode wraps the event as {"stream":…,"data":…}', async () => {
    const ws = await connect('/public/stream?streams=btcusdt@trade');
    const text = await nextMessage(ws);
    assert.match(
      text,
      /^\{"stream":"btcusdt@trade","data":\{"e":"trade","E":\d+,"T":\d+,"s":"BTCUSDT","t":\d+,"p":"\d+\.\d{2}","q":"\d+\.\d{3}","X":"MARKET","m":(true|false)\}\}$/,
    );
  });

  it('several streams in a raw path (/public/ws/a/b) all flow, unwrapped', async () => {
    const ws = await connect('/public/ws/btcusdt@trade/ethusdt@trade');
    const symbols = new Set((await collectFor(ws, 700)).map((m) => (JSON.parse(m) as { s: string }).s));
    assert.deepEqual([...symbols].sort(), ['BTCUSDT', 'ETHUSDT']);
  });

  it('legacy and /public deliver the recorded bookTicker and diff depth streams, field order as recorded', async () => {
    const ws = await connect('/stream?streams=btcusdt@bookTicker/ethusdt@depth@100ms');
    const book = await nextMessage(ws, (t) => t.includes('@bookTicker'), 5000);
    assert.match(book, /^\{"stream":"btcusdt@bookTicker","data":\{"e":"bookTicker","u":\d+,"s":"BTCUSDT","b":"[\d.]+","B":"[\d.]+","a":"[\d.]+","A":"[\d.]+","T":\d+,"E":\d+\}\}$/);
    const depth = await nextMessage(ws, (t) => t.includes('@depth'), 5000);
    assert.match(depth, /^\{"stream":"ethusdt@depth@100ms","data":\{"e":"depthUpdate","E":\d+,"T":\d+,"s":"ETHUSDT","U":\d+,"u":\d+,"pu":\d+,"b":\[/);
    const pub = await connect('/public/ws/ethusdt@bookTicker');
    assert.match(await nextMessage(pub, () => true, 5000), /^\{"e":"bookTicker",.*"s":"ETHUSDT"/);
  });

  it('/market leaves bookTicker silent while aggTrade flows', async () => {
    const ws = await connect('/market/stream?streams=btcusdt@bookTicker/btcusdt@aggTrade');
    const streams = streamsOf(await collectFor(ws, 700));
    assert.deepEqual([...streams], ['btcusdt@aggTrade']);
  });

  it('an unknown stream is acknowledged and stays silent', async () => {
    const ws = await connect('/market/ws');
    assert.equal(await request(ws, '{"method":"SUBSCRIBE","params":["btcusdt@nonsense","foousdt@aggTrade"],"id":1}', 1), '{"result":null,"id":1}');
    assert.deepEqual(await collectFor(ws, 500), []);
    assert.equal(await request(ws, '{"method":"LIST_SUBSCRIPTIONS","id":2}', 2), '{"result":["btcusdt@nonsense","foousdt@aggTrade"],"id":2}');
  });

  it('any other path is refused with 404', async () => {
    await assert.rejects(openWs(exchange.wsBaseUrl + '/user/ws/btcusdt@aggTrade'), /404/);
  });
});
