// `analyze` through a freshly built CLI bundle: a hand-made recording checked against an independent
// regression, the real BTC/ETH recordings, and bad input exiting non-zero with one line.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { linearRegression, mean, sampleCorrelation, sampleStandardDeviation } from 'simple-statistics';

const ROOT = join(__dirname, '../..');
const DATA = process.env.QP_DATA_DIR ?? join(ROOT, '../shared/data');

let dir: string;
let cli: string;

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, 'analyze', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tradeLine(symbol: string, id: number, timeMs: number, price: number): string {
  const data = { e: 'trade', E: timeMs, T: timeMs, s: symbol, t: id, p: price.toFixed(2), q: '0.010', X: 'MARKET', m: false };
  return `${timeMs * 1_000_000} ${JSON.stringify({ stream: `${symbol.toLowerCase()}@trade`, data })}`;
}

interface Csv {
  comments: string[];
  header: string[];
  rows: (number | null)[][];
}

function parseCsv(text: string): Csv {
  const lines = text.trim().split('\n');
  const comments = lines.filter((l) => l.startsWith('#'));
  const [header, ...rows] = lines.filter((l) => !l.startsWith('#'));
  return { comments, header: header.split(','), rows: rows.map((r) => r.split(',').map((c) => (c === '' ? null : Number(c)))) };
}

// Y (ETH) and X (BTC) closes per second; second 7 has no ETH trade (its close carries over).
const T0 = 1_721_347_200_000;
const btc = Array.from({ length: 40 }, (_, i) => 64_000 + 10 * Math.sin(i / 3) + i * 0.7);
const eth = btc.map((p, i) => Math.round((300 + 0.05 * p + 0.8 * Math.cos(i * 1.7)) * 100) / 100);


describe('cli analyze', () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qp-analyze-'));
    cli = join(dir, 'cli.js');
    await build({ entryPoints: [join(ROOT, 'src/cli/cli.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    const lines: string[] = [];
    btc.forEach((p, i) => lines.push(tradeLine('BTCUSDT', 1000 + i, T0 + i * 1000 + 200, Math.round(p * 100) / 100)));
    eth.forEach((p, i) => {
      if (i !== 7) lines.push(tradeLine('ETHUSDT', 5000 + i, T0 + i * 1000 + 300, p));
    });
    writeFileSync(join(dir, 'pair.rec'), lines.join('\n') + '\n');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the bar-by-bar CSV with its parameters, matching an independent regression of the printed prices', () => {
    const out = join(dir, 'out.csv');
    const r = run(join(dir, 'pair.rec'), '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '20', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ETHUSDT\/BTCUSDT 1s, 40 bars, window 20, hedge ols/);
    const csv = parseCsv(readFileSync(out, 'utf8'));
    assert.ok(csv.comments.some((c) => c.includes('ETHUSDT = alpha + beta*BTCUSDT + e') && c.length > 0));
    assert.ok(csv.comments.some((c) => c.includes('timeframe 1s, window 20 bars, hedge ols')));
    assert.deepEqual(csv.header, ['time', 'ETHUSDT', 'BTCUSDT', 'beta', 'alpha', 'spread', 'z', 'corr_returns', 'corr_prices']);
    assert.equal(csv.rows.length, 40);
    assert.equal(csv.rows[7][1], csv.rows[6][1]); // no ETH trade in second 7: previous close carried
    assert.equal(csv.rows[18][3], null); // warming up
    for (const i of [19, 39]) {
      const ys = csv.rows.slice(i - 19, i + 1).map((row) => row[1] as number);
      const xs = csv.rows.slice(i - 19, i + 1).map((row) => row[2] as number);
      const { m, b } = linearRegression(xs.map((x, k) => [x, ys[k]]));
      const resid = ys.map((y, k) => y - b - m * xs[k]);
      const row = csv.rows[i];
      assert.ok(Math.abs((row[3] as number) - m) < 1e-9 * Math.abs(m), `beta ${row[3]} vs ${m}`);
      assert.ok(Math.abs((row[4] as number) - b) < 1e-6, `alpha ${row[4]} vs ${b}`);
      assert.ok(Math.abs((row[6] as number) - (resid[19] - mean(resid)) / sampleStandardDeviation(resid)) < 1e-6);
      assert.ok(Math.abs((row[8] as number) - sampleCorrelation(xs, ys)) < 1e-9);
    }
  });

  it('runs on the real BTC/ETH recordings: consecutive 1 s bars, a summary with ADF and Engle-Granger', function () {
    const files = ['ethusdt_20240718.gz', 'ethusdt_20240719.gz', 'btcusdt_20240718.gz', 'btcusdt_20240719.gz'].map((f) => join(DATA, f));
    if (!files.every(existsSync)) this.skip();
    const r = run(...files, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '60', '--hedge', 'kalman', '--log-prices');
    assert.equal(r.code, 0, r.stderr);
    const csv = parseCsv(r.stdout);
    assert.ok(csv.rows.length > 400);
    for (let i = 1; i < csv.rows.length; i++) assert.equal((csv.rows[i][0] as number) - (csv.rows[i - 1][0] as number), 1000);
    assert.match(r.stderr, /ADF on the window spread: stat -?\d/);
    assert.match(r.stderr, /Engle-Granger on the window: stat -?\d/);
    for (const row of csv.rows) for (const v of row) assert.ok(v === null || Number.isFinite(v));
  });

  it('real recordings: both Engle-Granger orderings with the weaker verdict, OU, Hurst, VR and the warnings', function () {
    const files = ['ethusdt_20240718.gz', 'ethusdt_20240719.gz', 'btcusdt_20240718.gz', 'btcusdt_20240719.gz'].map((f) => join(DATA, f));
    if (!files.every(existsSync)) this.skip();
    const r = run(...files, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '60', '--hedge', 'ols');
    assert.equal(r.code, 0, r.stderr);
    const p = (re: RegExp) => Number(re.exec(r.stderr)?.[1]);
    const pYOnX = p(/Engle-Granger on the window: stat \S+, p (\S+)/);
    const pXOnY = p(/Engle-Granger the other way \(X on Y\): stat \S+, p (\S+)/);
    const weaker = /Engle-Granger verdict \(weaker ordering, (y-on-x|x-on-y)\): p (\S+)/.exec(r.stderr);
    assert.ok(weaker, r.stderr);
    assert.equal(Number(weaker[2]), Math.max(pYOnX, pXOnY));
    assert.equal(weaker[1], pXOnY > pYOnX ? 'x-on-y' : 'y-on-x');
    assert.match(r.stderr, /Hurst exponent of the spread: -?\d/);
    assert.match(r.stderr, /variance ratio VR\(4\) of the spread: \d/);
    assert.match(r.stderr, /OU fit of the spread: /);
    // The CSV header carries the same warnings as the summary (or says none).
    const header = r.stdout.split('\n').find((l) => l.startsWith('# warnings (last window): '));
    assert.ok(header, 'warnings header line');
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: ')).map((l) => l.slice('warning: '.length));
    assert.equal(header.slice('# warnings (last window): '.length), warnings.length ? warnings.join('; ') : 'none');
  });

  it('exits non-zero with a one-line reason on bad input', () => {
    const rec = join(dir, 'pair.rec');
    const cases: [string[], RegExp][] = [
      [[join(dir, 'missing.gz'), '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '20'], /missing\.gz/],
      [[rec, '--pair', 'ETHUSDT', '--timeframe', '1s', '--window', '20'], /bad --pair "ETHUSDT"/],
      [[rec, '--pair', 'ETHUSDT/SOLUSDT', '--timeframe', '1s', '--window', '20'], /no trades of SOLUSDT in the files \(symbols found: BTCUSDT, ETHUSDT\)/],
      [[rec, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '50'], /only 40 aligned 1s bars .* the window needs 50/],
      [[rec, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', 'ten'], /bad --window "ten"/],
      [[rec, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '20', '--hedge', 'lasso'], /bad --hedge "lasso"/],
      [[rec, '--pair', 'ETHUSDT/BTCUSDT', '--window', '20'], /--timeframe/],
    ];
    for (const [args, reason] of cases) {
      const r = run(...args);
      assert.notEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, reason);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  it('rejects a constant X leg', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) {
      lines.push(tradeLine('BTCUSDT', 1 + i, T0 + i * 1000, 64_000));
      lines.push(tradeLine('ETHUSDT', 100 + i, T0 + i * 1000, 3000 + i));
    }
    const file = join(dir, 'flat.rec');
    writeFileSync(file, lines.join('\n') + '\n');
    const r = run(file, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '10');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /BTCUSDT \(X\) is constant/);
  });
});
