// OHLC CSV: a header naming time/open/high/low/close (and optionally volume, trades, vwap, quote_volume,
// symbol), one bar per row keyed by its open time. Time as epoch ms, epoch s, epoch µs or ISO 8601 (UTC
// when no zone is given). The symbol comes from a column, else from the caller (file name or option).
import { headerColumns, OHLC_TIME_COLUMNS } from './formats';
import { optionalNumber, toNumber } from './tickFields';
import { wellFormedSymbol } from '../symbols';

export interface OhlcColumns {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  trades: number;
  vwap: number;
  quoteVolume: number;
  symbol: number;
}

/** One row before its bar length is known. */
export interface OhlcRow {
  symbol: string;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** NaN when the file has no volume column. */
  volume: number;
  trades: number;
  vwap: number;
}

const firstOf = (columns: string[], names: readonly string[]) => {
  for (const name of names) {
    const i = columns.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
};

/** Column positions from the header, or the reason the header is not an OHLC one. */
export function ohlcColumnsFromHeader(line: string): OhlcColumns | string {
  const names = headerColumns(line);
  const columns: OhlcColumns = {
    time: firstOf(names, OHLC_TIME_COLUMNS),
    open: firstOf(names, ['open', 'o']),
    high: firstOf(names, ['high', 'h']),
    low: firstOf(names, ['low', 'l']),
    close: firstOf(names, ['close', 'c']),
    volume: firstOf(names, ['volume', 'vol', 'v']),
    trades: firstOf(names, ['trades', 'count', 'number_of_trades', 'n']),
    vwap: firstOf(names, ['vwap']),
    quoteVolume: firstOf(names, ['quote_volume', 'quote_asset_volume']),
    symbol: firstOf(names, ['symbol', 'ticker', 'pair']),
  };
  const missing = (['time', 'open', 'high', 'low', 'close'] as const).filter((k) => columns[k] < 0);
  return missing.length > 0 ? `the header has no ${missing.join(', ')} column` : columns;
}

const ISO_WITHOUT_ZONE = /^\d{4}-\d\d-\d\d([ T]\d\d:\d\d(:\d\d(\.\d+)?)?)?$/;

/** Epoch s / ms / µs or ISO 8601 → epoch ms; NaN when it is none of them. */
export function parseBarTime(text: string): number {
  const t = text.trim().replace(/^"|"$/g, '');
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    if (n >= 1e14) return Math.floor(n / 1000);
    return n >= 1e11 ? n : Math.round(n * 1000);
  }
  if (ISO_WITHOUT_ZONE.test(t)) return Date.parse(t.replace(' ', 'T') + (t.length === 10 ? '' : 'Z'));
  return /^\d{4}-\d\d-\d\d/.test(t) ? Date.parse(t) : NaN;
}

/** Parses rows after the header: an OhlcRow, the reason a row is bad, or undefined for a blank line. */
export function ohlcRowParser(columns: OhlcColumns, fallbackSymbol: string | undefined): (line: string) => OhlcRow | string | undefined {
  const width = Math.max(...Object.values(columns)) + 1;
  return (line) => {
    if (line.trim() === '') return undefined;
    const f = line.split(',');
    if (f.length < width) return `expected ${width} columns, found ${f.length}`;
    const rawSymbol = columns.symbol >= 0 ? f[columns.symbol].trim().replace(/^"|"$/g, '') : fallbackSymbol;
    if (!rawSymbol) return 'no symbol';
    const symbol = wellFormedSymbol(rawSymbol);
    if (!symbol) return `symbol ${JSON.stringify(rawSymbol.slice(0, 40))} is not an exchange symbol (letters, digits, _)`;
    const time = parseBarTime(f[columns.time]);
    if (!Number.isFinite(time)) return `time "${f[columns.time].trim()}" is not epoch s/ms or ISO 8601`;
    const open = toNumber(f[columns.open]);
    const high = toNumber(f[columns.high]);
    const low = toNumber(f[columns.low]);
    const close = toNumber(f[columns.close]);
    if (![open, high, low, close].every(Number.isFinite)) return 'open, high, low and close must be numbers';
    if (high < Math.max(open, close, low) || low > Math.min(open, close)) return 'high/low do not contain open and close';
    // Optional columns may be present but empty (sources without trade counts, quote volume…): absent, not bad.
    const volume = columns.volume >= 0 ? optionalNumber(f[columns.volume]) ?? NaN : NaN;
    if (columns.volume >= 0 && f[columns.volume].trim() !== '' && !(Number.isFinite(volume) && volume >= 0)) return 'volume is not a finite number ≥ 0';
    const trades = columns.trades >= 0 ? optionalNumber(f[columns.trades]) ?? 0 : 0;
    if (!(Number.isFinite(trades) && trades >= 0)) return 'trades is not a finite number ≥ 0';
    let vwap = columns.vwap >= 0 ? optionalNumber(f[columns.vwap]) ?? NaN : NaN;
    const quoteVolume = columns.quoteVolume >= 0 ? optionalNumber(f[columns.quoteVolume]) : undefined;
    if (!Number.isFinite(vwap) && quoteVolume !== undefined && volume > 0) vwap = quoteVolume / volume;
    if (!Number.isFinite(vwap)) vwap = close; // no way to know it: the close stands in
    return { symbol, time, open, high, low, close, volume, trades, vwap };
  };
}
