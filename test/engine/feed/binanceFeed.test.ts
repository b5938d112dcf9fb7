// Feed behaviours against a scripted tiny server (every frame chosen by the test).
import { strict as assert } from 'assert';
import { BinanceFeed, type BinanceFeedOptions } from '../../../src/engine/feed/binanceFeed';
import type { FeedState, Tick, UnrepairedGap } from '../../../src/engine/types';
import { EngineError } from '../../../src/engine/errors';
import { aggEvent, aggRow, startTinyServer, waitFor, type TinyServer } from './tinyServer';

describe('feed/BinanceFeed (scripted server)', () => {
  let server: TinyServer;
  let feed: BinanceFeed | undefined;
  let ticks: Tick[];
  let states: FeedState[];
  let gaps: UnrepairedGap[];
  let logs: string[];

  beforeEach(async () => {
    server = await startTinyServer();
    logs = [];
    ticks = [];
    states = [];
    gaps = [];
  });
  afterEach(async () => {
    await feed?.stop();
    feed = undefined;
    await server.close();
  });

  function startFeed(options: Partial<BinanceFeedOptions> = {}): BinanceFeed {
    feed = new BinanceFeed({
      symbols: ['BTCUSDT'],
      wsBaseUrl: server.wsBaseUrl,
      restBaseUrl: server.restBaseUrl,
      backoff: { baseMs: 20, maxMs: 100, jitter: 0 },
      reorderWindowMs: 30,
      log: (m) => logs.push(m),
      ...options,
    });
    feed.onTick((t) => ticks.push(t));
    feed.onState((s) => states.push(s));
    feed.onGap((g) => gaps.push(g));
    feed.start();
    return feed;
  }

  const ids = () => ticks.map((t) => t.id);

  it('opens one combined /market connection for all aggTrade symbols and delivers parsed ticks', async () => {
    startFeed({ symbols: ['btcusdt', 'ETHUSDT'] });
    const conn = await server.waitForConnection(1);
    assert.equal(conn.url, '/market/stream?streams=btcusdt@aggTrade/ethusdt@aggTrade');
    conn.ws.send(aggEvent('BTCUSDT', 10));
    conn.ws.send(aggEvent('ETHUSDT', 500));
    await waitFor(() => ticks.length === 2);
    assert.deepEqual(ticks[0], { symbol: 'BTCUSDT', id: 10, price: 110.5, qty: 0.01, time: 1_700_000_000_010, buyerIsMaker: true });
    assert.equal(ticks[1].symbol, 'ETHUSDT');
    assert.ok(states.some((s) => s.kind === 'live'));
  });

  it('raw trade streams go to /public', async () => {
    startFeed({ stream: 'trade' });
    const conn = await server.waitForConnection(1);
    assert.equal(conn.url, '/public/stream?streams=btcusdt@trade');
  });

  it('counts malformed frames without throwing or delivering them, and keeps going', async () => {
    const f = startFeed();
    const conn = await server.waitForConnection(1);
    conn.ws.send(aggEvent('BTCUSDT', 1));
    conn.ws.send('{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","a":2');
    conn.ws.send(aggEvent('BTCUSDT', 2).replace('"p":"102.5"', '"p":"NaN"'));
    conn.ws.send(aggEvent('BTCUSDT', 2).replace(/"T":\d+,/, ''));
    conn.ws.send(aggEvent('BTCUSDT', 2));
    await waitFor(() => ticks.length === 2);
    assert.deepEqual(ids(), [1, 2]);
    assert.equal(f.stats().malformed, 3);
    assert.match(logs[0], /malformed frame #1 \(invalid JSON\)/, 'logged (throttled to one line a second)');
    assert.equal(f.stats().messages, 5);
    assert.ok(ticks.every((t) => Number.isFinite(t.price) && Number.isFinite(t.time)));
  });

  it('removes duplicates and fixes disorder in the stream', async () => {
    const f = startFeed();
    const conn = await server.waitForConnection(1);
    for (const id of [1, 2, 2, 4, 3, 3, 5, 7, 6, 1, 8]) conn.ws.send(aggEvent('BTCUSDT', id));
    await waitFor(() => ticks.length === 8);
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(ids(), [1, 2, 3, 4, 5, 6, 7, 8]);
    const s = f.stats();
    assert.equal(s.duplicatesDropped, 3);
    assert.equal(s.outOfOrderFixed, 2);
    assert.equal(server.restRequests.length, 0, 'a swap inside the reorder window needs no backfill');
  });

  it('addSymbol sends one batched SUBSCRIBE on the open connection; removeSymbol an UNSUBSCRIBE, paced', async () => {
    const f = startFeed({ controlIntervalMs: 150 });
    const conn = await server.waitForConnection(1);
    await waitFor(() => states.some((s) => s.kind === 'connecting'));
    await new Promise((r) => setTimeout(r, 30));
    f.addSymbol('ethusdt');
    f.addSymbol('SOLUSDT');
    f.addSymbol('XRPUSDT');
    await waitFor(() => conn.received.length === 1);
    assert.deepEqual(conn.received[0], { method: 'SUBSCRIBE', params: ['ethusdt@aggTrade', 'solusdt@aggTrade', 'xrpusdt@aggTrade'], id: 1 });
    f.removeSymbol('SOLUSDT');
    await waitFor(() => conn.received.length === 2);
    // Arrival times at the server, not when the test's polling noticed them (that lag made this flaky).
    const spacing = conn.receivedAt[1] - conn.receivedAt[0];
    assert.ok(spacing >= 140, `the second control message waits for the interval (came ${spacing} ms after the first)`);
    assert.deepEqual(conn.received[1], { method: 'UNSUBSCRIBE', params: ['solusdt@aggTrade'], id: 2 });
    assert.equal(server.connections.length, 1, 'no reconnect for a subscription change');
    conn.ws.send(aggEvent('ETHUSDT', 7));
    await waitFor(() => ticks.length === 1);
    assert.equal(ticks[0].symbol, 'ETHUSDT');
  });

  it('answers server pings with pongs (ws autoPong)', async () => {
    startFeed();
    const conn = await server.waitForConnection(1);
    const pong = new Promise<string>((resolve) => conn.ws.once('pong', (data) => resolve(data.toString())));
    conn.ws.ping('are-you-there');
    assert.equal(await pong, 'are-you-there');
  });

  it('backfills a gap over REST aggTrades?fromId= and delivers an unbroken sequence', async () => {
    server.aggTrades = (q) => {
      const from = Number(q.get('fromId'));
      const limit = Number(q.get('limit'));
      return Array.from({ length: limit }, (_, i) => aggRow(from + i));
    };
    const f = startFeed();
    const conn = await server.waitForConnection(1);
    for (const id of [1, 2, 6, 7]) conn.ws.send(aggEvent('BTCUSDT', id));
    await waitFor(() => ticks.length === 7);
    assert.deepEqual(ids(), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(server.restRequests, ['/fapi/v1/aggTrades?symbol=BTCUSDT&limit=3&fromId=3']);
    assert.ok(states.some((s) => s.kind === 'backfilling' && s.fromId === 3 && s.toId === 5));
    await waitFor(() => states[states.length - 1].kind === 'live', 1000, 'live again after the backfill');
    assert.equal(f.stats().gapsRepaired, 1);
    assert.deepEqual(gaps, []);
  });

  it('reports a gap REST cannot repair through onGap instead of bridging it', async () => {
    server.aggTrades = () => [aggRow(5)]; // REST lost 3 and 4
    const f = startFeed();
    const conn = await server.waitForConnection(1);
    for (const id of [1, 2, 6]) conn.ws.send(aggEvent('BTCUSDT', id));
    await waitFor(() => ticks.length === 4);
    assert.deepEqual(ids(), [1, 2, 5, 6]);
    assert.equal(gaps.length, 1);
    assert.deepEqual({ ...gaps[0], reason: undefined }, { symbol: 'BTCUSDT', fromId: 3, toId: 4, reason: undefined });
    assert.equal(f.stats().unrepairedGaps, 1);
    assert.ok(logs.some((l) => /unrepaired gap BTCUSDT 3…4/.test(l)));
  });

  it('a raw trade stream reports gaps (no key-less REST by trade id)', async () => {
    startFeed({ stream: 'trade' });
    const conn = await server.waitForConnection(1);
    const trade = (id: number) => JSON.stringify({ stream: 'btcusdt@trade', data: { e: 'trade', E: 1, T: 1, s: 'BTCUSDT', t: id, p: '1.0', q: '1', X: 'MARKET', m: false } });
    for (const id of [1, 4]) conn.ws.send(trade(id));
    await waitFor(() => gaps.length === 1);
    assert.equal(gaps[0].fromId, 2);
    assert.equal(gaps[0].toId, 3);
    assert.deepEqual(ids(), [1, 4]);
    assert.equal(server.restRequests.length, 0);
  });

  it('reports an open but silent socket as stale, then reconnects', async () => {
    const f = startFeed({ silenceMs: 100 });
    const first = await server.waitForConnection(1);
    first.ws.send(aggEvent('BTCUSDT', 1));
    const second = await server.waitForConnection(2, 2000);
    const stale = states.find((s) => s.kind === 'stale');
    assert.ok(stale && stale.kind === 'stale');
    assert.ok(stale.silentForMs > 100);
    assert.deepEqual(stale.symbols, ['BTCUSDT']);
    const reconnecting = states.find((s) => s.kind === 'reconnecting');
    assert.ok(reconnecting && reconnecting.kind === 'reconnecting' && reconnecting.attempt === 1);
    assert.equal(second.url, first.url);
    await waitFor(() => first.ws.readyState === first.ws.CLOSED);
    assert.equal(f.stats().reconnects, 1);
  });

  it('reconnects with growing backoff after drops and backfills what was missed', async () => {
    server.aggTrades = (q) => {
      const from = Number(q.get('fromId'));
      return Array.from({ length: Number(q.get('limit')) }, (_, i) => aggRow(from + i));
    };
    startFeed({ backoff: { baseMs: 40, maxMs: 1000, jitter: 0 } });
    const c1 = await server.waitForConnection(1);
    c1.ws.send(aggEvent('BTCUSDT', 1));
    await waitFor(() => ticks.length === 1);
    c1.ws.terminate();
    const c2 = await server.waitForConnection(2);
    c2.ws.terminate(); // dropped again before any event: the next wait doubles
    const c3 = await server.waitForConnection(3);
    c3.ws.send(aggEvent('BTCUSDT', 5));
    await waitFor(() => ticks.length === 5);
    assert.deepEqual(ids(), [1, 2, 3, 4, 5]);
    const waits = states.filter((s) => s.kind === 'reconnecting').map((s) => (s.kind === 'reconnecting' ? s.attempt : 0));
    assert.deepEqual(waits, [1, 2]);
  });

  it('rotates the connection before the server would close it, without losing or doubling an id', async () => {
    let nextId = 1;
    const pump = setInterval(() => {
      // Each open connection sends the same stream, as Binance does; ids advance once per interval.
      for (const c of server.connections) if (c.ws.readyState === c.ws.OPEN) c.ws.send(aggEvent('BTCUSDT', nextId));
      nextId++;
    }, 5);
    try {
      const f = startFeed({ rotationAgeMs: 150 });
      await server.waitForConnection(3, 3000);
      await new Promise((r) => setTimeout(r, 50));
      const delivered = ids();
      assert.ok(delivered.length > 40);
      assert.deepEqual(delivered, Array.from({ length: delivered.length }, (_, i) => delivered[0] + i), 'contiguous ids, none doubled');
      assert.ok(!states.some((s) => s.kind === 'reconnecting'), 'rotation is not a reconnect');
      assert.equal(f.stats().unrepairedGaps, 0);
      assert.equal(server.restRequests.length, 0, 'the overlap covered the switch: no backfill needed');
      await waitFor(() => server.connections.filter((c) => c.ws.readyState === c.ws.OPEN).length === 1, 1000, 'old connections closed');
    } finally {
      clearInterval(pump);
    }
  });

  it('stops cleanly (state stopped, socket closed) and can start again', async () => {
    const f = startFeed();
    const c1 = await server.waitForConnection(1);
    c1.ws.send(aggEvent('BTCUSDT', 1));
    await waitFor(() => ticks.length === 1);
    await f.stop();
    assert.equal(states[states.length - 1].kind, 'stopped');
    await waitFor(() => c1.ws.readyState === c1.ws.CLOSED, 1000, 'server side closed');
    f.start();
    const c2 = await server.waitForConnection(2);
    c2.ws.send(aggEvent('BTCUSDT', 2));
    await waitFor(() => ticks.length === 2);
    assert.deepEqual(ids(), [1, 2]);
  });

  it('rejects bad options and symbols with typed errors', () => {
    assert.throws(() => new BinanceFeed({ symbols: ['BTC USDT'] }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_SYMBOL');
    assert.throws(() => new BinanceFeed({ symbols: ['BTCUSDT'], silenceMs: 0 }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
    assert.throws(() => new BinanceFeed({ symbols: ['BTCUSDT'], stream: 'kline' as never }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
  });
});
