// Per-connection rules over real sockets: control replies, message rate, stream count, ping/pong, lifetime.
// Intervals are shortened so each rule shows in well under a second.
import { strict as assert } from 'assert';
import type WebSocket from 'ws';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';
import { FIXTURE, collectFor, nextMessage, openWs, request, waitClose, writeRecording } from './helpers';

describe('exchange connection rules', () => {
  const fixture = writeRecording(FIXTURE);
  let exchange: LocalExchange;
  const sockets: WebSocket[] = [];

  before(async () => {
    // Speed 2000 with looping: the fixture replays every 150 ms, so events keep coming.
    exchange = await startExchange({
      dataFiles: [fixture.file],
      speed: 2000,
      loop: true,
      rebaseToNow: false,
      limits: { maxStreamsPerConnection: 3, pingIntervalMs: 150, pongTimeoutMs: 500, maxConnectionAgeMs: 1500 },
    });
  });

  afterEach(() => {
    for (const ws of sockets.splice(0)) ws.terminate();
  });

  after(async () => {
    await exchange.close();
    fixture.cleanup();
  });

  async function connect(path: string, options?: WebSocket.ClientOptions): Promise<WebSocket> {
    const ws = await openWs(exchange.wsBaseUrl + path, options);
    sockets.push(ws);
    return ws;
  }

  it('SET_PROPERTY combined switches a raw connection to wrapped frames; GET_PROPERTY reports it', async () => {
    const ws = await connect('/market/ws/btcusdt@aggTrade');
    assert.match(await nextMessage(ws), /^\{"e":"aggTrade"/);
    assert.equal(await request(ws, '{"method":"GET_PROPERTY","params":["combined"],"id":1}', 1), '{"result":false,"id":1}');
    assert.equal(await request(ws, '{"method":"SET_PROPERTY","params":["combined",true],"id":2}', 2), '{"result":null,"id":2}');
    assert.match(await nextMessage(ws, (t) => !t.includes('"id":2')), /^\{"stream":"btcusdt@aggTrade","data":\{"e":"aggTrade"/);
    assert.equal(await request(ws, '{"method":"GET_PROPERTY","params":["combined"],"id":3}', 3), '{"result":true,"id":3}');
  });

  it('UNSUBSCRIBE stops a stream; LIST_SUBSCRIPTIONS lists what is left in order', async () => {
    const ws = await connect('/market/stream?streams=btcusdt@aggTrade/ethusdt@aggTrade');
    assert.equal(await request(ws, '{"method":"UNSUBSCRIBE","params":["btcusdt@aggTrade"],"id":4}', 4), '{"result":null,"id":4}');
    assert.equal(await request(ws, '{"method":"LIST_SUBSCRIPTIONS","id":5}', 5), '{"result":["ethusdt@aggTrade"],"id":5}');
    const streams = new Set((await collectFor(ws, 400)).map((m) => (JSON.parse(m) as { stream: string }).stream));
    assert.deepEqual([...streams], ['ethusdt@aggTrade']);
  });

  it('answers invalid JSON with code 3 and keeps the connection', async () => {
    const ws = await connect('/market/ws');
    assert.match(await request(ws, '{"method":'), /^\{"code":3,"msg":"Invalid JSON: /);
    assert.equal(await request(ws, '{"method":"LIST_SUBSCRIPTIONS","id":6}', 6), '{"result":[],"id":6}');
  });

  it('allows 10 messages in a second and closes with 1008 "Too many requests" at the 11th', async () => {
    // Binance's own ping interval here, so that no pong (which counts as a message) interferes.
    const quiet = await startExchange({ dataFiles: [fixture.file], rebaseToNow: false });
    try {
      const ws = await openWs(`${quiet.wsBaseUrl}/market/ws`);
      sockets.push(ws);
      const replies = collectFor(ws, 300);
      for (let i = 1; i <= 10; i++) ws.send(`{"method":"LIST_SUBSCRIPTIONS","id":${i}}`);
      assert.equal((await replies).length, 10);
      assert.equal(ws.readyState, ws.OPEN);
      ws.send('{"method":"LIST_SUBSCRIPTIONS","id":11}');
      assert.deepEqual(await waitClose(ws), { code: 1008, reason: 'Too many requests' });
    } finally {
      await quiet.close();
    }
  });

  it('counts pings from the client as incoming messages too', async () => {
    const quiet = await startExchange({ dataFiles: [fixture.file], rebaseToNow: false });
    try {
      const ws = await openWs(`${quiet.wsBaseUrl}/market/ws`);
      sockets.push(ws);
      for (let i = 0; i < 11; i++) ws.ping();
      assert.deepEqual(await waitClose(ws), { code: 1008, reason: 'Too many requests' });
    } finally {
      await quiet.close();
    }
  });

  it('refuses a SUBSCRIBE beyond the stream limit (3 here) and a URL with too many streams', async () => {
    const ws = await connect('/market/ws/btcusdt@aggTrade');
    const body = JSON.parse(await request(ws, '{"method":"SUBSCRIBE","params":["a@trade","b@trade","c@trade"],"id":8}')) as { code: number; msg: string };
    assert.equal(body.code, 2);
    assert.match(body.msg, /too many streams/);
    assert.equal(await request(ws, '{"method":"SUBSCRIBE","params":["a@trade","b@trade"],"id":9}', 9), '{"result":null,"id":9}');
    await assert.rejects(openWs(exchange.wsBaseUrl + '/market/ws/a@trade/b@trade/c@trade/d@trade'), /400/);
  });

  it('pings the client, and a client that answers stays connected past the pong timeout', async () => {
    const ws = await connect('/market/ws');
    let pings = 0;
    ws.on('ping', () => pings++);
    await new Promise((r) => setTimeout(r, 700));
    assert.ok(pings >= 3, `expected ≥3 pings in 700 ms at 150 ms, got ${pings}`);
    assert.equal(ws.readyState, ws.OPEN);
  });

  it('drops a client that sends no pong within the timeout', async () => {
    const ws = await connect('/market/ws', { autoPong: false });
    const started = Date.now();
    const { code } = await waitClose(ws, 2000);
    const after = Date.now() - started;
    assert.equal(code, 1006);
    assert.ok(after >= 400 && after < 1200, `closed after ${after} ms, expected about 500`);
  });

  it('closes every connection at its lifetime mark (24 h on Binance, 1.5 s here)', async () => {
    const ws = await connect('/market/ws/btcusdt@aggTrade');
    const started = Date.now();
    const { code } = await waitClose(ws, 3000);
    const after = Date.now() - started;
    assert.equal(code, 1000);
    assert.ok(after >= 1400 && after < 2200, `closed after ${after} ms, expected about 1500`);
  });
});
