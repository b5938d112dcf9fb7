// The file formats the importers read, and their detection from the first lines of content.
import { isBooleanText, isNumberText } from './cellText';
import { isHeaderlessKlineRow } from './visionCsv';
export type ImportFormat =
  | 'recording'
  | 'combined-json'
  | 'event-json'
  | 'collector-ndjson'
  | 'vision-trades-csv'
  | 'vision-aggtrades-csv'
  | 'ohlc-csv';

/** Each format with a short description, for help texts and the UNKNOWN_FORMAT message. */
export const IMPORT_FORMATS: ReadonlyArray<{ format: ImportFormat; description: string }> = [
  { format: 'recording', description: 'recorder lines "<receive ns> <combined-stream JSON>"' },
  { format: 'combined-json', description: 'combined-stream JSON lines {"stream":"btcusdt@aggTrade","data":{…}} (@aggTrade, @trade)' },
  { format: 'event-json', description: 'raw trade / aggTrade event JSON lines {"e":"aggTrade",…}' },
  { format: 'collector-ndjson', description: 'collector NDJSON {"symbol","ts","price","size"}' },
  { format: 'vision-trades-csv', description: 'data.binance.vision trades CSV id,price,qty,quote_qty,time,is_buyer_maker' },
  { format: 'vision-aggtrades-csv', description: 'data.binance.vision aggTrades CSV agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker' },
  { format: 'ohlc-csv', description: 'OHLC CSV with a header time,open,high,low,close[,volume] (empty optional columns allowed), or data.binance.vision klines with or without their header' },
];

export function acceptedFormatsText(): string {
  return IMPORT_FORMATS.map((f) => `${f.format} (${f.description})`).join('; ');
}

const RECORDING_LINE = /^\d{10,20} \{/;

export const OHLC_TIME_COLUMNS = ['time', 'timestamp', 'open_time', 'opentime', 'date', 'datetime', 'ts', 't'];

/** The columns of a CSV header line, lower-cased and trimmed (quotes removed). */
export function headerColumns(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
}

/** The format of one line, or undefined when this line alone cannot tell (blank, snapshot, unknown). */
export function detectLineFormat(line: string): ImportFormat | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  if (RECORDING_LINE.test(text)) return 'recording';
  if (text.startsWith('{')) return detectJsonFormat(text);
  if (text.includes(',')) return detectCsvFormat(text);
  return undefined;
}

function detectJsonFormat(text: string): ImportFormat | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.stream === 'string' && typeof o.data === 'object') return 'combined-json';
  if (typeof o.e === 'string') return 'event-json';
  if ('symbol' in o && 'ts' in o && 'price' in o && 'size' in o) return 'collector-ndjson';
  return undefined;
}

function detectCsvFormat(text: string): ImportFormat | undefined {
  const fields = headerColumns(text);
  if (!isNumberText(fields[0])) {
    const has = (name: string) => fields.includes(name);
    if (has('is_buyer_maker') && (has('agg_trade_id') || has('first_trade_id'))) return 'vision-aggtrades-csv';
    if (has('is_buyer_maker') && has('price') && (has('qty') || has('quote_qty'))) return 'vision-trades-csv';
    if (['open', 'high', 'low', 'close'].every(has) && fields.some((f) => OHLC_TIME_COLUMNS.includes(f))) return 'ohlc-csv';
    return undefined;
  }
  if (isHeaderlessKlineRow(fields)) return 'ohlc-csv';
  // Header-less vision files: the first boolean column tells trades (6th) from aggTrades (7th).
  if (fields.length >= 6 && isBooleanText(fields[5])) return 'vision-trades-csv';
  if (fields.length >= 7 && isNumberText(fields[5]) && isBooleanText(fields[6])) return 'vision-aggtrades-csv';
  return undefined;
}
