// `coint <file> --y NAME|INDEX --x NAME|INDEX [--trend c|ct|ctt|n] [--autolag …] [--maxlag N]`: the
// Engle-Granger cointegration test of Y on X (statsmodels' coint) and the half-life of its spread, as JSON.
import { coint, cointegratingRegression, type CointTrend } from '../../engine/analytics/coint';
import { halfLife } from '../../engine/analytics/halfLife';
import { EngineError } from '../../engine/errors';
import { checkKnownOptions, parseArgs, type CliCommand } from '../command';
import { columnIndex, numericColumn, readNumericTable } from '../seriesFile';
import { parseAutolag, parseMaxlag, parseRegression, stringOption } from '../statOptions';

const HELP = [
  'Usage: node dist/cli.js coint <file> --y NAME|INDEX --x NAME|INDEX [--trend c|ct|ctt|n] [--autolag AIC|BIC|t-stat|none] [--maxlag N]',
  '',
  'Engle-Granger cointegration test (statsmodels.tsa.stattools.coint): OLS of Y on X with the trend terms,',
  'then ADF without deterministic terms on the residuals; p-value MacKinnon (1994) and critical values',
  'MacKinnon (2010) for two series (null for --trend n, which the 2010 tables do not cover).',
  'The file is a CSV with a header row (or bare numbers, columns by 0-based index).',
  'Prints {"beta","alpha","stat","pvalue","critical","halfLife"}: Y = alpha + beta·X + e, and the half-life in',
  'rows of that spread (null when it does not mean-revert).',
].join('\n');

export const cointCommand: CliCommand = {
  summary: 'Engle-Granger cointegration of two columns (statsmodels coint) and spread half-life, as JSON',
  async run(args) {
    const parsed = parseArgs(args, ['help']);
    if (parsed.options.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    checkKnownOptions(parsed, ['y', 'x', 'trend', 'autolag', 'maxlag', 'help']);
    if (parsed.positional.length !== 1) throw new EngineError('BAD_ARGUMENT', 'coint takes exactly one file (see coint --help)');
    const opt = (name: string) => stringOption(parsed.options, name);
    if (opt('y') === undefined || opt('x') === undefined) throw new EngineError('BAD_ARGUMENT', 'coint needs --y and --x (column names or 0-based indexes)');
    const trend = parseRegression(opt('trend'), ['c', 'ct', 'ctt', 'n'], 'c', 'trend') as CointTrend;
    const autolag = parseAutolag(opt('autolag'));
    const maxlag = parseMaxlag(opt('maxlag'));
    const table = await readNumericTable(parsed.positional[0]);
    const y = numericColumn(table, columnIndex(table, opt('y'), '--y'));
    const x = numericColumn(table, columnIndex(table, opt('x'), '--x'));
    const r = coint(y, x, { trend, autolag, maxlag });
    const spread = cointegratingRegression(y, x, trend).residuals;
    const out = { beta: r.beta, alpha: r.alpha, stat: r.statistic, pvalue: r.pValue, critical: r.critical, halfLife: halfLife(spread).halfLife };
    process.stdout.write(JSON.stringify(out) + '\n');
    return 0;
  },
};
