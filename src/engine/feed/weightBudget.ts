// Tracks Binance's request weight per minute from the `X-MBX-USED-WEIGHT-1M` header, and the ban
// window a 429/418 `Retry-After` imposes, so that no request is sent that would exceed either.

const MINUTE_MS = 60_000;

export class WeightBudget {
  private usedWeight = 0;
  private usedMinute = -1;
  private blockedUntilMs = 0;

  constructor(private readonly limitPerMinute: number) {}

  /** Earliest time a request of `weight` may be sent (≤ now when it may go now). */
  earliestSendTime(now: number, weight: number): number {
    if (now < this.blockedUntilMs) return this.blockedUntilMs;
    const minute = Math.floor(now / MINUTE_MS);
    if (minute === this.usedMinute && this.usedWeight + weight > this.limitPerMinute) return (minute + 1) * MINUTE_MS;
    return now;
  }

  /** Counts a request about to be sent (the header of its response will correct the figure). */
  reserve(now: number, weight: number): void {
    const minute = Math.floor(now / MINUTE_MS);
    if (minute !== this.usedMinute) {
      this.usedMinute = minute;
      this.usedWeight = 0;
    }
    this.usedWeight += weight;
  }

  /** Records the exchange's own count of the weight used in the current minute. */
  observeUsedWeight(now: number, used: number): void {
    if (!Number.isFinite(used) || used < 0) return;
    this.usedMinute = Math.floor(now / MINUTE_MS);
    this.usedWeight = used;
  }

  blockUntil(timeMs: number): void {
    this.blockedUntilMs = Math.max(this.blockedUntilMs, timeMs);
  }

  get used(): number {
    return this.usedWeight;
  }

  get blockedUntil(): number {
    return this.blockedUntilMs;
  }
}
