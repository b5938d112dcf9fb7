// The byte scanner must give exactly what the JSON path gives, on every frame shape: it either returns the
// same tick or declines (undefined), and parseFrame (scanner, then JSON fallback) reports the same outcome as
// the JSON path alone. It must also actually take the frames Binance and the local exchange send.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { parseFrame, parseFrameJson, type ControlReply, type FrameHandler } from '../../../src/engine/feed/parse';
import { TradeFrameScanner } from '../../../src/engine/feed/tradeScanner';
import { aggTradeEvent, combinedFrame, tradeEvent } from '../../../tools/local-exchange/wireFormat';
import type { StreamKind, Tick } from '../../../src/engine/types';

type Outcome = Array<['tick', Tick] | ['control', ControlReply] | ['malformed', string, string]>;

function outcome(parse: (handler: FrameHandler) => void): Outcome {
  const out: Outcome = [];
  parse({ tick: (t) => out.push(['tick', t]), control: (c) => out.push(['control', c]), malformed: (r, text) => out.push(['malformed', r, text]) });
  return out;
}

/** JSON path on the text the socket's bytes decode to (what the feed did before the scanner). */
const viaJson = (bytes: Buffer, kind: StreamKind) => outcome((h) => parseFrameJson(bytes.toString('utf8'), kind, h));
const viaParseFrame = (bytes: Buffer, kind: StreamKind) => outcome((h) => parseFrame(bytes, kind, h));

const scanner = new TradeFrameScanner();

/** The scanner's answer must be undefined or the JSON path's tick; parseFrame's whole outcome the JSON path's. */
function assertSameAsJson(text: string, kind: StreamKind): Tick | undefined {
  const bytes = Buffer.from(text, 'utf8');
  const expected = viaJson(bytes, kind);
  const scanned = scanner.scan(bytes, kind);
  if (scanned !== undefined) assert.deepEqual([['tick', scanned]], expected, `scanner tick differs for ${text}`);
  assert.deepEqual(viaParseFrame(bytes, kind), expected, `parseFrame differs for ${text}`);
  assert.deepEqual(outcome((h) => parseFrame(text, kind, h)), expected, `parseFrame(text) differs for ${text}`);
  return scanned;
}

// ---- frame generators: a frame is built as text, field by field, so that order, spacing, escapes and number
// spellings that JSON.stringify never produces are all reachable.

const space = fc.constantFrom('', '', '', ' ', '\n', '\t ', '\r\n');

/** A JSON string literal of `value`, sometimes with some characters written as \uXXXX or other escapes. */
function quoted(value: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(JSON.stringify(value)) },
    {
      weight: 1,
      arbitrary: fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }).map(
        (escape) => `"${[...value].map((ch, i) => (escape[i] ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : JSON.stringify(ch).slice(1, -1))).join('')}"`,
      ),
    },
  );
}

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));

/** Integer spellings: plain, huge, fraction, exponent, negative, leading zero, as a string, or not a number. */
const integerText = fc.oneof(
  { weight: 60, arbitrary: fc.maxSafeNat().map(String) },
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 1000 }).map(String) },
  { weight: 1, arbitrary: digits(15, 400).map((d) => `9${d}`) },
  { weight: 1, arbitrary: fc.maxSafeNat().map((n) => `${n}.0`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }).map((n) => `${n}e${n % 5}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }).map((n) => `${n}E+2`) },
  { weight: 1, arbitrary: fc.maxSafeNat().map((n) => `-${n}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 999 }).map((n) => `0${n}`) },
  { weight: 1, arbitrary: fc.maxSafeNat().map((n) => `"${n}"`) },
  { weight: 1, arbitrary: fc.constantFrom('null', 'true', '[]', '{}', '1.5', '-0', '0', '1e400', '') },
);

/** Price / quantity spellings: Binance's decimals, and everything `+text` reads differently or not at all. */
const decimalText = fc.oneof(
  { weight: 30, arbitrary: fc.tuple(digits(1, 7), digits(0, 8)).map(([i, f]) => (f === '' ? i : `${i}.${f}`)) },
  { weight: 1, arbitrary: fc.tuple(digits(10, 30), digits(1, 30)).map(([i, f]) => `${i}.${f}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '0', '0.000', '.5', '5.', '1e3', '1E-2', ' 12', '12 ', '0x1F', 'Infinity', 'NaN', '-1', '+1', '1_0', '١٢') },
).chain((text) => fc.oneof({ weight: 20, arbitrary: quoted(text) }, { weight: 1, arbitrary: fc.constantFrom(text === '' ? '0' : text, 'null', '12.5') }));

const symbolText = fc
  .oneof({ weight: 20, arbitrary: fc.constantFrom('BTCUSDT', 'ETHUSDT', 'SOLUSDT', '1000PEPEUSDT') }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom('', 'BTC"USDT', 'ÉTHUSDT', 'BTC\u0001') })
  .chain((s) => fc.oneof({ weight: 20, arbitrary: quoted(s) }, { weight: 1, arbitrary: fc.constantFrom('null', '7', '["BTCUSDT"]') }));

const eventName = (kind: StreamKind) =>
  fc.oneof({ weight: 20, arbitrary: fc.constant(kind) }, { weight: 1, arbitrary: fc.constantFrom('aggTrade', 'trade', 'kline', 'AggTrade', '') }).chain((e) =>
    fc.oneof({ weight: 20, arbitrary: quoted(e) }, { weight: 1, arbitrary: fc.constantFrom('null', '1') }),
  );

const booleanText = fc.oneof({ weight: 20, arbitrary: fc.constantFrom('true', 'false') }, { weight: 1, arbitrary: fc.constantFrom('"true"', '0', '1', 'null', 'tru', 'True') });

/** Any flat or nested JSON value, for fields the tick does not use. */
const otherValue = fc.oneof(
  { weight: 3, arbitrary: integerText },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }).chain(quoted) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
);

/** Binance's own spellings only (the frames differ by field order, extra and repeated fields). */
const plain = {
  integer: fc.maxSafeNat().map(String),
  decimal: fc.tuple(digits(1, 7), digits(0, 8)).map(([i, f]) => `"${f === '' ? i : `${i}.${f}`}"`),
  symbol: fc.constantFrom('"BTCUSDT"', '"ETHUSDT"', '"SOLUSDT"'),
  boolean: fc.constantFrom('true', 'false'),
  other: fc.oneof(fc.maxSafeNat().map(String), fc.stringMatching(/^[A-Za-z0-9 .@_-]{0,8}$/).map((t) => JSON.stringify(t)), fc.constantFrom('true', 'false', 'null')),
};

/** The fields of an event of `kind`: each present (usually), in Binance's spelling or (unless `clean`) a variant. */
function eventFields(kind: StreamKind, clean = false): fc.Arbitrary<Array<[string, string]>> {
  const idKey = kind === 'aggTrade' ? 'a' : 't';
  const v = clean
    ? { event: fc.constant(JSON.stringify(kind)), integer: plain.integer, decimal: plain.decimal, symbol: plain.symbol, boolean: plain.boolean, other: plain.other }
    : { event: eventName(kind), integer: integerText, decimal: decimalText, symbol: symbolText, boolean: booleanText, other: otherValue };
  const entry = (key: string, value: fc.Arbitrary<string>, presence = 0.97) =>
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), value).map(([r, v]) => (r < presence ? ([[key, v]] as Array<[string, string]>) : []));
  return fc
    .tuple(
      entry('e', v.event),
      entry('E', v.integer),
      entry(idKey, v.integer),
      entry('s', v.symbol),
      entry('p', v.decimal),
      entry('q', v.decimal),
      entry('T', v.integer),
      entry('m', v.boolean),
      entry(kind === 'aggTrade' ? 'f' : 'X', v.other, 0.8),
      entry(kind === 'aggTrade' ? 't' : 'a', v.integer, 0.1),
      fc.array(fc.tuple(fc.constantFrom('nq', 'l', 'st', 'zz', '', 'data', 'stream', '__proto__', 'e', 'p', 'a', 'T', 'm', 's'), v.other), { maxLength: 3 }),
    )
    .map(([...groups]) => groups.flat() as Array<[string, string]>);
}

/** A field list in a random order, keys maybe escaped, with random spacing, as an object's text. */
function objectText(fields: fc.Arbitrary<Array<[string, string]>>, spacing = fc.boolean()): fc.Arbitrary<string> {
  return fields
    .chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))
    .chain((list) => fc.tuple(fc.tuple(...list.map(([k]) => quoted(k))), spacing.chain((spaced) => fc.array(spaced ? space : fc.constant(''), { minLength: 4 * list.length + 2, maxLength: 4 * list.length + 2 }))).map(([keys, ws]) => {
      const parts = list.map(([, value], i) => `${ws[4 * i]}${keys[i]}${ws[4 * i + 1]}:${ws[4 * i + 2]}${value}${ws[4 * i + 3]}`);
      return `${ws[ws.length - 2]}{${parts.join(',')}}${ws[ws.length - 1]}`;
    }));
}

/** Combined, bare, or combined with the wrapper's keys reordered, extended or spaced. */
function frameText(kind: StreamKind): fc.Arbitrary<string> {
  const event = fc.oneof(objectText(eventFields(kind)), objectText(eventFields(kind, true), fc.constant(false)));
  return fc.oneof(
    { weight: 4, arbitrary: event.map((data) => `{"stream":"btcusdt@${kind}","data":${data.trim()}}`) },
    { weight: 2, arbitrary: event },
    {
      weight: 1,
      arbitrary: event.chain((data) =>
        objectText(fc.tuple(fc.constant<[string, string]>(['stream', '"btcusdt@aggTrade"']), fc.constant<[string, string]>(['data', data]), fc.option(fc.tuple(fc.constantFrom('data', 'id', 'result'), otherValue), { nil: undefined })).map(([s, d, x]) => (x ? [s, d, x] : [s, d]))),
      ),
    },
  );
}

/** Binance's exact wire text of an aggTrade / trade event, as tools/local-exchange/wireFormat.ts writes it. */
const wireEvent = (kind: StreamKind) =>
  fc
    .record({
      id: fc.maxSafeNat(),
      time: fc.integer({ min: 1, max: 2 ** 42 }),
      eventTime: fc.integer({ min: 1, max: 2 ** 42 }),
      priceText: fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), digits(0, 8)).map(([i, f]) => (f === '' ? `${i || 1}` : `${i}.${f}`)).filter((t) => Number(t) > 0),
      qtyText: fc.tuple(fc.integer({ min: 0, max: 99_999 }), digits(0, 3)).map(([i, f]) => (f === '' ? `${i || 1}` : `${i}.${f}`)).filter((t) => Number(t) > 0),
      firstTradeId: fc.maxSafeNat(),
      lastTradeId: fc.maxSafeNat(),
      buyerIsMaker: fc.boolean(),
      symbol: fc.constantFrom('BTCUSDT', 'ETHUSDT', '1000PEPEUSDT'),
    })
    .map((v) => ({ v, text: kind === 'aggTrade' ? aggTradeEvent(v.symbol, v) : tradeEvent(v.symbol, { ...v, price: Number(v.priceText), qty: Number(v.qtyText) }) }));

const RUNS = { numRuns: 3000 };
const kinds = fc.constantFrom<StreamKind>('aggTrade', 'trade');

describe('feed/tradeScanner', function () {
  this.timeout(60_000);

  it('takes every frame the local exchange (Binance\'s field order) sends, combined or bare, with the fields it says', () => {
    fc.assert(
      fc.property(kinds, fc.boolean(), (kind, combined) => {
        fc.assert(
          fc.property(wireEvent(kind), ({ v, text }) => {
            const frame = combined ? combinedFrame(`${v.symbol.toLowerCase()}@${kind}`, text) : text;
            const tick = assertSameAsJson(frame, kind);
            // Independent expectation: the values the frame was built from.
            assert.deepEqual(tick, { symbol: v.symbol, time: v.time, price: Number(v.priceText), qty: Number(v.qtyText), id: v.id, buyerIsMaker: v.buyerIsMaker });
          }),
          { numRuns: 300 },
        );
      }),
      { numRuns: 4 },
    );
  });

  it('on generated frames (any field order, spacing, \\u escapes, huge or odd numbers, missing, repeated or extra fields) gives what the JSON path gives', () => {
    let taken = 0;
    let total = 0;
    fc.assert(
      fc.property(kinds.chain((kind) => fc.tuple(fc.constant(kind), frameText(kind))), ([kind, text]) => {
        total++;
        if (assertSameAsJson(text, kind) !== undefined) taken++;
      }),
      RUNS,
    );
    // The generators must reach both sides: frames the scanner takes and frames it leaves to JSON.
    assert.ok(taken > total * 0.02 && taken < total * 0.9, `scanner took ${taken} of ${total}`);
    if (process.env.SCANNER_SHARE) console.log(`scanner took ${taken} of ${total}`);
  });

  it('on arbitrary text, JSON values and truncations of valid frames gives what the JSON path gives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), kinds, (text, kind) => void assertSameAsJson(text, kind)),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.boolean(), (value, combined) => void assertSameAsJson(JSON.stringify(combined ? { stream: 'x@aggTrade', data: value } : value) ?? 'null', 'aggTrade')),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(wireEvent('aggTrade'), fc.double({ min: 0, max: 1, noNaN: true }), ({ text }, cut) => {
        const frame = combinedFrame('btcusdt@aggTrade', text);
        assertSameAsJson(frame.slice(0, Math.floor(cut * frame.length)), 'aggTrade');
      }),
      { numRuns: 1000 },
    );
  });

  const AGG = '{"e":"aggTrade","E":1721347022500,"a":2196456951,"s":"BTCUSDT","p":"61800.30","q":"0.006","nq":"0.006","f":5266583935,"l":5266583937,"T":1721347022497,"m":false}';
  const cases: Array<[string, string, boolean]> = [
    ['the canonical combined frame', `{"stream":"btcusdt@aggTrade","data":${AGG}}`, true],
    ['a repeated price (the last wins, as in JSON.parse)', AGG.replace('"m":false', '"m":false,"p":"61801.5"'), true],
    ['an escaped key', AGG.replace('"p":', '"\\u0070":'), false],
    ['an escaped symbol', AGG.replace('"BTCUSDT"', '"BTC\\u0055SDT"'), false],
    ['an id written 2196456951.0', AGG.replace('2196456951', '2196456951.0'), false],
    ['a time written with an exponent', AGG.replace('1721347022497', '1.721347022497e12'), false],
    ['a leading zero in a skipped field', AGG.replace('"E":1721347022500', '"E":01721347022500'), false],
    ['a price with 16 digits', AGG.replace('"61800.30"', '"61800.30000000001"'), false],
    ['whitespace after the colon', AGG.replace('"a":', '"a": '), false],
    ['a trade time of 0', AGG.replace('1721347022497', '0'), false],
    ['an id of 2^53 (not a safe integer)', AGG.replace('2196456951', '9007199254740992'), false],
    ['an id of 2^53 - 1', AGG.replace('2196456951', '9007199254740991'), true],
    ['a price of 0.000', AGG.replace('"61800.30"', '"0.000"'), false],
    ['a quantity written .5', AGG.replace('"0.006"', '".5"'), false],
    ['a raw control character in a skipped string', AGG.replace('"nq":"0.006"', '"nq":"0.0\u0001"'), false],
    ['a control reply', '{"result":null,"id":7}', false],
    ['trailing text', `${AGG}x`, false],
  ];
  for (const [what, text, taken] of cases) {
    it(`${what}: ${taken ? 'scanned' : 'left to the JSON path'}, same outcome`, () => {
      const tick = assertSameAsJson(text, 'aggTrade');
      assert.equal(tick !== undefined, taken);
    });
  }

  it('reuses one string per symbol (no new string per frame)', () => {
    const a = scanner.scan(Buffer.from(AGG), 'aggTrade');
    const b = scanner.scan(Buffer.from(AGG.replace('2196456951', '2196456952')), 'aggTrade');
    assert.ok(a && b);
    assert.equal(a.symbol, 'BTCUSDT');
    assert.equal(b.id, 2196456952);
    assert.ok(Object.is(a.symbol, b.symbol));
  });
});
