// Binance's REST request-weight budget: a fixed window (one minute) of weight; going over answers 429 with
// Retry-After; a client that keeps calling while limited is banned (418 with Retry-After) for `banMs`.

export type WeightDecision =
  | { status: 200; usedWeight: number }
  | { status: 429 | 418; usedWeight: number; retryAfterSeconds: number; body: string };

export class RestWeightLimiter {
  private window = -1;
  private used = 0;
  private limitedInWindow = false;
  private bannedUntil = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly banMs: number,
  ) {}

  /** Charges one request's weight at wall time `now` and says whether it may be served. */
  charge(weight: number, now: number): WeightDecision {
    const window = Math.floor(now / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.used = 0;
      this.limitedInWindow = false;
    }
    this.used += weight;
    if (now < this.bannedUntil) return this.banned(now);
    if (this.limitedInWindow) {
      this.bannedUntil = now + this.banMs;
      return this.banned(now);
    }
    if (this.used > this.limit) {
      this.limitedInWindow = true;
      const windowEnd = (window + 1) * this.windowMs;
      return {
        status: 429,
        usedWeight: this.used,
        retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)),
        body: JSON.stringify({
          code: -1003,
          msg: `Too much request weight used; current limit is ${this.limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
        }),
      };
    }
    return { status: 200, usedWeight: this.used };
  }

  private banned(now: number): WeightDecision {
    return {
      status: 418,
      usedWeight: this.used,
      retryAfterSeconds: Math.max(1, Math.ceil((this.bannedUntil - now) / 1000)),
      body: JSON.stringify({
        code: -1003,
        msg: `Way too much request weight used; IP banned until ${this.bannedUntil}. Please use WebSocket Streams for live updates to avoid bans.`,
      }),
    };
  }
}
