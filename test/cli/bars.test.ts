// `bars` through the built CLI bundle, on the real recordings, checked against independent calculations:
// the figures of test/fixtures/bars/naive_1m_bars.py (Python stdlib, Decimal sums; its output is kept next
// to it) and a naive in-test recomputation straight from zlib + JSON.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { build } from 'esbuild';

const ROOT = join(__dirname, '../..');
const DATA = process.env.QP_DATA_DIR ?? join(ROOT, '../shared/data');
const BTC = ['btcusdt_20240719.gz', 'btcusdt_20240718.gz'].map((f) => join(DATA, f)); // out of order on purpose
const ETH = ['ethusdt_20240718.gz', 'ethusdt_20240719.gz'].map((f) => join(DATA, f));
const FIXTURES = join(ROOT, 'test/fixtures');

let dir: string;
let cli: string;

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'bars', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function csvRows(stdout: string): string[][] {
  const [header, ...rows] = stdout.trim().split('\n');
  assert.equal(header, 'time,symbol,open,high,low,close,volume,trades,vwap');
  return rows.map((r) => r.split(','));
}

/** Bars recomputed the plain way: every @trade of the files, sorted by (T, t), grouped by T - T mod interval. */
function naiveBars(files: string[], intervalMs: number): string[][] {
  const trades: Array<{ s: string; T: number; t: number; p: number; q: number }> = [];
  for (const file of files) {
    for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
      if (!line.includes('@trade"')) continue;
      const d = JSON.parse(line.slice(line.indexOf(' ') + 1)).data;
      trades.push({ s: d.s, T: d.T, t: d.t, p: Number(d.p), q: Number(d.q) });
    }
  }
  trades.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.T - b.T || a.t - b.t));
  const rows: string[][] = [];
  let cur: { key: string; t: number; s: string; o: number; h: number; l: number; c: number; v: number; n: number; pq: number } | undefined;
  const flush = () => cur && rows.push([cur.t, cur.s, cur.o, cur.h, cur.l, cur.c, cur.v, cur.n, cur.pq / cur.v].map(String));
  for (const x of trades) {
    const t = Math.floor(x.T / intervalMs) * intervalMs;
    if (!cur || cur.key !== x.s + t) {
      flush();
      cur = { key: x.s + t, t, s: x.s, o: x.p, h: x.p, l: x.p, c: x.p, v: 0, n: 0, pq: 0 };
    }
    cur.h = Math.max(cur.h, x.p);
    cur.l = Math.min(cur.l, x.p);
    cur.c = x.p;
    cur.v += x.q;
    cur.n++;
    cur.pq += x.p * x.q;
  }
  flush();
  return rows;
}

function assertSameBars(actual: string[][], expected: string[][]): void {
  assert.equal(actual.length, expected.length, 'number of bars');
  actual.forEach((row, i) => {
    const exp = expected[i];
    assert.deepEqual(row.slice(0, 2), exp.slice(0, 2), `time/symbol of row ${i}`);
    assert.equal(row[7], exp[7], `trades of row ${i}`);
    for (const c of [2, 3, 4, 5, 6, 8]) {
      const a = Number(row[c]);
      const e = Number(exp[c]);
      assert.ok(Math.abs(a - e) <= 1e-7 * Math.max(1, Math.abs(e)), `row ${i} column ${c}: ${a} vs ${e}`);
    }
  });
}

describe('cli bars', function () {
  this.timeout(60_000);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bars-cli-'));
    cli = join(dir, 'cli.js');
    // The CLI bundle alone, as esbuild.js builds it (other bundles may be mid-edit by others).
    await build({ entryPoints: [join(ROOT, 'src/cli/cli.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('1m bars of the four recordings match the independent Python figures', () => {
    const r = run(...BTC, ...ETH, '--timeframe', '1m');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const python = readFileSync(join(FIXTURES, 'bars/naive_1m_bars.out.txt'), 'utf8')
      .split('\n')
      .filter((l) => /^\d/.test(l))
      .map((l) => l.split(' '));
    const rows = csvRows(r.stdout);
    assertSameBars(rows, python);
    // Pinned from the Python script: 9 bars a symbol; BTCUSDT's first bar (2024-07-18 23:57, from 23:57:02).
    assert.deepEqual(rows.filter((x) => x[1] === 'BTCUSDT').length, 9);
    assert.deepEqual(rows.filter((x) => x[1] === 'ETHUSDT').length, 9);
    assert.deepEqual(rows[0], ['1721347020000', 'BTCUSDT', '63943.9', '63952.7', '63943.9', '63952.6', '24.115', '291', '63947.8321086']);
  });

  it('1s bars (CSV) and 5m bars (JSON) match a naive recomputation from zlib + JSON', () => {
    const oneSecond = run(...BTC, '--timeframe', '1s');
    assert.equal(oneSecond.code, 0, oneSecond.stderr);
    assertSameBars(csvRows(oneSecond.stdout), naiveBars(BTC, 1000));

    const fiveMinutes = run(...ETH, ...BTC, '--timeframe', '5m', '--format', 'json');
    assert.equal(fiveMinutes.code, 0, fiveMinutes.stderr);
    const json = JSON.parse(fiveMinutes.stdout) as Array<Record<string, string | number>>;
    const cols = ['time', 'symbol', 'open', 'high', 'low', 'close', 'volume', 'trades', 'vwap'];
    assertSameBars(json.map((o) => cols.map((c) => String(o[c]))), naiveBars([...BTC, ...ETH], 300_000));
    assert.equal(typeof json[0].vwap, 'number');
  });

  it('reads small CSV / OHLC files, reports bad lines on stderr and still prints the good ones', () => {
    const r = run(join(FIXTURES, 'import/ETHUSDT-trades-headerless.csv'), '--timeframe', '1s');
    assert.equal(r.code, 0);
    // hand: 1721347202900 3420.15×1.25 and 1721347203900 3420.20×0.5 fall in two different seconds
    assert.deepEqual(csvRows(r.stdout), [
      ['1721347202000', 'ETHUSDT', '3420.15', '3420.15', '3420.15', '3420.15', '1.25', '1', '3420.15'],
      ['1721347203000', 'ETHUSDT', '3420.2', '3420.2', '3420.2', '3420.2', '0.5', '1', '3420.2'],
    ]);
    assert.match(r.stderr, /^warning: .*ETHUSDT-trades-headerless\.csv: 2 bad lines skipped \(line 3: .*; line 4: .*\)\n$/);

    const ohlc = run(join(FIXTURES, 'import/ohlc-with-symbol.csv'), '--timeframe', '5m');
    assert.equal(ohlc.code, 0, ohlc.stderr);
    // hand: the three valid minutes merge: O 64000, H 64020, L 63990, C 64015 (the empty minute carries it), V 15.5
    assert.deepEqual(csvRows(ohlc.stdout)[0].slice(0, 7), ['1721347200000', 'BTCUSDT', '64000', '64020', '63990', '64015', '15.5']);
  });

  it('fails with one clear line and a non-zero code on bad input', () => {
    const cases: Array<[string[], RegExp]> = [
      [[join(DATA, 'nope.gz'), '--timeframe', '1m'], /^error: Cannot read .*nope\.gz: no such file\n$/],
      [[join(FIXTURES, 'import/unknown.txt'), '--timeframe', '1m'], /^error: .*unknown\.txt: unknown format; accepted formats: recording .*vision-trades-csv .*ohlc-csv .*\n$/],
      [[BTC[0], '--timeframe', '7x'], /^error: bad timeframe "7x": expected .*1s, 1m, 5m.*\n$/],
      [[BTC[0]], /^error: give the bar length with --timeframe.*\n$/],
      [[BTC[0], '--timeframe', '1m', '--format', 'xml'], /^error: bad --format "xml": expected csv or json\n$/],
      [[BTC[0], '--timeframe', '1m', '--colour', 'red'], /^error: unknown option --colour \(accepted: --timeframe, --format, --symbol, --help\)\n$/],
      [['--timeframe', '1m'], /^error: give at least one file.*\n$/],
      [[join(FIXTURES, 'import/ohlc-with-symbol.csv'), '--timeframe', '1s'], /^error: cannot make 1 s bars from 60 s bars.*\n$/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '', 'no partial output');
    }
  });
});
