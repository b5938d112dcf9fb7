// `backtest <file…> --pair Y/X --timeframe 1s|1m|5m --window N [options]`: the spread backtest of
// docs/backtest.md on the z series `analyze` prints for the same pair options (one replay path), as JSON.
import { backtestParams, runBacktest, validateBacktestParams, DEFAULT_BACKTEST_PARAMS, type BacktestInput, type BacktestParams, type FundingRate } from '../../engine/analytics/backtest';
import { summarizeBacktest } from '../../engine/analytics/backtestSummary';
import { DEFAULT_SWEEP_GRID, sweepBacktest, walkForward, type SweepGrid } from '../../engine/analytics/backtestSweep';
import { EngineError } from '../../engine/errors';
import { BinanceRest } from '../../engine/feed/rest';
import { backtestEquityCsv, backtestTradesCsv } from '../../engine/export/backtestCsv';
import { writeCsvFile } from '../../engine/export/writeCsvFile';
import { readFundingRates, type FundingRatesBySymbol } from '../../engine/import/fundingRates';
import { checkKnownOptions, parseArgs, type CliCommand } from '../command';
import { PAIR_OPTIONS, parsePairReplayOptions, replayPair } from '../pairReplay';
import { stringOption } from '../statOptions';

const FLAGS = ['help', 'log-prices', 'sweep', 'equity'];
const OPTIONS = [
  ...PAIR_OPTIONS,
  'entry', 'exit', 'stop', 'max-hold', 'notional', 'sizing', 'fee-bp', 'slippage-bp', 'fill',
  'funding', 'funding-rest', 'sweep', 'entry-grid', 'exit-grid', 'walk-forward', 'equity', 'trades-csv', 'equity-csv', 'help',
];

const USAGE = 'backtest <file…> --pair Y/X --timeframe 1s|1m|5m --window N';
const HELP = [
  `Usage: node dist/cli.js ${USAGE}`,
  '         [--hedge ols|rolling-ols|huber|theil-sen|kalman] [--log-prices]',
  '         [--entry 2] [--exit 0.5] [--stop 4|none] [--max-hold B|none] [--notional 10000] [--sizing beta|dollar]',
  '         [--fee-bp 5] [--slippage-bp 0] [--fill next|same] [--funding FILE | --funding-rest URL]',
  '         [--sweep [--entry-grid 1,1.5,2,2.5,3] [--exit-grid 0,0.25,0.5,0.75,1]] [--walk-forward FOLDS] [--equity]',
  '         [--trades-csv FILE] [--equity-csv FILE]',
  '',
  'Trades the spread on the z series `analyze` prints for the same --pair/--timeframe/--window/--hedge: short when',
  'z > entry, long when z < −entry, out at the exit level, the stop (|z|) or after --max-hold bars. A signal on a',
  "bar's close fills at the next bar's close (--fill same: the same close, look-ahead, research only).",
  '--funding FILE: CSV symbol,fundingTime,fundingRate or the JSON array of GET /fapi/v1/fundingRate;',
  '--funding-rest URL: that endpoint of a Binance-compatible server. Rules: docs/backtest.md. Prints JSON.',
].join('\n');

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function numberOption(options: Map<string, string | true>, name: string, fallback: number): number {
  const text = stringOption(options, name);
  if (text === undefined) return fallback;
  if (!DECIMAL.test(text.trim())) throw new EngineError('BAD_ARGUMENT', `bad --${name} "${text}": expected a number`);
  return Number(text);
}

function optionalNumber(options: Map<string, string | true>, name: string, fallback: number | null, whole: boolean): number | null {
  const text = stringOption(options, name);
  if (text === undefined) return fallback;
  if (text.trim().toLowerCase() === 'none') return null;
  if (whole ? !/^\d+$/.test(text.trim()) : !DECIMAL.test(text.trim())) {
    throw new EngineError('BAD_ARGUMENT', `bad --${name} "${text}": expected ${whole ? 'a whole number of bars' : 'a number'} or none`);
  }
  return Number(text);
}

function choice<T extends string>(options: Map<string, string | true>, name: string, allowed: readonly T[], fallback: T): T {
  const text = stringOption(options, name);
  if (text === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(text)) throw new EngineError('BAD_ARGUMENT', `bad --${name} "${text}" (accepted: ${allowed.join(', ')})`);
  return text as T;
}

function gridOption(options: Map<string, string | true>, name: string, fallback: readonly number[]): number[] {
  const text = stringOption(options, name);
  if (text === undefined) return [...fallback];
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => !DECIMAL.test(p))) throw new EngineError('BAD_ARGUMENT', `bad --${name} "${text}": expected numbers separated by commas, e.g. 1,1.5,2`);
  return parts.map(Number);
}

/** Options given on the command line; the rest take backtestParams' defaults. */
function parseParams(options: Map<string, string | true>): BacktestParams {
  const given = (name: string): boolean => options.has(name);
  const d = DEFAULT_BACKTEST_PARAMS;
  return backtestParams({
    entry: numberOption(options, 'entry', d.entry),
    exit: numberOption(options, 'exit', d.exit),
    stop: given('stop') ? optionalNumber(options, 'stop', null, false) : undefined,
    maxHold: optionalNumber(options, 'max-hold', d.maxHold, true),
    notional: numberOption(options, 'notional', d.notional),
    sizing: choice(options, 'sizing', ['beta', 'dollar'] as const, d.sizing),
    feeBp: numberOption(options, 'fee-bp', d.feeBp),
    slippageBp: numberOption(options, 'slippage-bp', d.slippageBp),
    fill: choice(options, 'fill', ['next', 'same'] as const, d.fill),
  });
}

/** Every rate the endpoint has for the symbol between two times, 1000 per request (the endpoint's maximum). */
async function restFundingRates(baseUrl: string, symbol: string, startTime: number, endTime: number): Promise<FundingRate[]> {
  const rest = new BinanceRest({ baseUrl });
  const out: FundingRate[] = [];
  let from = startTime;
  for (;;) {
    const page = await rest.fundingRates({ symbol, startTime: from, endTime, limit: 1000 });
    out.push(...page);
    if (page.length < 1000) return out;
    from = page[page.length - 1].time + 1;
  }
}

export const backtestCommand: CliCommand = {
  summary: `spread backtest on analyze's z series, JSON: ${USAGE}`,
  async run(args) {
    const parsed = parseArgs(args, FLAGS);
    checkKnownOptions(parsed, OPTIONS);
    if (parsed.options.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const pairOptions = parsePairReplayOptions(parsed, USAGE);
    const params = parseParams(parsed.options);
    // Validates before the (slow) replay, so that a bad option fails at once.
    validateBacktestParams(params);
    const grid: SweepGrid = { entries: gridOption(parsed.options, 'entry-grid', DEFAULT_SWEEP_GRID.entries), exits: gridOption(parsed.options, 'exit-grid', DEFAULT_SWEEP_GRID.exits) };
    const foldsText = stringOption(parsed.options, 'walk-forward');
    if (foldsText !== undefined && !/^[1-9]\d*$/.test(foldsText)) throw new EngineError('BAD_ARGUMENT', `bad --walk-forward "${foldsText}": expected a whole number of folds ≥ 1`);
    const fundingFile = stringOption(parsed.options, 'funding');
    const fundingRest = stringOption(parsed.options, 'funding-rest');
    if (fundingFile !== undefined && fundingRest !== undefined) throw new EngineError('BAD_ARGUMENT', 'give funding rates with --funding FILE or --funding-rest URL, not both');
    if (fundingRest !== undefined && !/^https?:\/\/\S+$/.test(fundingRest)) throw new EngineError('BAD_ARGUMENT', `bad --funding-rest "${fundingRest}": expected a base URL such as http://127.0.0.1:8080`);
    const tradesCsv = stringOption(parsed.options, 'trades-csv');
    const equityCsv = stringOption(parsed.options, 'equity-csv');
    const fileRates: FundingRatesBySymbol | undefined = fundingFile === undefined ? undefined : await readFundingRates(fundingFile);

    const { ySymbol, xSymbol } = pairOptions;
    const { points } = await replayPair(pairOptions);
    let funding: BacktestInput['funding'];
    if (fileRates) {
      for (const s of [ySymbol, xSymbol]) if (!fileRates.has(s)) process.stderr.write(`warning: no funding rates of ${s} in ${fundingFile}: its leg pays none\n`);
      funding = { y: fileRates.get(ySymbol) ?? [], x: fileRates.get(xSymbol) ?? [] };
    } else if (fundingRest !== undefined) {
      const from = points[0].time;
      const to = points[points.length - 1].time + pairOptions.intervalMs - 1;
      funding = { y: await restFundingRates(fundingRest, ySymbol, from, to), x: await restFundingRates(fundingRest, xSymbol, from, to) };
    }
    const input: BacktestInput = { bars: points, intervalMs: pairOptions.intervalMs, logPrices: pairOptions.logPrices, funding };
    const run = runBacktest(input, params);
    const summary = summarizeBacktest(run.trades, run.equity, params.notional, pairOptions.intervalMs);
    const out: Record<string, unknown> = {
      params: {
        pair: `${ySymbol}/${xSymbol}`,
        timeframe: pairOptions.timeframe,
        window: pairOptions.window,
        hedge: pairOptions.hedge,
        logPrices: pairOptions.logPrices,
        ...params,
        ...(params.fill === 'same' ? { research: 'fill same: signals fill on the close they are computed from (look-ahead); research only' } : {}),
        funding: fundingFile ?? fundingRest ?? null,
        currency: 'quote',
        sharpeAnnualisation: `per-bar returns × √(${summary.barsPerYear} ${pairOptions.timeframe} bars per 365-day year) = × ${summary.annualisation}`,
      },
      trades: run.trades,
      summary,
    };
    if (parsed.options.has('equity')) out.equity = run.equity;
    if (parsed.options.has('sweep')) out.sweep = sweepBacktest(input, params, grid);
    if (foldsText !== undefined) out.walkForward = walkForward(input, params, Number(foldsText), grid);
    const pairName = `${ySymbol}/${xSymbol}`;
    if (tradesCsv !== undefined) await writeCsvFile(tradesCsv, backtestTradesCsv(pairName, pairOptions.timeframe, run, summary));
    if (equityCsv !== undefined) await writeCsvFile(equityCsv, backtestEquityCsv(pairName, pairOptions.timeframe, run, summary));
    if (params.fill === 'same') process.stderr.write('note: --fill same trades on the close its signal is computed from (look-ahead): research only\n');
    process.stdout.write(JSON.stringify(out) + '\n');
    return 0;
  },
};
