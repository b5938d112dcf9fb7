// Worker entry of ingestion (bundled as dist/ingestWorker.js): the Binance feed, the frame parser, the
// sequencer and backfill, the tick store and the bar series all run here, on their own thread and clock, so
// the GC of hundreds of thousands of frames a second never stalls the host's event loop. The host hears
// back once per flush interval: closed bars in columns (buffers transferred), the id ranges delivered and the
// live preview (each symbol's newest trade, each series' bar in progress); it answers requests for history
// (a warm start's REST tail into the store) and for resampled bars of any length from the store.
import { parentPort } from 'worker_threads';
import { BinanceFeed } from '../feed/binanceFeed';
import { TickStore } from '../store/tickStore';
import { SymbolBars } from '../desk/symbolBars';
import { barOpenTime } from '../bars/timeframe';
import { errorMessage } from '../../shared/errorMessage';
import type { Bar, Disposable, StreamKind, Tick } from '../types';
import { barColumnBuffers, barColumns } from './columns';
import { FlushThrottle, type FlushSent } from './flushThrottle';
import type { BarColumns, FromIngestWorker, IdRange, LivePreviews, ToIngestWorker, TradeColumns } from './protocol';

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
    const columns = barColumns(this.symbol, this.intervalMs, bars);
    return { columns, buffers: barColumnBuffers(columns) };
  }
}

let feed: BinanceFeed | undefined;
let throttle: FlushThrottle | undefined;
let closeByClock = false;
/** Per symbol, its newest delivered trade's time and when it arrived (Date.now()): the symbol's own clock. */
const clocks = new Map<string, { time: number; at: number }>();
/** The symbol whose hole the feed is filling over REST (its state): its clock waits for the hole's trades. */
let backfillingSymbol: string | undefined;
/** Trades held behind a hole wait this long before the feed backfills (its reorder window, 250 ms, and some). */
const CLOCK_GRACE_MS = 400;

/**
 * Closes each symbol's bars by its own clock (a quiet symbol's bar closes without a next trade): its newest
 * trade's time plus the time since it arrived, less the grace for trades held behind a hole, and not while its
 * hole is backfilled. One symbol's clock never closes another's bars, whose trades may still be on their way.
 */
function advanceClocks(): void {
  const now = Date.now();
  for (const [symbol, clock] of clocks) if (symbol !== backfillingSymbol) symbolBars.advanceSymbolTo(symbol, clock.time + (now - clock.at) - CLOCK_GRACE_MS);
}
let stream: StreamKind = 'aggTrade';
let storeBounds: { maxAgeMs?: number } = {};
let store = new TickStore();
let symbolBars = new SymbolBars(store);
/** Per symbol, the newest trade since the last flush (the preview). */
const newest = new Map<string, Tick>();
/** Per symbol (streams other than aggTrade): the newest inserted history trade time; live trades up to it are in the history. */
const historyUntil = new Map<string, number>();
const ids = new IdRanges();
const queues = new Map<string, BarQueue>();
const lastIds = new Map<string, number>();
const seriesKey = (symbol: string, intervalMs: number) => `${symbol}|${intervalMs}`;

/** Sends what the host has not had yet; says what went (the throttle's period counts trades). */
function flush(): FlushSent {
  if (closeByClock) advanceClocks();
  const bars: BarColumns[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const queue of queues.values()) {
    const taken = queue.take();
    if (!taken) continue;
    bars.push(taken.columns);
    transfer.push(...taken.buffers);
  }
  const idRanges = ids.take();
  const previews = takePreviews(transfer);
  if (bars.length > 0 || idRanges.length > 0) {
    post({ type: 'batch', bars, idRanges, resumeFrom: resumePoints(), previews }, transfer);
  }
  return idRanges.length > 0 ? 'trades' : bars.length > 0 ? 'bars' : 'nothing';
}

/** Each symbol's newest trade since the last flush and the bar in progress of its series. */
function takePreviews(transfer: ArrayBuffer[]): LivePreviews {
  const symbols = [...newest.keys()];
  const n = symbols.length;
  const previews: LivePreviews = { symbols, time: new Float64Array(n), price: new Float64Array(n), id: new Float64Array(n), forming: [] };
  symbols.forEach((symbol, i) => {
    const t = newest.get(symbol)!;
    previews.time[i] = t.time;
    previews.price[i] = t.price;
    previews.id[i] = t.id;
  });
  newest.clear();
  for (const queue of queues.values()) {
    if (!symbols.includes(queue.symbol)) continue;
    const bar = symbolBars.forming(queue.symbol, queue.intervalMs);
    if (bar) previews.forming.push(barColumns(queue.symbol, queue.intervalMs, [bar]));
  }
  transfer.push(previews.time.buffer as ArrayBuffer, previews.price.buffer as ArrayBuffer, previews.id.buffer as ArrayBuffer);
  for (const c of previews.forming) transfer.push(...barColumnBuffers(c));
  return previews;
}

/** A live trade the store already holds from inserted history. */
function alreadyStored(tick: Tick): boolean {
  if (stream === 'aggTrade') {
    const last = store.lastId(tick.symbol);
    return last !== undefined && tick.id <= last;
  }
  const until = historyUntil.get(tick.symbol);
  return until !== undefined && tick.time <= until;
}

/** The history's trades older than every stored one, then the stored ones, become the symbol's series. */
function insertHistory(trades: TradeColumns): number {
  const { symbol } = trades;
  const firstTime = store.firstTime(symbol);
  const firstId = firstTime === undefined ? undefined : store.ids(symbol)[0];
  const merged = new TickStore(storeBounds);
  let stored = 0;
  for (let i = 0; i < trades.length; i++) {
    const older = firstTime === undefined || (stream === 'aggTrade' ? trades.id[i] < firstId! : trades.time[i] < firstTime);
    if (!older) continue;
    merged.appendTrade(symbol, trades.time[i], trades.price[i], trades.qty[i], trades.id[i], trades.buyerIsMaker[i] === 1);
    stored++;
  }
  store.forEachInRange(symbol, -Infinity, Infinity, (time, price, qty, id, buyerIsMaker) => merged.appendTrade(symbol, time, price, qty, id, buyerIsMaker));
  store.adopt(symbol, merged, symbol);
  // Series made before the history came hold only what followed it: started again from the store.
  if (stored > 0) symbolBars.reseed(symbol);
  if (stream !== 'aggTrade' && trades.length > 0) historyUntil.set(symbol, Math.max(historyUntil.get(symbol) ?? -Infinity, trades.time[trades.length - 1]));
  return stored;
}

function subscribeSeries(symbol: string, intervalMs: number): void {
  const key = seriesKey(symbol, intervalMs);
  if (queues.has(key)) return;
  const queue: BarQueue = new BarQueue(symbol, intervalMs, symbolBars.subscribe(symbol, intervalMs, (bar) => queue.bars.push(bar)));
  // The series starts from the stored ticks of the bar in progress: so does its resume point.
  const last = store.lastTime(symbol);
  if (last !== undefined) {
    const from = barOpenTime(last, intervalMs);
    store.forEachInRange(symbol, from, Infinity, (time, price, qty, id, buyerIsMaker) => queue.track({ symbol, time, price, qty, id, buyerIsMaker }));
  }
  queues.set(key, queue);
}

/** The series' bars from the store up to where its batches take over, the series subscribed in the same step. */
function resample(requestId: number, symbol: string, intervalMs: number, fromOpen: number | undefined): Extract<FromIngestWorker, { type: 'resampled' }> {
  subscribeSeries(symbol, intervalMs);
  const { bars, takeoverFrom, firstTime, lastTrade } = symbolBars.resample(symbol, intervalMs, fromOpen);
  return { type: 'resampled', requestId, symbol, intervalMs, bars: barColumns(symbol, intervalMs, bars), takeoverFrom, firstTime, lastTrade };
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
      closeByClock = message.closeByClock ?? false;
      stream = message.options.stream ?? 'aggTrade';
      storeBounds = message.tickHistoryMs === undefined ? {} : { maxAgeMs: message.tickHistoryMs };
      store = new TickStore(storeBounds);
      symbolBars = new SymbolBars(store);
      feed = new BinanceFeed({ ...message.options, symbols: [], log: (m) => post({ type: 'log', message: m }) });
      feed.onTick((tick) => {
        // The exchange's clock as the symbol's newest trade tells it: a replay's trade times need not be this machine's.
        if (closeByClock) clocks.set(tick.symbol, { time: tick.time, at: Date.now() });
        if (!alreadyStored(tick)) {
          store.append(tick);
          symbolBars.add(tick);
        }
        newest.set(tick.symbol, tick);
        ids.add(tick);
        lastIds.set(tick.symbol, tick.id);
        for (const queue of queues.values()) if (queue.symbol === tick.symbol) queue.track(tick);
        throttle?.tradeArrived();
      });
      feed.onState((state) => {
        backfillingSymbol = state.kind === 'backfilling' ? state.symbol : undefined;
        post({ type: 'state', state });
      });
      feed.onGap((gap) => post({ type: 'gap', gap }));
      for (const symbol of message.symbols) feed.addSymbol(symbol, message.resumeFrom[symbol]);
      feed.start();
      throttle?.dispose();
      throttle = new FlushThrottle(message.flushIntervalMs, flush);
      post({ type: 'started' });
      return;
    }
    case 'addSymbol':
      feed?.addSymbol(message.symbol, message.resumeAfterId);
      return;
    case 'removeSymbol':
      feed?.removeSymbol(message.symbol);
      return;
    case 'subscribeBars':
      subscribeSeries(message.symbol, message.intervalMs);
      return;
    case 'insertHistory':
      post({ type: 'inserted', requestId: message.requestId, symbol: message.trades.symbol, stored: insertHistory(message.trades) });
      return;
    case 'resample': {
      // Bars the series closed before this step belong to the batches: flushed first, so the answer follows them.
      if (throttle) throttle.sendNow();
      else flush();
      const answer = resample(message.requestId, message.symbol, message.intervalMs, message.fromOpen);
      post(answer, barColumnBuffers(answer.bars));
      return;
    }
    case 'unsubscribeBars': {
      const key = seriesKey(message.symbol, message.intervalMs);
      queues.get(key)?.subscription.dispose();
      queues.delete(key);
      return;
    }
    case 'setFlushInterval':
      throttle?.setPeriod(message.flushIntervalMs);
      return;
    case 'stop':
      throttle?.dispose();
      throttle = undefined;
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
