// `adf <file> [--column NAME|INDEX] [--regression c|ct|ctt|n] [--autolag AIC|BIC|t-stat|none] [--maxlag N]`:
// the augmented Dickey-Fuller test of one series, as statsmodels' adfuller, printed as one JSON object.
import { adfuller } from '../../engine/analytics/adf';
import type { TrendRegression } from '../../engine/analytics/mackinnon';
import { EngineError } from '../../engine/errors';
import { checkKnownOptions, parseArgs, type CliCommand } from '../command';
import { columnIndex, numericColumn, readNumericTable } from '../seriesFile';
import { parseAutolag, parseMaxlag, parseRegression, stringOption } from '../statOptions';

const HELP = [
  'Usage: node dist/cli.js adf <file> [--column NAME|INDEX] [--regression c|ct|ctt|n] [--autolag AIC|BIC|t-stat|none] [--maxlag N]',
  '',
  'Augmented Dickey-Fuller unit-root test (statsmodels.tsa.stattools.adfuller). The file holds one number',
  'per line, or is a CSV with a header row; --column picks a column by name or 0-based index.',
  'Defaults: --regression c, --autolag AIC, --maxlag ceil(12·(n/100)^¼) capped at n/2 − 1 − ntrend.',
  'Prints {"stat","pvalue","usedLag","nobs","critical":{"1%","5%","10%"},"icBest"} (icBest null without autolag).',
  'p-value: MacKinnon (1994); critical values: MacKinnon (2010).',
].join('\n');

export const adfCommand: CliCommand = {
  summary: 'Augmented Dickey-Fuller test of one series (statsmodels adfuller), as JSON',
  async run(args) {
    const parsed = parseArgs(args, ['help']);
    if (parsed.options.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    checkKnownOptions(parsed, ['column', 'regression', 'autolag', 'maxlag', 'help']);
    if (parsed.positional.length !== 1) throw new EngineError('BAD_ARGUMENT', 'adf takes exactly one file (see adf --help)');
    const opt = (name: string) => stringOption(parsed.options, name);
    const regression = parseRegression(opt('regression'), ['c', 'ct', 'ctt', 'n'], 'c', 'regression') as TrendRegression;
    const autolag = parseAutolag(opt('autolag'));
    const maxlag = parseMaxlag(opt('maxlag'));
    const table = await readNumericTable(parsed.positional[0]);
    const series = numericColumn(table, columnIndex(table, opt('column'), '--column'));
    const r = adfuller(series, { regression, autolag, maxlag });
    const out = { stat: r.statistic, pvalue: r.pValue, usedLag: r.usedLag, nobs: r.nobs, critical: r.critical, icBest: r.icBest ?? null };
    process.stdout.write(JSON.stringify(out) + '\n');
    return 0;
  },
};
