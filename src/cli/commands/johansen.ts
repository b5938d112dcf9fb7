// `johansen <file> --columns a,b[,c…] [--det-order -1|0|1] [--k-ar-diff N]`: Johansen's cointegration rank
// test of 2 to 12 columns (statsmodels' coint_johansen), printed as one JSON object.
import { johansen, JOHANSEN_MAX_SERIES, type JohansenDetOrder } from '../../engine/analytics/johansen';
import { EngineError } from '../../engine/errors';
import { checkKnownOptions, parseArgs, type CliCommand } from '../command';
import { columnIndex, numericColumn, readNumericTable } from '../seriesFile';
import { stringOption } from '../statOptions';

const HELP = [
  'Usage: node dist/cli.js johansen <file> --columns a,b[,c…] [--det-order -1|0|1] [--k-ar-diff N]',
  '',
  'Johansen cointegration rank test (statsmodels.tsa.vector_ar.vecm.coint_johansen) of 2 to 12 columns',
  '(names or 0-based indexes) of a CSV with a header row, or of bare numbers.',
  '--det-order: -1 no deterministic terms, 0 a constant (default), 1 a linear trend.',
  '--k-ar-diff: lagged differences in the VECM (default 1).',
  'Prints {"nobs","eig","trace","traceCrit","maxEig","maxEigCrit","evec"}: trace[r] and maxEig[r] test',
  'rank r, their critical values are [90%, 95%, 99%] (MacKinnon, Haug & Michelis), evec[j] is the',
  'eigenvector of eig[j] scaled so that v′S11v = 1; nobs = rows − k_ar_diff − 1.',
].join('\n');

function parseDetOrder(value: string | undefined): JohansenDetOrder {
  if (value === undefined) return 0;
  if (value === '-1' || value === '0' || value === '1') return Number(value) as JohansenDetOrder;
  throw new EngineError('BAD_ARGUMENT', `--det-order must be -1, 0 or 1 (got "${value}")`);
}

function parseKArDiff(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^\d+$/.test(value)) throw new EngineError('BAD_ARGUMENT', `--k-ar-diff must be a whole number ≥ 0 (got "${value}")`);
  return Number(value);
}

export const johansenCommand: CliCommand = {
  summary: 'Johansen cointegration rank test of 2–12 columns (statsmodels coint_johansen), as JSON',
  async run(args) {
    const parsed = parseArgs(args, ['help']);
    if (parsed.options.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    checkKnownOptions(parsed, ['columns', 'det-order', 'k-ar-diff', 'help']);
    if (parsed.positional.length !== 1) throw new EngineError('BAD_ARGUMENT', 'johansen takes exactly one file (see johansen --help)');
    const opt = (name: string) => stringOption(parsed.options, name);
    const selectors = opt('columns')?.split(',').map((s) => s.trim());
    if (!selectors || selectors.length < 2 || selectors.length > JOHANSEN_MAX_SERIES || selectors.some((s) => s === '')) {
      throw new EngineError('BAD_ARGUMENT', `johansen needs --columns with 2 to ${JOHANSEN_MAX_SERIES} comma-separated column names or indexes`);
    }
    const detOrder = parseDetOrder(opt('det-order'));
    const kArDiff = parseKArDiff(opt('k-ar-diff'));
    const table = await readNumericTable(parsed.positional[0]);
    const indexes = selectors.map((s) => columnIndex(table, s, '--columns'));
    if (new Set(indexes).size !== indexes.length) throw new EngineError('BAD_ARGUMENT', '--columns names the same column twice');
    const r = johansen(indexes.map((i) => numericColumn(table, i)), detOrder, kArDiff);
    const out = { nobs: r.nobs, eig: r.eig, trace: r.trace, traceCrit: r.traceCrit, maxEig: r.maxEig, maxEigCrit: r.maxEigCrit, evec: r.evec };
    process.stdout.write(JSON.stringify(out) + '\n');
    return 0;
  },
};
