// The engine's ingest path as the soak runs it: BinanceFeed → id ledger → tick store (bounded by the
// configured history) → 1 s and 1 m bars, one builder per symbol as the desk does (each leg's clock runs on
// its own trade times) → pair aligners. Counts what a reliability report needs.
import { BinanceFeed, BinanceRest, type BinanceFeedOptions } from '../../src/engine/feed';
import { TickStore } from '../../src/engine/store/tickStore';
import { BarBuilder } from '../../src/engine/bars/barBuilder';
import { PairAligner } from '../../src/engine/bars/pairAligner';
import type { Bar, Tick } from '../../src/engine/types';
import { IdLedger } from './idLedger';

export interface PipelineOptions {
  wsBaseUrl: string;
  restBaseUrl: string;
  symbols: readonly string[];
  pairs: ReadonlyArray<readonly [string, string]>;
  /** Tick store bound (trade time). */
  historyMs: number;
  feed: Partial<BinanceFeedOptions>;
}

export interface RestCounters {
  requests: number;
  byStatus: Record<string, number>;
  /** Highest X-MBX-USED-WEIGHT-1M the exchange reported. */
  peakUsedWeight1m: number;
}

function isFiniteBar(bar: Bar): boolean {
  return [bar.open, bar.high, bar.low, bar.close, bar.volume, bar.vwap, bar.trades].every(Number.isFinite);
}

export class SoakPipeline {
  readonly feed: BinanceFeed;
  readonly ledger = new IdLedger();
  readonly store: TickStore;
  readonly rest: RestCounters = { requests: 0, byStatus: {}, peakUsedWeight1m: 0 };
  readonly states: Record<string, number> = {};
  /** Diagnostics the feed logged (malformed frames, unrepaired gaps), counted; the first few kept. */
  feedLogLines = 0;
  readonly feedLogFirst: string[] = [];
  /** Reconnects the server forced by its connection-lifetime close (the feed should rotate before it). */
  lifetimeCloses = 0;
  stored = 0;
  nonFiniteTicks = 0;
  nonFiniteBars = 0;
  bars1s = 0;
  bars1m = 0;
  alignedBars = 0;
  private readonly bars = new Map<string, BarBuilder[]>();
  private readonly aligners: PairAligner[];

  constructor(options: PipelineOptions) {
    this.store = new TickStore({ maxAgeMs: options.historyMs });
    const restClient = new BinanceRest({
      baseUrl: options.restBaseUrl,
      fetchImpl: async (input, init) => {
        this.rest.requests++;
        const response = await fetch(input, init);
        const status = String(response.status);
        this.rest.byStatus[status] = (this.rest.byStatus[status] ?? 0) + 1;
        const used = Number(response.headers.get('x-mbx-used-weight-1m'));
        if (Number.isFinite(used)) this.rest.peakUsedWeight1m = Math.max(this.rest.peakUsedWeight1m, used);
        return response;
      },
    });
    const log = (line: string) => {
      this.feedLogLines++;
      if (this.feedLogFirst.length < 20) this.feedLogFirst.push(line);
    };
    this.feed = new BinanceFeed({ symbols: options.symbols, wsBaseUrl: options.wsBaseUrl, rest: restClient, log, ...options.feed });
    this.aligners = options.pairs.map(
      ([y, x]) =>
        new PairAligner(y, x, (yBar, xBar) => {
          this.alignedBars++;
          if (!isFiniteBar(yBar) || !isFiniteBar(xBar)) this.nonFiniteBars++;
        }),
    );
    for (const symbol of options.symbols) {
      const oneSecond = new BarBuilder({ intervalMs: 1000 });
      const oneMinute = new BarBuilder({ intervalMs: 60_000 });
      oneSecond.onBarClose((bar) => {
        this.bars1s++;
        if (!isFiniteBar(bar)) this.nonFiniteBars++;
        for (const aligner of this.aligners) aligner.push(bar);
      });
      oneMinute.onBarClose((bar) => {
        this.bars1m++;
        if (!isFiniteBar(bar)) this.nonFiniteBars++;
      });
      this.bars.set(symbol, [oneSecond, oneMinute]);
    }
    this.feed.onTick((tick) => this.accept(tick));
    this.feed.onGap((gap) => this.ledger.report(gap));
    this.feed.onState((state) => {
      this.states[state.kind] = (this.states[state.kind] ?? 0) + 1;
      if (state.kind === 'reconnecting' && state.reason.includes('lifetime')) this.lifetimeCloses++;
    });
  }

  private accept(tick: Tick): void {
    if (!Number.isFinite(tick.price) || !Number.isFinite(tick.qty) || !Number.isFinite(tick.time)) this.nonFiniteTicks++;
    this.ledger.accept(tick);
    this.store.append(tick);
    this.stored++;
    const builders = this.bars.get(tick.symbol);
    if (builders) for (const b of builders) b.add(tick);
  }

  get lateBarTicks(): number {
    let late = 0;
    for (const builders of this.bars.values()) for (const b of builders) late += b.lateDropped();
    return late;
  }

  start(): void {
    this.feed.start();
  }

  async stop(): Promise<void> {
    await this.feed.stop();
  }
}
