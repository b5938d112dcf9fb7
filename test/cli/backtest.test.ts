// `backtest` through a freshly built CLI bundle, checked against a separate, deliberately plain re-implementation
// of docs/backtest.md that reads nothing but the CSV `analyze` prints for the same options (z, β, prices) and the
// funding file: trades, fees, funding, P&L and the summary on the real BTC/ETH recording. Bad options exit
// non-zero with one line.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildStatsCli, ROOT, type StatsCli } from './statsCli';
import { startExchange } from '../../tools/local-exchange';
import { BinanceRest } from '../../src/engine/feed/rest';

const DATA = process.env.QP_DATA_DIR ?? join(ROOT, '../shared/data');
const FILES = ['ethusdt_20240718.gz', 'ethusdt_20240719.gz', 'btcusdt_20240718.gz', 'btcusdt_20240719.gz'].map((f) => join(DATA, f));
/** 2024-07-19 00:00:00 UTC, an 8-hourly funding time inside the recording (23:57:02 – 00:05:02). */
const MIDNIGHT = 1_721_347_200_000;

interface Row {
  t: number;
  y: number;
  x: number;
  beta: number | null;
  z: number | null;
}

interface RefParams {
  entry: number;
  exit: number;
  stop: number | null;
  maxHold: number | null;
  notional: number;
  sizing: 'beta' | 'dollar';
  feeBp: number;
  slippageBp: number;
  fill: 'next' | 'same';
  logPrices: boolean;
}

interface RefTrade {
  entryTime: number;
  exitTime: number;
  side: 'long' | 'short';
  entryY: number;
  entryX: number;
  exitY: number;
  exitX: number;
  qtyY: number;
  qtyX: number;
  fees: number;
  funding: number;
  pnl: number;
  exitReason: string;
  entryFill: number;
  exitFill: number;
  entryFees: number;
  /** Funding paid or received per bar index. */
  fundingAt: [number, number][];
}

function analyzeRows(csv: string): Row[] {
  const lines = csv.trim().split('\n').filter((l) => !l.startsWith('#'));
  return lines.slice(1).map((line) => {
    const c = line.split(',');
    const n = (s: string): number | null => (s === '' ? null : Number(s));
    return { t: Number(c[0]), y: Number(c[1]), x: Number(c[2]), beta: n(c[3]), z: n(c[6]) };
  });
}

/** docs/backtest.md, bar by bar on the signal bars; fills are looked up by index afterwards. */
function reference(rows: Row[], p: RefParams, intervalMs: number, rates: Map<string, { t: number; r: number }[]>, ySym: string, xSym: string): RefTrade[] {
  const n = rows.length;
  const lag = p.fill === 'next' ? 1 : 0;
  const slip = p.slippageBp / 1e4;
  const fee = p.feeBp / 1e4;
  const trades: RefTrade[] = [];
  // The bar containing t, on the contiguous grid analyze prints (checked, −1 outside the data).
  const barOf = (t: number): number => {
    const k = Math.floor((t - rows[0].t) / intervalMs);
    return k >= 0 && k < n && rows[k].t <= t && t < rows[k].t + intervalMs ? k : -1;
  };
  let inTrade: { side: number; signal: number; fill: number; beta: number } | null = null;
  let locked = false;

  const book = (e: { side: number; signal: number; fill: number; beta: number }, exitFill: number, reason: string): void => {
    const f = rows[e.fill];
    const qtyY = (e.side * p.notional) / f.y;
    let qtyX: number;
    if (p.sizing === 'dollar') qtyX = -(e.beta < 0 ? -1 : 1) * ((qtyY * f.y) / f.x);
    else qtyX = p.logPrices ? -e.beta * qtyY * (f.y / f.x) : -e.beta * qtyY;
    const px = (price: number, bought: boolean): number => (bought ? price * (1 + slip) : price * (1 - slip));
    const g = rows[exitFill];
    const entryY = px(f.y, qtyY > 0);
    const entryX = px(f.x, qtyX > 0);
    const exitY = px(g.y, qtyY < 0);
    const exitX = px(g.x, qtyX < 0);
    const fees = fee * (Math.abs(qtyY) * (entryY + exitY) + Math.abs(qtyX) * (entryX + exitX));
    let funding = 0;
    const fundingAt: [number, number][] = [];
    for (const [sym, qty, price] of [[ySym, qtyY, 'y'], [xSym, qtyX, 'x']] as const) {
      for (const { t, r } of rates.get(sym) ?? []) {
        const k = barOf(t);
        if (k > e.fill && k <= exitFill) {
          funding += -qty * rows[k][price] * r;
          fundingAt.push([k, -qty * rows[k][price] * r]);
        }
      }
    }
    const gross = qtyY * (exitY - entryY) + qtyX * (exitX - entryX);
    trades.push({
      entryTime: f.t, exitTime: g.t, side: e.side > 0 ? 'long' : 'short', entryY, entryX, exitY, exitX, qtyY, qtyX,
      fees, funding, pnl: gross - fees + funding, exitReason: reason, entryFill: e.fill, exitFill,
      entryFees: fee * (Math.abs(qtyY) * entryY + Math.abs(qtyX) * entryX), fundingAt,
    });
  };

  for (let s = 0; s < n; s++) {
    const { z, beta } = rows[s];
    if (z !== null && Math.abs(z) < p.entry) locked = false;
    if (inTrade) {
      let reason = '';
      if (z !== null && p.stop !== null && Math.abs(z) >= p.stop) reason = 'stop';
      else if (z !== null && inTrade.side < 0 && z <= p.exit) reason = 'exit';
      else if (z !== null && inTrade.side > 0 && z >= -p.exit) reason = 'exit';
      else if (p.maxHold !== null && s - inTrade.signal >= p.maxHold) reason = 'max-hold';
      if (reason === 'stop') locked = true;
      if (reason) {
        if (s + lag > n - 1) book(inTrade, n - 1, 'end');
        else book(inTrade, s + lag, reason);
        inTrade = null;
      }
      continue;
    }
    if (z === null || beta === null) continue;
    if (p.stop !== null && Math.abs(z) >= p.stop) {
      locked = true;
      continue;
    }
    if (locked || !(Math.abs(z) > p.entry)) continue;
    if (s + lag >= n - 1) continue; // would fill on the last bar
    inTrade = { side: z > 0 ? -1 : 1, signal: s, fill: s + lag, beta };
  }
  if (inTrade) book(inTrade, n - 1, 'end');
  return trades;
}

/** Equity at each bar's close from the first bar with z and β, then the summary figures of docs/backtest.md. */
function referenceSummary(rows: Row[], trades: RefTrade[], notional: number, intervalMs: number) {
  const start = rows.findIndex((r) => r.z !== null && r.beta !== null);
  const equity: number[] = [];
  for (let k = start; k < rows.length; k++) {
    let e = 0;
    for (const t of trades) {
      if (t.exitFill <= k) e += t.pnl;
      else if (t.entryFill <= k) {
        // Open: marked at the close against the slipped entry, entry fees only, funding paid so far.
        const fundedSoFar = t.fundingAt.filter(([bar]) => bar <= k).reduce((a, [, v]) => a + v, 0);
        e += t.qtyY * (rows[k].y - t.entryY) + t.qtyX * (rows[k].x - t.entryX) - t.entryFees + fundedSoFar;
      }
    }
    equity.push(e);
  }
  const r = equity.map((e, i) => (e - (i ? equity[i - 1] : 0)) / notional);
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
  let peak = 0;
  let dd = 0;
  for (const e of equity) {
    peak = Math.max(peak, e);
    dd = Math.max(dd, peak - e);
  }
  const pnl = trades.reduce((a, t) => a + t.pnl, 0);
  return {
    trades: trades.length,
    pnl,
    returnPct: (pnl / notional) * 100,
    sharpe: (mean / sd) * Math.sqrt((365 * 86_400_000) / intervalMs),
    maxDrawdown: dd,
    hitRate: trades.filter((t) => t.pnl > 0).length / trades.length,
    fees: trades.reduce((a, t) => a + t.fees, 0),
    funding: trades.reduce((a, t) => a + t.funding, 0),
    timeInMarket: trades.reduce((a, t) => a + t.exitFill - t.entryFill, 0) / equity.length,
  };
}

const near = (a: number, b: number, what: string, rel = 1e-7): void =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs reference ${b}`);

describe('cli backtest', function () {
  this.timeout(60_000);
  let cli: StatsCli;
  before(async () => {
    cli = await buildStatsCli('qp-backtest-');
  });
  after(() => cli.dispose());

  // Funding: the real 00:00 settlement plus, to have trades that straddle a settlement, synthetic rates on every
  // minute (the rule takes whatever times the rates carry); both signs, both legs.
  const minuteRates = (): string => {
    const lines = ['symbol,fundingTime,fundingRate,markPrice'];
    for (let m = -3; m <= 5; m++) {
      lines.push(`ETHUSDT,${MIDNIGHT + m * 60_000},${(0.0001 * (m % 2 === 0 ? 1 : -2)).toFixed(8)},`);
      lines.push(`BTCUSDT,${MIDNIGHT + m * 60_000},${(0.00005 * (m % 3 === 0 ? -1 : 3)).toFixed(8)},`);
    }
    return lines.join('\n') + '\n';
  };
  const parseRates = (csv: string): Map<string, { t: number; r: number }[]> => {
    const out = new Map<string, { t: number; r: number }[]>();
    for (const line of csv.trim().split('\n').slice(1)) {
      const [s, t, r] = line.split(',');
      out.set(s, [...(out.get(s) ?? []), { t: Number(t), r: Number(r) }]);
    }
    return out;
  };

  const scenarios: { name: string; pair: string[]; bt: string[]; p: RefParams; funding?: 'csv' | 'json' }[] = [
    {
      name: 'defaults (entry 2, exit 0.5, stop 4, next-bar fill, β sizing, fee 5 bp: Binance\'s taker fee, no slippage)',
      pair: ['--timeframe', '1s', '--window', '30'],
      bt: [],
      p: { entry: 2, exit: 0.5, stop: 4, maxHold: null, notional: 10_000, sizing: 'beta', feeBp: 5, slippageBp: 0, fill: 'next', logPrices: false },
    },
    {
      name: 'wide exit, stop 3, max-hold 40, fees, slippage, funding CSV',
      pair: ['--timeframe', '1s', '--window', '30'],
      bt: ['--entry', '1.5', '--exit', '-0.5', '--stop', '3', '--max-hold', '40', '--fee-bp', '4', '--slippage-bp', '1.5', '--notional', '25000'],
      p: { entry: 1.5, exit: -0.5, stop: 3, maxHold: 40, notional: 25_000, sizing: 'beta', feeBp: 4, slippageBp: 1.5, fill: 'next', logPrices: false },
      funding: 'csv',
    },
    {
      name: 'kalman on log prices, same-bar fill, funding JSON (the endpoint\'s array)',
      pair: ['--timeframe', '1s', '--window', '40', '--hedge', 'kalman', '--log-prices'],
      bt: ['--fill', 'same', '--entry', '1.8', '--exit', '0', '--stop', 'none', '--fee-bp', '2'],
      p: { entry: 1.8, exit: 0, stop: null, maxHold: null, notional: 10_000, sizing: 'beta', feeBp: 2, slippageBp: 0, fill: 'same', logPrices: true },
      funding: 'json',
    },
    {
      name: 'dollar sizing, rolling OLS, max-hold 15',
      pair: ['--timeframe', '1s', '--window', '60', '--hedge', 'rolling-ols'],
      bt: ['--sizing', 'dollar', '--max-hold', '15', '--slippage-bp', '2', '--exit', '0.25'],
      p: { entry: 2, exit: 0.25, stop: 4, maxHold: 15, notional: 10_000, sizing: 'dollar', feeBp: 5, slippageBp: 2, fill: 'next', logPrices: false },
      funding: 'csv',
    },
    {
      name: 'exit beyond zero, no stop: the last position closes at the last close ("end")',
      pair: ['--timeframe', '1s', '--window', '30'],
      bt: ['--entry', '1', '--exit', '-0.9', '--stop', 'none', '--fee-bp', '1'],
      p: { entry: 1, exit: -0.9, stop: null, maxHold: null, notional: 10_000, sizing: 'beta', feeBp: 1, slippageBp: 0, fill: 'next', logPrices: false },
      funding: 'csv',
    },
  ];

  /** Spawned asynchronously, so that a server in this process can answer the CLI. */
  const runAsync = (...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [join(cli.dir, 'cli.js'), ...args]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  const reasons = new Set<string>();
  let fundedTrades = 0;
  for (const sc of scenarios) {
    it(`matches the independent re-computation from analyze's z on the real recording: ${sc.name}`, function () {
      if (!FILES.every(existsSync)) this.skip();
      const common = [...FILES, '--pair', 'ETHUSDT/BTCUSDT', ...sc.pair];
      const analyzed = cli.run('analyze', ...common);
      assert.equal(analyzed.code, 0, analyzed.stderr);
      const rows = analyzeRows(analyzed.stdout);
      const csv = minuteRates();
      const rates = sc.funding ? parseRates(csv) : new Map<string, { t: number; r: number }[]>();
      const fundingArgs: string[] = [];
      if (sc.funding === 'csv') fundingArgs.push('--funding', cli.file('funding.csv', csv));
      if (sc.funding === 'json') {
        const json = [...rates].flatMap(([symbol, list]) => list.map(({ t, r }) => ({ symbol, fundingTime: t, fundingRate: r.toFixed(8), markPrice: '0' })));
        fundingArgs.push('--funding', cli.file('funding.json', JSON.stringify(json)));
      }
      const r = cli.run('backtest', ...common, ...sc.bt, ...fundingArgs);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      const expected = reference(rows, sc.p, 1000, rates, 'ETHUSDT', 'BTCUSDT');
      assert.ok(expected.length >= 3, `scenario trades too little to test anything (${expected.length})`);
      assert.equal(out.trades.length, expected.length, 'trade count');
      out.trades.forEach((t: Record<string, number | string>, i: number) => {
        const e = expected[i];
        assert.deepEqual([t.entryTime, t.exitTime, t.side, t.exitReason], [e.entryTime, e.exitTime, e.side, e.exitReason], `trade ${i}`);
        for (const k of ['entryY', 'entryX', 'exitY', 'exitX', 'qtyY', 'qtyX', 'fees', 'pnl'] as const) near(t[k] as number, e[k], `trade ${i} ${k}`);
        near(t.funding as number, e.funding, `trade ${i} funding`, 1e-7);
        reasons.add(e.exitReason);
        if (e.funding !== 0) fundedTrades++;
      });
      const s = referenceSummary(rows, expected, sc.p.notional, 1000);
      for (const k of Object.keys(s) as (keyof typeof s)[]) near(out.summary[k], s[k], `summary ${k}`, 1e-6);
      assert.equal(out.params.fill, sc.p.fill);
      if (sc.p.fill === 'same') assert.match(out.params.research, /research only/);
    });
  }

  it('matches the re-computation on a real month of 1m candles (LINKUSDT/DOTUSDT, Feb 2026) with 8 h and 4 h funding', function () {
    const dir = join(DATA, 'klines/1m-2026-02');
    const files = ['LINKUSDT', 'DOTUSDT'].map((s) => join(dir, `${s}-1m-2026-02.csv.gz`));
    if (!files.every(existsSync)) this.skip();
    const common = [...files, '--pair', 'LINKUSDT/DOTUSDT', '--timeframe', '1m', '--window', '240'];
    const csvPath = join(cli.dir, 'alts.analyze.csv');
    assert.equal(cli.run('analyze', ...common, '--out', csvPath).code, 0);
    const rows = analyzeRows(readFileSync(csvPath, 'utf8'));
    assert.equal(rows.length, 28 * 1440);
    // Realistic sizes: LINK every 8 h, DOT every 4 h (as some Binance symbols), mostly 0.0001 with a few others.
    const start = Date.UTC(2026, 1, 1);
    const lines = ['symbol,fundingTime,fundingRate'];
    for (let h = 0; h <= 29 * 24; h += 4) {
      if (h % 8 === 0) lines.push(`LINKUSDT,${start + h * 3_600_000},${h % 40 === 0 ? '-0.00031250' : '0.00010000'}`);
      lines.push(`DOTUSDT,${start + h * 3_600_000},${h % 28 === 0 ? '0.00052000' : '0.00005000'}`);
    }
    const csv = lines.join('\n') + '\n';
    const bt = ['--entry', '2', '--exit', '0', '--stop', '3.5', '--max-hold', '720', '--fee-bp', '4', '--slippage-bp', '1'];
    const r = cli.run('backtest', ...common, ...bt, '--funding', cli.file('alts.csv', csv));
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const p: RefParams = { entry: 2, exit: 0, stop: 3.5, maxHold: 720, notional: 10_000, sizing: 'beta', feeBp: 4, slippageBp: 1, fill: 'next', logPrices: false };
    const expected = reference(rows, p, 60_000, parseRates(csv), 'LINKUSDT', 'DOTUSDT');
    assert.ok(expected.filter((t) => t.funding !== 0).length >= 10, 'trades across settlements');
    assert.equal(out.trades.length, expected.length);
    out.trades.forEach((t: Record<string, number | string>, i: number) => {
      const e = expected[i];
      assert.deepEqual([t.entryTime, t.exitTime, t.side, t.exitReason], [e.entryTime, e.exitTime, e.side, e.exitReason], `trade ${i}`);
      for (const k of ['qtyY', 'qtyX', 'fees', 'funding', 'pnl'] as const) near(t[k] as number, e[k], `trade ${i} ${k}`);
    });
    const s = referenceSummary(rows, expected, p.notional, 60_000);
    for (const k of Object.keys(s) as (keyof typeof s)[]) near(out.summary[k], s[k], `summary ${k}`, 1e-6);
    assert.equal(out.summary.annualisation, Math.sqrt(525_600));
  });

  it('the scenarios exercise every exit reason and funding', function () {
    if (!FILES.every(existsSync)) this.skip();
    for (const reason of ['exit', 'stop', 'max-hold', 'end']) assert.ok(reasons.has(reason), `no "${reason}" exit in the scenarios: ${[...reasons]}`);
    assert.ok(fundedTrades >= 3, `only ${fundedTrades} trades crossed a funding time`);
  });

  it('--funding-rest pages GET /fapi/v1/fundingRate over the data span and settles what it gets', async function () {
    if (!FILES.every(existsSync)) this.skip();
    // Rates every 250 ms (4 per 1 s bar, so more than one 1000-row page per symbol), alternating signs.
    const all = new Map<string, { t: number; r: number }[]>();
    for (const [symbol, scale] of [['ETHUSDT', 1e-6], ['BTCUSDT', -2e-6]] as const) {
      all.set(symbol, Array.from({ length: 3600 }, (_, i) => ({ t: MIDNIGHT - 200_000 + i * 250, r: scale * (i % 3 === 0 ? -1 : 1) })));
    }
    const urls: string[] = [];
    const server = createServer((req, res) => {
      urls.push(req.url ?? '');
      const q = new URL(req.url ?? '', 'http://x').searchParams;
      const rows = (all.get(q.get('symbol') ?? '') ?? [])
        .filter(({ t }) => t >= Number(q.get('startTime')) && t <= Number(q.get('endTime')))
        .slice(0, Number(q.get('limit')))
        .map(({ t, r }) => ({ symbol: q.get('symbol'), fundingTime: t, fundingRate: r.toFixed(8), markPrice: '1' }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(rows));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const common = [...FILES, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '30'];
      const bt = ['--entry', '1', '--exit', '-0.9', '--stop', 'none'];
      const r = await runAsync('backtest', ...common, ...bt, '--funding-rest', url);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(urls.filter((u) => u.includes('symbol=ETHUSDT')).length > 1, `not paged: ${urls.join(' ')}`);
      const out = JSON.parse(r.stdout);
      const rows = analyzeRows(cli.run('analyze', ...common).stdout);
      const expected = reference(rows, { entry: 1, exit: -0.9, stop: null, maxHold: null, notional: 10_000, sizing: 'beta', feeBp: 5, slippageBp: 0, fill: 'next', logPrices: false }, 1000, all, 'ETHUSDT', 'BTCUSDT');
      assert.equal(out.trades.length, expected.length);
      assert.ok(expected.some((t) => t.funding !== 0));
      out.trades.forEach((t: { funding: number; pnl: number }, i: number) => {
        near(t.funding, expected[i].funding, `trade ${i} funding`);
        near(t.pnl, expected[i].pnl, `trade ${i} pnl`);
      });
    } finally {
      server.close();
    }
  });

  it('--funding-rest against the local exchange: its seeded 00:00 settlement is paid by the trade that holds through it', async function () {
    if (!FILES.every(existsSync)) this.skip();
    const exchange = await startExchange({ synthetic: { symbols: ['BTCUSDT', 'ETHUSDT'], tradesPerSecond: 5, seed: 7 }, speed: 1 });
    try {
      const url = `http://127.0.0.1:${exchange.port}`;
      const rest = new BinanceRest({ baseUrl: url });
      const rates = new Map<string, { t: number; r: number }[]>();
      for (const symbol of ['ETHUSDT', 'BTCUSDT']) {
        const rows = await rest.fundingRates({ symbol, startTime: MIDNIGHT - 3_600_000, endTime: MIDNIGHT + 3_600_000 });
        rates.set(symbol, rows.map(({ time, rate }) => ({ t: time, r: rate })));
      }
      // The local exchange settles BTCUSDT and ETHUSDT every 8 h, on the hour: one rate each in these two hours.
      assert.deepEqual([...rates.values()].map((l) => l.map((x) => x.t)), [[MIDNIGHT], [MIDNIGHT]]);
      const common = [...FILES, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '30'];
      const bt = ['--entry', '1', '--exit', '-0.9', '--stop', 'none'];
      const r = await runAsync('backtest', ...common, ...bt, '--funding-rest', url);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      const rows = analyzeRows(cli.run('analyze', ...common).stdout);
      const expected = reference(rows, { entry: 1, exit: -0.9, stop: null, maxHold: null, notional: 10_000, sizing: 'beta', feeBp: 5, slippageBp: 0, fill: 'next', logPrices: false }, 1000, rates, 'ETHUSDT', 'BTCUSDT');
      const straddling = expected.filter((t) => t.entryTime < MIDNIGHT && MIDNIGHT <= t.exitTime);
      assert.equal(straddling.length, 1, 'one trade holds through 00:00');
      assert.notEqual(straddling[0].funding, 0);
      assert.equal(out.trades.length, expected.length);
      out.trades.forEach((t: { funding: number; pnl: number }, i: number) => {
        near(t.funding, expected[i].funding, `trade ${i} funding`);
        near(t.pnl, expected[i].pnl, `trade ${i} pnl`);
      });
      near(out.summary.funding, straddling[0].funding, 'summary funding');
    } finally {
      await exchange.close();
    }
  });

  it('sweep and walk-forward come with the run: a cell per entry × exit, folds traded out of sample', function () {
    if (!FILES.every(existsSync)) this.skip();
    const r = cli.run('backtest', ...FILES, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '30', '--sweep', '--entry-grid', '1.5,2', '--exit-grid', '0,0.5,2', '--walk-forward', '2');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.sweep.entries, [1.5, 2]);
    assert.deepEqual(out.sweep.exits, [0, 0.5, 2]);
    // exit 2 is not below entry 1.5 or 2: those cells are null. The (2, 0.5) cell is the main run.
    assert.equal(out.sweep.cells[0][2], null);
    assert.equal(out.sweep.cells[1][2], null);
    assert.equal(out.sweep.cells[1][1].trades, out.summary.trades);
    near(out.sweep.cells[1][1].pnl, out.summary.pnl, 'sweep cell pnl');
    assert.equal(out.walkForward.folds.length, 2);
    for (const f of out.walkForward.folds) assert.ok(f.inSample.to < f.outOfSample.from);
    for (const t of out.walkForward.trades) assert.ok(t.entryTime >= out.walkForward.folds[0].outOfSample.from);
  });

  it('--trades-csv and --equity-csv write the same trades and equity as the JSON', function () {
    if (!FILES.every(existsSync)) this.skip();
    const tradesPath = join(cli.dir, 'out/trades.csv');
    const equityPath = join(cli.dir, 'out/equity.csv');
    const r = cli.run('backtest', ...FILES, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '30', '--equity', '--fee-bp', '2', '--trades-csv', tradesPath, '--equity-csv', equityPath);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const table = (path: string): string[][] => readFileSync(path, 'utf8').trim().split('\n').filter((l) => !l.startsWith('#')).map((l) => l.split(','));
    const [tradeHeader, ...tradeRows] = table(tradesPath);
    assert.equal(tradeRows.length, out.trades.length);
    tradeRows.forEach((row, i) => {
      assert.equal(Number(row[tradeHeader.indexOf('entry_time_ms')]), out.trades[i].entryTime);
      assert.equal(Number(row[tradeHeader.indexOf('pnl')]), out.trades[i].pnl);
    });
    const [, ...equityRows] = table(equityPath);
    assert.deepEqual(equityRows.map((row) => Number(row[2])), out.equity.map((e: { equity: number }) => e.equity));
    assert.match(readFileSync(tradesPath, 'utf8'), /^# feeBp,2$/m);
  });

  it('exits non-zero with a one-line typed message on bad options, never a stack trace', () => {
    const rec = FILES[0];
    const base = [rec, '--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '30'];
    const cases: [string[], RegExp][] = [
      [[...base, '--entry', 'two'], /bad --entry "two": expected a number/],
      [[...base, '--exit', '3'], /exit \(3\) must lie strictly between/],
      [[...base, '--stop', '1'], /stop \(1\) must be above entry/],
      [[...base, '--max-hold', '2.5'], /bad --max-hold "2.5"/],
      [[...base, '--sizing', 'cash'], /bad --sizing "cash" \(accepted: beta, dollar\)/],
      [[...base, '--fill', 'later'], /bad --fill "later" \(accepted: next, same\)/],
      [[...base, '--fee-bp', '-1'], /fee must be ≥ 0 bp/],
      [[...base, '--notional', '0'], /notional must be > 0/],
      [[...base, '--funding', join(cli.dir, 'missing.csv')], /cannot read funding rates .*missing\.csv/],
      [[...base, '--funding', cli.file('bad-funding.csv', 'time,rate\n1,0.1\n')], /header symbol,fundingTime,fundingRate/],
      [[...base, '--walk-forward', '0'], /bad --walk-forward "0"/],
      [[...base, '--entry-grid', '1,x'], /bad --entry-grid/],
      [[...base, '--funding-rest', 'ftp://x'], /bad --funding-rest/],
      [[...base, '--bogus', '1'], /unknown option --bogus/],
      [['--pair', 'ETHUSDT/BTCUSDT', '--timeframe', '1s', '--window', '30'], /give at least one trade file/],
    ];
    for (const [args, message] of cases) {
      const r = cli.run('backtest', ...args);
      assert.equal(r.code, 1, `${args.join(' ')}: exit ${r.code}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.equal(r.stdout, '');
    }
  });
});
