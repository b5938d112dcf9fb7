// Parser of the recorder's lines in ../shared/data: "<receive time ns> <combined-stream frame JSON>".
// Only `<symbol>@trade` frames become ticks; depth, bookTicker and REST snapshot lines are skipped.
import type { Tick } from '../types';
import { readLines } from './lines';

/** A raw trade exactly as the recording holds it (enough to re-emit Binance's trade and aggTrade events). */
export interface RecordedTrade extends Tick {
  /** Event time `E`, ms. */
  eventTime: number;
  /** Price and quantity as the wire strings, to re-emit them byte for byte. */
  priceText: string;
  qtyText: string;
}

/** Parses one recording line; returns undefined for anything that is not a trade frame. */
export function parseRecordingLine(line: string): RecordedTrade | undefined {
  const space = line.indexOf(' ');
  if (space < 0 || line.indexOf('@trade"', space) < 0) return undefined;
  let frame: { stream?: string; data?: Record<string, unknown> };
  try {
    frame = JSON.parse(line.slice(space + 1));
  } catch {
    return undefined;
  }
  const d = frame.data;
  if (!d || d.e !== 'trade' || typeof d.p !== 'string' || typeof d.q !== 'string') return undefined;
  return {
    symbol: String(d.s),
    time: Number(d.T),
    eventTime: Number(d.E),
    price: Number(d.p),
    qty: Number(d.q),
    priceText: d.p,
    qtyText: d.q,
    id: Number(d.t),
    buyerIsMaker: d.m === true,
  };
}

/** All trades of one or more recording files, sorted by (symbol, trade time, id). */
export async function readRecordedTrades(paths: readonly string[]): Promise<RecordedTrade[]> {
  const trades: RecordedTrade[] = [];
  for (const path of paths) {
    for await (const line of readLines(path)) {
      const trade = parseRecordingLine(line);
      if (trade) trades.push(trade);
    }
  }
  trades.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.time - b.time || a.id - b.id));
  return trades;
}
