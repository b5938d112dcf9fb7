// Deterministic test series shared by the analytics tests (not a test file itself).

import { mulberry32 } from '../../../src/engine/random';

/** Deterministic pseudo-random numbers (the project's mulberry32), so a failure reproduces. */
export const seededRandom = mulberry32;

/** BTC-like random walk around 60,000 with moves of a few dollars per bar. */
export function btcPrices(n: number, seed = 1): number[] {
  const rnd = seededRandom(seed);
  const out: number[] = [];
  let p = 61_800.3;
  for (let i = 0; i < n; i++) {
    p += (rnd() - 0.5) * 8;
    out.push(Math.round(p * 10) / 10);
  }
  return out;
}
