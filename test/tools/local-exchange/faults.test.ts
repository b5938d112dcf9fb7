// Each fault switch, seen from a client: dropped and silent connections, skipped ids (repairable or not),
// duplicates, swapped pairs, malformed frames, and scripted REST failures.
import { strict as assert } from 'assert';
import type WebSocket from 'ws';
import { startExchange, type LocalExchange } from '../../../tools/local-exchange';
import { FIXTURE, collectFor, getJson, openWs, waitClose, writeRecording } from './helpers';

type AggEvent = { a: number; f: number; l: number };

/** Ids in arrival order from raw aggTrade frames (non-JSON frames counted apart). */
function aggIds(frames: string[]): { ids: number[]; unparsable: number; wrongTypes: number } {
  const ids: number[] = [];
  let unparsable = 0;
  let wrongTypes = 0;
  for (const f of frames) {
    let e: { a: unknown; p: unknown };
    try {
      e = JSON.parse(f);
    } catch {
      unparsable++;
      continue;
    }
    if (typeof e.a !== 'number' || typeof e.p !== 'string') wrongTypes++;
    else ids.push(e.a);
  }
  return { ids, unparsable, wrongTypes };
}

/** Places where the id sequence does not step by +1: [previous, next]. */
function breaks(ids: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[i - 1] + 1) out.push([ids[i - 1], ids[i]]);
  return out;
}

describe('exchange fault switches', () => {
  const fixture = writeRecording(FIXTURE);
  let exchange: LocalExchange;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    // The fixture looped at 2000×: one loop (6 BTC trades, 5 aggregates) every 150 ms.
    exchange = await startExchange({ dataFiles: [fixture.file], speed: 2000, loop: true, rebaseToNow: false });
  });

  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await exchange.close();
  });

  after(() => fixture.cleanup());

  async function connect(path: string): Promise<WebSocket> {
    const ws = await openWs(exchange.wsBaseUrl + path);
    sockets.push(ws);
    return ws;
  }

  it('dropConnections(route) ends that route\'s sockets abruptly and leaves the others', async () => {
    const market = await connect('/market/ws/btcusdt@aggTrade');
    const pub = await connect('/public/ws/btcusdt@trade');
    exchange.faults.dropConnections('market');
    assert.equal((await waitClose(market)).code, 1006);
    assert.equal(pub.readyState, pub.OPEN);
    assert.ok((await collectFor(pub, 300)).length > 0);
  });

  it('goSilent(ms) keeps the socket open with no event, then events resume', async () => {
    const ws = await connect('/market/ws/btcusdt@aggTrade');
    await collectFor(ws, 200);
    exchange.faults.goSilent(600);
    const during = await collectFor(ws, 450);
    assert.deepEqual(during, []);
    assert.equal(ws.readyState, ws.OPEN);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok((await collectFor(ws, 400)).length > 0);
  });

  it('goSilent() lasts until resume()', async () => {
    const ws = await connect('/market/ws/btcusdt@aggTrade');
    exchange.faults.goSilent();
    assert.deepEqual(await collectFor(ws, 400), []);
    exchange.faults.resume();
    assert.ok((await collectFor(ws, 400)).length > 0);
  });

  it('skipIds leaves one gap in the streams that REST still fills (repairable)', async () => {
    const agg = await connect('/market/ws/btcusdt@aggTrade');
    const trades = await connect('/public/ws/btcusdt@trade');
    const aggFrames = collectFor(agg, 700);
    const tradeFrames = collectFor(trades, 700);
    await new Promise((r) => setTimeout(r, 200));
    exchange.faults.skipIds('BTCUSDT', 3);
    const tradeIds = (await tradeFrames).map((f) => (JSON.parse(f) as { t: number }).t);
    const tradeBreaks = breaks(tradeIds);
    assert.equal(tradeBreaks.length, 1, `trade breaks ${JSON.stringify(tradeBreaks)}`);
    assert.equal(tradeBreaks[0][1] - tradeBreaks[0][0] - 1, 3, 'three trade ids missing');
    const { ids } = aggIds(await aggFrames);
    const gaps = breaks(ids);
    assert.equal(gaps.length, 1);
    const [before, after] = gaps[0];
    const missing = after - before - 1;
    assert.equal(missing, 3, 'three aggregate ids missing');
    const rest = (await getJson(`${exchange.restBaseUrl}/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=${before + 1}&limit=${missing}`)).body as AggEvent[];
    assert.deepEqual(rest.map((r) => r.a), Array.from({ length: missing }, (_, i) => before + 1 + i));
  });

  it('skipIds with alsoFromRest leaves a gap REST cannot fill (unrepairable)', async () => {
    const agg = await connect('/market/ws/btcusdt@aggTrade');
    const frames = collectFor(agg, 600);
    await new Promise((r) => setTimeout(r, 200));
    exchange.faults.skipIds('BTCUSDT', 3, { alsoFromRest: true });
    const gaps = breaks(aggIds(await frames).ids);
    assert.equal(gaps.length, 1);
    const [before, after] = gaps[0];
    const rest = (await getJson(`${exchange.restBaseUrl}/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=${before + 1}&limit=5`)).body as AggEvent[];
    assert.equal(rest[0].a, after, 'REST resumes after the hidden ids');
  });

  it('duplicateNext(n) sends n events twice, nothing else changes', async () => {
    const ws = await connect('/market/ws/btcusdt@aggTrade');
    const frames = collectFor(ws, 500);
    await new Promise((r) => setTimeout(r, 100));
    exchange.faults.duplicateNext(2);
    const { ids } = aggIds(await frames);
    const repeats = breaks(ids).filter(([a, b]) => a === b);
    assert.equal(repeats.length, 2);
    assert.deepEqual(breaks([...new Set(ids)]), []);
  });

  it('reorderNext(n) swaps n pairs of consecutive events', async () => {
    const ws = await connect('/market/ws/btcusdt@aggTrade');
    const frames = collectFor(ws, 500);
    await new Promise((r) => setTimeout(r, 100));
    exchange.faults.reorderNext(1);
    const { ids } = aggIds(await frames);
    const swapped = ids.findIndex((id, i) => i > 0 && id < ids[i - 1]);
    assert.ok(swapped > 0, 'one event arrives after its successor');
    assert.equal(ids[swapped], ids[swapped - 1] - 1);
    assert.equal(breaks(ids).length, 3, 'n, n+2, n+1, n+3: three steps that are not +1');
    assert.deepEqual(breaks([...ids].sort((a, b) => a - b)), []);
  });

  it('malformedNext(n) adds n malformed frames (truncated JSON, wrong types) among intact events', async () => {
    const ws = await connect('/market/ws/btcusdt@aggTrade');
    const frames = collectFor(ws, 500);
    await new Promise((r) => setTimeout(r, 100));
    exchange.faults.malformedNext(2);
    const { ids, unparsable, wrongTypes } = aggIds(await frames);
    assert.equal(unparsable, 1);
    assert.equal(wrongTypes, 1);
    assert.deepEqual(breaks(ids), []);
  });

  it('restFault answers the next requests with 500, 429 or 418 (Retry-After), then recovers', async () => {
    const url = `${exchange.restBaseUrl}/fapi/v1/aggTrades?symbol=BTCUSDT&limit=1`;
    exchange.faults.restFault({ status: 500, count: 1 });
    exchange.faults.restFault({ status: 429, count: 1, retryAfterSeconds: 3 });
    exchange.faults.restFault({ status: 418, count: 2, retryAfterSeconds: 7 });
    const answers: [number, string | null, number][] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(url);
      const body = (await res.json()) as { code?: number };
      answers.push([res.status, res.headers.get('retry-after'), Array.isArray(body) ? 0 : (body.code ?? 0)]);
    }
    assert.deepEqual(answers, [
      [500, null, -1000],
      [429, '3', -1003],
      [418, '7', -1003],
      [418, '7', -1003],
      [200, null, 0],
    ]);
  });

  it('restFault delays the next answer', async () => {
    exchange.faults.restFault({ delayMs: 300, count: 1 });
    const started = Date.now();
    const res = await fetch(`${exchange.restBaseUrl}/fapi/v1/time`);
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 290);
    const again = Date.now();
    await (await fetch(`${exchange.restBaseUrl}/fapi/v1/time`)).text();
    assert.ok(Date.now() - again < 200);
  });

  it('clearAll switches every fault off', async () => {
    const ws = await connect('/market/ws/btcusdt@aggTrade');
    exchange.faults.goSilent();
    exchange.faults.restFault({ status: 500, count: 5 });
    exchange.faults.clearAll();
    assert.ok((await collectFor(ws, 300)).length > 0);
    assert.equal((await fetch(`${exchange.restBaseUrl}/fapi/v1/time`)).status, 200);
  });
});
