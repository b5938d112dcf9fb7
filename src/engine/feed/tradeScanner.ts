// Fast path of the frame parser: reads the tick of an aggTrade / trade frame straight from the socket's bytes,
// without JSON.parse building an object tree (outer frame, event, eight strings) per message, which at
// hundreds of thousands of frames a second is most of the garbage the editor's thread has to collect.
// It recognises only the plain shapes Binance and the local exchange send: `{"stream":"…","data":{…}}` or a
// bare event, no whitespace, flat event values (strings without escapes, unsigned integers, true/false/null),
// ASCII only, fields in any order (a repeated key: the last wins, as in JSON.parse). Everything else
// (escapes, nesting, other events, control replies, malformed or unusual numbers) returns undefined and the
// caller takes the JSON path, so the result is always exactly what the JSON path gives.
import type { StreamKind, Tick } from '../types';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** Largest digit count whose value is certainly below 2^53 (so accumulated exactly in a double). */
const MAX_EXACT_DIGITS = 15;
/** Ids and times up to Number.MAX_SAFE_INTEGER (16 digits) are read; beyond that the JSON path reports them. */
const MAX_INTEGER_DIGITS = 16;
const POW10: readonly number[] = Array.from({ length: MAX_EXACT_DIGITS + 1 }, (_, k) => 10 ** k);

const STREAM_PREFIX = Buffer.from('{"stream":"');
const DATA_KEY = Buffer.from(',"data":');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const NULL = Buffer.from('null');
const EVENT_NAME: Readonly<Record<StreamKind, Buffer>> = { aggTrade: Buffer.from('aggTrade'), trade: Buffer.from('trade') };

/** Field values of one event as the scan finds them; -1 (or NaN) = absent. Reused across frames. */
class EventFields {
  eventStart = -1;
  eventEnd = -1;
  symbolStart = -1;
  symbolEnd = -1;
  symbolHash = 0;
  id = -1;
  time = -1;
  price = NaN;
  qty = NaN;
  /** 1 true, 0 false, -1 absent. */
  buyerIsMaker = -1;

  reset(): void {
    this.eventStart = this.eventEnd = this.symbolStart = this.symbolEnd = this.id = this.time = this.buyerIsMaker = -1;
    this.price = this.qty = NaN;
  }
}

export class TradeFrameScanner {
  private buf: Buffer = STREAM_PREFIX;
  private pos = 0;
  private readonly fields = new EventFields();
  /** Symbol strings by a hash of their bytes, so a frame's symbol is not a new string (and Map lookups stay fast). */
  private readonly symbols = new Map<number, string>();

  /** The tick of `frame` when it has one of the plain shapes, else undefined (take the JSON path). */
  scan(frame: Buffer, kind: StreamKind): Tick | undefined {
    this.buf = frame;
    this.pos = 0;
    this.fields.reset();
    const n = frame.length;
    if (n < 2 || frame[0] !== OPEN_BRACE) return undefined;
    if (this.startsWith(STREAM_PREFIX)) {
      // Combined frame: exactly "stream" then "data" (any other order or key goes the JSON way).
      this.pos = STREAM_PREFIX.length;
      if (this.skipStringBody() < 0) return undefined;
      if (!this.startsWith(DATA_KEY)) return undefined;
      this.pos += DATA_KEY.length;
      if (!this.scanEvent(kind)) return undefined;
      if (this.pos !== n - 1 || frame[this.pos] !== CLOSE_BRACE) return undefined;
    } else {
      if (!this.scanEvent(kind)) return undefined;
      if (this.pos !== n) return undefined;
    }
    return this.tick(kind);
  }

  /** Reads a flat object at `pos`; leaves `pos` after its `}`. False when it is not one this scanner reads. */
  private scanEvent(kind: StreamKind): boolean {
    const b = this.buf;
    const f = this.fields;
    if (b[this.pos] !== OPEN_BRACE) return false;
    this.pos++;
    if (b[this.pos] === CLOSE_BRACE) {
      this.pos++;
      return true;
    }
    for (;;) {
      if (b[this.pos] !== QUOTE) return false;
      const keyStart = ++this.pos;
      const keyEnd = this.skipStringBody();
      if (keyEnd < 0 || b[this.pos] !== COLON) return false;
      this.pos++;
      // The fields a tick needs have one-letter keys; every other value is checked for validity and skipped.
      const key = keyEnd - keyStart === 1 ? b[keyStart] : 0;
      switch (key) {
        case 0x65 /* e */:
          if (b[this.pos] !== QUOTE) return false;
          f.eventStart = ++this.pos;
          if ((f.eventEnd = this.skipStringBody()) < 0) return false;
          break;
        case 0x73 /* s */: {
          if (b[this.pos] !== QUOTE) return false;
          const start = ++this.pos;
          let hash = 0;
          for (;;) {
            const c = b[this.pos];
            if (c === QUOTE) break;
            if (c === undefined || c < 0x20 || c >= 0x80 || c === BACKSLASH) return false;
            hash = (Math.imul(hash, 31) + c) | 0;
            this.pos++;
          }
          f.symbolStart = start;
          f.symbolEnd = this.pos++;
          f.symbolHash = hash;
          break;
        }
        case 0x61 /* a */:
        case 0x74 /* t */:
          if ((key === 0x61) === (kind === 'aggTrade')) {
            if ((f.id = this.readInteger()) < 0) return false;
          } else if (!this.skipValue()) return false;
          break;
        case 0x54 /* T */:
          if ((f.time = this.readInteger()) < 0) return false;
          break;
        case 0x70 /* p */:
          if ((f.price = this.readDecimalString()) < 0) return false;
          break;
        case 0x71 /* q */:
          if ((f.qty = this.readDecimalString()) < 0) return false;
          break;
        case 0x6d /* m */:
          if (this.startsWith(TRUE)) {
            f.buyerIsMaker = 1;
            this.pos += 4;
          } else if (this.startsWith(FALSE)) {
            f.buyerIsMaker = 0;
            this.pos += 5;
          } else return false;
          break;
        default:
          if (!this.skipValue()) return false;
      }
      const c = b[this.pos++];
      if (c === CLOSE_BRACE) return true;
      if (c !== COMMA) return false;
    }
  }

  /** Builds the tick when every field the JSON path checks is present and valid; else undefined. */
  private tick(kind: StreamKind): Tick | undefined {
    const f = this.fields;
    if (f.eventStart < 0 || !this.equalsBytes(f.eventStart, f.eventEnd, EVENT_NAME[kind])) return undefined;
    if (f.symbolStart < 0 || f.symbolEnd === f.symbolStart) return undefined;
    if (f.id < 0 || f.time <= 0 || f.buyerIsMaker < 0) return undefined;
    // price and qty are NaN when absent, and must be positive like the JSON path demands.
    if (!(f.price > 0) || !(f.qty > 0)) return undefined;
    return { symbol: this.symbol(), time: f.time, price: f.price, qty: f.qty, id: f.id, buyerIsMaker: f.buyerIsMaker === 1 };
  }

  private symbol(): string {
    const f = this.fields;
    const b = this.buf;
    const cached = this.symbols.get(f.symbolHash);
    const length = f.symbolEnd - f.symbolStart;
    if (cached !== undefined && cached.length === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (cached.charCodeAt(i) !== b[f.symbolStart + i]) {
          same = false;
          break;
        }
      }
      if (same) return cached;
    }
    const text = b.toString('latin1', f.symbolStart, f.symbolEnd);
    if (this.symbols.size < 4096) this.symbols.set(f.symbolHash, text);
    return text;
  }

  /** At `pos` just after an opening quote: moves past the closing quote; returns the index of that quote, or -1. */
  private skipStringBody(): number {
    const b = this.buf;
    for (;;) {
      const c = b[this.pos];
      if (c === QUOTE) return this.pos++;
      // Escapes and non-ASCII go the JSON way; a raw control character is invalid JSON (the JSON path says so).
      if (c === undefined || c < 0x20 || c >= 0x80 || c === BACKSLASH) return -1;
      this.pos++;
    }
  }

  /** An unsigned JSON integer up to Number.MAX_SAFE_INTEGER; -1 for anything else. */
  private readInteger(): number {
    const b = this.buf;
    const start = this.pos;
    let value = 0;
    let c = b[this.pos];
    while (c !== undefined && c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      c = b[++this.pos];
    }
    const digits = this.pos - start;
    // Up to 16 digits every step is exact while the value stays safe; past 2^53 it cannot round back below.
    if (digits === 0 || digits > MAX_INTEGER_DIGITS || value > Number.MAX_SAFE_INTEGER) return -1;
    if (b[start] === ZERO && digits > 1) return -1; // leading zero: invalid JSON
    // A fraction or exponent would make it a different number (JSON.parse reads "1.0" or "1e3" as integers).
    if (c === DOT || c === 0x65 || c === 0x45) return -1;
    return value;
  }

  /**
   * A string of plain decimal digits with an optional fraction (`"61800.30"`), at most 15 digits in all, as a
   * number: the integer of its digits divided by a power of ten — both exact, so the one rounding of the
   * division gives the same double as `+text`. -1 for any other string (the JSON path decides).
   */
  private readDecimalString(): number {
    const b = this.buf;
    if (b[this.pos] !== QUOTE) return -1;
    const start = ++this.pos;
    let mantissa = 0;
    let fractionDigits = -1;
    for (;;) {
      const c = b[this.pos];
      if (c !== undefined && c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        if (fractionDigits >= 0) fractionDigits++;
      } else if (c === DOT && fractionDigits < 0) {
        if (this.pos === start) return -1;
        fractionDigits = 0;
      } else break;
      this.pos++;
    }
    const end = this.pos;
    if (b[end] !== QUOTE || end === start || fractionDigits === 0) return -1;
    if (end - start - (fractionDigits > 0 ? 1 : 0) > MAX_EXACT_DIGITS) return -1;
    this.pos++;
    return fractionDigits > 0 ? mantissa / POW10[fractionDigits] : mantissa;
  }

  /** Skips a flat value: a plain string, an unsigned integer, true, false or null. False for anything else. */
  private skipValue(): boolean {
    const b = this.buf;
    const c = b[this.pos];
    if (c === QUOTE) {
      this.pos++;
      return this.skipStringBody() >= 0;
    }
    if (c !== undefined && c >= ZERO && c <= NINE) {
      const start = this.pos;
      let d = c;
      while (d !== undefined && d >= ZERO && d <= NINE) d = b[++this.pos];
      if (c === ZERO && this.pos - start > 1) return false;
      return d !== DOT && d !== 0x65 && d !== 0x45;
    }
    const literal = c === 0x74 ? TRUE : c === 0x66 ? FALSE : c === 0x6e ? NULL : undefined;
    if (literal === undefined || !this.startsWith(literal)) return false;
    this.pos += literal.length;
    return true;
  }

  private startsWith(literal: Buffer): boolean {
    const b = this.buf;
    if (this.pos + literal.length > b.length) return false;
    for (let i = 0; i < literal.length; i++) if (b[this.pos + i] !== literal[i]) return false;
    return true;
  }

  private equalsBytes(start: number, end: number, literal: Buffer): boolean {
    if (end - start !== literal.length) return false;
    const b = this.buf;
    for (let i = 0; i < literal.length; i++) if (b[start + i] !== literal[i]) return false;
    return true;
  }
}
