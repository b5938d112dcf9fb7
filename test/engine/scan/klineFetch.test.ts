// Kline fetch: only closed candles, the cache extended by the bars that closed since (one small request),
// Retry-After honoured against the local exchange's weight limiter, cancel during a wait.
import { strict as assert } from 'assert';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { fetchUniverseCloses, type KlineSource } from '../../../src/engine/scan/klineFetch';
import { DirectoryKlineCache } from '../../../src/engine/scan/klineCache';
import { RateLimitedError, BinanceRest, type Kline, type KlinesQuery } from '../../../src/engine/feed/rest';
import { syntheticUniverse } from '../../../tools/local-exchange/syntheticUniverse';
import { startUniverseExchange } from '../../../tools/local-exchange/universeServer';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);

/** A fake exchange: one bar per hour from T0, close = 100 + hour index; records every query. */
class FakeSource implements KlineSource {
  now = T0 + 1000 * H + 1234; // bar 1000 is open
  queries: KlinesQuery[] = [];
  rateLimitOnce = false;
  async serverTime() {
    return this.now;
  }
  async klines(q: KlinesQuery): Promise<Kline[]> {
    this.queries.push(q);
    if (this.rateLimitOnce) {
      this.rateLimitOnce = false;
      throw new RateLimitedError('429', Date.now() + 150);
    }
    const out: Kline[] = [];
    const lastOpen = Math.floor(this.now / H) * H;
    for (let t = Math.max(q.startTime!, T0); t <= Math.min(q.endTime ?? Infinity, lastOpen) && out.length < (q.limit ?? 500); t += H) {
      const c = 100 + (t - T0) / H;
      out.push({ openTime: t, open: c, high: c, low: c, close: c, volume: 1, closeTime: t + H - 1, quoteVolume: c, trades: 1, takerBuyVolume: 0, takerBuyQuoteVolume: 0 });
    }
    return out;
  }
}

describe('scan: kline fetch and cache', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'qp-klines-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fetches the last N closed bars, then only the ones that closed since', async () => {
    const source = new FakeSource();
    const cache = new DirectoryKlineCache(dir);
    const first = await fetchUniverseCloses(source, ['AUSDT'], H, 1200, { cache });
    // Bars 0…999 closed (1000 is open); 1200 asked, only 1000 exist (a shorter history, for alignment to report).
    assert.equal(first.series[0].openTimes.length, 1000);
    assert.equal(first.series[0].openTimes[999], T0 + 999 * H);
    assert.equal(first.series[0].closes[999], 1099);
    source.queries = [];
    source.now += 5 * H;
    const again = await fetchUniverseCloses(source, ['AUSDT'], H, 1000, { cache });
    assert.deepEqual(source.queries, [{ symbol: 'AUSDT', interval: '1h', startTime: T0 + 1000 * H, endTime: T0 + 1004 * H, limit: 5 }]);
    assert.equal(again.series[0].openTimes.length, 1000);
    assert.equal(again.series[0].openTimes[0], T0 + 5 * H);
    assert.equal(again.series[0].closes[999], 1104);
    source.queries = [];
    const cached = await fetchUniverseCloses(source, ['AUSDT'], H, 1000, { cache });
    assert.equal(source.queries.length, 0);
    assert.equal(cached.fromCache, 1);
  });

  it('waits out a rate limit and retries; a cancel during the wait stops at once', async () => {
    const source = new FakeSource();
    source.rateLimitOnce = true;
    const progress: Array<number | undefined> = [];
    const r = await fetchUniverseCloses(source, ['AUSDT'], H, 100, { onProgress: (p) => progress.push(p.waitingUntil) });
    assert.equal(r.series[0].openTimes.length, 100);
    assert.equal(source.queries.length, 2);
    assert.ok(progress.some((w) => w !== undefined), 'progress says it is waiting');
    const abort = new AbortController();
    source.rateLimitOnce = true;
    const started = Date.now();
    const pending = fetchUniverseCloses(source, ['AUSDT'], H, 100, { signal: abort.signal });
    setTimeout(() => abort.abort(), 20);
    await assert.rejects(pending, (e: { code?: string }) => e.code === 'CANCELLED');
    assert.ok(Date.now() - started < 140);
  });

  it('stays within a small weight budget of the local exchange by honouring Retry-After (no 418 ban)', async function () {
    this.timeout(30_000);
    const universe = syntheticUniverse({ symbols: 12, bars: 301, plantedPairs: 0, seed: 3 });
    // 12 requests of weight 2 (limit 300) against 10 weight per 1 s window: 429s to wait out. One lane: a
    // request already in flight when a 429 arrives would be banned (418), as on Binance.
    const exchange = await startUniverseExchange(universe, { weightPerMinute: 10, windowMs: 1000, banMs: 60_000 });
    try {
      const rest = new BinanceRest({ baseUrl: exchange.restBaseUrl });
      const symbols = universe.symbols.slice(0, 12).map((s) => s.symbol);
      const r = await fetchUniverseCloses(rest, symbols, H, 300, { concurrency: 1 });
      assert.ok(exchange.requests.total > 13, `some requests were refused with 429 (${exchange.requests.total})`);
      assert.equal(r.series.length, 12);
      assert.deepEqual(r.excluded, []);
      for (const s of r.series) assert.equal(s.openTimes.length, 300);
    } finally {
      await exchange.close();
    }
  });
});
