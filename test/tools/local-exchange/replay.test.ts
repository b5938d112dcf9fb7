// The replay: loops shift times by whole 5-minute periods and ids without a gap, rebasing lands near now on a
// 5-minute boundary shift, and full speed delivers every id in order under back-pressure.
import { strict as assert } from 'assert';
import net from 'net';
import { startExchange } from '../../../tools/local-exchange';
import { RecordingTape } from '../../../tools/local-exchange/recordingTape';
import { newAggView, newTradeView } from '../../../tools/local-exchange/tape';
import { readRecordedTrades } from '../../../src/engine/import/recording';
import { FIXTURE, T0, collectFor, openWs, writeRecording } from './helpers';

describe('exchange replay', () => {
  const fixture = writeRecording(FIXTURE);
  after(() => fixture.cleanup());

  async function btcTrades() {
    return (await readRecordedTrades([fixture.file])).filter((t) => t.symbol === 'BTCUSDT');
  }

  it('a loop repeats the recording 300000 ms later with trade and aggregate ids continuing by +1', async () => {
    const tape = new RecordingTape(await btcTrades(), { timeShiftMs: 0, loopShiftMs: 300_000 });
    const t = newTradeView();
    tape.readTrade(5, t); // last trade of loop 0
    assert.deepEqual([t.id, t.time], [1006, T0 + 61_000]);
    tape.readTrade(6, t); // first trade of loop 1
    assert.deepEqual([t.id, t.time, t.eventTime, t.priceText], [1007, T0 + 100 + 300_000, T0 + 101 + 300_000, '60000.10']);
    const a = newAggView();
    tape.readAgg(4, a);
    const lastOfLoop0 = a.id;
    tape.readAgg(5, a);
    assert.deepEqual([a.id, a.firstTradeId, a.lastTradeId, a.time], [lastOfLoop0 + 1, 1007, 1008, T0 + 100 + 300_000]);
    assert.equal(tape.aggCompletedBy(7), 5, 'trade 1008 (seq 7) completes the first aggregate of loop 1');
    assert.equal(tape.aggCompletedBy(6), -1);
  });

  it('without loop the tape ends', async () => {
    const tape = new RecordingTape(await btcTrades(), { timeShiftMs: 0, loopShiftMs: 0 });
    assert.equal(tape.tradeTime(5), T0 + 61_000);
    assert.equal(tape.tradeTime(6), Infinity);
  });

  it('rebaseToNow shifts by a whole number of 300000 ms periods to within 5 minutes before now', async () => {
    const exchange = await startExchange({ dataFiles: [fixture.file], speed: 1 });
    try {
      // The first aggregate (fromId 0 clamps to it): history at once when the replay joined the wall clock,
      // pushed at the end of its 100 ms window when it started at the first trade.
      let rows: { T: number }[] = [];
      for (let tries = 0; rows.length === 0 && tries < 50; tries++) {
        if (tries > 0) await new Promise((r) => setTimeout(r, 20));
        rows = (await (await fetch(`${exchange.restBaseUrl}/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=0&limit=1`)).json()) as { T: number }[];
      }
      const shift = rows[0].T - (T0 + 100);
      assert.equal(shift % 300_000, 0);
      const first = rows[0].T;
      assert.ok(first <= Date.now() && first > Date.now() - 300_000 - 1000, `first trade ${Date.now() - first} ms ago`);
    } finally {
      await exchange.close();
    }
  });

  it('at full speed with loops, a client receives every aggregate id in order, none lost or repeated', async () => {
    const exchange = await startExchange({ dataFiles: [fixture.file], speed: Infinity, loop: true, rebaseToNow: false });
    try {
      const ws = await openWs(`${exchange.wsBaseUrl}/market/ws/btcusdt@aggTrade`);
      const frames = await collectFor(ws, 600);
      ws.terminate();
      const events = frames.map((f) => JSON.parse(f) as { a: number; T: number });
      assert.ok(events.length > 2000, `only ${events.length} events`);
      for (let i = 1; i < events.length; i++) {
        assert.equal(events[i].a, events[i - 1].a + 1);
        assert.ok(events[i].T >= events[i - 1].T);
      }
      assert.equal(events[0].T, T0 + 100);
      assert.ok(exchange.sentTradeCount('BTCUSDT') >= events.length);
    } finally {
      await exchange.close();
    }
  });

  it('at full speed the replay waits for a client that stops reading (bounded memory), then goes on', async () => {
    const exchange = await startExchange({ dataFiles: [fixture.file], speed: Infinity, loop: true, rebaseToNow: false });
    const socket = net.connect(exchange.port, '127.0.0.1');
    try {
      socket.write(
        'GET /market/ws/btcusdt@aggTrade HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      socket.pause(); // never read: the kernel buffers fill, then the server's send buffer
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      await sleep(700);
      const stalled = exchange.sentTradeCount('BTCUSDT');
      await sleep(300);
      assert.equal(exchange.sentTradeCount('BTCUSDT'), stalled, 'no trade replayed while the client reads nothing');
      socket.on('data', () => undefined);
      socket.resume();
      await sleep(300);
      assert.ok(exchange.sentTradeCount('BTCUSDT') > stalled, 'replay resumes once the client reads');
    } finally {
      socket.destroy();
      await exchange.close();
    }
  });

  it('speed N runs the clock N times faster than the wall clock', async () => {
    const exchange = await startExchange({ dataFiles: [fixture.file], speed: 100, rebaseToNow: false });
    try {
      const w0 = Date.now();
      const c0 = exchange.clockNow();
      await new Promise((r) => setTimeout(r, 300));
      const c1 = exchange.clockNow();
      const ratio = (c1 - c0) / (Date.now() - w0);
      assert.ok(ratio > 95 && ratio <= 100.5, `clock ran ${ratio}× the wall clock`);
    } finally {
      await exchange.close();
    }
  });

  it('refuses bad options with a clear EngineError', async () => {
    await assert.rejects(startExchange({ dataFiles: [fixture.file], speed: 0 }), /speed must be a positive number/);
    await assert.rejects(startExchange({ dataFiles: ['/nonexistent/file.gz'] }), /Cannot read \/nonexistent\/file.gz/);
    await assert.rejects(startExchange({}), /needs data files or a synthetic pair/);
  });
});
