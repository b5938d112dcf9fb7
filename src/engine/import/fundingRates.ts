// Funding rates for the backtest: a CSV with header `symbol,fundingTime,fundingRate` (time in epoch ms; other
// columns, e.g. markPrice, ignored) or the JSON array `GET /fapi/v1/fundingRate` returns
// ([{"symbol","fundingTime","fundingRate","markPrice"}…], rates as strings). Any other shape is PARSE_ERROR.
import { SYMBOL_PATTERN } from '../../shared/constants';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { EngineError } from '../errors';
import type { FundingRate } from '../analytics/backtest';
import { errorMessage } from '../../shared/errorMessage';

/** Rates per symbol, ascending time. */
export type FundingRatesBySymbol = Map<string, FundingRate[]>;


function entry(symbol: unknown, time: unknown, rate: unknown, where: string): { symbol: string; time: number; rate: number } {
  const s = typeof symbol === 'string' ? symbol.trim().toUpperCase() : '';
  if (!SYMBOL_PATTERN.test(s)) throw new EngineError('PARSE_ERROR', `funding rates ${where}: symbol must be an exchange symbol, got ${JSON.stringify(symbol)}`);
  const t = typeof time === 'number' ? time : typeof time === 'string' && /^\s*\d+\s*$/.test(time) ? Number(time) : NaN;
  if (!Number.isSafeInteger(t) || t < 0) throw new EngineError('PARSE_ERROR', `funding rates ${where}: fundingTime must be epoch ms, got ${JSON.stringify(time)}`);
  const r = typeof rate === 'number' ? rate : typeof rate === 'string' && rate.trim() !== '' ? Number(rate) : NaN;
  // |rate| ≥ 1 (100% per interval) is no funding rate: most likely a column mix-up.
  if (!Number.isFinite(r) || Math.abs(r) >= 1) throw new EngineError('PARSE_ERROR', `funding rates ${where}: fundingRate must be a number between −1 and 1, got ${JSON.stringify(rate)}`);
  return { symbol: s, time: t, rate: r };
}

function group(rows: { symbol: string; time: number; rate: number }[]): FundingRatesBySymbol {
  const out: FundingRatesBySymbol = new Map();
  for (const row of rows) {
    let list = out.get(row.symbol);
    if (!list) out.set(row.symbol, (list = []));
    list.push({ time: row.time, rate: row.rate });
  }
  for (const [symbol, list] of out) {
    list.sort((a, b) => a.time - b.time);
    for (let i = 1; i < list.length; i++) {
      if (list[i].time === list[i - 1].time) throw new EngineError('PARSE_ERROR', `funding rates: ${symbol} has two rates at ${list[i].time}`);
    }
  }
  return out;
}

/** Rows of the fundingRate endpoint's JSON array. */
export function fundingRatesFromJson(body: unknown, where = 'response'): FundingRatesBySymbol {
  if (!Array.isArray(body)) throw new EngineError('PARSE_ERROR', `funding rates ${where}: expected a JSON array of {symbol, fundingTime, fundingRate}`);
  return group(
    body.map((row: unknown, i) => {
      if (typeof row !== 'object' || row === null) throw new EngineError('PARSE_ERROR', `funding rates ${where} item ${i}: not an object`);
      const r = row as Record<string, unknown>;
      return entry(r.symbol, r.fundingTime, r.fundingRate, `${where} item ${i}`);
    }),
  );
}

export function parseFundingRates(text: string, name = 'file'): FundingRatesBySymbol {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('[')) {
    let body: unknown;
    try {
      body = JSON.parse(trimmed);
    } catch (err) {
      throw new EngineError('PARSE_ERROR', `funding rates ${name}: bad JSON (${errorMessage(err)})`);
    }
    return fundingRatesFromJson(body, name);
  }
  const lines = trimmed.split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  const col = (n: string): number => header.indexOf(n);
  const [si, ti, ri] = [col('symbol'), col('fundingTime'), col('fundingRate')];
  if (si < 0 || ti < 0 || ri < 0) {
    throw new EngineError('PARSE_ERROR', `funding rates ${name}: expected a CSV with header symbol,fundingTime,fundingRate or the JSON array of GET /fapi/v1/fundingRate`);
  }
  const rows = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',');
    rows.push(entry(cells[si], cells[ti], cells[ri], `${name} line ${i + 1}`));
  }
  return group(rows);
}

export async function readFundingRates(path: string): Promise<FundingRatesBySymbol> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  } catch (err) {
    throw new EngineError('FILE_UNREADABLE', `cannot read funding rates ${path}: ${errorMessage(err)}`);
  }
  return parseFundingRates(bytes.toString('utf8'), path);
}
