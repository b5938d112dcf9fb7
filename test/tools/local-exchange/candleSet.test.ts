// Real 1m candles (../shared/data/klines/1m-2026-02, Binance's native files) mounted on the local exchange as
// history: REST klines give the files' rows with times shifted by whole minutes so the newest candle is the last
// one closed at the exchange's clock, limit/startTime/endTime as Binance, coarser intervals aggregated (checked
// here against the 1m rows read straight from the file); aggTrades an empty page; the WebSocket silent.
import { strict as assert } from 'assert';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import WebSocket from 'ws';
import { startExchange } from '../../../tools/local-exchange';
import type { LocalExchange } from '../../../tools/local-exchange';
import { CANDLES_1M_FOLDER, loadCandleSet } from '../../../tools/local-exchange/candleSet';

const SHARED = join(__dirname, '../../../../shared/data');
const DIR = join(SHARED, CANDLES_1M_FOLDER);
const MINUTE = 60_000;

/** The file's rows as numbers: [open_time, open, high, low, close, volume, close_time, quote_volume, count]. */
function fileRows(symbol: string): number[][] {
  const text = gunzipSync(readFileSync(join(DIR, `${symbol}-1m-2026-02.csv.gz`))).toString('utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').slice(0, 9).map(Number));
}

type Row = [number, string, string, string, string, string, number, string, number, string, string, string];

async function klines(ex: LocalExchange, query: string): Promise<Row[]> {
  const res = await fetch(`${ex.restBaseUrl}/fapi/v1/klines?${query}`);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as Row[];
}

(existsSync(DIR) ? describe : describe.skip)('exchange: real 1m candles mounted as history (klines/1m-2026-02)', function () {
  this.timeout(60_000);
  let ex: LocalExchange;
  let link: number[][];

  before(async () => {
    const set = await loadCandleSet(DIR, ['BTCUSDT']);
    assert.ok(set);
    assert.deepEqual(set.symbols, ['ALGOUSDT', 'AVAXUSDT', 'DOTUSDT', 'FILUSDT', 'LINKUSDT', 'LTCUSDT', 'NEARUSDT']);
    assert.equal(set.label, 'REPLAY candles 1m 2026-02-01…02-28 (rebased), history only — no live trades');
    assert.equal(set.labels.NEARUSDT, set.label);
    ex = await startExchange({ port: 0, synthetic: { symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 5 }, klineMounts: [set.universe], speed: 1, rebaseToNow: true });
    link = fileRows('LINKUSDT');
  });
  after(async () => ex?.close());

  it('answers 1m klines with the file rows, shifted by whole minutes so the newest closed at the exchange clock', async () => {
    const rows = await klines(ex, 'symbol=LINKUSDT&interval=1m&limit=1500');
    assert.equal(rows.length, 1500);
    const tail = link.slice(-1500);
    const shift = rows[0][0] - tail[0][0];
    assert.equal(shift % MINUTE, 0);
    assert.equal(rows[1499][0], Math.floor(ex.clockNow() / MINUTE) * MINUTE - MINUTE, 'the newest candle is the last one closed now');
    rows.forEach((r, i) => {
      const f = tail[i];
      assert.equal(r[0], f[0] + shift);
      assert.equal(r[6], f[6] + shift, 'close time');
      assert.deepEqual([r[1], r[2], r[3], r[4], r[5], r[7]].map(Number), [f[1], f[2], f[3], f[4], f[5], f[7]], `row ${i}`);
      assert.equal(r[8], f[8], 'count');
    });
    // Last file row: 1772323140000,8.839,8.844,8.836,8.840,5758.59,…,50910.66991,245
    assert.deepEqual(rows[1499].slice(1, 6), ['8.839', '8.844', '8.836', '8.840', '5758.590']);
    assert.equal(rows[1499][7], '50910.66991');
  });

  it('honours limit, startTime and endTime as Binance does (open times, inclusive)', async () => {
    const all = await klines(ex, 'symbol=LINKUSDT&interval=1m&limit=100');
    assert.equal(all.length, 100);
    const t = (i: number) => all[i][0];
    assert.deepEqual((await klines(ex, `symbol=LINKUSDT&interval=1m&startTime=${t(10)}&limit=5`)).map((r) => r[0]), [10, 11, 12, 13, 14].map(t));
    assert.deepEqual((await klines(ex, `symbol=LINKUSDT&interval=1m&startTime=${t(10) + 1}&limit=2`)).map((r) => r[0]), [11, 12].map(t));
    assert.deepEqual((await klines(ex, `symbol=LINKUSDT&interval=1m&endTime=${t(20)}&limit=3`)).map((r) => r[0]), [18, 19, 20].map(t));
    assert.deepEqual((await klines(ex, `symbol=LINKUSDT&interval=1m&startTime=${t(30)}&endTime=${t(33)}`)).map((r) => r[0]), [30, 31, 32, 33].map(t));
    const defaultLimit = await klines(ex, 'symbol=LINKUSDT&interval=1m');
    assert.equal(defaultLimit.length, 500);
    const res = await fetch(`${ex.restBaseUrl}/fapi/v1/klines?symbol=LINKUSDT&interval=1m&limit=1501`);
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { code: number }).code, -1130);
  });

  it('aggregates 5m and 1h from the 1m rows (first open, max high, min low, last close, summed volume and count)', async () => {
    const minute = await klines(ex, 'symbol=NEARUSDT&interval=1m&limit=1500');
    const near = fileRows('NEARUSDT');
    const shift = minute[0][0] - near[near.length - 1500][0];
    for (const [interval, ms] of [['5m', 5 * MINUTE], ['1h', 60 * MINUTE]] as const) {
      // The second-newest bucket: complete (the newest may still be filling up to now).
      const rows = await klines(ex, `symbol=NEARUSDT&interval=${interval}&limit=2`);
      assert.equal(rows.length, 2);
      const [, open, high, low, close, volume, , quote, count] = rows[0];
      const start = rows[0][0] as number;
      assert.equal(start % ms, 0, `${interval} bars open on whole ${interval}s`);
      assert.equal(rows[0][6], start + ms - 1);
      const inBucket = near.filter((f) => f[0] + shift >= start && f[0] + shift < start + ms);
      assert.equal(inBucket.length, ms / MINUTE);
      assert.equal(Number(open), inBucket[0][1]);
      assert.equal(Number(high), Math.max(...inBucket.map((f) => f[2])));
      assert.equal(Number(low), Math.min(...inBucket.map((f) => f[3])));
      assert.equal(Number(close), inBucket[inBucket.length - 1][4]);
      assert.ok(Math.abs(Number(volume) - inBucket.reduce((s, f) => s + f[5], 0)) < 1e-6, `${interval} volume`);
      assert.ok(Math.abs(Number(quote) - inBucket.reduce((s, f) => s + f[7], 0)) < 1e-4, `${interval} quote volume`);
      assert.equal(count, inBucket.reduce((s, f) => s + f[8], 0));
    }
    // The oldest whole 5m bar, asked by startTime: the file's first five rows that fill a 5-minute bucket.
    const k = near.findIndex((f) => (f[0] + shift) % (5 * MINUTE) === 0);
    const five = near.slice(k, k + 5);
    const [bar] = await klines(ex, `symbol=NEARUSDT&interval=5m&startTime=${near[0][0] + shift}&limit=1`);
    assert.equal(bar[0], five[0][0] + shift);
    assert.deepEqual(bar.slice(1, 5).map(Number), [five[0][1], Math.max(...five.map((f) => f[2])), Math.min(...five.map((f) => f[3])), five[4][4]]);
  });

  it('lists the candle symbols in exchangeInfo; aggTrades answer an empty page; 1s has no candles', async () => {
    const info = (await (await fetch(`${ex.restBaseUrl}/fapi/v1/exchangeInfo`)).json()) as { symbols: { symbol: string; status: string; contractType: string }[] };
    for (const s of ['LINKUSDT', 'NEARUSDT', 'ALGOUSDT']) {
      const spec = info.symbols.find((x) => x.symbol === s);
      assert.ok(spec, s);
      assert.equal(spec.status, 'TRADING');
      assert.equal(spec.contractType, 'PERPETUAL');
    }
    assert.ok(info.symbols.some((x) => x.symbol === 'BTCUSDT'));
    const trades = await fetch(`${ex.restBaseUrl}/fapi/v1/aggTrades?symbol=LINKUSDT&limit=10`);
    assert.equal(trades.status, 200);
    assert.deepEqual(await trades.json(), []);
    const second = await fetch(`${ex.restBaseUrl}/fapi/v1/klines?symbol=LINKUSDT&interval=1s&limit=10`);
    assert.ok(second.status === 400 || (second.status === 200 && ((await second.json()) as unknown[]).length === 0), `1s: ${second.status}`);
  });

  it('keeps the WebSocket silent for candle symbols while the tape symbols trade', async () => {
    const ws = new WebSocket(`${ex.wsBaseUrl}/market/stream?streams=linkusdt@aggTrade/nearusdt@kline_1m/btcusdt@aggTrade`);
    const streams: string[] = [];
    ws.on('message', (data) => streams.push((JSON.parse(String(data)) as { stream: string }).stream));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await new Promise((r) => setTimeout(r, 2500));
    ws.close();
    assert.ok(streams.includes('btcusdt@aggTrade'), `the tape trades: ${streams.slice(0, 5).join(', ')}`);
    assert.ok(!streams.some((s) => s.startsWith('linkusdt') || s.startsWith('nearusdt')), `candle symbols stay silent: ${[...new Set(streams)].join(', ')}`);
  });
});

describe('exchange: a candle folder', () => {
  it('is undefined when missing or empty, and leaves out symbols a tape serves', async () => {
    assert.equal(await loadCandleSet(join(SHARED, 'no-such-folder')), undefined);
    if (!existsSync(DIR)) return;
    const set = await loadCandleSet(DIR, ['LINKUSDT', 'NEARUSDT']);
    assert.deepEqual(set?.symbols, ['ALGOUSDT', 'AVAXUSDT', 'DOTUSDT', 'FILUSDT', 'LTCUSDT']);
  });
});
