// Validation shared by the tick parsers: a tick either has every field finite and sensible, or the line is
// reported as bad with the reason. Nothing NaN gets through.
import type { Tick } from '../types';
import { wellFormedSymbol } from '../symbols';

/** Parse outcome of one line: a tick, a reason why the line is bad, or undefined for a line skipped on purpose. */
export type LineResult = Tick | string | undefined;

export type TickLineParser = (line: string) => LineResult;

/** A JSON number or numeric string as a number; NaN for anything else (including ""). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return NaN;
}

/** An optional column's value: undefined when the field is missing or blank (the source did not have it). */
export function optionalNumber(field: string | undefined): number | undefined {
  if (field === undefined) return undefined;
  const text = field.trim().replace(/^"|"$/g, '');
  return text === '' ? undefined : Number(text);
}

/** Builds the tick, or returns why it cannot be one. */
export function makeTick(symbol: unknown, time: number, price: number, qty: number, id: number, buyerIsMaker: boolean): Tick | string {
  if (typeof symbol !== 'string' || symbol === '') return 'no symbol';
  const name = wellFormedSymbol(symbol);
  if (!name) return `symbol ${JSON.stringify(symbol.slice(0, 40))} is not an exchange symbol (letters, digits, _)`;
  if (!Number.isFinite(time)) return 'time is not a number';
  if (!Number.isFinite(price) || price <= 0) return 'price is not a positive number';
  if (!Number.isFinite(qty) || qty < 0) return 'quantity is not a number ≥ 0';
  if (!Number.isFinite(id)) return 'id is not a number';
  return { symbol: name, time, price, qty, id, buyerIsMaker };
}

/** Trade times in µs (newer data.binance.vision spot files) become ms; ms stay as they are. */
export function toMillis(time: number): number {
  return time >= 1e14 ? Math.floor(time / 1000) : time;
}
