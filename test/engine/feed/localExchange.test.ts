// The feed against the project's local Binance-compatible exchange (real sockets, real recordings).
import { strict as assert } from 'assert';
import { existsSync } from 'fs';
import { resolve } from 'path';
import { startExchange, type ExchangeOptions, type LocalExchange } from '../../../tools/local-exchange';
import { BinanceFeed, type BinanceFeedOptions } from '../../../src/engine/feed/binanceFeed';
import { BinanceRest } from '../../../src/engine/feed/rest';
import type { FeedState, Tick, UnrepairedGap } from '../../../src/engine/types';
import { waitFor } from './tinyServer';

const DATA = process.env.QP_DATA_DIR ?? resolve(__dirname, '../../../../shared/data');
const RECORDINGS = ['btcusdt_20240718.gz', 'ethusdt_20240718.gz'].map((f) => resolve(DATA, f));
/** The real recordings when present; otherwise the exchange's synthetic pair (same symbols). */
const DATA_OPTIONS: Partial<ExchangeOptions> = RECORDINGS.every((f) => existsSync(f))
  ? { dataFiles: RECORDINGS }
  : { synthetic: { symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 5, seed: 7 } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asserts each symbol's delivered ids are strictly contiguous: nothing lost, nothing doubled. */
function assertUnbroken(ticks: readonly Tick[]): void {
  const last = new Map<string, number>();
  for (const t of ticks) {
    const prev = last.get(t.symbol);
    if (prev !== undefined) assert.equal(t.id, prev + 1, `${t.symbol}: id ${t.id} after ${prev}`);
    last.set(t.symbol, t.id);
  }
}

describe('feed/BinanceFeed against the local exchange', function () {
  this.timeout(15_000);
  let exchange: LocalExchange | undefined;
  let feed: BinanceFeed | undefined;
  let ticks: Tick[];
  let states: FeedState[];
  let gaps: UnrepairedGap[];

  afterEach(async () => {
    await feed?.stop();
    await exchange?.close();
    feed = undefined;
    exchange = undefined;
  });

  async function setup(options: Partial<BinanceFeedOptions> = {}, exchangeOptions: Partial<ExchangeOptions> = {}): Promise<{ ex: LocalExchange; f: BinanceFeed }> {
    exchange = await startExchange({ ...DATA_OPTIONS, speed: 40, loop: true, ...exchangeOptions });
    ticks = [];
    states = [];
    gaps = [];
    feed = new BinanceFeed({
      symbols: ['BTCUSDT'],
      wsBaseUrl: exchange.wsBaseUrl,
      restBaseUrl: exchange.restBaseUrl,
      silenceMs: 1000,
      reorderWindowMs: 40,
      backoff: { baseMs: 30, maxMs: 300, jitter: 0.2 },
      log: () => undefined, // faults are deliberate here; counters and events are asserted instead
      ...options,
    });
    feed.onTick((t) => ticks.push(t));
    feed.onState((s) => states.push(s));
    feed.onGap((g) => gaps.push(g));
    feed.start();
    return { ex: exchange, f: feed };
  }

  const countOf = (symbol: string) => ticks.filter((t) => t.symbol === symbol).length;

  it('gets aggTrade data on the /market route', async () => {
    await setup({ symbols: ['BTCUSDT', 'ETHUSDT'] });
    await waitFor(() => countOf('BTCUSDT') >= 20 && countOf('ETHUSDT') >= 20, 5000, 'ticks of both symbols');
    assertUnbroken(ticks);
    assert.ok(states.some((s) => s.kind === 'live' && s.url.includes('/market/stream?streams=btcusdt@aggTrade/ethusdt@aggTrade')));
    assert.ok(ticks.every((t) => t.price > 0 && t.qty > 0 && Number.isSafeInteger(t.time)));
  });

  it('negative control: the legacy unrouted path connects but delivers no aggTrade, and the feed says stale', async () => {
    const { f } = await setup({ routePaths: { market: '' }, silenceMs: 300 });
    const stale = await waitFor(() => states.find((s) => s.kind === 'stale'), 3000, 'stale state');
    assert.ok(stale.kind === 'stale' && stale.url.endsWith('/stream?streams=btcusdt@aggTrade') && !stale.url.includes('/market'));
    assert.equal(ticks.length, 0);
    assert.equal(f.stats().malformed, 0);
    await waitFor(() => states.some((s) => s.kind === 'reconnecting'), 2000, 'reconnect after stale');
  });

  it('addSymbol subscribes on the open connection, and a burst of changes stays under the 10 messages/s limit', async () => {
    const { f } = await setup();
    await waitFor(() => countOf('BTCUSDT') >= 5, 5000);
    for (let i = 0; i < 30; i++) {
      f.addSymbol(`COIN${i}USDT`);
      if (i % 2 === 0) f.removeSymbol(`COIN${i}USDT`);
    }
    f.addSymbol('ETHUSDT');
    await waitFor(() => countOf('ETHUSDT') >= 10, 5000, 'ETHUSDT ticks after SUBSCRIBE');
    await sleep(300);
    assert.ok(!states.some((s) => s.kind === 'reconnecting' || s.kind === 'error'), JSON.stringify(states.filter((s) => s.kind !== 'live')));
    assert.equal(f.stats().reconnects, 0);
    assertUnbroken(ticks);
  });

  it('answers pings: the server keeps the connection past its pong timeout', async () => {
    const { f } = await setup({}, { limits: { pingIntervalMs: 50, pongTimeoutMs: 200 } });
    await sleep(600);
    assert.ok(countOf('BTCUSDT') > 0);
    assert.equal(f.stats().reconnects, 0);
    assert.ok(!states.some((s) => s.kind === 'reconnecting'));
  });

  it('rotates before the server closes an aged connection, without a lost or doubled id', async () => {
    const { f } = await setup({ rotationAgeMs: 300 }, { limits: { maxConnectionAgeMs: 500 } });
    await sleep(1500);
    assert.ok(ticks.length > 50);
    assertUnbroken(ticks);
    assert.equal(f.stats().reconnects, 0, 'every switch was a rotation, none a reconnect after the server closed');
    assert.equal(f.stats().unrepairedGaps, 0);
  });

  it('recovers from a silent socket: stale, reconnect, then an unbroken sequence', async () => {
    const { ex, f } = await setup({ silenceMs: 150 });
    await waitFor(() => countOf('BTCUSDT') >= 5, 5000);
    ex.faults.goSilent(500);
    await waitFor(() => states.some((s) => s.kind === 'stale'), 2000, 'stale');
    await waitFor(() => states.some((s) => s.kind === 'reconnecting'), 2000, 'reconnecting');
    const before = ticks.length;
    await waitFor(() => ticks.length >= before + 20, 5000, 'ticks after the silence');
    assertUnbroken(ticks);
    assert.ok(f.stats().reconnects >= 1);
    assert.equal(gaps.length, 0);
  });

  it('backfills skipped ids over REST to an unbroken sequence', async () => {
    const { ex, f } = await setup();
    await waitFor(() => countOf('BTCUSDT') >= 5, 5000);
    ex.faults.skipIds('BTCUSDT', 8);
    const before = ticks.length;
    await waitFor(() => ticks.length >= before + 30, 5000);
    assertUnbroken(ticks);
    assert.ok(f.stats().gapsRepaired >= 1);
    assert.ok(states.some((s) => s.kind === 'backfilling'));
    assert.deepEqual(gaps, []);
  });

  it('reports a gap REST cannot repair, and continues after it', async () => {
    const { ex, f } = await setup();
    await waitFor(() => countOf('BTCUSDT') >= 5, 5000);
    ex.faults.skipIds('BTCUSDT', 6, { alsoFromRest: true });
    await waitFor(() => gaps.length >= 1, 5000, 'an unrepaired gap');
    const gap = gaps[0];
    assert.equal(gap.symbol, 'BTCUSDT');
    assert.equal(gap.toId - gap.fromId + 1, 6, JSON.stringify(gap));
    const delivered = ticks.map((t) => t.id);
    assert.ok(!delivered.some((id) => id >= gap.fromId && id <= gap.toId), 'no tick inside the reported gap');
    assert.ok(delivered.includes(gap.fromId - 1), 'the tick before the gap was delivered');
    await waitFor(() => ticks.some((t) => t.id === gap.toId + 1), 3000, 'the tick after the gap');
    assertUnbroken(ticks.filter((t) => t.id > gap.toId));
    assert.equal(f.stats().unrepairedGaps, 1);
  });

  it('removes duplicates and disorder and counts malformed frames, delivering an unbroken sequence', async () => {
    const { ex, f } = await setup();
    await waitFor(() => countOf('BTCUSDT') >= 5, 5000);
    ex.faults.duplicateNext(10);
    ex.faults.reorderNext(6);
    ex.faults.malformedNext(4);
    const before = ticks.length;
    await waitFor(() => ticks.length >= before + 40, 5000);
    assertUnbroken(ticks);
    const s = f.stats();
    assert.ok(s.duplicatesDropped >= 10, `duplicates ${s.duplicatesDropped}`);
    assert.ok(s.outOfOrderFixed >= 1, `out of order ${s.outOfOrderFixed}`);
    assert.equal(s.malformed, 4);
  });

  it('respects a 429 Retry-After during backfill: no REST request before it', async () => {
    const requests: number[] = [];
    exchange = await startExchange({ ...DATA_OPTIONS, speed: 40, loop: true });
    const ex = exchange;
    const rest = new BinanceRest({
      baseUrl: ex.restBaseUrl,
      fetchImpl: (input, init) => {
        requests.push(Date.now());
        return fetch(input, init);
      },
    });
    ticks = [];
    gaps = [];
    feed = new BinanceFeed({ symbols: ['BTCUSDT'], wsBaseUrl: ex.wsBaseUrl, rest, reorderWindowMs: 40, log: () => undefined });
    feed.onTick((t) => ticks.push(t));
    feed.onGap((g) => gaps.push(g));
    feed.start();
    await waitFor(() => ticks.length >= 5, 5000);
    ex.faults.restFault({ status: 429, count: 1, retryAfterSeconds: 1 });
    ex.faults.skipIds('BTCUSDT', 5);
    await waitFor(() => requests.length >= 2, 5000, 'the retry after Retry-After');
    assert.ok(requests[1] - requests[0] >= 950, `retried after ${requests[1] - requests[0]} ms`);
    const before = ticks.length;
    await waitFor(() => ticks.length >= before + 10, 5000);
    assertUnbroken(ticks);
    assert.deepEqual(gaps, []);
    assert.equal(feed.stats().gapsRepaired, 1);
  });
});
