// `analyze <file…> --pair Y/X --timeframe 1s|1m|5m --window N [--hedge …] [--log-prices] [--out FILE]`:
// the live pair pipeline (PairAnalytics) replayed over trade files: bar-by-bar CSV of
// "Y = α + β·X + ε" (parameters in a header comment) and a summary of the last window.
import { writeFile } from 'node:fs/promises';
import { BarResampler } from '../../engine/bars/barResampler';
import { BatchBars } from '../../engine/bars/batchBars';
import { parseTimeframe } from '../../engine/bars/timeframe';
import { EngineError } from '../../engine/errors';
import { HEDGE_METHODS, isHedgeMethod } from '../../engine/analytics/hedgeMethod';
import { PairAnalytics } from '../../engine/analytics/pairAnalytics';
import { alignPairBars } from '../../engine/analytics/pairBarSeries';
import type { PairPoint } from '../../engine/analytics/pairPoint';
import { detectFormat, importBars, importTicks, isBarFormat } from '../../engine/import/importFile';
import type { ImportFormat } from '../../engine/import/formats';
import { describeBadLines, type ImportReport } from '../../engine/import/importReport';
import type { Bar } from '../../engine/types';
import { checkKnownOptions, parseArgs, type CliCommand } from '../command';

const OPTIONS = ['pair', 'timeframe', 'window', 'hedge', 'log-prices', 'out', 'help'];

const HELP = [
  'Usage: node dist/cli.js analyze <file…> --pair Y/X --timeframe 1s|1m|5m --window N',
  '         [--hedge ols|rolling-ols|huber|theil-sen|kalman] [--log-prices] [--out FILE]',
  '',
  'Replays trade files (any import format, .gz read as such) through the pair pipeline: Y = α + β·X + ε,',
  'Y regressed on X over a rolling window of N bars. Intervals where a leg has no trade carry its previous',
  'close. Writes CSV rows time,Y,X,beta,alpha,spread,z,corr_returns,corr_prices (empty while warming up)',
  'to --out, or to stdout, and a summary (to stdout with --out, else to stderr).',
].join('\n');

const num = (v: number | null): string => (v === null ? '' : String(Number(v.toPrecision(12))));

function csvRow(p: PairPoint): string {
  return [p.time, num(p.y), num(p.x), num(p.beta), num(p.alpha), num(p.spread), num(p.z), num(p.corrReturns), num(p.corrPrices)].join(',');
}

function requireString(value: string | true | undefined, message: string): string {
  if (typeof value !== 'string' || value === '') throw new EngineError('BAD_ARGUMENT', message);
  return value;
}

function warnAboutBadLines(report: ImportReport): void {
  if (report.bad > 0) process.stderr.write(`warning: ${report.path}: ${describeBadLines(report)}\n`);
}

async function barsBySymbol(files: string[], intervalMs: number): Promise<Map<string, Bar[]>> {
  const formats: ImportFormat[] = [];
  for (const file of files) formats.push(await detectFormat(file));
  const fromTicks = new BatchBars(intervalMs);
  const fromBars = new BarResampler(intervalMs);
  for (let i = 0; i < files.length; i++) {
    if (isBarFormat(formats[i])) {
      const imp = importBars(files[i], { format: formats[i] });
      for await (const bar of imp) fromBars.add(bar);
      warnAboutBadLines(imp.report);
    } else {
      const imp = importTicks(files[i], { format: formats[i] });
      for await (const tick of imp) fromTicks.add(tick);
      warnAboutBadLines(imp.report);
    }
  }
  const out = new Map<string, Bar[]>();
  for (const s of fromTicks.symbols()) out.set(s, fromTicks.bars(s).filter((b) => !b.empty));
  for (const s of fromBars.symbols()) out.set(s, fromBars.bars(s).filter((b) => !b.empty));
  return out;
}

export const analyzeCommand: CliCommand = {
  summary: 'pair analytics over trade files: analyze <file…> --pair Y/X --timeframe 1s --window N',
  async run(args) {
    const parsed = parseArgs(args, ['help', 'log-prices']);
    checkKnownOptions(parsed, OPTIONS);
    if (parsed.options.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const files = parsed.positional;
    if (files.length === 0) throw new EngineError('BAD_ARGUMENT', 'give at least one trade file: analyze <file…> --pair Y/X --timeframe 1s --window N');
    const pairText = requireString(parsed.options.get('pair'), 'give the pair with --pair Y/X, e.g. --pair ETHUSDT/BTCUSDT (Y regressed on X)');
    const legs = pairText.toUpperCase().split('/');
    if (legs.length !== 2 || !legs[0] || !legs[1]) throw new EngineError('BAD_SYMBOL', `bad --pair "${pairText}": expected Y/X, e.g. ETHUSDT/BTCUSDT`);
    const [ySymbol, xSymbol] = legs;
    const timeframe = requireString(parsed.options.get('timeframe'), 'give the bar length with --timeframe 1s, 1m or 5m');
    const intervalMs = parseTimeframe(timeframe);
    const windowText = requireString(parsed.options.get('window'), 'give the window with --window N (bars)');
    const window = Number(windowText);
    if (!/^\d+$/.test(windowText)) throw new EngineError('BAD_ARGUMENT', `bad --window "${windowText}": expected a whole number of bars`);
    const hedge = parsed.options.get('hedge') ?? 'ols';
    if (!isHedgeMethod(hedge)) throw new EngineError('BAD_ARGUMENT', `bad --hedge "${String(hedge)}" (accepted: ${HEDGE_METHODS.join(', ')})`);
    const logPrices = parsed.options.has('log-prices');
    const outOption = parsed.options.get('out');
    const outPath = outOption === undefined ? undefined : requireString(outOption, '--out needs a file name');

    const pipeline = new PairAnalytics({ y: ySymbol, x: xSymbol, window, hedge, logPrices });
    const bars = await barsBySymbol(files, intervalMs);
    const found = [...bars.keys()].join(', ') || 'none';
    for (const s of [ySymbol, xSymbol]) {
      if (!bars.has(s)) throw new EngineError('BAD_SYMBOL', `no trades of ${s} in the files (symbols found: ${found})`);
    }
    const pairs = alignPairBars(bars.get(ySymbol)!, bars.get(xSymbol)!, intervalMs);
    if (pairs.length < window) {
      throw new EngineError('TOO_FEW_OBSERVATIONS', `only ${pairs.length} aligned ${timeframe} bars of ${ySymbol}/${xSymbol}; the window needs ${window}`);
    }
    const points = pairs.map(([y, x]) => pipeline.onBars(y, x));
    if (!points.some((p) => p.beta !== null)) {
      throw new EngineError('CONSTANT_SERIES', `${xSymbol} (X) is constant over every ${window}-bar window: no hedge ratio can be fitted`);
    }
    const tests = pipeline.runTests();
    const bt = pipeline.backtest();

    const header = [
      `# quant-pairs analyze: ${ySymbol}/${xSymbol}, ${ySymbol} = alpha + beta*${xSymbol} + e (Y regressed on X)`,
      `# timeframe ${timeframe}, window ${window} bars, hedge ${hedge}, ${logPrices ? 'log prices' : 'prices'}; empty bars carry the previous close`,
      `# spread = Y - (alpha + beta*X); z = (spread - rolling mean) / rolling sample std; corr_returns: log returns; corr_prices: ${logPrices ? 'log prices' : 'prices'}`,
      `time,${ySymbol},${xSymbol},beta,alpha,spread,z,corr_returns,corr_prices`,
    ];
    const csv = header.concat(points.map(csvRow)).join('\n') + '\n';
    const last = points[points.length - 1];
    const snapshot = pipeline.snapshot();
    const summary = [
      `${ySymbol}/${xSymbol} ${timeframe}, ${points.length} bars, window ${window}, hedge ${hedge}`,
      `last: beta ${num(last.beta) || 'n/a'}, alpha ${num(last.alpha) || 'n/a'}, z ${num(last.z) || 'n/a'}, corr(returns) ${num(last.corrReturns) || 'n/a'}`,
      tests.adf ? `ADF on the window spread: stat ${num(tests.adf.stat)}, p ${num(tests.adf.pvalue)}, lag ${tests.adf.usedLag}` : '',
      tests.eg ? `Engle-Granger on the window: stat ${num(tests.eg.stat)}, p ${num(tests.eg.pvalue)}` : '',
      tests.halfLife ? `half-life: ${tests.halfLife.halfLife === null ? 'no mean reversion' : `${num(tests.halfLife.halfLife)} bars`}` : '',
      ...tests.notes,
      ...snapshot.requirements.filter((r) => r.moreBars !== 0 && !/^(ADF|Engle|Half)/.test(r.statistic)).map((r) => r.message),
      `backtest (entry |z|>2, exit 0, 10,000 USDT, no fee): ${bt.trades.length} trades, P&L ${num(bt.totalPnl)}, win rate ${bt.winRate === null ? 'n/a' : num(bt.winRate)}, max drawdown ${num(bt.maxDrawdown)}`,
    ].filter((line) => line !== '');
    if (outPath) {
      try {
        await writeFile(outPath, csv);
      } catch (err) {
        throw new EngineError('WRITE_FAILED', `cannot write ${outPath}: ${(err as Error).message}`);
      }
      process.stdout.write(summary.join('\n') + `\nwrote ${points.length} rows to ${outPath}\n`);
    } else {
      process.stdout.write(csv);
      process.stderr.write(summary.join('\n') + '\n');
    }
    return 0;
  },
};
