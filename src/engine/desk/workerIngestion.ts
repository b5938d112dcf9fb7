// The desk's live ingestion in the ingest worker (src/engine/ingest): the feed, parsing, sequencing, the live
// tick store and the bar series run on the worker's thread; the desk gets closed bars, one live preview per
// flush, states and gaps. This is the desk's side of it: a DeskFeed over a fresh IngestClient per connection,
// the shared bars the pairs subscribe to (SharedBars, ref-counted per series, kept across reconnections), and
// the worker's store as a pair's start needs it (WorkerStore: REST history in, resampled bars out).
import { IngestClient } from '../ingest/ingestClient';
import { barsOf, tradeColumns } from '../ingest/columns';
import type { LivePreviews } from '../ingest/protocol';
import { EngineError } from '../errors';
import { errorMessage } from '../../shared/errorMessage';
import type { Bar, Disposable, Tick } from '../types';
import type { DeskFeed, FeedOptions, SharedBars, StoredSeries, WorkerStore } from './ports';

export interface WorkerIngestionOptions {
  /** How often the worker reports (closed bars, previews): the desk's update period. */
  flushIntervalMs: number;
  /** Ticks the worker's store keeps, ms. */
  tickHistoryMs: number;
  onPreviews: (previews: LivePreviews) => void;
  /** The worker's diagnostics (info), its restarts (warn), a worker that cannot start (error). */
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** The worker's script (default: dist/ingestWorker.js beside the bundle, or the .ts source under tsx). */
  workerScript?: string;
}

interface Series {
  symbol: string;
  intervalMs: number;
  listeners: Set<(bar: Bar) => void>;
}

export class WorkerIngestion implements SharedBars, WorkerStore {
  private client?: IngestClient;
  private readonly series = new Map<string, Series>();
  /** Per symbol, the time of the newest trade the worker has reported (its previews). */
  private readonly newest = new Map<string, number>();

  constructor(private options: WorkerIngestionOptions) {}

  /** The desk's update period changed: this connection's worker follows at once, the next ones start with it. */
  setFlushInterval(flushIntervalMs: number): void {
    this.options = { ...this.options, flushIntervalMs };
    this.client?.setFlushInterval(flushIntervalMs);
  }

  /** A feed over a new ingest client; its bars and previews are handed to the series' listeners and onPreviews. */
  createFeed(feedOptions: FeedOptions): DeskFeed {
    const { wsBaseUrl, restBaseUrl, stream, network, symbols } = feedOptions;
    const client = new IngestClient({
      feed: { wsBaseUrl, restBaseUrl, stream, network },
      symbols,
      flushIntervalMs: this.options.flushIntervalMs,
      tickHistoryMs: this.options.tickHistoryMs,
      // A quiet symbol's bar closes on the exchange's clock, as the inline desk's do.
      closeByClock: true,
      workerScript: this.options.workerScript,
      log: (m) => this.options.log('info', m),
    });
    for (const s of this.series.values()) client.subscribeBars(s.symbol, s.intervalMs);
    const subscriptions = [
      client.onBars((columns) => {
        const series = this.series.get(key(columns.symbol, columns.intervalMs));
        if (!series) return;
        for (const bar of barsOf(columns)) for (const listener of series.listeners) listener(bar);
      }),
      client.onPreviews((p) => {
        p.symbols.forEach((symbol, i) => this.newest.set(symbol, p.time[i]));
        this.options.onPreviews(p);
      }),
      client.onRestart((reason) => this.options.log('warn', `${reason}: started again, resuming after the last id it delivered`)),
    ];
    this.client = client;
    this.newest.clear();
    return {
      start: () => {
        // A missing or broken worker script is said, never thrown into the caller (activation, Connect).
        try {
          client.start();
        } catch (err) {
          this.options.log('error', `Live data cannot start: ${errorMessage(err)}`);
        }
      },
      stop: async () => {
        if (this.client === client) this.client = undefined;
        for (const s of subscriptions) s.dispose();
        await client.stop();
      },
      addSymbol: (symbol) => client.addSymbol(symbol),
      removeSymbol: (symbol) => client.removeSymbol(symbol),
      // No ticks cross the thread: trades reach the desk as the worker's bars and previews.
      onTick: () => ({ dispose: () => {} }),
      onState: (listener) => client.onState(listener),
      onGap: (listener) => client.onGap(listener),
    };
  }

  subscribe(symbol: string, intervalMs: number, listener: (bar: Bar) => void): Disposable {
    const k = key(symbol, intervalMs);
    let series = this.series.get(k);
    if (!series) {
      this.series.set(k, (series = { symbol, intervalMs, listeners: new Set() }));
      this.client?.subscribeBars(symbol, intervalMs);
    }
    const s = series;
    s.listeners.add(listener);
    return {
      dispose: () => {
        s.listeners.delete(listener);
        if (s.listeners.size > 0 || this.series.get(k) !== s) return;
        this.series.delete(k);
        this.client?.unsubscribeBars(symbol, intervalMs);
      },
    };
  }

  /** Time of the newest live trade of the symbol the worker has reported, if any (this connection). */
  newestTradeTime(symbol: string): number | undefined {
    return this.newest.get(symbol);
  }

  async insertHistory(symbol: string, ticks: readonly Tick[]): Promise<number> {
    return this.connected().insertHistory(tradeColumns(symbol, ticks));
  }

  async resample(symbol: string, intervalMs: number, fromOpen?: number): Promise<StoredSeries> {
    const answer = await this.connected().resample(symbol, intervalMs, fromOpen);
    return { bars: barsOf(answer.bars), takeoverFrom: answer.takeoverFrom, firstTime: answer.firstTime, lastTrade: answer.lastTrade };
  }

  /** Ends the worker abruptly, as a crash would (tests, the soak): the client starts it again. */
  async killWorker(): Promise<void> {
    await this.client?.killWorker();
  }

  private connected(): IngestClient {
    if (!this.client) throw new EngineError('NETWORK', 'the feed is not connected (its worker holds the live trades)');
    return this.client;
  }
}

const key = (symbol: string, intervalMs: number) => `${symbol}|${intervalMs}`;
