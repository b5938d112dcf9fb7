// Property-based tests of the feed's WebSocket frame parser (parseFrame): whatever arrives, it never throws,
// reports each frame exactly once (tick, control reply or malformed), and a tick it yields is all finite.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { parseFrame, type ControlReply, type FrameHandler } from '../../src/engine/feed/parse';
import type { StreamKind, Tick } from '../../src/engine/types';

interface Outcome {
  ticks: Tick[];
  controls: ControlReply[];
  malformed: number;
}

function parse(text: string, kind: StreamKind): Outcome {
  const out: Outcome = { ticks: [], controls: [], malformed: 0 };
  const handler: FrameHandler = { tick: (t) => out.ticks.push(t), control: (c) => out.controls.push(c), malformed: () => out.malformed++ };
  parseFrame(text, kind, handler);
  return out;
}

function assertSaneTick(t: Tick): void {
  assert.ok(typeof t.symbol === 'string' && t.symbol.length > 0, 'symbol');
  assert.ok(Number.isSafeInteger(t.id) && t.id >= 0, `id ${t.id}`);
  assert.ok(Number.isSafeInteger(t.time) && t.time > 0, `time ${t.time}`);
  assert.ok(Number.isFinite(t.price) && t.price > 0, `price ${t.price}`);
  assert.ok(Number.isFinite(t.qty) && t.qty > 0, `qty ${t.qty}`);
  assert.equal(typeof t.buyerIsMaker, 'boolean');
}

function assertOneOutcome(o: Outcome): void {
  assert.equal(o.ticks.length + o.controls.length + o.malformed, 1, 'each frame has exactly one outcome');
  o.ticks.forEach(assertSaneTick);
}

/** Decimal text as Binance sends prices and quantities. */
const decimalText = fc
  .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 8 }))
  .map(([i, f, d]) => (d === 0 ? `${i || 1}` : `${i}.${String(f).padStart(8, '0').slice(0, d)}`))
  .filter((text) => Number(text) > 0);

const validAggTrade = fc.record({
  e: fc.constant('aggTrade'),
  E: fc.integer({ min: 1, max: 2 ** 42 }),
  a: fc.maxSafeNat(),
  s: fc.stringMatching(/^[A-Z0-9]{2,12}$/),
  p: decimalText,
  q: decimalText,
  nq: decimalText,
  f: fc.maxSafeNat(),
  l: fc.maxSafeNat(),
  T: fc.integer({ min: 1, max: 2 ** 42 }),
  m: fc.boolean(),
});

/** Extra fields Binance has added or may add (st, nq, ps, …) and arbitrary others. */
const extraFields = fc.dictionary(fc.constantFrom('st', 'nq', 'ps', 'X', 'x', 'M', 'zz', 'pp'), fc.jsonValue(), { maxKeys: 4 });

const RUNS = { numRuns: 400 };

describe('reliability/frame parser properties', function () {
  this.timeout(20_000);
  it('any string at all: never throws, one outcome, no non-finite tick', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom<StreamKind>('aggTrade', 'trade'), (text, kind) => {
        assertOneOutcome(parse(text, kind));
      }),
      RUNS,
    );
  });

  it('any JSON value, bare or as the data of a combined frame: never throws, one outcome', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, combined) => {
        const text = JSON.stringify(combined ? { stream: 'btcusdt@aggTrade', data: value } : value) ?? 'null';
        assertOneOutcome(parse(text, 'aggTrade'));
      }),
      RUNS,
    );
  });

  it('a valid aggTrade with extra fields gives exactly the tick the fields say (combined or raw)', () => {
    fc.assert(
      fc.property(validAggTrade, extraFields, fc.boolean(), (event, extra, combined) => {
        const data = { ...extra, ...event };
        const text = JSON.stringify(combined ? { stream: `${event.s.toLowerCase()}@aggTrade`, data } : data);
        const o = parse(text, 'aggTrade');
        assert.equal(o.malformed, 0);
        assert.deepEqual(o.ticks, [{ symbol: event.s, time: event.T, price: Number(event.p), qty: Number(event.q), id: event.a, buyerIsMaker: event.m }]);
      }),
      RUNS,
    );
  });

  it('any prefix of a valid frame (a truncated frame) is malformed, never a tick', () => {
    fc.assert(
      fc.property(validAggTrade, fc.double({ min: 0, max: 1, noNaN: true }), (event, cut) => {
        const text = JSON.stringify({ stream: 'x@aggTrade', data: event });
        const prefix = text.slice(0, Math.floor(cut * (text.length - 1)));
        const o = parse(prefix, 'aggTrade');
        assert.equal(o.ticks.length, 0);
        assert.equal(o.malformed, 1);
      }),
      RUNS,
    );
  });

  const requiredKeys = ['e', 'a', 's', 'p', 'q', 'T', 'm'] as const;
  const wrongValue = fc.oneof(
    fc.constant(null),
    fc.constant(''),
    fc.constant('NaN'),
    fc.constant('Infinity'),
    fc.constant('-1'),
    fc.constant('1e400'),
    fc.constant(1e400 as number),
    fc.constant(2 ** 64),
    fc.constant(-5),
    fc.constant(1.5),
    fc.constant('12abc'),
    fc.constant([]),
    fc.constant({}),
    fc.boolean(),
  );

  it('a required field missing or of a wrong type / out of range is counted malformed and yields no tick', () => {
    fc.assert(
      fc.property(validAggTrade, fc.constantFrom(...requiredKeys), fc.option(wrongValue, { nil: undefined }), (event, key, value) => {
        const data: Record<string, unknown> = { ...event };
        if (value === undefined) delete data[key];
        else data[key] = value;
        // Replacements that are still valid: another boolean for m; any non-empty string is a symbol (the feed
        // ignores symbols it did not subscribe to).
        if (key === 'm' && typeof value === 'boolean') return;
        if (key === 's' && typeof value === 'string' && value !== '') return;
        const text = JSON.stringify({ stream: 'x@aggTrade', data });
        const o = parse(text, 'aggTrade');
        assert.equal(o.ticks.length, 0, `${key}=${JSON.stringify(value)} gave a tick`);
        assert.equal(o.malformed, 1);
      }),
      RUNS,
    );
  });

  it('huge numbers on the wire (ids beyond 2^53, 400-digit prices) never become a tick', () => {
    fc.assert(
      fc.property(validAggTrade, fc.integer({ min: 16, max: 400 }), fc.constantFrom('a', 'T', 'p', 'q'), (event, digits, key) => {
        const huge = '9'.repeat(digits);
        const base = JSON.stringify({ stream: 'x@aggTrade', data: event });
        const text = key === 'a' || key === 'T' ? base.replace(new RegExp(`"${key}":\\d+`), `"${key}":${huge}`) : base.replace(new RegExp(`"${key}":"[^"]*"`), `"${key}":"${huge}e400"`);
        const o = parse(text, 'aggTrade');
        assert.equal(o.ticks.length, 0);
        assert.equal(o.malformed, 1);
      }),
      RUNS,
    );
  });

  /** JSON values including objects that shadow toString / valueOf, which String(value) cannot convert. */
  const trickyJson = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(fc.constantFrom('toString', 'valueOf', 'constructor', '__proto__', 'code'), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1, maxKeys: 3 }),
  );

  it('control replies and error bodies with any values in code / msg / error never throw and are one control outcome', () => {
    fc.assert(
      fc.property(trickyJson, trickyJson, fc.constantFrom('top', 'nested'), (code, msg, where) => {
        const body = where === 'top' ? { code, msg, id: 1 } : { error: { code, msg }, id: 1 };
        const o = parse(JSON.stringify(body), 'aggTrade');
        assert.equal(o.controls.length, 1);
        assert.equal(typeof o.controls[0].error, 'string');
      }),
      RUNS,
    );
  });
});
