// Sleep and resume: the machine sleeps (no event arrives, timers do not run), then the clock jumps forward.
// The feed must notice the dead socket at once, reconnect and backfill what it missed — not sit frozen
// on a socket it believes open. The exchange is the in-process local one; the feed runs on a JumpClock.
import { strict as assert } from 'assert';
import { startExchange, type LocalExchange } from '../../tools/local-exchange';
import { BinanceFeed, BinanceRest } from '../../src/engine/feed';
import { BarBuilder } from '../../src/engine/bars/barBuilder';
import type { Bar, FeedState, Tick, UnrepairedGap } from '../../src/engine/types';
import { IdLedger } from '../../bench/soak/idLedger';
import { JumpClock } from './jumpClock';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('reliability/sleep and resume (clock jump)', function () {
  this.timeout(20_000);
  let exchange: LocalExchange | undefined;
  let feed: BinanceFeed | undefined;

  afterEach(async () => {
    await feed?.stop();
    await exchange?.close();
    feed = exchange = undefined;
  });

  /** REST as Binance keeps it: aggTrades older than 24 hours (on the feed's clock) are no longer served. */
  function restWithDayOfHistory(clock: JumpClock): BinanceRest {
    return new BinanceRest({
      baseUrl: exchange!.restBaseUrl,
      clock,
      fetchImpl: async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).includes('/aggTrades') || !response.ok) return response;
        const rows = (await response.json()) as Array<{ T: number }>;
        const kept = rows.filter((r) => r.T >= clock.now() - 24 * 3_600_000);
        return new Response(JSON.stringify(kept), { status: 200, headers: response.headers });
      },
    });
  }

  async function setup(clock: JumpClock, withHistoryLimit = false) {
    exchange = await startExchange({ synthetic: { symbols: ['SYNAUSDT', 'SYNBUSDT'], tradesPerSecond: 20, seed: 3 }, speed: 1 });
    const ticks: Tick[] = [];
    const states: FeedState[] = [];
    const gaps: UnrepairedGap[] = [];
    const bars: Bar[] = [];
    const ledger = new IdLedger();
    const builder = new BarBuilder({ intervalMs: 1000 });
    builder.onBarClose((b) => bars.push(b));
    // Production defaults for the watchdog (30 s of silence) and the backoff: only the clock is injected.
    const rest = withHistoryLimit ? restWithDayOfHistory(clock) : new BinanceRest({ baseUrl: exchange.restBaseUrl, clock });
    feed = new BinanceFeed({ symbols: ['SYNAUSDT', 'SYNBUSDT'], wsBaseUrl: exchange.wsBaseUrl, rest, clock, log: () => undefined });
    feed.onTick((t) => {
      ticks.push(t);
      ledger.accept(t);
      builder.add(t);
    });
    feed.onState((s) => states.push(s));
    feed.onGap((g) => {
      gaps.push(g);
      ledger.report(g);
    });
    feed.start();
    return { ex: exchange, f: feed, ticks, states, gaps, bars, ledger };
  }

  for (const [label, jumpMs] of [['10-minute', 10 * 60_000], ['25-hour (past the rotation age)', 25 * 3_600_000]] as const) {
    it(`after a ${label} jump with a dead socket: stale at once, reconnect, backfill, an unbroken sequence`, async () => {
      const clock = new JumpClock();
      const { ex, f, ticks, states, gaps, bars, ledger } = await setup(clock);
      await waitFor(() => ticks.length >= 20, 5000, 'first ticks');
      // "Sleep": the socket stays open but nothing reaches us, while the exchange trades on.
      ex.faults.goSilent();
      await sleep(800);
      const beforeResume = ticks.length;
      const statesBefore = states.length;
      clock.jump(jumpMs);
      await waitFor(() => states.slice(statesBefore).some((s) => s.kind === 'stale'), 2000, 'the stale report after the jump');
      ex.faults.resume();
      await waitFor(() => states.slice(statesBefore).some((s) => s.kind === 'live'), 5000, 'live again');
      await waitFor(() => ticks.length >= beforeResume + 40, 5000, 'ticks after the resume');
      const after = states.slice(statesBefore).map((s) => s.kind);
      assert.ok(after.indexOf('stale') < after.indexOf('reconnecting') && after.indexOf('reconnecting') < after.lastIndexOf('live'), after.join(' → '));
      assert.ok(after.includes('backfilling'), `the trades sent during the sleep were fetched over REST: ${after.join(' → ')}`);
      assert.ok(f.stats().gapsRepaired >= 1);
      const v = ledger.verdict();
      assert.equal(v.duplicated, 0);
      assert.deepEqual(v.silentHoles, []);
      assert.deepEqual(gaps, []);
      // The trades of the sleep are there: the exchange sent ~20/s per symbol for 0.8 s, all delivered since.
      const lastBefore = ticks[beforeResume - 1];
      assert.ok(ticks.slice(beforeResume).some((t) => t.symbol === lastBefore.symbol && t.id === lastBefore.id + 1));
      assert.ok(bars.length > 0 && bars.every((b) => Number.isFinite(b.close)));
    });
  }

  it('a sleep longer than the 24 h REST history: the missed ids are reported exactly, nothing bridged silently, live goes on', async () => {
    const clock = new JumpClock();
    const { ex, ticks, states, gaps, ledger } = await setup(clock, true);
    await waitFor(() => ticks.length >= 20, 5000, 'first ticks');
    ex.faults.goSilent();
    await sleep(800);
    const beforeResume = ticks.length;
    const statesBefore = states.length;
    clock.jump(25 * 3_600_000);
    await waitFor(() => states.slice(statesBefore).some((s) => s.kind === 'stale'), 2000, 'stale after the jump');
    ex.faults.resume();
    await waitFor(() => gaps.length >= 2, 5000, 'a reported gap for each symbol');
    await waitFor(() => ticks.length >= beforeResume + 40, 5000, 'live ticks after the gap');
    const v = ledger.verdict();
    assert.deepEqual(v.silentHoles, [], 'every hole in the delivered ids is a reported one');
    assert.deepEqual(v.mismatchedReports, [], 'every report is a real hole, with its exact range');
    assert.deepEqual(new Set(v.reportedHoles.map((h) => h.symbol)), new Set(['SYNAUSDT', 'SYNBUSDT']));
    // ~20 trades/s per symbol were sent during the 0.8 s of sleep: each reported range holds at least a few.
    assert.ok(v.reportedHoles.every((h) => h.toId - h.fromId + 1 >= 5), JSON.stringify(v.reportedHoles));
    assert.equal(v.duplicated, 0);
  });

  it('negative control: the same sleep without the jump stays unnoticed within the test (30 s watchdog)', async () => {
    const clock = new JumpClock();
    const { ex, ticks, states } = await setup(clock);
    await waitFor(() => ticks.length >= 20, 5000, 'first ticks');
    ex.faults.goSilent();
    const statesBefore = states.length;
    const count = ticks.length;
    await sleep(1200);
    assert.equal(ticks.length, count, 'nothing arrives while silent');
    assert.ok(!states.slice(statesBefore).some((s) => s.kind === 'stale' || s.kind === 'reconnecting'));
    ex.faults.resume();
  });
});
