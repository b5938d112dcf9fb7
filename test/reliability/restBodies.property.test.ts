// Property-based tests of BinanceRest's response handling: any body and status the server (or a proxy) may
// answer either parses into finite numbers or fails with a typed EngineError — never another exception,
// never NaN. Driven through the client's injectable fetch, so every byte of the response is chosen here.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { BinanceRest, RateLimitedError } from '../../src/engine/feed/rest';
import { EngineError } from '../../src/engine/errors';

const NOW = 1_750_000_000_000;
const fixedClock = { now: () => NOW, setTimeout: () => 0, clearTimeout: () => undefined };

function restAnswering(status: number, body: string, headers: Record<string, string> = {}): BinanceRest {
  return new BinanceRest({
    baseUrl: 'http://127.0.0.1:9',
    clock: fixedClock,
    fetchImpl: async () => new Response(body, { status, headers }),
  });
}

/** Runs the call; returns the value, or the error after checking it is an EngineError. */
async function settle<T>(call: Promise<T>): Promise<T | EngineError> {
  try {
    return await call;
  } catch (err) {
    assert.ok(err instanceof EngineError, `threw ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`);
    return err;
  }
}

const numberish = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom('1', '0.5', '-3', '', ' ', 'NaN', 'Infinity', '1e400', '61800.30', 'abc', '0x10'),
  fc.string({ maxLength: 8 }),
  fc.constant(null),
  fc.boolean(),
);

const aggRow = fc.record(
  { a: fc.oneof(fc.maxSafeNat(), numberish), p: numberish, q: numberish, f: numberish, l: numberish, T: numberish, m: fc.oneof(fc.boolean(), numberish) },
  { requiredKeys: [] },
);

const klineRow = fc.array(numberish, { minLength: 0, maxLength: 13 });

/** A body: valid-looking JSON of the right shape with broken fields, any JSON, or not JSON at all. */
function bodyOf<T>(row: fc.Arbitrary<T>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.array(row, { maxLength: 6 }).map((rows) => JSON.stringify(rows)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
    fc.string({ maxLength: 60 }),
    fc.array(row, { maxLength: 3 }).map((rows) => JSON.stringify(rows).slice(0, -1)),
  );
}

const RUNS = { numRuns: 300 };

describe('reliability/REST body properties', function () {
  this.timeout(20_000);

  it('aggTrades: any 200 body gives ticks with finite numbers, or an EngineError', async () => {
    await fc.assert(
      fc.asyncProperty(bodyOf(aggRow), async (body) => {
        const result = await settle(restAnswering(200, body).aggTrades({ symbol: 'BTCUSDT', fromId: 1 }));
        if (result instanceof EngineError) return;
        for (const t of result) {
          assert.ok([t.id, t.price, t.qty, t.time].every(Number.isFinite), JSON.stringify(t));
          assert.equal(typeof t.buyerIsMaker, 'boolean');
        }
      }),
      RUNS,
    );
  });

  it('klines: any 200 body gives rows of finite numbers, or an EngineError', async () => {
    await fc.assert(
      fc.asyncProperty(bodyOf(klineRow), async (body) => {
        const result = await settle(restAnswering(200, body).klines({ symbol: 'BTCUSDT', interval: '1m' }));
        if (result instanceof EngineError) return;
        for (const k of result) assert.ok(Object.values(k).every(Number.isFinite), JSON.stringify(k));
      }),
      RUNS,
    );
  });

  it('serverTime: any 200 body gives a finite time, or an EngineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(numberish.map((v) => JSON.stringify({ serverTime: v })), bodyOf(numberish)), async (body) => {
        const result = await settle(restAnswering(200, body).serverTime());
        if (!(result instanceof EngineError)) assert.ok(Number.isFinite(result));
      }),
      RUNS,
    );
  });

  it('a 429 or 418 with any Retry-After is a RateLimitedError with a finite retry time not before now', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(429, 418),
        fc.oneof(fc.constantFrom('1', '0', '120', '-5', 'soon', '', '1e400', ' 7 '), fc.string({ maxLength: 6 })),
        fc.string({ maxLength: 40 }),
        async (status, retryAfter, body) => {
          const rest = restAnswering(status, body, { 'retry-after': retryAfter });
          const result = await settle(rest.aggTrades({ symbol: 'BTCUSDT', fromId: 1 }));
          assert.ok(result instanceof RateLimitedError, `status ${status} gave ${String(result)}`);
          assert.ok(Number.isFinite(result.retryAt) && result.retryAt >= NOW, `retryAt ${result.retryAt}`);
          assert.ok(rest.blockedUntil >= NOW);
        },
      ),
      RUNS,
    );
  });

  it('any other error status with any plain body is an EngineError naming the path', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(400, 401, 404, 500, 502, 503, 504),
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.record({ code: fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), msg: fc.string({ maxLength: 20 }) }).map((o) => JSON.stringify(o)),
        ),
        async (status, body) => {
          const result = await settle(restAnswering(status, body).klines({ symbol: 'BTCUSDT', interval: '1m' }));
          assert.ok(result instanceof EngineError, `status ${status} resolved`);
          assert.match(result.message, /klines|invalid symbol/);
        },
      ),
      RUNS,
    );
  });

  it('451 / 403 with any body is the one refusal message (RESTRICTED_LOCATION / FORBIDDEN), whatever the body says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(451, 403), fc.oneof(fc.string({ maxLength: 60 }), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v))), async (status, body) => {
        const result = await settle(restAnswering(status, body).klines({ symbol: 'BTCUSDT', interval: '1m' }));
        assert.ok(result instanceof EngineError, `status ${status} resolved`);
        assert.equal(result.code, status === 451 ? 'RESTRICTED_LOCATION' : 'FORBIDDEN');
        assert.equal(result.message, `Binance futures is not available from this network (HTTP ${status}: ${status === 451 ? 'restricted location' : "refused by Binance's firewall"})`);
      }),
      RUNS,
    );
  });

  const tricky = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(fc.constantFrom('toString', 'valueOf', 'symbol'), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 2 }),
  );
  const symbolEntry = fc.oneof(
    tricky,
    fc.record(
      {
        symbol: fc.oneof(fc.constant('BTCUSDT'), tricky),
        pair: tricky,
        status: fc.constant('TRADING'),
        pricePrecision: fc.oneof(fc.integer({ min: 0, max: 8 }), tricky),
        quantityPrecision: fc.oneof(fc.integer({ min: 0, max: 8 }), tricky),
        filters: fc.oneof(tricky, fc.array(fc.record({ filterType: fc.constantFrom('PRICE_FILTER', 'LOT_SIZE'), tickSize: tricky, stepSize: tricky }), { maxLength: 2 })),
      },
      { requiredKeys: [] },
    ),
  );

  it('exchangeInfo: any 200 body gives symbols with finite precisions, or an EngineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(symbolEntry, { maxLength: 4 }).map((symbols) => JSON.stringify({ symbols })), bodyOf(symbolEntry)), async (body) => {
        const result = await settle(restAnswering(200, body).exchangeInfo());
        if (result instanceof EngineError) return;
        for (const info of result) {
          assert.equal(typeof info.symbol, 'string');
          assert.ok(Number.isFinite(info.pricePrecision) && Number.isFinite(info.quantityPrecision), JSON.stringify(info));
          for (const size of [info.tickSize, info.stepSize]) assert.ok(size === undefined || Number.isFinite(size), JSON.stringify(info));
        }
      }),
      RUNS,
    );
  });

  it('an error status whose body has any code / msg values is an EngineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(400, 404, 500, 503), tricky, tricky, async (status, code, msg) => {
        const result = await settle(restAnswering(status, JSON.stringify({ code, msg })).serverTime());
        assert.ok(result instanceof EngineError);
      }),
      RUNS,
    );
  });
});
