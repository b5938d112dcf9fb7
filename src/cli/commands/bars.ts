// `bars <file…> --timeframe 1s|1m|5m|15m|1h|4h|1d [--format csv|json] [--symbol S]`: bars of trade files (any import
// format) or OHLC files, one row per symbol and trading interval (no empty bars), in time order per symbol.
// Files of one symbol join, in any order. Bad lines are reported on stderr, rows go to stdout.
import { EngineError } from '../../engine/errors';
import type { Bar } from '../../engine/types';
import { parseTimeframe } from '../../engine/bars/timeframe';
import { filesToBars } from '../../engine/import/filesToBars';
import { describeBadLines, type ImportReport } from '../../engine/import/importReport';
import { IMPORT_FORMATS } from '../../engine/import/formats';
import { checkKnownOptions, parseArgs, type CliCommand } from '../command';

const OPTIONS = ['timeframe', 'format', 'symbol', 'help'];
const COLUMNS = ['time', 'symbol', 'open', 'high', 'low', 'close', 'volume', 'trades', 'vwap'] as const;
const OUTPUT_FORMATS = ['csv', 'json'];

const HELP = [
  'Usage: node dist/cli.js bars <file…> --timeframe 1s|1m|5m|15m|1h|4h|1d [--format csv|json] [--symbol SYMBOL]',
  '',
  'Prints time,symbol,open,high,low,close,volume,trades,vwap for every bar with trades (time = bar open,',
  'epoch ms, trade time), in time order per symbol. Files of the same symbol join. Any whole number of',
  'seconds is a timeframe (15s, 1h…). --symbol names the symbol of CSV files that do not carry it',
  '(default: the start of the file name, e.g. BTCUSDT-trades-2024-07-19.csv). .gz files are read as such.',
  'Values are printed with 12 significant digits.',
  '',
  'Input formats (detected from the content):',
  ...IMPORT_FORMATS.map((f) => `  ${f.format.padEnd(22)} ${f.description}`),
].join('\n');

/** 12 significant digits: enough for any price or volume, without float noise such as 0.30000000000000004. */
export function roundForPrint(value: number): number {
  return Number(value.toPrecision(12));
}

function toRow(bar: Bar): Record<(typeof COLUMNS)[number], string | number> {
  return {
    time: bar.openTime,
    symbol: bar.symbol,
    open: roundForPrint(bar.open),
    high: roundForPrint(bar.high),
    low: roundForPrint(bar.low),
    close: roundForPrint(bar.close),
    volume: roundForPrint(bar.volume),
    trades: bar.trades,
    vwap: roundForPrint(bar.vwap),
  };
}

function warnAboutBadLines(report: ImportReport): void {
  if (report.bad > 0) process.stderr.write(`warning: ${report.path}: ${describeBadLines(report)}\n`);
}

export const barsCommand: CliCommand = {
  summary: 'bars of trade or OHLC files: bars <file…> --timeframe 1m [--format csv|json]',
  async run(args) {
    const parsed = parseArgs(args, ['help']);
    checkKnownOptions(parsed, OPTIONS);
    if (parsed.options.has('help')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const timeframe = parsed.options.get('timeframe');
    if (typeof timeframe !== 'string') throw new EngineError('BAD_TIMEFRAME', 'give the bar length with --timeframe, e.g. --timeframe 1m (1s, 1m, 5m, 15m, 1h, 4h, 1d or any whole number of seconds)');
    const intervalMs = parseTimeframe(timeframe);
    const output = parsed.options.get('format') ?? 'csv';
    if (typeof output !== 'string' || !OUTPUT_FORMATS.includes(output)) {
      throw new EngineError('BAD_ARGUMENT', `bad --format "${String(output)}": expected csv or json`);
    }
    const symbolOption = parsed.options.get('symbol');
    const symbol = typeof symbolOption === 'string' ? symbolOption : undefined;
    const files = parsed.positional;
    if (files.length === 0) throw new EngineError('BAD_ARGUMENT', 'give at least one file: bars <file…> --timeframe 1m');

    // Every file is detected before any is read, so an unreadable or unknown file fails before any output.
    const bySymbol = await filesToBars(files, intervalMs, { symbol, onFileRead: warnAboutBadLines });
    const rows: string[] = [];
    if (output === 'csv') rows.push(COLUMNS.join(','));
    for (const s of [...bySymbol.keys()].sort()) {
      for (const bar of bySymbol.get(s)!) {
        if (bar.empty) continue;
        const row = toRow(bar);
        rows.push(output === 'csv' ? COLUMNS.map((c) => row[c]).join(',') : JSON.stringify(row));
      }
    }
    const text = output === 'csv' ? rows.join('\n') : `[\n${rows.join(',\n')}\n]`;
    process.stdout.write(text + '\n');
    return 0;
  },
};
