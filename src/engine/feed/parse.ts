// Parses WebSocket frames of Binance's aggTrade / trade streams (combined `{"stream","data"}` or bare events)
// into ticks. Numbers are converted once here; anything malformed is reported, never thrown or delivered.
// Plain trade frames take the byte scanner (tradeScanner.ts); everything else, and anything it does not
// recognise, the JSON path below, which is the definition the scanner is tested equal to.
import type { StreamKind, Tick } from '../types';
import { TradeFrameScanner } from './tradeScanner';

/** A reply to SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS, or an error body. */
export interface ControlReply {
  id: number | undefined;
  result: unknown;
  error: string | undefined;
}

/** Receives the outcome of one frame; a callback interface avoids allocating a wrapper per message. */
export interface FrameHandler {
  tick(tick: Tick): void;
  control(reply: ControlReply): void;
  malformed(reason: string, text: string): void;
}

type JsonObject = Record<string, unknown>;

/** Text of a JSON value for a message; String() throws on an object whose "toString" key is not a function. */
function describeValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Converts one event (`data` of a combined frame) to a tick, or returns the reason it is malformed.
 * Extra fields (`E`, `nq`, `f`, `l`, `st`, `X`, …) are ignored.
 */
export function eventToTick(event: JsonObject, kind: StreamKind): Tick | string {
  if (event.e !== kind) return `unexpected event type ${JSON.stringify(event.e)}`;
  const symbol = event.s;
  if (typeof symbol !== 'string' || symbol.length === 0) return 'missing symbol "s"';
  const id = kind === 'aggTrade' ? event.a : event.t;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return `bad id in ${symbol} event`;
  const time = event.T;
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || time <= 0) return `bad trade time "T" in ${symbol} event`;
  const priceText = event.p;
  const qtyText = event.q;
  if (typeof priceText !== 'string' || typeof qtyText !== 'string') return `price/quantity not strings in ${symbol} event`;
  const price = +priceText;
  const qty = +qtyText;
  // Rejects NaN, Infinity, empty strings (which `+` turns into 0) and non-positive values.
  if (!(price > 0 && price < Infinity) || !(qty > 0 && qty < Infinity)) return `bad price/quantity in ${symbol} event`;
  const buyerIsMaker = event.m;
  if (typeof buyerIsMaker !== 'boolean') return `bad buyer-is-maker "m" in ${symbol} event`;
  return { symbol, time, price, qty, id, buyerIsMaker };
}

const scanner = new TradeFrameScanner();

/** Parses one frame (the socket's bytes, or text) and hands the result to `handler`. Never throws. */
export function parseFrame(frame: Buffer | string, kind: StreamKind, handler: FrameHandler): void {
  const bytes = typeof frame === 'string' ? Buffer.from(frame, 'utf8') : frame;
  const tick = scanner.scan(bytes, kind);
  if (tick !== undefined) handler.tick(tick);
  else parseFrameJson(typeof frame === 'string' ? frame : frame.toString('utf8'), kind, handler);
}

/** The JSON path: parses one frame's text and hands the result to `handler`. Never throws. */
export function parseFrameJson(text: string, kind: StreamKind, handler: FrameHandler): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    handler.malformed('invalid JSON', text);
    return;
  }
  if (!isObject(parsed)) {
    handler.malformed('frame is not a JSON object', text);
    return;
  }
  const data = parsed.data;
  const event = isObject(data) ? data : typeof parsed.e === 'string' ? parsed : undefined;
  if (event !== undefined) {
    const tick = eventToTick(event, kind);
    if (typeof tick === 'string') handler.malformed(tick, text);
    else handler.tick(tick);
    return;
  }
  if ('result' in parsed || 'code' in parsed || 'error' in parsed) {
    const id = typeof parsed.id === 'number' ? parsed.id : undefined;
    let error: string | undefined;
    if ('code' in parsed) error = `code ${describeValue(parsed.code)}: ${describeValue(parsed.msg)}`;
    else if (isObject(parsed.error)) error = `code ${describeValue(parsed.error.code)}: ${describeValue(parsed.error.msg)}`;
    handler.control({ id, result: parsed.result, error });
    return;
  }
  handler.malformed('neither an event nor a control reply', text);
}
