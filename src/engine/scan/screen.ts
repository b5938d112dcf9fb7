// Stage 1's decision: which pairs go on to the cointegration tests. The top K by |ρ|, optionally only
// those with |ρ| ≥ a threshold. A screen, not a test: its output carries no significance.
import { selectInPlace } from '../analytics/select';

export interface Candidates {
  /** Symbol indices (i < j) of each candidate, in order of |ρ| descending. */
  first: Int32Array;
  second: Int32Array;
  corr: Float64Array;
}

export function screenPairs(corr: Float64Array, symbols: number, top: number, minCorr: number): Candidates {
  const total = (symbols * (symbols - 1)) / 2;
  const absolute = new Float64Array(total);
  let k = 0;
  for (let i = 0; i < symbols; i++) for (let j = i + 1; j < symbols; j++) absolute[k++] = Math.abs(corr[i * symbols + j]);
  let threshold = minCorr;
  if (top < total) {
    const scratch = absolute.slice();
    threshold = Math.max(threshold, selectInPlace(scratch, total, total - top));
  }
  const picked: number[] = [];
  for (let p = 0; p < total; p++) if (absolute[p] >= threshold) picked.push(p);
  // Ties at the threshold could exceed K: keep the K largest, ties broken by pair order (deterministic).
  picked.sort((a, b) => absolute[b] - absolute[a] || a - b);
  if (picked.length > top) picked.length = top;
  const rankOf = new Int32Array(total).fill(-1);
  picked.forEach((p, rank) => (rankOf[p] = rank));
  const out: Candidates = { first: new Int32Array(picked.length), second: new Int32Array(picked.length), corr: new Float64Array(picked.length) };
  k = 0;
  for (let i = 0; i < symbols; i++) {
    for (let j = i + 1; j < symbols; j++, k++) {
      const rank = rankOf[k];
      if (rank < 0) continue;
      out.first[rank] = i;
      out.second[rank] = j;
      out.corr[rank] = corr[i * symbols + j];
    }
  }
  return out;
}
