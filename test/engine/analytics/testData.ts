// Deterministic test series shared by the analytics tests (not a test file itself).

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
