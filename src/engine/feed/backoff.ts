// Reconnect delays: exponential growth capped at a maximum, with random jitter so that many clients
// dropped at once do not reconnect in lockstep.
import { EngineError } from '../errors';

export interface BackoffOptions {
  /** Delay of the first retry, ms. */
  baseMs: number;
  /** Upper bound of any delay, ms. */
  maxMs: number;
  /** Fraction (0..1) of the delay that is randomised away: delay · (1 − jitter · random). */
  jitter: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = { baseMs: 500, maxMs: 30_000, jitter: 0.5 };

export function resolveBackoff(partial: Partial<BackoffOptions> | undefined): BackoffOptions {
  const options = { ...DEFAULT_BACKOFF, ...partial };
  if (!(options.baseMs > 0) || !(options.maxMs >= options.baseMs) || !(options.jitter >= 0 && options.jitter <= 1)) {
    throw new EngineError(
      'BAD_ARGUMENT',
      `Invalid backoff ${JSON.stringify(options)}: need baseMs > 0, maxMs ≥ baseMs, 0 ≤ jitter ≤ 1`,
    );
  }
  return options;
}

/** Delay before retry number `attempt` (1-based): base · 2^(attempt−1), capped at max, minus jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 40);
  const capped = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(capped * (1 - options.jitter * random()));
}
