// `analyze <file…> --pair Y/X --timeframe 1s|1m|5m --window N [--hedge …] [--log-prices] [--out FILE]`:
// the live pair pipeline (PairAnalytics) replayed over trade files: bar-by-bar CSV of
// "Y = α + β·X + ε" (parameters in a header comment) and a summary of the last window.
import { writeFile } from 'node:fs/promises';
import { EngineError } from '../../engine/errors';
import type { PairPoint } from '../../engine/analytics/pairPoint';
import { checkKnownOptions, parseArgs, type CliCommand } from '../command';
import { PAIR_OPTIONS, parsePairReplayOptions, replayPair, requireString } from '../pairReplay';
import { DEFAULT_BACKTEST_PARAMS, runBacktest } from '../../engine/analytics/backtest';
import { summarizeBacktest } from '../../engine/analytics/backtestSummary';
import { errorMessage } from '../../shared/errorMessage';

const OPTIONS = [...PAIR_OPTIONS, 'out', 'help'];

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

export const analyzeCommand: CliCommand = {
  summary: 'pair analytics over trade files: analyze <file…> --pair Y/X --timeframe 1s --window N',
  async run(args) {
    const parsed = parseArgs(args, ['help', 'log-prices']);
    checkKnownOptions(parsed, OPTIONS);
    if (parsed.options.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const options = parsePairReplayOptions(parsed, 'analyze <file…> --pair Y/X --timeframe 1s --window N');
    const { ySymbol, xSymbol, timeframe, window, hedge, logPrices } = options;
    const outOption = parsed.options.get('out');
    const outPath = outOption === undefined ? undefined : requireString(outOption, '--out needs a file name');
    const { pipeline, points } = await replayPair(options);
    const tests = pipeline.runTests();
    const btParams = DEFAULT_BACKTEST_PARAMS;
    const btRun = runBacktest({ bars: points, intervalMs: options.intervalMs, logPrices }, btParams);
    const bt = summarizeBacktest(btRun.trades, btRun.equity, btParams.notional, options.intervalMs);

    const snapshot = pipeline.snapshot();
    const warningsLine = snapshot.warnings.length ? snapshot.warnings.map((w) => w.message).join('; ') : 'none';
    const header = [
      `# quant-pairs analyze: ${ySymbol}/${xSymbol}, ${ySymbol} = alpha + beta*${xSymbol} + e (Y regressed on X)`,
      `# timeframe ${timeframe}, window ${window} bars, hedge ${hedge}, ${logPrices ? 'log prices' : 'prices'}; empty bars carry the previous close`,
      `# spread = Y - (alpha + beta*X); z = (spread - rolling mean) / rolling sample std; corr_returns: log returns; corr_prices: ${logPrices ? 'log prices' : 'prices'}`,
      `# warnings (last window): ${warningsLine}`,
      `time,${ySymbol},${xSymbol},beta,alpha,spread,z,corr_returns,corr_prices`,
    ];
    const csv = header.concat(points.map(csvRow)).join('\n') + '\n';
    const last = points[points.length - 1];
    const summary = [
      `${ySymbol}/${xSymbol} ${timeframe}, ${points.length} bars, window ${window}, hedge ${hedge}`,
      `last: beta ${num(last.beta) || 'n/a'}, alpha ${num(last.alpha) || 'n/a'}, z ${num(last.z) || 'n/a'}, corr(returns) ${num(last.corrReturns) || 'n/a'}`,
      tests.adf ? `ADF on the window spread: stat ${num(tests.adf.statistic)}, p ${num(tests.adf.pValue)}, lag ${tests.adf.usedLag}` : '',
      tests.eg ? `Engle-Granger on the window: stat ${num(tests.eg.statistic)}, p ${num(tests.eg.pValue)}` : '',
      tests.egReverse ? `Engle-Granger the other way (X on Y): stat ${num(tests.egReverse.statistic)}, p ${num(tests.egReverse.pValue)}` : '',
      tests.egWeaker ? `Engle-Granger verdict (weaker ordering, ${tests.egWeaker.ordering}): p ${num(tests.egWeaker.pValue)}` : '',
      tests.halfLife ? `half-life: ${tests.halfLife.halfLife === null ? 'no mean reversion' : `${num(tests.halfLife.halfLife)} bars`}` : '',
      tests.ou && tests.ou.theta !== null
        ? `OU fit of the spread: theta ${num(tests.ou.theta)} per bar, mu ${num(tests.ou.mu)}, half-life ${num(tests.ou.halfLife)} bars, equilibrium std ${num(tests.ou.equilibriumStd)}`
        : tests.ou ? 'OU fit of the spread: not mean-reverting (AR(1) coefficient outside (0, 1))' : '',
      tests.hurst ? `Hurst exponent of the spread: ${num(tests.hurst.hurst)} (lags 2…${tests.hurst.maxLag})` : '',
      tests.varianceRatio
        ? `variance ratio VR(${tests.varianceRatio.q}) of the spread: ${num(tests.varianceRatio.ratio)}, robust z ${num(tests.varianceRatio.zRobust)}, p ${num(tests.varianceRatio.pValueRobust)}`
        : '',
      ...tests.notes,
      ...snapshot.warnings.map((w) => `warning: ${w.message}`),
      ...snapshot.requirements.filter((r) => r.moreBars !== 0 && !/^(ADF|Engle|Half)/.test(r.statistic)).map((r) => r.message),
      `backtest (entry |z| > ${btParams.entry}, exit ${btParams.exit}, stop ${btParams.stop}, next-bar fill, ${btParams.notional} quote per trade, no fee; \`backtest --help\` for more): ${bt.trades} trades, P&L ${num(bt.pnl)}, hit rate ${bt.hitRate === null ? 'n/a' : num(bt.hitRate)}, max drawdown ${num(bt.maxDrawdown)}`,
    ].filter((line) => line !== '');
    if (outPath) {
      try {
        await writeFile(outPath, csv);
      } catch (err) {
        throw new EngineError('WRITE_FAILED', `cannot write ${outPath}: ${errorMessage(err)}`);
      }
      process.stdout.write(summary.join('\n') + `\nwrote ${points.length} rows to ${outPath}\n`);
    } else {
      process.stdout.write(csv);
      process.stderr.write(summary.join('\n') + '\n');
    }
    return 0;
  },
};
