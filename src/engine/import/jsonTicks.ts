// Line parsers for the JSON formats: recorder lines, combined-stream frames, bare events, collector NDJSON.
// Frames of other streams (depth, bookTicker) and snapshots are skipped, not errors. Should a file carry
// both trade and aggTrade frames of one symbol, the first kind seen is used and the other skipped, so no
// trade is counted twice.
import type { StreamKind, Tick } from '../types';
import { makeTick, toNumber, type LineResult, type TickLineParser } from './tickFields';

type Json = Record<string, unknown>;

/** A trade or aggTrade event (the `data` of a frame) as a tick; undefined for other events. */
export function eventToTick(event: Json): Tick | string | undefined {
  const kind = event.e;
  if (kind !== 'trade' && kind !== 'aggTrade') return undefined;
  const id = toNumber(kind === 'trade' ? event.t : event.a);
  return makeTick(event.s, toNumber(event.T), toNumber(event.p), toNumber(event.q), id, event.m === true);
}

function parseObject(text: string): Json | string {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : 'not a JSON object';
  } catch {
    return 'not valid JSON';
  }
}

/** Keeps one stream kind per symbol. */
function kindFilter(): (tick: Tick, kind: StreamKind) => boolean {
  const kindBySymbol = new Map<string, StreamKind>();
  return (tick, kind) => {
    const seen = kindBySymbol.get(tick.symbol);
    if (seen === undefined) kindBySymbol.set(tick.symbol, kind);
    return seen === undefined || seen === kind;
  };
}

function looksLikeTradeFrame(text: string): boolean {
  return text.includes('@trade"') || text.includes('@aggTrade"') || text.includes('"e":"trade"') || text.includes('"e":"aggTrade"');
}

function parseFrame(text: string, keep: (tick: Tick, kind: StreamKind) => boolean): LineResult {
  // Most recorded lines are depth frames: skip them without JSON.parse.
  if (!looksLikeTradeFrame(text)) return text.startsWith('{') && text.endsWith('}') ? undefined : 'not a JSON object';
  const frame = parseObject(text);
  if (typeof frame === 'string') return frame;
  const data = typeof frame.data === 'object' && frame.data !== null ? (frame.data as Json) : frame;
  const tick = eventToTick(data);
  if (tick === undefined || typeof tick === 'string') return tick;
  return keep(tick, data.e as StreamKind) ? tick : undefined;
}

/** "<receive time ns> <combined-stream JSON>" lines of the recorder. */
export function recordingParser(): TickLineParser {
  const keep = kindFilter();
  return (line) => {
    const text = line.trim();
    if (text === '') return undefined;
    const space = text.indexOf(' ');
    if (space <= 0 || !/^\d+$/.test(text.slice(0, space))) return 'not "<receive time> <JSON>"';
    return parseFrame(text.slice(space + 1), keep);
  };
}

/** Combined-stream frames {"stream":…,"data":{…}} and bare events {"e":"aggTrade",…}, one per line. */
export function streamJsonParser(): TickLineParser {
  const keep = kindFilter();
  return (line) => {
    const text = line.trim();
    return text === '' ? undefined : parseFrame(text, keep);
  };
}

/**
 * The original collector's NDJSON {"symbol","ts","price","size"}. It has no trade id and no side: ids are
 * the line's rank per symbol (1, 2, …) and buyerIsMaker is false.
 */
export function collectorParser(): TickLineParser {
  const nextIdBySymbol = new Map<string, number>();
  return (line) => {
    const text = line.trim();
    if (text === '') return undefined;
    const o = parseObject(text);
    if (typeof o === 'string') return o;
    const time = typeof o.ts === 'string' ? Date.parse(o.ts) : toNumber(o.ts);
    const symbol = typeof o.symbol === 'string' ? o.symbol.toUpperCase() : o.symbol;
    const id = typeof symbol === 'string' ? (nextIdBySymbol.get(symbol) ?? 1) : NaN;
    const tick = makeTick(symbol, time, toNumber(o.price), toNumber(o.size), id, false);
    if (typeof tick !== 'string') nextIdBySymbol.set(tick.symbol, id + 1);
    return tick;
  };
}
