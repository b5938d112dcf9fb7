// Property-based tests of the file importers: each format's header (so detection picks it) followed by
// random lines — valid, mutated, truncated or garbage. importTicks / importBars never throw anything but an
// EngineError, never yield a non-finite value, and account for every line (records + skipped + bad).
import { strict as assert } from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import fc from 'fast-check';
import { importBars, importTicks } from '../../src/engine/import/importFile';
import { EngineError } from '../../src/engine/errors';

const token = fc.oneof(
  fc.constantFrom('', ' ', '1', '0', '-1', '1.5', '61800.30', '0.006', '1e400', '-1e400', 'NaN', 'Infinity', 'true', 'false', 'TRUE', 'abc', '"x"', '1721347022497', '1721347022497123', '99999999999999999999999', '2024-07-19T00:00:00Z', '2024-07-19'),
  fc.string({ maxLength: 8 }).filter((s) => !s.includes('\n') && !s.includes('\r')),
);

const csvLine = (width: number) => fc.array(token, { minLength: 0, maxLength: width + 2 }).map((f) => f.join(','));

/** A valid CSV row with one or two fields replaced by a token (a huge number, NaN, text, nothing…). */
const mutatedCsv = (valid: string) =>
  fc.array(fc.tuple(fc.nat(), token), { minLength: 1, maxLength: 2 }).map((edits) => {
    const fields = valid.split(',');
    for (const [i, t] of edits) fields[i % fields.length] = t;
    return fields.join(',');
  });
const csvNoise = (valid: string) => fc.oneof(csvLine(valid.split(',').length), mutatedCsv(valid));

const wrongJson = fc.oneof(fc.constantFrom(null, '', 'NaN', '1e400', -1, 0, 1e308, 2 ** 64, [], {}, true), fc.string({ maxLength: 6 }));

/** A JSON line from a valid object with one field removed or replaced, or cut short. */
function mutatedJson(valid: Record<string, unknown>, nested?: string): fc.Arbitrary<string> {
  const keys = Object.keys(nested ? (valid[nested] as Record<string, unknown>) : valid);
  return fc.tuple(fc.constantFrom(...keys), fc.option(wrongJson, { nil: undefined }), fc.integer({ min: 0, max: 3 })).map(([key, value, mode]) => {
    const copy = structuredClone(valid);
    const target = (nested ? copy[nested] : copy) as Record<string, unknown>;
    if (value === undefined) delete target[key];
    else target[key] = value;
    const text = JSON.stringify(copy);
    return mode === 0 ? text.slice(0, text.length >> 1) : text;
  });
}

interface FormatCase {
  name: string;
  file: string;
  header: string;
  valid: string;
  noise: fc.Arbitrary<string>;
  bars?: boolean;
}

const AGG = { e: 'aggTrade', E: 1721347022500, a: 2196456951, s: 'BTCUSDT', p: '61800.30', q: '0.006', f: 5266583935, l: 5266583937, T: 1721347022497, m: false };
const TRADE = { e: 'trade', E: 1721347022500, T: 1721347022497, s: 'BTCUSDT', t: 5266583935, p: '61800.30', q: '0.006', X: 'MARKET', m: false };
const COLLECTOR = { symbol: 'BTCUSDT', ts: '2025-11-01T09:50:49.841Z', price: 109983.4, size: 0.04 };

const CASES: FormatCase[] = [
  { name: 'recording', file: 'btcusdt_rec.txt', header: `1721347020984480942 ${JSON.stringify({ stream: 'btcusdt@trade', data: TRADE })}`, valid: `1721347020984480943 ${JSON.stringify({ stream: 'btcusdt@trade', data: TRADE })}`, noise: mutatedJson({ stream: 'btcusdt@trade', data: TRADE }, 'data').map((t) => `1721347020984480944 ${t}`) },
  { name: 'combined-json', file: 'frames.jsonl', header: JSON.stringify({ stream: 'btcusdt@aggTrade', data: AGG }), valid: JSON.stringify({ stream: 'btcusdt@aggTrade', data: AGG }), noise: mutatedJson({ stream: 'btcusdt@aggTrade', data: AGG }, 'data') },
  { name: 'event-json', file: 'events.jsonl', header: JSON.stringify(AGG), valid: JSON.stringify(AGG), noise: mutatedJson(AGG) },
  { name: 'collector-ndjson', file: 'collector.ndjson', header: JSON.stringify(COLLECTOR), valid: JSON.stringify(COLLECTOR), noise: mutatedJson(COLLECTOR) },
  { name: 'vision-trades-csv', file: 'BTCUSDT-trades-2024-07.csv', header: 'id,price,qty,quote_qty,time,is_buyer_maker', valid: '5266583935,61800.30,0.006,370.8,1721347022497,false', noise: csvNoise('5266583935,61800.30,0.006,370.8,1721347022497,false') },
  { name: 'vision-aggtrades-csv', file: 'BTCUSDT-aggTrades-2024-07.csv', header: 'agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker', valid: '2196456951,61800.30,0.006,5266583935,5266583937,1721347022497,true', noise: csvNoise('2196456951,61800.30,0.006,5266583935,5266583937,1721347022497,true') },
];

const OHLC: FormatCase = {
  name: 'ohlc-csv',
  file: 'BTCUSDT-1m.csv',
  header: 'time,open,high,low,close,volume,trades,vwap',
  valid: '1721347020000,100,101,99,100.5,3.2,17,100.2',
  noise: csvNoise('1721347140000,100,101,99,100.5,3.2,17,100.2'),
  bars: true,
};

const body = (c: FormatCase) =>
  fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(c.valid) }, { weight: 3, arbitrary: c.noise }, { weight: 1, arbitrary: fc.constant('') }), { maxLength: 25 });

interface Counted {
  lines: number;
  records: number;
  skipped: number;
  bad: number;
}

function assertAccounted(report: Counted, yielded: number, lines: number): void {
  assert.equal(report.records, yielded, 'records = items yielded');
  assert.equal(report.records + report.skipped + report.bad, report.lines, `every line accounted for: ${JSON.stringify(report)}`);
  assert.ok(report.lines <= lines + 1);
}

describe('reliability/importer properties', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'qp-import-prop-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function drain<T>(iterable: AsyncIterable<T>, check: (item: T) => void): Promise<number | EngineError> {
    let n = 0;
    try {
      for await (const item of iterable) {
        check(item);
        n++;
      }
      return n;
    } catch (err) {
      assert.ok(err instanceof EngineError, `threw ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`);
      return err;
    }
  }

  for (const c of CASES) {
    it(`${c.name}: random lines after a valid first line give finite ticks, counted bad lines, no other exception`, async () => {
      await fc.assert(
        fc.asyncProperty(body(c), fc.boolean(), async (lines, gz) => {
          const text = [c.header, c.valid, ...lines].join('\n');
          const path = join(dir, gz ? `${c.file}.gz` : c.file);
          writeFileSync(path, gz ? gzipSync(text) : text);
          const imp = importTicks(path);
          const result = await drain(imp, (t) => {
            assert.ok([t.time, t.price, t.qty, t.id].every(Number.isFinite), JSON.stringify(t));
            assert.ok(t.price > 0 && t.qty >= 0);
          });
          if (typeof result === 'number') {
            assert.equal(imp.report.format, c.name);
            assertAccounted(imp.report, result, lines.length + 2);
            assert.ok(imp.report.records >= 1, 'the valid first line is read');
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it('ohlc-csv: random rows after the header give finite bars or counted bad rows, no other exception', async () => {
    await fc.assert(
      fc.asyncProperty(body(OHLC), async (lines) => {
        const path = join(dir, OHLC.file);
        writeFileSync(path, [OHLC.header, OHLC.valid, '1721347080000,100,101,99,100.5,3.2,17,100.2', ...lines].join('\n'));
        const imp = importBars(path);
        const result = await drain(imp, (b) => {
          assert.ok([b.openTime, b.open, b.high, b.low, b.close, b.volume, b.trades, b.vwap].every(Number.isFinite), JSON.stringify(b));
          assert.ok(b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close));
        });
        if (typeof result === 'number') assertAccounted(imp.report, result, lines.length + 3);
      }),
      { numRuns: 60 },
    );
  });

  it('binary garbage, plain or as a truncated .gz, is refused with an EngineError or read with counted lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('plain', 'gz', 'truncated-gz'), async (bytes, kind) => {
        const valid = Buffer.from([CASES[1].header, CASES[1].valid].join('\n'));
        const content = kind === 'plain' ? Buffer.from(bytes) : kind === 'gz' ? gzipSync(Buffer.from(bytes)) : gzipSync(Buffer.concat([valid, bytes])).subarray(0, 20 + (bytes.length % 40));
        const path = join(dir, kind === 'plain' ? 'garbage.bin' : 'garbage.gz');
        writeFileSync(path, content);
        const imp = importTicks(path);
        const result = await drain(imp, (t) => assert.ok([t.time, t.price, t.qty, t.id].every(Number.isFinite)));
        if (typeof result === 'number') assertAccounted(imp.report, result, Infinity);
      }),
      { numRuns: 60 },
    );
  });
});
