// Bar lengths as text ("1s", "1m", "5m", "15s", "1h", "1d") ↔ milliseconds: any whole number of seconds.
import { EngineError } from '../errors';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a timeframe such as "1s", "1m", "5m", "4h"; throws BAD_TIMEFRAME otherwise. */
export function parseTimeframe(text: string): number {
  const match = /^([1-9][0-9]{0,6})([smhd])$/.exec(text.trim());
  if (!match) {
    throw new EngineError('BAD_TIMEFRAME', `bad timeframe "${text}": expected a whole number of seconds, minutes, hours or days such as 1s, 1m, 5m, 1h`);
  }
  return Number(match[1]) * UNIT_MS[match[2]];
}

/** Checks a bar length in ms: a positive whole number of seconds. */
export function checkIntervalMs(intervalMs: number): number {
  if (!Number.isInteger(intervalMs) || intervalMs <= 0 || intervalMs % 1000 !== 0) {
    throw new EngineError('BAD_TIMEFRAME', `bad bar length ${intervalMs} ms: it must be a positive whole number of seconds`);
  }
  return intervalMs;
}

/** Open time of the bar holding `time` (UTC-aligned: bars start at multiples of the length since the epoch). */
export function barOpenTime(time: number, intervalMs: number): number {
  return time - (((time % intervalMs) + intervalMs) % intervalMs);
}

/** Every bar length the product names: live bars from trades (1s…) and exchange candles up to a day. */
export const NAMED_TIMEFRAMES = ['1s', '1m', '5m', '15m', '1h', '4h', '1d'] as const;

/** Kline intervals a scan can fetch from the exchange (Binance has no 1s futures klines). */
export const KLINE_TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;

/** The shortest name of a bar length: 3600000 → "1h", 14400000 → "4h", 90000 → "90s". */
export function timeframeText(intervalMs: number): string {
  checkIntervalMs(intervalMs);
  for (const unit of ['d', 'h', 'm'] as const) {
    if (intervalMs % UNIT_MS[unit] === 0) return `${intervalMs / UNIT_MS[unit]}${unit}`;
  }
  return `${intervalMs / 1000}s`;
}
