// Stage 1: the correlation of log returns of every pair at once. Each symbol's returns are standardised
// (mean 0, sum of squares 1), so the correlation matrix is one product Z·Zᵀ; rows can be computed in
// parallel blocks (the worker pool splits them).

/** Standardised log returns: row i (length N − 1) at i·(N − 1). */
export function standardisedReturns(logPrices: Float64Array, symbols: number, bars: number): Float64Array {
  const t = bars - 1;
  const z = new Float64Array(symbols * t);
  for (let i = 0; i < symbols; i++) {
    const p = i * bars;
    const r = i * t;
    let mean = 0;
    for (let k = 0; k < t; k++) {
      const v = logPrices[p + k + 1] - logPrices[p + k];
      z[r + k] = v;
      mean += v;
    }
    mean /= t;
    let ss = 0;
    for (let k = 0; k < t; k++) {
      const v = z[r + k] - mean;
      z[r + k] = v;
      ss += v * v;
    }
    // A constant price has no correlation with anything: its row stays 0 (alignment excludes those).
    const scale = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let k = 0; k < t; k++) z[r + k] *= scale;
  }
  return z;
}

/** Upper-triangle rows [fromRow, toRow) of Z·Zᵀ into `out` (n × n, row-major); the diagonal is 1. */
export function correlationRows(z: Float64Array, symbols: number, length: number, fromRow: number, toRow: number, out: Float64Array): void {
  for (let i = fromRow; i < toRow; i++) {
    const a = i * length;
    out[i * symbols + i] = 1;
    for (let j = i + 1; j < symbols; j++) {
      const b = j * length;
      let s0 = 0;
      let s1 = 0;
      let k = 0;
      for (; k + 1 < length; k += 2) {
        s0 += z[a + k] * z[b + k];
        s1 += z[a + k + 1] * z[b + k + 1];
      }
      if (k < length) s0 += z[a + k] * z[b + k];
      out[i * symbols + j] = s0 + s1;
    }
  }
}

/** Row blocks of roughly equal work (row i costs n − i) for `parts` workers. */
export function balancedRowBlocks(symbols: number, parts: number): Array<[number, number]> {
  const total = (symbols * (symbols - 1)) / 2;
  const blocks: Array<[number, number]> = [];
  let from = 0;
  let done = 0;
  for (let p = 1; p <= parts && from < symbols; p++) {
    const target = (total * p) / parts;
    let to = from;
    while (to < symbols && (done < target || to === from)) {
      done += symbols - 1 - to;
      to++;
    }
    if (p === parts) to = symbols;
    blocks.push([from, to]);
    from = to;
  }
  return blocks;
}
