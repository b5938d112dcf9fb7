// Proxy routing: which proxy a URL takes (settings, environment, NO_PROXY), and end to end through a local
// CONNECT proxy in front of the local exchange: REST and WebSocket both tunnel, and every connection the
// exchange accepted came out of the proxy. strictSSL is checked against a self-signed HTTPS server.
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer, type Server } from 'https';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';
import { BinanceFeed } from '../../../src/engine/feed/binanceFeed';
import { BinanceRest } from '../../../src/engine/feed/rest';
import { networkFetch } from '../../../src/engine/feed/httpGet';
import { bypassesProxy, Network, proxyFor } from '../../../src/engine/feed/network';
import { EngineError } from '../../../src/engine/errors';
import type { FeedState, Tick } from '../../../src/engine/types';
import { WebSocketServer } from 'ws';
import { startConnectProxy, type ConnectProxy } from './connectProxy';
import { waitFor } from './tinyServer';

const BINANCE_WS = new URL('wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade');
const BINANCE_REST = new URL('https://fapi.binance.com/fapi/v1/time');

describe('feed/network: proxy choice', () => {
  it('http.proxy applies to REST and WebSocket, over the environment', () => {
    const env = { HTTPS_PROXY: 'http://env-proxy:3128' };
    assert.equal(proxyFor(BINANCE_WS, { proxyUrl: 'http://corp:8080' }, env), 'http://corp:8080/');
    assert.equal(proxyFor(BINANCE_REST, { proxyUrl: 'http://corp:8080' }, env), 'http://corp:8080/');
    assert.equal(proxyFor(BINANCE_REST, { proxyUrl: 'corp:8080' }, {}), 'http://corp:8080/', 'a bare host:port is http://');
  });

  it('without http.proxy: HTTPS_PROXY (then HTTP_PROXY) for wss/https, HTTP_PROXY for ws/http, lower case first', () => {
    assert.equal(proxyFor(BINANCE_WS, {}, { HTTPS_PROXY: 'http://a:1' }), 'http://a:1/');
    assert.equal(proxyFor(BINANCE_WS, {}, { HTTP_PROXY: 'http://b:2' }), 'http://b:2/');
    assert.equal(proxyFor(BINANCE_REST, {}, { https_proxy: 'http://c:3', HTTPS_PROXY: 'http://a:1' }), 'http://c:3/');
    assert.equal(proxyFor(new URL('ws://127.0.0.1:9/market'), {}, { HTTPS_PROXY: 'http://a:1' }), undefined);
    assert.equal(proxyFor(new URL('http://127.0.0.1:9/x'), {}, { HTTP_PROXY: 'http://b:2' }), 'http://b:2/');
    assert.equal(proxyFor(BINANCE_REST, { proxyUrl: '  ' }, {}), undefined, 'empty setting, empty environment: direct');
  });

  it('NO_PROXY and http.noProxy: exact host, .suffix, *.suffix, host:port, *', () => {
    const proxied = (url: string, noProxy: string[], env: Record<string, string> = {}) =>
      proxyFor(new URL(url), { proxyUrl: 'http://p:1', noProxy }, env) !== undefined;
    assert.equal(proxied('https://fapi.binance.com/x', ['fapi.binance.com']), false);
    assert.equal(proxied('https://fapi.binance.com/x', ['.binance.com']), false);
    assert.equal(proxied('https://fapi.binance.com/x', ['*.binance.com']), false);
    assert.equal(proxied('https://binance.com/x', ['.binance.com']), false);
    assert.equal(proxied('https://notbinance.com/x', ['.binance.com']), true);
    assert.equal(proxied('https://fapi.binance.com/x', ['binance.com']), true, 'a bare name matches only itself');
    assert.equal(proxied('https://fapi.binance.com/x', ['fapi.binance.com:8443']), true, 'port differs (443)');
    assert.equal(proxied('https://fapi.binance.com/x', ['fapi.binance.com:443']), false);
    assert.equal(proxied('http://127.0.0.1:8080/x', ['localhost, 127.0.0.1']), false);
    assert.equal(proxied('https://fapi.binance.com/x', ['*']), false);
    assert.equal(proxied('https://fapi.binance.com/x', [], { NO_PROXY: 'fapi.binance.com' }), false, 'NO_PROXY also applies to http.proxy');
    assert.equal(bypassesProxy(new URL('http://[::1]:80/'), ['::1']), true);
    assert.equal(bypassesProxy(new URL('http://[::1]:8080/'), ['[::1]:8080']), true);
    assert.equal(bypassesProxy(new URL('http://[::1]:8080/'), ['[::1]:80']), false);
  });

  it('a proxy that is not http(s) is a BAD_ARGUMENT naming it', () => {
    assert.throws(() => new Network({ proxyUrl: 'socks5://127.0.0.1:1080' }), (err: unknown) => {
      assert.ok(err instanceof EngineError && err.code === 'BAD_ARGUMENT');
      assert.match(err.message, /socks5:\/\/127\.0\.0\.1:1080.*only http:\/\/ and https:\/\//);
      return true;
    });
    assert.throws(() => new Network({ proxyUrl: 'socks5://alice:s3cret@proxy:1080' }), (err: unknown) => {
      assert.ok(err instanceof Error && err.message.includes('socks5://…@proxy:1080') && !err.message.includes('s3cret'), (err as Error).message);
      return true;
    });
    assert.throws(() => new Network({ proxyUrl: 'http://[bad' }), { code: 'BAD_ARGUMENT', message: 'Proxy "http://[bad" (http.proxy) is not a URL' });
  });

  it('strictSSL is applied to proxied routes only; direct routes are always verified', () => {
    const env = {};
    const lax = new Network({ proxyUrl: 'http://127.0.0.1:1', strictSSL: false, noProxy: ['direct.example'] }, env);
    assert.equal(lax.routeFor('wss://fstream.binance.com/market').rejectUnauthorized, false);
    assert.ok(lax.routeFor('wss://fstream.binance.com/market').agent);
    assert.deepEqual(lax.routeFor('https://direct.example/x'), { proxyUrl: undefined, agent: undefined, rejectUnauthorized: true });
    assert.equal(new Network({ proxyUrl: 'http://127.0.0.1:1' }, env).routeFor('https://fapi.binance.com/x').rejectUnauthorized, true);
    assert.equal(lax.routeFor('https://fapi.binance.com/a').agent, lax.routeFor('wss://fstream.binance.com/b').agent, 'one agent per proxy');
  });
});

describe('feed/network: through a local CONNECT proxy', function () {
  this.timeout(20_000);
  let exchange: LocalExchange;
  let proxy: ConnectProxy;
  let feed: BinanceFeed | undefined;

  beforeEach(async () => {
    exchange = await startExchange({ synthetic: { symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 20, seed: 5 }, speed: 1 });
    proxy = await startConnectProxy();
  });

  afterEach(async () => {
    await feed?.stop();
    feed = undefined;
    await proxy.close();
    await exchange.close();
  });

  const exchangeTunnels = () => proxy.tunnels.filter((t) => t.target === `127.0.0.1:${exchange.port}`);

  /** Every TCP connection the exchange accepted is the upstream end of one of the proxy's tunnels. */
  function assertAllThroughProxy(): void {
    const tunnelPorts = new Set(exchangeTunnels().map((t) => t.upstreamPort));
    const { peerPorts } = exchange.traffic();
    assert.ok(peerPorts.length > 0, 'the exchange saw connections');
    for (const port of peerPorts) assert.ok(tunnelPorts.has(port), `direct connection from port ${port} (tunnels ${[...tunnelPorts].join(', ')})`);
  }

  it('REST (http.proxy) and the WebSocket feed both tunnel; no direct connection reaches the exchange', async () => {
    const network = { proxyUrl: proxy.url };
    const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl, network });
    const serverTime = await rest.serverTime();
    assert.ok(Math.abs(serverTime - Date.now()) < 600_000, `serverTime ${serverTime}`);
    const restTunnels = exchangeTunnels().length;
    assert.ok(restTunnels > 0, 'REST went through a tunnel');
    assert.equal(exchange.traffic().restRequests, 1);

    const ticks: Tick[] = [];
    feed = new BinanceFeed({ symbols: ['BTCUSDT'], wsBaseUrl: exchange.wsBaseUrl, restBaseUrl: exchange.restBaseUrl, rest, network, log: () => undefined });
    feed.onTick((t) => ticks.push(t));
    feed.start();
    await waitFor(() => ticks.length >= 5, 8000, 'ticks through the proxy');
    assert.ok(exchangeTunnels().length > restTunnels, 'the WebSocket went through a tunnel of its own');
    assert.equal(exchange.traffic().wsUpgrades, 1);
    assert.equal(proxy.plainRequests, 0, 'everything was CONNECT');
    assertAllThroughProxy();
  });

  it('HTTP_PROXY from the environment is used when no proxy is set', async () => {
    const env = { HTTP_PROXY: proxy.url };
    const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl, fetchImpl: networkFetch(new Network({}, env)) });
    const symbols = await rest.exchangeInfo();
    assert.ok(symbols.some((s) => s.symbol === 'BTCUSDT'));
    assert.ok(exchangeTunnels().length > 0);
    assertAllThroughProxy();
  });

  it('NO_PROXY bypass: the exchange host listed in noProxy is reached directly (no tunnel)', async () => {
    const network = { proxyUrl: proxy.url, noProxy: ['127.0.0.1'] };
    const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl, network });
    await rest.serverTime();
    const ticks: Tick[] = [];
    feed = new BinanceFeed({ symbols: ['BTCUSDT'], wsBaseUrl: exchange.wsBaseUrl, restBaseUrl: exchange.restBaseUrl, rest, network, log: () => undefined });
    feed.onTick((t) => ticks.push(t));
    feed.start();
    await waitFor(() => ticks.length >= 3, 8000, 'ticks without the proxy');
    assert.equal(proxy.tunnels.length, 0);
    assert.ok(exchange.traffic().peerPorts.length >= 2, 'REST and WebSocket connected directly');
  });

  it('negative control: a proxy that is down gives a NETWORK error, not a silent direct connection', async () => {
    const url = proxy.url;
    await proxy.close();
    const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl, network: { proxyUrl: url }, timeoutMs: 3000 });
    await assert.rejects(rest.serverTime(), { code: 'NETWORK' });
    assert.equal(exchange.traffic().tcpConnections, 0);
    proxy = await startConnectProxy(); // for afterEach
  });
});

describe('feed/network: http.proxyStrictSSL against a self-signed HTTPS server behind the proxy', function () {
  this.timeout(20_000);
  let dir: string;
  let server: Server;
  let proxy: ConnectProxy;
  let baseUrl: string;

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'qp-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    } catch {
      this.skip(); // no openssl on this machine
    }
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ serverTime: 1_700_000_000_000 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    proxy = await startConnectProxy();
  });

  after(async () => {
    await proxy?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('strictSSL true (the default): the self-signed certificate is refused through the tunnel', async () => {
    const rest = new BinanceRest({ baseUrl, network: { proxyUrl: proxy.url } });
    await assert.rejects(rest.serverTime(), (err: unknown) => {
      assert.ok(err instanceof EngineError && err.code === 'NETWORK');
      assert.match(err.message, /self[- ]signed certificate/);
      return true;
    });
    assert.ok(proxy.tunnels.length > 0);
  });

  it('strictSSL false: the same server answers through the tunnel', async () => {
    const rest = new BinanceRest({ baseUrl, network: { proxyUrl: proxy.url, strictSSL: false } });
    assert.equal(await rest.serverTime(), 1_700_000_000_000);
  });

  it('wss:// through the tunnel: refused with strictSSL true, connects with strictSSL false', async () => {
    const wss = new WebSocketServer({ server });
    wss.on('connection', (ws) => {
      const data = { e: 'aggTrade', E: 1_700_000_000_001, a: 1, s: 'BTCUSDT', p: '100.5', q: '0.010', f: 1, l: 1, T: 1_700_000_000_001, m: false };
      ws.send(JSON.stringify({ stream: 'btcusdt@aggTrade', data }));
    });
    const wsBaseUrl = baseUrl.replace(/^https/, 'wss');
    const run = async (strictSSL: boolean) => {
      const states: FeedState[] = [];
      const ticks: Tick[] = [];
      const tunnelsBefore = proxy.tunnels.length;
      const feed = new BinanceFeed({ symbols: ['BTCUSDT'], stream: 'aggTrade', wsBaseUrl, restBaseUrl: baseUrl, network: { proxyUrl: proxy.url, strictSSL }, backoff: { baseMs: 5000, maxMs: 5000, jitter: 0 }, log: () => undefined });
      feed.onState((st) => states.push(st));
      feed.onTick((t) => ticks.push(t));
      feed.start();
      await waitFor(() => ticks.length > 0 || states.some((st) => st.kind === 'reconnecting'), 5000, 'a tick or a failed connection');
      await feed.stop();
      return { states, ticks, tunnels: proxy.tunnels.length - tunnelsBefore };
    };
    try {
      const strict = await run(true);
      assert.equal(strict.ticks.length, 0);
      assert.ok(strict.states.some((st) => st.kind === 'error' && /self[- ]signed certificate/.test(st.message)), JSON.stringify(strict.states));
      assert.ok(strict.tunnels > 0);
      const lax = await run(false);
      assert.deepEqual(lax.ticks.map((t) => t.id), [1]);
      assert.ok(lax.tunnels > 0);
    } finally {
      for (const c of wss.clients) c.terminate();
      wss.close();
    }
  });

  it('strictSSL false does not relax direct connections', async () => {
    const rest = new BinanceRest({ baseUrl, network: { proxyUrl: proxy.url, strictSSL: false, noProxy: ['127.0.0.1'] } });
    await assert.rejects(rest.serverTime(), /self[- ]signed certificate/);
  });
});
