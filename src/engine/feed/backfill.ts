// Repairs gaps in a symbol's id sequence over REST (`/fapi/v1/aggTrades?fromId=`), one request at a time for
// all symbols, within the weight budget and after any Retry-After. Whatever REST cannot supply is reported
// as an unrepaired gap, never bridged silently.
import type { FeedState } from '../types';
import type { FeedClock } from './clock';
import { BinanceRefusedError } from './refusal';
import { RateLimitedError, type BinanceRest } from './rest';
import type { IdSequencer } from './sequencer';
import { errorMessage } from '../../shared/errorMessage';

export interface BackfillerOptions {
  /** Undefined for raw-trade streams: Binance has no key-less REST by trade id, so gaps are reported. */
  rest: Pick<BinanceRest, 'aggTrades'> | undefined;
  clock: FeedClock;
  /**
   * How long REST may keep failing (network, 5xx) before the gap is given up and reported. Binance keeps
   * aggTrades for far longer, so this only bounds how long live ticks wait behind the gap.
   */
  giveUpAfterMs: number;
  /** First retry delay; it doubles on each further failure, up to `maxRetryDelayMs`. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  onState(state: FeedState): void;
  /** A backfill run ended; `repaired` when it delivered at least one tick from REST. */
  onDone(symbol: string, repaired: boolean): void;
}

const MAX_ROWS_PER_REQUEST = 1000;
export const RAW_TRADE_GAP_REASON =
  'raw trade ids cannot be fetched without an API key (no public fromId REST for trades); subscribe to aggTrade for gap repair';

export class Backfiller {
  private readonly queue: IdSequencer[] = [];
  private running = false;
  private stopped = false;
  private readonly sleeps = new Map<unknown, () => void>();

  constructor(private readonly options: BackfillerOptions) {}

  request(sequencer: IdSequencer): void {
    if (this.stopped) return;
    sequencer.beginBackfill();
    if (!this.queue.includes(sequencer)) this.queue.push(sequencer);
    if (!this.running) void this.run();
  }

  /** Accepts requests again after stop(). */
  resume(): void {
    this.stopped = false;
  }

  /** Stops after the current request; pending waits end at once. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    for (const [handle, resolve] of this.sleeps) {
      this.options.clock.clearTimeout(handle);
      resolve();
    }
    this.sleeps.clear();
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0 && !this.stopped) {
      const sequencer = this.queue[0];
      await this.fill(sequencer);
      this.queue.shift();
    }
    this.running = false;
  }

  private async fill(seq: IdSequencer): Promise<void> {
    const { rest, clock } = this.options;
    let delivered = 0;
    let failures = 0;
    let failingSince = 0;
    for (;;) {
      if (this.stopped) return;
      const gap = seq.currentGap();
      if (!gap) break;
      if (!rest) {
        seq.skipTo(gap.toId + 1, RAW_TRADE_GAP_REASON);
        continue;
      }
      this.options.onState({ kind: 'backfilling', symbol: seq.symbol, fromId: gap.fromId, toId: gap.toId });
      let rows;
      try {
        const limit = Math.min(MAX_ROWS_PER_REQUEST, gap.toId - gap.fromId + 1);
        rows = await rest.aggTrades({ symbol: seq.symbol, fromId: gap.fromId, limit });
        failures = 0;
      } catch (err) {
        if (err instanceof RateLimitedError) {
          await this.sleep(err.retryAt - clock.now());
          continue;
        }
        if (err instanceof BinanceRefusedError) {
          // 451 / 403 does not pass in two minutes of retries: report the gap now, no request storm.
          seq.skipTo(gap.toId + 1, err.message);
          continue;
        }
        if (failures++ === 0) failingSince = clock.now();
        const failingForMs = clock.now() - failingSince;
        if (failingForMs >= this.options.giveUpAfterMs) {
          const seconds = (failingForMs / 1000).toFixed(1);
          seq.skipTo(gap.toId + 1, `backfill failed for ${seconds} s (${failures} attempts): ${errorMessage(err)}`);
          failures = 0;
          continue;
        }
        await this.sleep(Math.min(this.options.maxRetryDelayMs, this.options.retryDelayMs * 2 ** (failures - 1)));
        continue;
      }
      if (this.stopped) return;
      if (seq.expectedId !== gap.fromId) continue; // live ticks moved the sequence on meanwhile
      if (rows.length === 0) {
        seq.skipTo(gap.toId + 1, `REST has no trades from id ${gap.fromId}`);
        continue;
      }
      if (rows[0].id > gap.fromId) {
        seq.skipTo(Math.min(rows[0].id, gap.toId + 1), `REST has no trades ${gap.fromId}…${rows[0].id - 1}`);
      }
      const count = seq.acceptBackfill(rows);
      delivered += count;
      if (count === 0 && seq.expectedId === gap.fromId) {
        seq.skipTo(gap.toId + 1, `REST answered ids that do not continue from ${gap.fromId}`);
      }
    }
    seq.endBackfill();
    this.options.onDone(seq.symbol, delivered > 0);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this.options.clock.setTimeout(() => {
        this.sleeps.delete(handle);
        resolve();
      }, Math.max(0, ms));
      this.sleeps.set(handle, resolve);
    });
  }
}
