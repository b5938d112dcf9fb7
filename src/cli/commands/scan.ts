// `scan <files…> | --rest URL [--universe top:N|SYM,SYM…]`: the pair scanner on the command line.
// Progress goes to stderr, the report (JSON or CSV) to stdout.
import { EngineError } from '../../engine/errors';
import { parseTimeframe } from '../../engine/bars/timeframe';
import { BinanceRest } from '../../engine/feed/rest';
import { closesFromFiles, DirectoryKlineCache, parseUniverseSpec, runScan, scanExchange, scanReportCsv, scanReportJson, type ScanOptions, type ScanReport } from '../../engine/scan';
import { DEFAULT_SCAN_OPTIONS } from '../../engine/scan/options';
import { checkKnownOptions, parseArgs, type CliCommand } from '../command';

const OPTIONS = ['timeframe', 'bars', 'top', 'min-corr', 'fdr', 'fdr-over', 'oos-alpha', 'format', 'rest', 'universe', 'min-quote-volume', 'cache', 'help'];

const HELP = [
  'Usage: node dist/cli.js scan <ohlc or trade files…> [--timeframe 1h] [--bars N] [--top K] [--min-corr R] [--fdr Q] [--format json|csv]',
  '       node dist/cli.js scan --rest URL [--universe top:N|SYM,SYM…] [--min-quote-volume V] [--cache DIR] --timeframe 1h --bars N',
  '',
  'Scans every pair of the symbols for cointegration. Stage 1 screens all pairs by |correlation| of log',
  `returns (top K, default ${DEFAULT_SCAN_OPTIONS.top}; or |ρ| ≥ --min-corr); stage 2 runs Engle-Granger in both orderings`,
  '(statsmodels coint, trend c, autolag AIC; p = the larger), half-life, Hurst, crossings, and an out-of-sample',
  'ADF on the last third with α, β frozen from the first two thirds. q = Benjamini-Hochberg over the screened',
  'pairs, qAll over all n(n-1)/2 pairs (screened-out ones count as p = 1).',
  `A pair passes when q ≤ --fdr (default ${DEFAULT_SCAN_OPTIONS.fdr}; --fdr-over all uses qAll), oosP ≤ --oos-alpha (default`,
  `${DEFAULT_SCAN_OPTIONS.oosAlpha}) and 1 ≤ half-life ≤ N/4 bars. Defaults: --timeframe 1h --bars ${DEFAULT_SCAN_OPTIONS.bars}.`,
  'Files: one or more per symbol, any import format (symbol from the file name or its column).',
  'With --rest: the top N perpetuals by 24 h quote volume (default top:100) or the listed symbols, klines',
  'fetched within the 2,400/min weight budget and cached in --cache DIR (a re-scan fetches only new bars).',
].join('\n');

function numberOption(value: string | true | undefined, name: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value === true || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new EngineError('BAD_ARGUMENT', `--${name} needs ${integer ? 'a whole number' : 'a number'} (got ${String(value)})`);
  }
  return n;
}

export const scanCommand: CliCommand = {
  summary: 'pair scan: scan <files…> | --rest URL [--universe top:N] --timeframe 1h --bars N',
  async run(args) {
    const parsed = parseArgs(args, ['help']);
    if (parsed.options.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    checkKnownOptions(parsed, OPTIONS);
    const o = parsed.options;
    const timeframe = o.get('timeframe') ?? '1h';
    if (typeof timeframe !== 'string') throw new EngineError('BAD_TIMEFRAME', '--timeframe needs a value such as 1h');
    const intervalMs = parseTimeframe(timeframe);
    const format = o.get('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new EngineError('BAD_ARGUMENT', `--format must be json or csv (got ${String(format)})`);
    const fdrOver = o.get('fdr-over');
    if (fdrOver !== undefined && fdrOver !== 'screened' && fdrOver !== 'all') throw new EngineError('BAD_ARGUMENT', '--fdr-over must be screened or all');
    const options: Partial<ScanOptions> = {
      bars: numberOption(o.get('bars'), 'bars', true),
      top: numberOption(o.get('top'), 'top', true),
      minCorr: numberOption(o.get('min-corr'), 'min-corr', false),
      fdr: numberOption(o.get('fdr'), 'fdr', false),
      oosAlpha: numberOption(o.get('oos-alpha'), 'oos-alpha', false),
      fdrOver: fdrOver as ScanOptions['fdrOver'] | undefined,
    };
    const progress = (text: string) => process.stderr.isTTY && process.stderr.write(`\r${text}\x1b[K`);
    let report: ScanReport;
    const rest = o.get('rest');
    if (rest !== undefined) {
      if (typeof rest !== 'string') throw new EngineError('BAD_ARGUMENT', '--rest needs a URL');
      if (parsed.positional.length > 0) throw new EngineError('BAD_ARGUMENT', 'give files or --rest, not both');
      const universeText = o.get('universe') ?? 'top:100';
      if (typeof universeText !== 'string') throw new EngineError('BAD_ARGUMENT', '--universe needs top:N or SYM,SYM…');
      const universe = parseUniverseSpec(universeText, numberOption(o.get('min-quote-volume'), 'min-quote-volume', false) ?? 0);
      const cacheDir = o.get('cache');
      const r = await scanExchange(new BinanceRest({ baseUrl: rest }), universe, intervalMs, options, {
        cache: typeof cacheDir === 'string' ? new DirectoryKlineCache(cacheDir) : undefined,
        onFetchProgress: (p) => progress(`fetched ${p.symbolsDone}/${p.symbolsTotal} symbols (${p.requests} requests)${p.waitingUntil ? ', waiting for the weight budget' : ''}`),
        onProgress: (p) => progress(`${p.symbols} symbols, ${p.pairsScreened} pairs screened, ${p.pairsTested}/${p.pairsToTest} tested`),
      });
      process.stderr.write(`\nfetch: ${r.fetch.requests} requests, ${r.fetch.barsFetched} bars, ${r.fetch.fromCache} symbols wholly from cache, ${(r.fetch.ms / 1000).toFixed(1)} s\n`);
      report = r;
    } else {
      if (parsed.positional.length < 2) throw new EngineError('BAD_ARGUMENT', 'give at least two files (one per symbol) or --rest URL');
      const { series, reports } = await closesFromFiles(parsed.positional, intervalMs);
      for (const r of reports) if (r.bad > 0) process.stderr.write(`${r.path}: ${r.bad} bad lines skipped (line ${r.firstErrors[0]?.line}: ${r.firstErrors[0]?.message})\n`);
      report = await runScan(series, intervalMs, options, {
        onProgress: (p) => progress(`${p.symbols} symbols, ${p.pairsScreened} pairs screened, ${p.pairsTested}/${p.pairsToTest} tested`),
      });
      progress('');
    }
    const passing = report.results.filter((r) => r.passes).length;
    process.stderr.write(
      `${report.symbols.length} symbols (${report.excluded.length} excluded), ${report.pairsTotal} pairs, ${report.screened} screened, ${passing} pass (${report.parameters.passRule}); ` +
        `naive p < 0.05: ${report.results.filter((r) => r.p < 0.05).length}; ${(report.timings.totalMs / 1000).toFixed(2)} s on ${report.workers} worker(s)\n`,
    );
    process.stdout.write(format === 'json' ? scanReportJson(report) + '\n' : scanReportCsv(report));
    return 0;
  },
};
