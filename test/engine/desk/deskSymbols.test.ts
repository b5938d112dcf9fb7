// Add Pair's symbol checks: an unknown, non-perpetual or halted symbol is refused from the cached exchangeInfo
// list at once (no REST warm-up); an exchangeInfo that does not answer is reported within the desk's bound,
// also through the real REST client against a local server that accepts and never replies.
import { strict as assert } from 'assert';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { Desk, type DeskOptions } from '../../../src/engine/desk/desk';
import { createDeskEngine } from '../../../src/engine/desk/productionPorts';
import type { DeskRest, SymbolInfo } from '../../../src/engine/desk/ports';
import { EngineError } from '../../../src/engine/errors';

const LIST: SymbolInfo[] = [
  { symbol: 'BTCUSDT', status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDT' },
  { symbol: 'ETHUSDT', status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDT' },
  { symbol: 'BTCUSDT_250926', status: 'TRADING', contractType: 'CURRENT_QUARTER', quoteAsset: 'USDT' },
  { symbol: 'OLDUSDT', status: 'SETTLING', contractType: 'PERPETUAL', quoteAsset: 'USDT' },
];

/** A REST port whose exchangeInfo answer is scripted; every other call is counted (none may happen). */
function scriptedRest(symbols: () => Promise<SymbolInfo[]>) {
  const calls = { symbols: 0, other: 0 };
  const other = () => {
    calls.other++;
    return new Promise<never>(() => undefined);
  };
  const rest: DeskRest = {
    symbols: () => {
      calls.symbols++;
      return symbols();
    },
    serverTime: other,
    klines: other,
    aggTradesBetween: other,
  };
  return { rest, calls };
}

function deskWith(rest: DeskRest, options: Partial<DeskOptions> = {}): Desk {
  const engine = { ...createDeskEngine({ historyBars: 100 }), createRest: () => rest };
  return new Desk(engine, { wsBaseUrl: 'ws://127.0.0.1:1', restBaseUrl: 'http://127.0.0.1:1', stream: 'aggTrade', historyBars: 100, updateMs: 10_000, ...options });
}

const config = (y: string, x: string) => ({ y, x, timeframe: '1m' as const, window: 20, hedge: 'ols' as const });

async function rejection(promise: Promise<unknown>): Promise<{ err: EngineError; ms: number }> {
  const t0 = Date.now();
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof EngineError, `not an EngineError: ${String(err)}`);
    return { err, ms: Date.now() - t0 };
  }
  assert.fail('resolved instead of being refused');
}

describe('desk: Add Pair symbol checks', () => {
  it('refuses unknown, non-perpetual and non-trading symbols at once from the cached list, without any REST warm-up', async () => {
    const { rest, calls } = scriptedRest(async () => LIST);
    const desk = deskWith(rest);
    try {
      await desk.symbols();
      for (const [y, re] of [
        ['FOOBARUSDT', /FOOBARUSDT is not a Binance USD-M futures symbol/],
        ['BTCUSDT_250926', /current_quarter contract, not a perpetual/],
        ['OLDUSDT', /OLDUSDT is not trading \(status SETTLING\)/],
      ] as const) {
        const { err, ms } = await rejection(desk.addPair(config(y, 'ETHUSDT')));
        assert.equal(err.code, 'BAD_SYMBOL');
        assert.match(err.message, re);
        assert.ok(ms < 200, `${y} refused after ${ms} ms`);
      }
      assert.equal(calls.symbols, 1, 'the list is fetched once and cached');
      assert.equal(calls.other, 0, 'no warm-up request for a refused pair');
      assert.deepEqual(desk.list(), []);
    } finally {
      await desk.dispose();
    }
  });

  it('an exchangeInfo that never answers is a NETWORK error within the bound, naming the endpoint', async () => {
    const { rest } = scriptedRest(() => new Promise<never>(() => undefined));
    const desk = deskWith(rest, { symbolsTimeoutMs: 300, restBaseUrl: 'http://127.0.0.1:9' });
    try {
      const { err, ms } = await rejection(desk.addPair(config('FOOBARUSDT', 'ETHUSDT')));
      assert.equal(err.code, 'NETWORK');
      assert.match(err.message, /Could not load the symbol list: exchangeInfo from http:\/\/127\.0\.0\.1:9 did not answer within 0\.3 s/);
      assert.ok(ms >= 250 && ms < 1500, `reported after ${ms} ms`);
    } finally {
      await desk.dispose();
    }
  });

  it('keeps using an expired list, with a warning, when the refresh fails', async () => {
    let now = 1_000_000;
    let fail = false;
    const { rest, calls } = scriptedRest(async () => {
      if (fail) throw new EngineError('NETWORK', 'GET /fapi/v1/exchangeInfo failed: connection refused');
      return LIST;
    });
    const desk = deskWith(rest, { now: () => now });
    const logs: string[] = [];
    desk.onEvent((e) => e.kind === 'log' && logs.push(e.message));
    try {
      assert.equal((await desk.symbols()).length, 4);
      fail = true;
      now += 11 * 60_000;
      assert.equal((await desk.symbols()).length, 4);
      assert.equal(calls.symbols, 2);
      assert.ok(logs.some((m) => /Symbol list not refreshed \(GET \/fapi\/v1\/exchangeInfo failed: connection refused\)/.test(m)), logs.join('\n'));
    } finally {
      await desk.dispose();
    }
  });

  describe('through the real REST client', () => {
    let server: Server;
    let url: string;
    before(async () => {
      // Accepts every request and never answers (a hung exchange or proxy).
      server = createServer(() => undefined);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    });

    it('reports the hung exchangeInfo within the bound instead of the client timeout', async () => {
      const desk = new Desk(createDeskEngine({ historyBars: 100 }), { wsBaseUrl: 'ws://127.0.0.1:1', restBaseUrl: url, stream: 'aggTrade', historyBars: 100, updateMs: 10_000, symbolsTimeoutMs: 400 });
      try {
        const { err, ms } = await rejection(desk.symbols());
        assert.equal(err.code, 'NETWORK');
        assert.match(err.message, /did not answer within 0\.4 s/);
        assert.ok(ms < 2000, `reported after ${ms} ms`);
      } finally {
        await desk.dispose();
      }
    });
  });
});
