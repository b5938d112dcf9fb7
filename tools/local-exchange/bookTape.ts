// The recorded order-book streams (bookTicker and diff depth) of one symbol, replayed on /public and the legacy
// paths as recorded. Each event keeps its wire JSON; times (E, T) are shifted on the way out, like trades.
import { readLines } from '../../src/engine/import/lines';

export const BOOK_TICKER = 0;
export const DEPTH_UPDATE = 1;

export interface BookEvent {
  time: number;
  kind: typeof BOOK_TICKER | typeof DEPTH_UPDATE;
  data: string;
}

export class BookTape {
  private readonly times: Float64Array;

  constructor(
    readonly symbol: string,
    private readonly events: readonly BookEvent[],
    private readonly timeShiftMs: number,
    private readonly loopShiftMs: number,
  ) {
    this.times = Float64Array.from(events, (e) => e.time);
  }

  get length(): number {
    return this.events.length;
  }

  time(n: number): number {
    const k = Math.floor(n / this.events.length);
    if (k > 0 && this.loopShiftMs === 0) return Infinity;
    return this.times[n - k * this.events.length] + this.timeShiftMs + k * this.loopShiftMs;
  }

  kind(n: number): number {
    return this.events[n % this.events.length].kind;
  }

  /** The event's JSON with E and T moved to the replay's times. */
  data(n: number): string {
    const k = Math.floor(n / this.events.length);
    const shift = this.timeShiftMs + k * this.loopShiftMs;
    const raw = this.events[n - k * this.events.length].data;
    return shift === 0 ? raw : raw.replace(/"([ET])":(\d+)/g, (_, key: string, v: string) => `"${key}":${Number(v) + shift}`);
  }

  /** First sequence number whose time is after `clock` (to join the replay mid-way). */
  firstAfter(clock: number, from: number): number {
    if (this.events.length === 0) return from;
    // Galloping search: the replay may have run far ahead while nobody listened.
    let lo = from;
    let step = 1;
    let hi = from;
    while (this.time(hi) <= clock) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.time(mid) <= clock) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const STREAM_AT = /^\d+ \{"stream":"([a-z0-9_]+)@(bookTicker|depth[^"]*)","data":/;

/** Reads bookTicker and depth frames of recording files, per symbol (upper case), in event-time order. */
export async function readBookEvents(paths: readonly string[]): Promise<Map<string, BookEvent[]>> {
  const bySymbol = new Map<string, BookEvent[]>();
  for (const path of paths) {
    for await (const line of readLines(path)) {
      const m = STREAM_AT.exec(line);
      if (!m || !line.endsWith('}}')) continue;
      const data = line.slice(m[0].length, -1);
      const e = /"E":(\d+)/.exec(data);
      if (!e) continue;
      const symbol = m[1].toUpperCase();
      let list = bySymbol.get(symbol);
      if (!list) bySymbol.set(symbol, (list = []));
      list.push({ time: Number(e[1]), kind: m[2] === 'bookTicker' ? BOOK_TICKER : DEPTH_UPDATE, data });
    }
  }
  for (const list of bySymbol.values()) list.sort((a, b) => a.time - b.time);
  return bySymbol;
}
