// When the ingest worker sends a batch: trades at most once per period, measured from the last batch of trades
// rather than a fixed timer's phase. A trade after a quiet period goes `coalesceMs` later; a trade within the period
// goes when the period ends. A tick every period sends the bars quiet symbols closed by the clock, only when no
// batch went for a whole period (a second sender on its own phase sent twice in one period: seen in CI, 21 batches
// in 819 ms at a 50 ms period). Such a batch of bars alone does not start a period: a trade arriving just after
// it would wait a whole one (the 1x latency benchmark's host p99 was 90 ms for that).
import { systemClock, type FeedClock } from '../feed/clock';

/**
 * How long a batch waits for more trades once the first arrived. Binance pushes every symbol's aggregate at the end
 * of the same 100 ms window, a few ms apart: a batch sent before the second leg arrives makes that leg wait a whole
 * period (the 1x latency benchmark's host p99 was one period, 80-100 ms, at 2 ms).
 */
export const COALESCE_MS = 10;

/** What a flush sent: trades (with whatever bars closed), clock-closed bars alone, or nothing. */
export type FlushSent = 'trades' | 'bars' | 'nothing';

export class FlushThrottle {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private queued: unknown;
  /** The clock-closing tick, a timeout armed again at each tick (FeedClock has no interval). */
  private tick: unknown;

  /** `flush` says what it sent: only trades start a period (after nothing or bars alone a trade goes in `coalesceMs`). */
  constructor(
    private periodMs: number,
    private readonly flush: () => FlushSent,
    private readonly clock: FeedClock = systemClock,
    private readonly coalesceMs = COALESCE_MS,
  ) {
    checkPeriod(periodMs);
    this.armTick();
  }

  /** A new period from now on (the queued batch, if any, keeps its time). */
  setPeriod(periodMs: number): void {
    checkPeriod(periodMs);
    this.periodMs = periodMs;
    this.clock.clearTimeout(this.tick);
    this.armTick();
  }

  private armTick(): void {
    this.tick = this.clock.setTimeout(() => {
      this.armTick();
      if (this.queued === undefined && this.clock.now() - this.lastSentAt >= this.periodMs) this.run();
    }, this.periodMs);
  }

  /** A trade arrived: make sure a batch goes, within the rule above. */
  tradeArrived(): void {
    if (this.queued !== undefined) return;
    const wait = Math.max(this.coalesceMs, this.lastSentAt + this.periodMs - this.clock.now());
    this.queued = this.clock.setTimeout(() => {
      this.queued = undefined;
      this.run();
    }, wait);
  }

  /** Sends what is pending at once (an answer must follow the bars before it); the period counts from here. */
  sendNow(): void {
    this.run();
  }

  /** Ends the timers; whoever stops sends what is pending itself, once nothing more can arrive. */
  dispose(): void {
    this.clock.clearTimeout(this.tick);
    if (this.queued !== undefined) this.clock.clearTimeout(this.queued);
    this.queued = undefined;
  }

  private run(): void {
    if (this.flush() === 'trades') this.lastSentAt = this.clock.now();
  }
}

function checkPeriod(periodMs: number): void {
  if (!(periodMs > 0)) throw new RangeError(`flush period must be a positive number of ms, got ${periodMs}`);
}
