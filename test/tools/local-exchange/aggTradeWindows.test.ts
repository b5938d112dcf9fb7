// aggTrade as Binance documents it for USD-M futures: fills "with same price and taking side every 100
// milliseconds" form one aggregate, pushed at the end of its (clock-aligned) 100 ms window, and REST serves the
// same aggregates with the same ids. Driven with ccxt.pro (stream) and ccxt (REST) on a hand-made recording
// whose aggregates are worked out by hand, and checked on the real recordings against their raw trades.
import { strict as assert } from 'assert';
import WebSocket from 'ws';
import { startExchange } from '../../../tools/local-exchange';
import { readRecordedTrades, type RecordedTrade } from '../../../src/engine/import/recording';
import { T0, sharedRecordings, writeRecording, type FixtureTrade } from './helpers';
import { ccxtPro, ccxtRest } from './outsideClients';

const trade = (id: number, offset: number, price: string, qty: string, buyerIsMaker: boolean): FixtureTrade => ({
  symbol: 'BTCUSDT', id, time: T0 + offset, price, qty, buyerIsMaker,
});

/** Within two seconds after T0 (a multiple of 100 ms): windows [T0, T0+100), [T0+100, T0+200), … */
const TRADES: FixtureTrade[] = [
  trade(101, 10, '60000.10', '0.100', false),
  trade(102, 60, '60000.10', '0.200', false), // same window, price, side: joins 101
  trade(103, 99, '60000.10', '0.005', false), // joins 101
  trade(104, 100, '60000.10', '0.300', false), // next window
  trade(105, 150, '60000.10', '0.010', true), // other side
  trade(106, 160, '60000.10', '0.020', false), // 105 between: a new aggregate
  trade(107, 199, '60000.10', '0.030', false), // joins 106
  trade(108, 250, '60000.20', '1.000', false), // other price
  trade(109, 1250, '60000.20', '2.000', false), // a second later
];

/** By hand: [first id, last id, summed qty, T (first trade), E (end of the window)]. */
const EXPECTED = [
  [101, 103, '0.305', T0 + 10, T0 + 100],
  [104, 104, '0.300', T0 + 100, T0 + 200],
  [105, 105, '0.010', T0 + 150, T0 + 200],
  [106, 107, '0.050', T0 + 160, T0 + 200],
  [108, 108, '1.000', T0 + 250, T0 + 300],
  [109, 109, '2.000', T0 + 1250, T0 + 1300],
];

describe('aggTrade 100 ms windows (ccxt.pro, ccxt)', function () {
  this.timeout(20_000);
  // The replay starts at the recording's first trade: an ETHUSDT trade 2 s before the BTCUSDT ones gives the
  // client time to connect and subscribe before the first window closes (else it can miss it under load).
  const lead: FixtureTrade = { symbol: 'ETHUSDT', id: 1, time: T0 - 2000, price: '3400.00', qty: '1.000', buyerIsMaker: false };
  const fixture = writeRecording([lead, ...TRADES]);
  after(() => fixture.cleanup());

  it('the stream carries one aggregate per window, price and side, pushed at the window end; REST has the same ids', async () => {
    const exchange = await startExchange({ dataFiles: [fixture.file], speed: 1, rebaseToNow: false });
    const pro = await ccxtPro(exchange);
    try {
      const seen: Record<string, unknown>[] = [];
      const until = Date.now() + 6000;
      while (seen.length < EXPECTED.length && Date.now() < until) {
        // Bounded: a missed push must end as a failed assertion below, not a hung test.
        const trades = await Promise.race([
          pro.watchTrades('BTC/USDT:USDT', undefined, undefined, { name: 'aggTrade' }),
          new Promise<[]>((resolve) => setTimeout(() => resolve([]), Math.max(0, until - Date.now()))),
        ]);
        for (const t of trades) if (!seen.some((s) => s.a === (t.info as { a: number }).a)) seen.push(t.info as Record<string, unknown>);
      }
      assert.deepEqual(seen.map((e) => [e.f, e.l, e.q, e.T, e.E]), EXPECTED);
      const ids = seen.map((e) => e.a as number);
      for (let i = 1; i < ids.length; i++) assert.equal(ids[i], ids[i - 1] + 1);
      // Pushed no earlier than the window's end: the replay clock had reached E when it was sent.
      assert.ok(exchange.clockNow() >= (seen[seen.length - 1].E as number));

      const rest = await ccxtRest(exchange).fetchTrades('BTC/USDT:USDT', T0, 1000);
      assert.deepEqual(
        rest.map((t) => [Number(t.id), (t.info as { f: number }).f, (t.info as { l: number }).l, t.amount, t.timestamp]),
        seen.map((e, i) => [ids[i], e.f, e.l, Number(e.q), e.T]),
      );
    } finally {
      await pro.close();
      await exchange.close();
    }
  });

  it('tells when it really sent each window (aggSentAt): before the client got it, at or after the window ended', async () => {
    const exchange = await startExchange({ dataFiles: [fixture.file], speed: 1, rebaseToNow: false });
    const ws = new WebSocket(`${exchange.wsBaseUrl}/market/ws/btcusdt@aggTrade`);
    try {
      const received: { E: number; at: number; due: number }[] = [];
      // The replay clock at connection maps window ends to wall time (speed 1).
      const clock0 = exchange.clockNow();
      const wall0 = Date.now();
      ws.on('message', (data) => {
        const e = JSON.parse(String(data)) as { e?: string; E: number };
        if (e.e === 'aggTrade') received.push({ E: e.E, at: Date.now(), due: wall0 + (e.E - clock0) });
      });
      const until = Date.now() + 6000;
      while (received.length < EXPECTED.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      assert.equal(received.length, EXPECTED.length);
      for (const r of received) {
        const sent = exchange.aggSentAt(r.E);
        assert.ok(sent !== undefined, `window ${r.E}: no send time`);
        assert.ok(sent! <= r.at, `window ${r.E}: sent ${sent} after it was received ${r.at}`);
        assert.ok(r.at - sent! < 200, `window ${r.E}: ${r.at - sent!} ms between send and receipt on loopback`);
        assert.ok(sent! >= r.due - 5, `window ${r.E}: sent ${r.due - sent!} ms before its end`);
      }
      assert.equal(exchange.aggSentAt(T0 + 700), undefined, 'a window without trades was never sent');
    } finally {
      ws.close();
      await exchange.close();
    }
  });

  it('on the real recordings: each aggregate is one window, price and side of consecutive trades, and no two neighbours could have joined', async function () {
    const files = sharedRecordings();
    if (files.length === 0) this.skip();
    const exchange = await startExchange({ dataFiles: files, speed: 1e6, rebaseToNow: false, limits: { restWindowMs: 1e12 } });
    try {
      const raw = (await readRecordedTrades(files)).filter((t) => t.symbol === 'BTCUSDT');
      const byId = new Map<number, RecordedTrade>(raw.map((t) => [t.id, t]));
      await new Promise((r) => setTimeout(r, 300)); // the whole recording is history
      const client = ccxtRest(exchange);
      const rows: { a: number; p: string; m: boolean; f: number; l: number; T: number }[] = [];
      for (let since = raw[0].time; ; ) {
        const page = await client.fetchTrades('BTC/USDT:USDT', since, 1000);
        const fresh = page.map((t) => t.info as (typeof rows)[number]).filter((r) => rows.length === 0 || r.a > rows[rows.length - 1].a);
        if (fresh.length === 0) break;
        rows.push(...fresh);
        since = fresh[fresh.length - 1].T;
      }
      assert.equal(rows[0].f, raw[0].id);
      assert.equal(rows[rows.length - 1].l, raw[raw.length - 1].id, 'every trade is in an aggregate');
      const windowOf = (time: number) => Math.floor(time / 100);
      let multiTradeInWindow = 0;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        if (i > 0) assert.equal(r.f, rows[i - 1].l + 1, 'consecutive trades');
        for (let id = r.f; id <= r.l; id++) {
          const t = byId.get(id)!;
          assert.deepEqual([t.priceText, t.buyerIsMaker, windowOf(t.time)], [r.p, r.m, windowOf(r.T)], `trade ${id} in aggregate ${r.a}`);
        }
        if (r.l > r.f && byId.get(r.l)!.time !== byId.get(r.f)!.time) multiTradeInWindow++;
        const next = rows[i + 1];
        if (next) {
          const joinable = next.p === r.p && next.m === r.m && windowOf(next.T) === windowOf(r.T);
          assert.ok(!joinable, `aggregates ${r.a} and ${next.a} should have been one`);
        }
      }
      assert.ok(multiTradeInWindow > 0, 'some aggregates join trades of different milliseconds');
    } finally {
      await exchange.close();
    }
  });
});
