// The host's side of ingestion in a worker (ingestWorker.ts): spawns it, forwards symbol and bar-series
// changes, and hands on what it reports (closed bars in columns, delivered id ranges, live previews, states,
// gaps); history into the worker's store and resampled bars out of it are requests answered by promises. If the
// worker dies, it is started again resuming after the ids the host already has, so the hole is backfilled
// over REST: nothing lost, and what the new worker re-delivers of what the host has is dropped here.
import { Worker } from 'worker_threads';
import { existsSync } from 'fs';
import { join } from 'path';
import { Emitter } from '../emitter';
import { EngineError } from '../errors';
import { errorMessage } from '../../shared/errorMessage';
import type { Disposable, FeedState, StoredTrade, UnrepairedGap } from '../types';
import { tradeColumnBuffers } from './columns';
import type { BarColumns, FromIngestWorker, IdRange, IngestFeedOptions, LivePreviews, ToIngestWorker, TradeColumns } from './protocol';

/** The answer to `resample` (see protocol.ts). */
export interface Resampled {
  bars: BarColumns;
  takeoverFrom?: number;
  firstTime?: number;
  lastTrade?: StoredTrade;
}

export interface IngestClientOptions {
  feed: IngestFeedOptions;
  symbols: readonly string[];
  /** How often the worker sends what closed and what was delivered (default 100 ms). */
  flushIntervalMs?: number;
  /** The worker's script; default dist/ingestWorker.js beside the bundle, or ingestWorker.ts under tsx. */
  workerScript?: string;
  /** Bars also close by each symbol's own clock, a quiet symbol's without a next trade (see protocol.ts). */
  closeByClock?: boolean;
  /** Wait before starting a worker again after it died (default 100 ms). */
  restartDelayMs?: number;
  /** Ticks the worker's store keeps, ms (default: unbounded). */
  tickHistoryMs?: number;
  log?: (message: string) => void;
}

function defaultWorkerScript(): string {
  return join(__dirname, __filename.endsWith('.ts') ? 'ingestWorker.ts' : 'ingestWorker.js');
}

function spawnWorker(script: string): Worker {
  if (!existsSync(script)) throw new EngineError('FILE_UNREADABLE', `ingest worker script ${script} is missing (run npm run build)`);
  // Node refuses a .ts worker file: under tsx the worker registers tsx's loader, then requires the source.
  return script.endsWith('.ts')
    ? new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(script)});`, { eval: true })
    : new Worker(script);
}

export class IngestClient {
  private readonly bars = new Emitter<BarColumns>((err) => this.log(`bars listener failed: ${errorMessage(err)}`));
  private readonly idRanges = new Emitter<IdRange>((err) => this.log(`id listener failed: ${errorMessage(err)}`));
  private readonly states = new Emitter<FeedState>((err) => this.log(`state listener failed: ${errorMessage(err)}`));
  private readonly gaps = new Emitter<UnrepairedGap>((err) => this.log(`gap listener failed: ${errorMessage(err)}`));
  private readonly restarts = new Emitter<string>((err) => this.log(`restart listener failed: ${errorMessage(err)}`));
  private readonly previews = new Emitter<LivePreviews>((err) => this.log(`preview listener failed: ${errorMessage(err)}`));
  /** Requests waiting for the worker's answer, by id; a worker that dies fails them. */
  private readonly pending = new Map<number, { resolve: (answer: FromIngestWorker) => void; reject: (err: Error) => void }>();
  private nextRequestId = 1;
  private readonly symbols = new Set<string>();
  private readonly series = new Map<string, { symbol: string; intervalMs: number }>();
  /** Per symbol, the last id handed on. */
  private readonly lastIds = new Map<string, number>();
  /** Per series, the open time of the last bar handed on. */
  private readonly lastBarOpen = new Map<string, number>();
  /** Where a new worker resumes, per symbol (from the worker's latest report). */
  private resumeFrom: Record<string, number> = {};
  private readonly script: string;
  private readonly log: (message: string) => void;
  private worker: Worker | undefined;
  private running = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartCount = 0;

  constructor(private options: IngestClientOptions) {
    this.script = options.workerScript ?? defaultWorkerScript();
    this.log = options.log ?? ((message) => console.warn(`[ingest] ${message}`));
    for (const s of options.symbols) this.symbols.add(s.toUpperCase());
  }

  onBars(listener: (bars: BarColumns) => void): Disposable {
    return this.bars.on(listener);
  }

  onIdRange(listener: (range: IdRange) => void): Disposable {
    return this.idRanges.on(listener);
  }

  onState(listener: (state: FeedState) => void): Disposable {
    return this.states.on(listener);
  }

  onGap(listener: (gap: UnrepairedGap) => void): Disposable {
    return this.gaps.on(listener);
  }

  /** Once per flush with new trades: each symbol's newest trade and each series' bar in progress. */
  onPreviews(listener: (previews: LivePreviews) => void): Disposable {
    return this.previews.on(listener);
  }

  /** Older trades of a symbol into the worker's store (a warm start's REST tail); resolves with the count taken. */
  async insertHistory(trades: TradeColumns): Promise<number> {
    const answer = await this.request({ type: 'insertHistory', requestId: 0, trades }, tradeColumnBuffers(trades));
    return answer.type === 'inserted' ? answer.stored : 0;
  }

  /** The series' bars from the worker's store up to where its batches take over (the series is subscribed too). */
  async resample(symbol: string, intervalMs: number, fromOpen?: number): Promise<Resampled> {
    this.series.set(`${symbol}|${intervalMs}`, { symbol, intervalMs });
    const answer = await this.request({ type: 'resample', requestId: 0, symbol, intervalMs, fromOpen });
    if (answer.type !== 'resampled') throw new EngineError('NETWORK', `ingest worker answered ${answer.type} to resample`);
    // Batches of this series go on from the takeover: bars before it are the answer's.
    if (answer.takeoverFrom !== undefined) this.lastBarOpen.set(`${symbol}|${intervalMs}`, Math.max(this.lastBarOpen.get(`${symbol}|${intervalMs}`) ?? -Infinity, answer.takeoverFrom - intervalMs));
    return { bars: answer.bars, takeoverFrom: answer.takeoverFrom, firstTime: answer.firstTime, lastTrade: answer.lastTrade };
  }

  private request(message: Extract<ToIngestWorker, { requestId: number }>, transfer: ArrayBuffer[] = []): Promise<FromIngestWorker> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new EngineError('NETWORK', `ingest worker not running (${message.type})`));
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      worker.postMessage({ ...message, requestId }, transfer);
    });
  }

  /** The worker died and is being started again (the reason). */
  onRestart(listener: (reason: string) => void): Disposable {
    return this.restarts.on(listener);
  }

  get restartsSoFar(): number {
    return this.restartCount;
  }

  lastId(symbol: string): number | undefined {
    return this.lastIds.get(symbol);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.spawn();
  }

  addSymbol(symbol: string): void {
    const name = symbol.toUpperCase();
    if (this.symbols.has(name)) return;
    this.symbols.add(name);
    this.send({ type: 'addSymbol', symbol: name, resumeAfterId: this.resumeFrom[name] });
  }

  removeSymbol(symbol: string): void {
    const name = symbol.toUpperCase();
    if (!this.symbols.delete(name)) return;
    this.send({ type: 'removeSymbol', symbol: name });
  }

  subscribeBars(symbol: string, intervalMs: number): void {
    const key = `${symbol}|${intervalMs}`;
    if (this.series.has(key)) return;
    this.series.set(key, { symbol, intervalMs });
    this.send({ type: 'subscribeBars', symbol, intervalMs });
  }

  /** How often the worker reports from now on (a restarted worker too). */
  setFlushInterval(flushIntervalMs: number): void {
    if (!(flushIntervalMs > 0)) throw new RangeError(`flush interval must be a positive number of ms, got ${flushIntervalMs}`);
    this.options = { ...this.options, flushIntervalMs };
    this.send({ type: 'setFlushInterval', flushIntervalMs });
  }

  unsubscribeBars(symbol: string, intervalMs: number): void {
    const key = `${symbol}|${intervalMs}`;
    if (!this.series.delete(key)) return;
    this.send({ type: 'unsubscribeBars', symbol, intervalMs });
  }

  /** Stops the feed in the worker (its last bars and ids still arrive), then ends the worker. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 3000);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    worker.postMessage({ type: 'stop' } satisfies ToIngestWorker);
    await stopped;
    this.worker = undefined;
  }

  /** Ends the worker abruptly, as a crash would (for tests and the soak); it is restarted like after one. */
  async killWorker(): Promise<void> {
    await this.worker?.terminate();
  }

  private spawn(): void {
    this.restartTimer = undefined;
    if (!this.running) return;
    const worker = spawnWorker(this.script);
    this.worker = worker;
    worker.on('message', (message: FromIngestWorker) => {
      if (worker === this.worker) this.receive(message);
    });
    worker.on('error', (err) => this.log(`ingest worker failed: ${errorMessage(err)}`));
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      // Its store went with it: what was asked of it is answered by nothing.
      for (const request of this.pending.values()) request.reject(new EngineError('NETWORK', `ingest worker exited (code ${code}) before answering`));
      this.pending.clear();
      if (!this.running) return;
      this.restartCount++;
      const reason = `ingest worker exited (code ${code})`;
      this.log(`${reason}; starting it again after the ids it delivered`);
      this.restarts.emit(reason);
      this.restartTimer = setTimeout(() => this.spawn(), this.options.restartDelayMs ?? 100);
    });
    const resumeFrom: Record<string, number> = {};
    for (const symbol of this.symbols) if (this.resumeFrom[symbol] !== undefined) resumeFrom[symbol] = this.resumeFrom[symbol];
    this.send({
      type: 'start', options: this.options.feed, symbols: [...this.symbols], resumeFrom, flushIntervalMs: this.options.flushIntervalMs ?? 100,
      closeByClock: this.options.closeByClock, tickHistoryMs: this.options.tickHistoryMs,
    });
    for (const { symbol, intervalMs } of this.series.values()) this.send({ type: 'subscribeBars', symbol, intervalMs });
  }

  private send(message: ToIngestWorker): void {
    this.worker?.postMessage(message);
  }

  private receive(message: FromIngestWorker): void {
    switch (message.type) {
      case 'batch':
        for (const [symbol, id] of Object.entries(message.resumeFrom)) this.resumeFrom[symbol] = id;
        for (const range of message.idRanges) this.acceptRange(range);
        for (const columns of message.bars) this.acceptBars(columns);
        if (message.previews.symbols.length > 0) this.previews.emit(message.previews);
        return;
      case 'inserted':
      case 'resampled': {
        const request = this.pending.get(message.requestId);
        this.pending.delete(message.requestId);
        request?.resolve(message);
        return;
      }
      case 'state':
        this.states.emit(message.state);
        return;
      case 'gap':
        this.gaps.emit(message.gap);
        return;
      case 'log':
        this.log(message.message);
        return;
      case 'started':
      case 'stopped':
        return;
    }
  }

  /** Hands on the part of `range` after the last id handed on (a resumed worker re-delivers some). */
  private acceptRange(range: IdRange): void {
    const last = this.lastIds.get(range.symbol);
    const fromId = last === undefined ? range.fromId : Math.max(range.fromId, last + 1);
    if (fromId > range.toId) return;
    this.lastIds.set(range.symbol, range.toId);
    this.idRanges.emit(fromId === range.fromId ? range : { ...range, fromId });
  }

  /** Hands on the bars after the last one handed on of that series. */
  private acceptBars(columns: BarColumns): void {
    const key = `${columns.symbol}|${columns.intervalMs}`;
    const last = this.lastBarOpen.get(key) ?? -Infinity;
    let skip = 0;
    while (skip < columns.length && columns.openTime[skip] <= last) skip++;
    if (skip === columns.length) return;
    const kept = skip === 0 ? columns : sliceColumns(columns, skip);
    this.lastBarOpen.set(key, kept.openTime[kept.length - 1]);
    this.bars.emit(kept);
  }
}

function sliceColumns(c: BarColumns, from: number): BarColumns {
  return {
    symbol: c.symbol, intervalMs: c.intervalMs, length: c.length - from,
    openTime: c.openTime.subarray(from), open: c.open.subarray(from), high: c.high.subarray(from), low: c.low.subarray(from),
    close: c.close.subarray(from), volume: c.volume.subarray(from), vwap: c.vwap.subarray(from), trades: c.trades.subarray(from),
    empty: c.empty.subarray(from),
  };
}
