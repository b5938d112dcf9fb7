// HTTP 451 / 403 from Binance, answered by the local exchange, through the real REST client and feed:
// one named message, the state that says why, and connection attempts counted at the server.
import { strict as assert } from 'assert';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';
import { BinanceFeed } from '../../../src/engine/feed/binanceFeed';
import { BinanceRest } from '../../../src/engine/feed/rest';
import { EngineError } from '../../../src/engine/errors';
import type { FeedState } from '../../../src/engine/types';
import { waitFor } from './tinyServer';

const MESSAGE_451 = 'Binance futures is not available from this network (HTTP 451: restricted location)';
const MESSAGE_403 = "Binance futures is not available from this network (HTTP 403: refused by Binance's firewall)";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('feed/refusal: HTTP 451 and 403 from Binance', function () {
  this.timeout(15_000);
  let exchange: LocalExchange;
  let feed: BinanceFeed | undefined;
  let states: FeedState[];

  beforeEach(async () => {
    exchange = await startExchange({ synthetic: { symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 20, seed: 3 }, speed: 1 });
    states = [];
  });

  afterEach(async () => {
    await feed?.stop();
    feed = undefined;
    await exchange.close();
  });

  /** A feed with a short ordinary backoff: any reconnect storm would show within a second. */
  function startFeed(options: Partial<ConstructorParameters<typeof BinanceFeed>[0]> = {}): BinanceFeed {
    feed = new BinanceFeed({
      symbols: ['BTCUSDT'],
      wsBaseUrl: exchange.wsBaseUrl,
      restBaseUrl: exchange.restBaseUrl,
      backoff: { baseMs: 20, maxMs: 40, jitter: 0 },
      log: () => undefined,
      ...options,
    });
    feed.onState((s) => states.push(s));
    feed.start();
    return feed;
  }

  for (const [status, code, message] of [
    [451, 'RESTRICTED_LOCATION', MESSAGE_451],
    [403, 'FORBIDDEN', MESSAGE_403],
  ] as const) {
    it(`REST: HTTP ${status} is a ${code} EngineError with the one message`, async () => {
      exchange.faults.refuse(status, 'rest');
      const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl });
      await assert.rejects(rest.serverTime(), (err: unknown) => {
        assert.ok(err instanceof EngineError);
        assert.equal(err.code, code);
        assert.equal(err.message, message);
        return true;
      });
      await assert.rejects(rest.klines({ symbol: 'BTCUSDT', interval: '1m', limit: 5 }), { code, message });
      assert.equal(exchange.traffic().restRequests, 2);
      exchange.faults.refuse(null);
      assert.ok((await rest.serverTime()) > 0, 'lifted: REST answers again');
    });
  }

  it('WebSocket: a 451 upgrade stops reconnecting, the state names it, one attempt only', async () => {
    exchange.faults.refuse(451, 'ws');
    startFeed();
    const error = await waitFor(() => states.find((s) => s.kind === 'error'), 5000, 'error state');
    assert.deepEqual(error, { kind: 'error', message: MESSAGE_451, code: 'RESTRICTED_LOCATION' });
    await sleep(800); // 20–40 ms ordinary backoff: a retrying feed would make ~20 more attempts here
    assert.equal(exchange.traffic().wsUpgrades, 1);
    assert.ok(!states.some((s) => s.kind === 'reconnecting'), JSON.stringify(states));
    assert.equal(states[states.length - 1].kind, 'error');
    // Adding a symbol while stopped by a 451 does not open a connection either.
    feed!.addSymbol('ETHUSDT');
    await sleep(200);
    assert.equal(exchange.traffic().wsUpgrades, 1);
    // The user reconnects (stop, start) once the network changed: live again.
    exchange.faults.refuse(null);
    await feed!.stop();
    feed!.start();
    await waitFor(() => states.find((s) => s.kind === 'live'), 5000, 'live after reconnect');
    assert.equal(exchange.traffic().wsUpgrades, 2);
  });

  it('WebSocket: a 403 upgrade backs off long (default 5 min ± 20 %), the reason names it', async () => {
    exchange.faults.refuse(403, 'ws');
    const startedAt = Date.now();
    startFeed();
    const next = await waitFor(() => states.find((s) => s.kind === 'reconnecting'), 5000, 'reconnecting state');
    assert.ok(next.kind === 'reconnecting');
    assert.equal(next.reason, MESSAGE_403);
    assert.equal(next.attempt, 1);
    const waitMs = next.nextAttemptAt - startedAt;
    assert.ok(waitMs >= 0.8 * 300_000 - 1000 && waitMs <= 300_000 + 5000, `next attempt in ${waitMs} ms`);
    await sleep(800);
    assert.equal(exchange.traffic().wsUpgrades, 1);
    assert.ok(!states.some((s) => s.kind === 'error'), 'a 403 is retried, not an error that stops the feed');
  });

  it('WebSocket: 403 retries follow refusedBackoff, and are counted at the server', async () => {
    exchange.faults.refuse(403, 'ws');
    startFeed({ refusedBackoff: { baseMs: 300, maxMs: 300, jitter: 0 } });
    await sleep(1000);
    const upgrades = exchange.traffic().wsUpgrades;
    // t = 0, 300, 600, 900 ms: 4 attempts (3–5 allowing for timer slack), not the ~30 of the ordinary backoff.
    assert.ok(upgrades >= 3 && upgrades <= 5, `${upgrades} upgrades in 1 s`);
    assert.ok(states.filter((s) => s.kind === 'reconnecting').every((s) => s.kind === 'reconnecting' && s.reason === MESSAGE_403));
  });

  it('negative control: an ordinary upgrade failure (404) is retried on the short backoff', async () => {
    startFeed({ routePaths: { market: '/nowhere' } });
    await sleep(800);
    const upgrades = exchange.traffic().wsUpgrades;
    assert.ok(upgrades >= 8, `${upgrades} upgrades in 0.8 s`);
    const reconnecting = states.find((s) => s.kind === 'reconnecting');
    assert.ok(reconnecting?.kind === 'reconnecting' && reconnecting.reason === 'Unexpected server response: 404', JSON.stringify(reconnecting));
  });
});
