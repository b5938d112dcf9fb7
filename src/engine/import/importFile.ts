// File import: detect the format from the content, then stream ticks (or, for OHLC CSV, bars) line by line,
// never holding the file in memory. Bad lines are counted in the report, never turned into NaN.
import type { Bar, Tick } from '../types';
import { EngineError } from '../errors';
import { checkIntervalMs } from '../bars/timeframe';
import { acceptedFormatsText, detectLineFormat, type ImportFormat } from './formats';
import { readLines } from './lines';
import { newImportReport, recordBadLine, type ImportReport } from './importReport';
import { collectorParser, recordingParser, streamJsonParser } from './jsonTicks';
import { isHeaderlessKlineRow, visionAggTradesParser, visionTradesParser, VISION_KLINE_HEADER } from './visionCsv';
import { ohlcColumnsFromHeader, ohlcRowParser, type OhlcRow } from './ohlcCsv';
import { symbolFromPath } from './symbolFromPath';
import type { TickLineParser } from './tickFields';

/** Lines looked at to detect the format (recordings may open with a few snapshot lines). */
const DETECTION_LINES = 50;

export interface ImportOptions {
  /** Skip detection. */
  format?: ImportFormat;
  /** Symbol of files that do not name it (vision CSV, OHLC CSV without a symbol column); default from the file name. */
  symbol?: string;
  /** Bar length of an OHLC file; default: the smallest step between its first rows. */
  intervalMs?: number;
}

/** An import in progress: iterate it once; `report` fills in as it goes. */
export interface FileImport<T> extends AsyncIterable<T> {
  readonly report: ImportReport;
}

export async function detectFormat(path: string): Promise<ImportFormat> {
  let seen = 0;
  for await (const line of readLines(path)) {
    const format = detectLineFormat(line);
    if (format) return format;
    if (++seen >= DETECTION_LINES) break;
  }
  throw new EngineError(
    'UNKNOWN_FORMAT',
    `${path}: ${seen === 0 ? 'the file is empty' : 'unknown format'}; accepted formats: ${acceptedFormatsText()}`,
  );
}

export function isBarFormat(format: ImportFormat): boolean {
  return format === 'ohlc-csv';
}

function symbolFor(path: string, options: ImportOptions, format: ImportFormat): string {
  const symbol = options.symbol?.toUpperCase() ?? symbolFromPath(path);
  if (!symbol) {
    throw new EngineError('BAD_SYMBOL', `${path}: a ${format} file does not name its symbol and the file name does not start with one; give the symbol`);
  }
  return symbol;
}

function tickParser(path: string, format: ImportFormat, options: ImportOptions): TickLineParser {
  switch (format) {
    case 'recording':
      return recordingParser();
    case 'combined-json':
    case 'event-json':
      return streamJsonParser();
    case 'collector-ndjson':
      return collectorParser();
    case 'vision-trades-csv':
      return visionTradesParser(symbolFor(path, options, format));
    case 'vision-aggtrades-csv':
      return visionAggTradesParser(symbolFor(path, options, format));
    case 'ohlc-csv':
      throw new EngineError('BAD_ARGUMENT', `${path}: an OHLC file holds bars, not trades`);
  }
}

/** Ticks of a trade file (every format but ohlc-csv), in file order. */
export function importTicks(path: string, options: ImportOptions = {}): FileImport<Tick> {
  const report = newImportReport(path);
  async function* ticks(): AsyncGenerator<Tick> {
    const format = options.format ?? (await detectFormat(path));
    report.format = format;
    const parse = tickParser(path, format, options);
    for await (const line of readLines(path)) {
      const lineNumber = ++report.lines;
      const result = parse(line);
      if (result === undefined) report.skipped++;
      else if (typeof result === 'string') recordBadLine(report, lineNumber, result);
      else {
        report.records++;
        yield result;
      }
    }
  }
  return { report, [Symbol.asyncIterator]: ticks };
}

/** Bars of an OHLC CSV file, in file order. */
export function importBars(path: string, options: ImportOptions = {}): FileImport<Bar> {
  const report = newImportReport(path);
  async function* bars(): AsyncGenerator<Bar> {
    const format = options.format ?? (await detectFormat(path));
    report.format = format;
    if (!isBarFormat(format)) throw new EngineError('BAD_ARGUMENT', `${path}: a ${format} file holds trades, not bars`);
    let parse: ((line: string) => OhlcRow | string | undefined) | undefined;
    let intervalMs = options.intervalMs === undefined ? undefined : checkIntervalMs(options.intervalMs);
    const waiting: OhlcRow[] = []; // rows held until the bar length is known
    for await (const line of readLines(path)) {
      const lineNumber = ++report.lines;
      if (!parse) {
        if (line.trim() === '') {
          report.skipped++;
          continue;
        }
        // data.binance.vision publishes klines with and without a header: a first row of data gets theirs.
        const headerless = isHeaderlessKlineRow(line.split(','));
        const columns = ohlcColumnsFromHeader(headerless ? VISION_KLINE_HEADER : line);
        if (typeof columns === 'string') throw new EngineError('PARSE_ERROR', `${path}: line ${lineNumber}: ${columns}`);
        parse = ohlcRowParser(columns, options.symbol?.toUpperCase() ?? symbolFromPath(path));
        if (!headerless) {
          report.skipped++;
          continue;
        }
      }
      const row = parse(line);
      if (row === undefined) report.skipped++;
      else if (typeof row === 'string') recordBadLine(report, lineNumber, row);
      else if (intervalMs !== undefined) {
        report.records++;
        yield rowToBar(row, intervalMs);
      } else {
        waiting.push(row);
        intervalMs = inferIntervalMs(waiting);
        if (intervalMs !== undefined) {
          for (const held of waiting.splice(0)) {
            report.records++;
            yield rowToBar(held, intervalMs);
          }
        }
      }
    }
    if (waiting.length > 0) {
      throw new EngineError('BAD_ARGUMENT', `${path}: cannot tell the bar length from ${waiting.length} row(s); give it explicitly`);
    }
  }
  return { report, [Symbol.asyncIterator]: bars };
}

/** The bar length, once two rows of one symbol are a whole number of seconds apart. */
function inferIntervalMs(rows: readonly OhlcRow[]): number | undefined {
  const last = rows[rows.length - 1];
  for (let i = rows.length - 2; i >= 0; i--) {
    if (rows[i].symbol !== last.symbol) continue;
    const step = Math.abs(last.time - rows[i].time);
    if (step > 0 && step % 1000 === 0) return step;
  }
  return undefined;
}

function rowToBar(row: OhlcRow, intervalMs: number): Bar {
  const hasVolume = !Number.isNaN(row.volume);
  const volume = hasVolume ? row.volume : 0;
  return {
    symbol: row.symbol,
    openTime: row.time,
    intervalMs,
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume,
    trades: row.trades,
    vwap: row.vwap,
    // Only a file that states volume can say an interval had no trade.
    empty: hasVolume && volume === 0 && row.trades === 0,
  };
}
