// Worker entry of ingestion (bundled as dist/ingestWorker.js): the Binance feed, the frame parser, the
// sequencer and backfill, the tick store and the bar series all run here, on their own thread and clock, so
// the GC of hundreds of thousands of frames a second never stalls the host's event loop. The host hears
// back once per flush interval: closed bars in columns (buffers transferred) and the id ranges delivered.
import { parentPort } from 'worker_threads';
import { BinanceFeed } from '../feed/binanceFeed';
import { TickStore } from '../store/tickStore';
import { SymbolBars } from '../desk/symbolBars';
import { barOpenTime } from '../bars/timeframe';
import { errorMessage } from '../../shared/errorMessage';
import type { Bar, Disposable, Tick } from '../types';
import type { BarColumns, FromIngestWorker, IdRange, ToIngestWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('ingestWorker.ts runs as a worker_threads worker');

const post = (message: FromIngestWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Ids delivered since the last flush, as contiguous runs per symbol. */
class IdRanges {
  private ranges: IdRange[] = [];
  private readonly open = new Map<string, IdRange>();

  add(tick: Tick): void {
    const range = this.open.get(tick.symbol);
    if (range !== undefined && tick.id === range.toId + 1) {
      range.toId = tick.id;
      return;
    }
    const next = { symbol: tick.symbol, fromId: tick.id, toId: tick.id };
    this.ranges.push(next);
    this.open.set(tick.symbol, next);
  }

  take(): IdRange[] {
    const taken = this.ranges;
    this.ranges = [];
    this.open.clear();
    return taken;
  }
}

/** Closed bars of one series since the last flush. */
class BarQueue {
  bars: Bar[] = [];
  /** Open time of the bar the last tick fell in, and the id of that bar's first tick. */
  private openBarTime = -Infinity;
  openBarFirstId = -1;
  constructor(readonly symbol: string, readonly intervalMs: number, readonly subscription: Disposable) {}

  /** Follows the bar in progress (ticks arrive in id order, their times never go back). */
  track(tick: Tick): void {
    const openTime = barOpenTime(tick.time, this.intervalMs);
    if (openTime !== this.openBarTime) {
      this.openBarTime = openTime;
      this.openBarFirstId = tick.id;
    }
  }

  take(): { columns: BarColumns; buffers: ArrayBuffer[] } | undefined {
    const bars = this.bars;
    if (bars.length === 0) return undefined;
    this.bars = [];
    const n = bars.length;
    const column = () => new Float64Array(n);
    const c: BarColumns = {
      symbol: this.symbol, intervalMs: this.intervalMs, length: n,
      openTime: column(), open: column(), high: column(), low: column(), close: column(), volume: column(), vwap: column(), trades: column(),
      empty: new Uint8Array(n),
    };
    for (let i = 0; i < n; i++) {
      const b = bars[i];
      c.openTime[i] = b.openTime;
      c.open[i] = b.open;
      c.high[i] = b.high;
      c.low[i] = b.low;
      c.close[i] = b.close;
      c.volume[i] = b.volume;
      c.vwap[i] = b.vwap;
      c.trades[i] = b.trades;
      c.empty[i] = b.empty ? 1 : 0;
    }
    const buffers = [c.openTime, c.open, c.high, c.low, c.close, c.volume, c.vwap, c.trades, c.empty].map((a) => a.buffer as ArrayBuffer);
    return { columns: c, buffers };
  }
}

let feed: BinanceFeed | undefined;
let flushTimer: NodeJS.Timeout | undefined;
let clockSkewMs: number | undefined;
const store = new TickStore();
const symbolBars = new SymbolBars(store);
const ids = new IdRanges();
const queues = new Map<string, BarQueue>();
const lastIds = new Map<string, number>();
const seriesKey = (symbol: string, intervalMs: number) => `${symbol}|${intervalMs}`;

function flush(): void {
  if (clockSkewMs !== undefined) symbolBars.advanceTo(Date.now() + clockSkewMs);
  const bars: BarColumns[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const queue of queues.values()) {
    const taken = queue.take();
    if (!taken) continue;
    bars.push(taken.columns);
    transfer.push(...taken.buffers);
  }
  const idRanges = ids.take();
  if (bars.length > 0 || idRanges.length > 0) post({ type: 'batch', bars, idRanges, resumeFrom: resumePoints() }, transfer);
}

/** Per symbol: the last id delivered, or just before the first trade of its oldest bar in progress. */
function resumePoints(): Record<string, number> {
  const points: Record<string, number> = {};
  for (const [symbol, id] of lastIds) points[symbol] = id;
  for (const queue of queues.values()) {
    const last = points[queue.symbol];
    if (queue.openBarFirstId >= 0 && last !== undefined) points[queue.symbol] = Math.min(last, queue.openBarFirstId - 1);
  }
  return points;
}

async function handle(message: ToIngestWorker): Promise<void> {
  switch (message.type) {
    case 'start': {
      if (feed) return;
      clockSkewMs = message.clockSkewMs;
      feed = new BinanceFeed({ ...message.options, symbols: [], log: (m) => post({ type: 'log', message: m }) });
      feed.onTick((tick) => {
        store.append(tick);
        symbolBars.add(tick);
        ids.add(tick);
        lastIds.set(tick.symbol, tick.id);
        for (const queue of queues.values()) if (queue.symbol === tick.symbol) queue.track(tick);
      });
      feed.onState((state) => post({ type: 'state', state }));
      feed.onGap((gap) => post({ type: 'gap', gap }));
      for (const symbol of message.symbols) feed.addSymbol(symbol, message.resumeFrom[symbol]);
      feed.start();
      flushTimer = setInterval(flush, message.flushIntervalMs);
      post({ type: 'started' });
      return;
    }
    case 'addSymbol':
      feed?.addSymbol(message.symbol, message.resumeAfterId);
      return;
    case 'removeSymbol':
      feed?.removeSymbol(message.symbol);
      return;
    case 'subscribeBars': {
      const key = seriesKey(message.symbol, message.intervalMs);
      if (queues.has(key)) return;
      const queue: BarQueue = new BarQueue(message.symbol, message.intervalMs, symbolBars.subscribe(message.symbol, message.intervalMs, (bar) => queue.bars.push(bar)));
      // The series starts from the stored ticks of the bar in progress: so does its resume point.
      const last = store.lastTime(message.symbol);
      if (last !== undefined) {
        const from = barOpenTime(last, message.intervalMs);
        store.forEachInRange(message.symbol, from, Infinity, (time, price, qty, id, buyerIsMaker) => queue.track({ symbol: message.symbol, time, price, qty, id, buyerIsMaker }));
      }
      queues.set(key, queue);
      return;
    }
    case 'unsubscribeBars': {
      const key = seriesKey(message.symbol, message.intervalMs);
      queues.get(key)?.subscription.dispose();
      queues.delete(key);
      return;
    }
    case 'stop':
      if (flushTimer) clearInterval(flushTimer);
      flushTimer = undefined;
      await feed?.stop();
      feed = undefined;
      flush();
      post({ type: 'stopped' });
      port?.close();
      return;
  }
}

port.on('message', (message: ToIngestWorker) => {
  handle(message).catch((err) => post({ type: 'log', message: `ingest worker: ${message.type} failed: ${errorMessage(err)}` }));
});
