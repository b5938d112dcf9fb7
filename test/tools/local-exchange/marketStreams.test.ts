// kline and markPrice streams on the hand-made recording: the closing kline carries the hand-computed bar,
// markPrice follows the last trade once a second on whole seconds.
import { strict as assert } from 'assert';
import { startExchange } from '../../../tools/local-exchange';
import { FIXTURE, T0, nextMessage, openWs, writeRecording } from './helpers';

describe('exchange kline and markPrice streams', () => {
  const fixture = writeRecording(FIXTURE);
  after(() => fixture.cleanup());

  it('kline_1m pushes the open bar, then the closed bar (x true) when the next bar starts', async () => {
    const exchange = await startExchange({ dataFiles: [fixture.file], speed: 200, rebaseToNow: false });
    try {
      const ws = await openWs(`${exchange.wsBaseUrl}/market/ws/btcusdt@kline_1m`);
      const closed = JSON.parse(await nextMessage(ws, (t) => t.includes('"x":true'))) as { e: string; s: string; k: Record<string, unknown> };
      ws.terminate();
      assert.equal(closed.e, 'kline');
      assert.deepEqual(closed.k, {
        t: T0,
        T: T0 + 59_999,
        s: 'BTCUSDT',
        i: '1m',
        f: 1001,
        L: 1005,
        o: '60000.10',
        c: '60000.20',
        h: '60000.20',
        l: '60000.10',
        v: '1.354',
        n: 5,
        x: true,
        q: '81240.23580',
        V: '0.300',
        Q: '18000.03000',
        B: '0',
      });
    } finally {
      await exchange.close();
    }
  });

  it('kline wire field order is Binance\'s', async () => {
    const exchange = await startExchange({ dataFiles: [fixture.file], speed: 200, rebaseToNow: false });
    try {
      const ws = await openWs(`${exchange.wsBaseUrl}/market/stream?streams=btcusdt@kline_1m`);
      const text = await nextMessage(ws);
      ws.terminate();
      const keys = text.match(/"([A-Za-z]+)":/g)?.map((k) => k.slice(1, -2));
      assert.deepEqual(keys, ['stream', 'data', 'e', 'E', 's', 'k', 't', 'T', 's', 'i', 'f', 'L', 'o', 'c', 'h', 'l', 'v', 'n', 'x', 'q', 'V', 'Q', 'B']);
    } finally {
      await exchange.close();
    }
  });

  it('markPrice@1s follows the last trade price, on whole seconds one second apart', async () => {
    const exchange = await startExchange({ dataFiles: [fixture.file], speed: 1, rebaseToNow: false });
    try {
      const ws = await openWs(`${exchange.wsBaseUrl}/market/ws/btcusdt@markPrice@1s`);
      const first = JSON.parse(await nextMessage(ws)) as Record<string, unknown>;
      const second = JSON.parse(await nextMessage(ws)) as Record<string, unknown>;
      ws.terminate();
      assert.deepEqual(Object.keys(first), ['e', 'E', 's', 'p', 'i', 'P', 'r', 'T']);
      assert.equal(first.e, 'markPriceUpdate');
      assert.equal((first.E as number) % 1000, 0);
      assert.equal((second.E as number) - (first.E as number), 1000);
      // From T0+1000 on, the last BTC trade is 1005 at 60000.20.
      assert.equal(second.p, '60000.20000000');
      assert.equal(second.T, T0 + 8 * 3_600_000, 'next funding at 08:00 UTC');
    } finally {
      await exchange.close();
    }
  });
});
