// Hostile command arguments: what a user types, what another extension passes to our commands, and files
// that are not what they claim. Every path ends in a message or a typed EngineError, never a throw of
// something else, never NaN.
import { strict as assert } from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import fc from 'fast-check';
import {
  normaliseTypedSymbol,
  parsePairArgument,
  validateCooldownInput,
  validateThresholdInput,
  validateWindowInput,
} from '../../src/extension/inputValidation';
import { PAIR_ID_PATTERN, SYMBOL_PATTERN } from '../../src/shared/constants';
import { parsePair } from '../../src/extension/settingsModel';
import { validatePairSymbols } from '../../src/engine/desk/validatePair';
import { loadPairFiles } from '../../src/engine/desk/loadFiles';
import { EngineError } from '../../src/engine/errors';
import { readLines } from '../../src/engine/import/lines';

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ minLength: 1000, maxLength: 100_000 }), fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '0x10', '1_000', '١٢', '10\n', ' 20 ', '-0', '+5', '5e1'));

describe('security: typed command arguments (property-based)', () => {
  it('window: accepted only as a whole number from 10 to 5000; never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const message = validateWindowInput(text);
        if (message === undefined) {
          const n = Number(text.trim());
          assert.ok(/^\d+$/.test(text.trim()) && n >= 10 && n <= 5000, `accepted ${JSON.stringify(text)}`);
        } else assert.ok(message.length > 0);
      }),
      { numRuns: 2000 },
    );
    for (const bad of ['9', '5001', '10.5', '1e3', '-10', 'NaN', '', '9'.repeat(400)]) assert.ok(validateWindowInput(bad), bad);
    for (const good of ['10', '5000', ' 250 ']) assert.equal(validateWindowInput(good), undefined, good);
  });

  it('thresholds: accepted only as finite decimals within ±1e9 (positive for |z| rules)', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (text, positive) => {
        const message = validateThresholdInput(text, positive);
        if (message !== undefined) return;
        const n = Number(text.trim());
        assert.ok(Number.isFinite(n) && Math.abs(n) <= 1e9, `accepted ${JSON.stringify(text)}`);
        if (positive) assert.ok(n > 0, `accepted ${text} for |z|`);
      }),
      { numRuns: 2000 },
    );
    for (const bad of ['NaN', 'Infinity', '1e999', '0x10', '2,5', '1e10', '']) assert.ok(validateThresholdInput(bad, false), bad);
    assert.ok(validateThresholdInput('0', true));
    assert.ok(validateThresholdInput('-2', true));
    assert.equal(validateThresholdInput('-2.5', false), undefined);
  });

  it('cooldown: whole seconds up to a day', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        if (validateCooldownInput(text) === undefined) assert.ok(/^\d+$/.test(text.trim()) && Number(text.trim()) <= 86_400, text);
      }),
      { numRuns: 1000 },
    );
  });

  it('symbols typed by hand are reduced to [A-Z0-9_]; pair arguments from other code are a strict pattern or nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => assert.match(normaliseTypedSymbol(text), /^[A-Z0-9_]*$/)),
      { numRuns: 1000 },
    );
    const argument = fc.oneof(anyText, fc.anything({ withNullPrototype: true }), anyText.map((pairId) => ({ pairId })));
    fc.assert(
      fc.property(argument, (arg) => {
        const id = parsePairArgument(arg);
        if (id !== undefined) assert.match(id, PAIR_ID_PATTERN);
      }),
      { numRuns: 2000 },
    );
    for (const evil of ['../../etc/passwd', 'BTCUSDT/../ETHUSDT', '/etc/passwd', 'C:\\Windows', 'BTCUSDT/ETHUSDT; rm -rf ~', '<img src=x>/ETHUSDT'])
      assert.equal(parsePairArgument(evil), undefined, evil);
  });

  it('pairs from settings: symbols, timeframe, window and regression all checked', () => {
    const defaults = { timeframe: '1m' as const, window: 100, hedge: 'ols' as const };
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true }), fc.record({ y: anyText, x: anyText, window: fc.oneof(fc.integer(), fc.double(), fc.string()) }), (raw, rec) => {
        for (const item of [raw, rec]) {
          const pair = parsePair(item, defaults);
          if (typeof pair === 'string') continue;
          assert.match(pair.y, SYMBOL_PATTERN);
          assert.match(pair.x, SYMBOL_PATTERN);
          assert.notEqual(pair.y, pair.x);
          assert.ok(Number.isInteger(pair.window) && pair.window >= 10 && pair.window <= 5000);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('exchange symbols: unknown, non-perpetual, halted or doubled give BAD_SYMBOL / BAD_ARGUMENT', () => {
    const symbols = [
      { symbol: 'BTCUSDT', status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDT' },
      { symbol: 'ETHUSDT', status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDT' },
      { symbol: 'LUNAUSDT', status: 'SETTLING', contractType: 'PERPETUAL', quoteAsset: 'USDT' },
    ];
    const code = (y: string, x: string) => {
      try {
        validatePairSymbols(y, x, symbols);
        return 'ok';
      } catch (err) {
        assert.ok(err instanceof EngineError, `threw ${String(err)}`);
        return err.code;
      }
    };
    assert.equal(code('btcusdt', 'ETHUSDT'), 'ok');
    assert.equal(code('BTCUSDT', 'BTCUSDT'), 'BAD_ARGUMENT');
    assert.equal(code('BTCUSDT', ''), 'BAD_ARGUMENT');
    assert.equal(code('BTCUSDT', 'LUNAUSDT'), 'BAD_SYMBOL');
    assert.equal(code('__proto__', 'ETHUSDT'), 'BAD_SYMBOL');
    assert.equal(code('constructor', 'ETHUSDT'), 'BAD_SYMBOL');
  });
});

describe('security: importing files that are not trade data', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'qp-sec-import-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The error loadPairFiles gives for `content` (it must give one). */
  async function importError(name: string, content: Buffer): Promise<EngineError> {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    try {
      await loadPairFiles([file]);
    } catch (err) {
      assert.ok(err instanceof EngineError, `${name}: threw ${String(err)} instead of an EngineError`);
      assert.ok(!/undefined|NaN|\[object/.test(err.message), `unclear message: ${err.message}`);
      return err;
    }
    assert.fail(`${name}: imported without an error`);
  }

  /** Deterministic pseudo-random bytes (xorshift), so a failure is reproducible. */
  function randomBytes(n: number, seed: number): Buffer {
    const out = Buffer.alloc(n);
    let s = seed >>> 0 || 1;
    for (let i = 0; i < n; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      out[i] = s & 0xff;
    }
    return out;
  }

  it('random bytes: UNKNOWN_FORMAT naming the accepted formats', async () => {
    for (const seed of [1, 2, 3]) {
      const err = await importError(`random${seed}.csv`, randomBytes(256 * 1024, seed));
      assert.equal(err.code, 'UNKNOWN_FORMAT');
      assert.match(err.message, /unknown format; accepted formats: recording/);
    }
  });

  it('a valid gzip of garbage: UNKNOWN_FORMAT', async () => {
    const err = await importError('garbage.gz', gzipSync(randomBytes(128 * 1024, 7)));
    assert.equal(err.code, 'UNKNOWN_FORMAT');
  });

  it('a gzip header followed by garbage (corrupt .gz): FILE_UNREADABLE with the reason', async () => {
    const err = await importError('corrupt.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), randomBytes(64 * 1024, 9)]));
    assert.equal(err.code, 'FILE_UNREADABLE');
    assert.match(err.message, /corrupt\.gz/);
  });

  it('a truncated gzip of real-looking lines: an EngineError, not a crash', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ symbol: i % 2 ? 'BTCUSDT' : 'ETHUSDT', ts: 1721347200000 + i, price: 100 + i, size: 1 })).join('\n');
    const gz = gzipSync(Buffer.from(lines));
    const err = await importError('truncated.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    assert.equal(err.code, 'FILE_UNREADABLE');
  });

  it('an empty file, a folder and a missing file: clear messages', async () => {
    assert.equal((await importError('empty.csv', Buffer.alloc(0))).code, 'UNKNOWN_FORMAT');
    for (const p of [dir, path.join(dir, 'missing.csv')]) {
      await assert.rejects(loadPairFiles([p]), (err: unknown) => err instanceof EngineError && err.code === 'FILE_UNREADABLE' && /Cannot read/.test(err.message));
    }
  });
});

describe('security: a file without line breaks is refused early, not read into one string', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'qp-sec-longline-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, make] of [
    ['plain', (b: Buffer) => b],
    ['gzip', (b: Buffer) => gzipSync(b)],
  ] as const) {
    it(`${name}: 6 MB on one line gives PARSE_ERROR naming the limit`, async () => {
      const file = path.join(dir, `one-line-${name}.csv`);
      writeFileSync(file, make(Buffer.concat([Buffer.from('time,open,high,low,close\n'), Buffer.alloc(6 * 2 ** 20, 0x41)])));
      await assert.rejects(loadPairFiles([file]), (err: unknown) => err instanceof EngineError && err.code === 'PARSE_ERROR' && /longer than 4 MiB/.test(err.message));
    });
  }

  it('long but legal lines (1 MB) across many chunks still read', async () => {
    const file = path.join(dir, 'long-lines.txt');
    writeFileSync(file, `# ${'x'.repeat(2 ** 20)}\n`.repeat(3) + 'last');
    const lengths: number[] = [];
    for await (const line of readLines(file)) lengths.push(line.length);
    assert.deepEqual(lengths, [2 ** 20 + 2, 2 ** 20 + 2, 2 ** 20 + 2, 4]);
  });
});
