// Symbols ordered by hierarchical clustering of their return correlations, so that related symbols sit
// together on the scanner's heatmap. Average linkage (UPGMA) on the distance 1 − ρ, merges recorded and the
// leaves read as scipy's linkage(method="average") + leaves_list do: each merge lists the smaller cluster id
// first (leaves 0…n−1, the i-th merge is cluster n+i), the order is a pre-order walk, smaller id first.
// O(n³) with a plain search for the closest pair: meant for the heatmap's tens of symbols, not a universe.
import { EngineError } from '../errors';

/** One agglomeration step: the two cluster ids merged, their average-linkage distance, the new cluster's size. */
export type Merge = [first: number, second: number, distance: number, size: number];

/**
 * Average-linkage merges of n items from their n×n distance matrix (row-major; only the upper triangle
 * i < j is read). A non-finite distance is refused: the caller decides what an unknown ρ means.
 */
export function averageLinkage(distance: ArrayLike<number>, n: number): Merge[] {
  if (!Number.isInteger(n) || n < 1 || distance.length < n * n) throw new EngineError('BAD_ARGUMENT', `averageLinkage: need an ${n}×${n} distance matrix`);
  // Working matrix between the active clusters, by slot; slot s holds cluster id ids[s] of size sizes[s].
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = distance[i * n + j];
      if (!Number.isFinite(v)) throw new EngineError('BAD_ARGUMENT', `averageLinkage: distance ${i}–${j} is not finite`);
      d[i * n + j] = d[j * n + i] = v;
    }
  }
  const ids = Array.from({ length: n }, (_, i) => i);
  const sizes = new Array<number>(n).fill(1);
  const active = new Array<boolean>(n).fill(true);
  const merges: Merge[] = [];
  for (let step = 0; step < n - 1; step++) {
    let best = Infinity;
    let a = -1;
    let b = -1;
    for (let i = 0; i < n; i++) {
      if (!active[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (active[j] && d[i * n + j] < best) {
          best = d[i * n + j];
          a = i;
          b = j;
        }
      }
    }
    const size = sizes[a] + sizes[b];
    merges.push([Math.min(ids[a], ids[b]), Math.max(ids[a], ids[b]), best, size]);
    // Lance–Williams update for average linkage: the new cluster's distance is the size-weighted mean.
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a || k === b) continue;
      const v = (sizes[a] * d[a * n + k] + sizes[b] * d[b * n + k]) / size;
      d[a * n + k] = d[k * n + a] = v;
    }
    active[b] = false;
    ids[a] = n + step;
    sizes[a] = size;
  }
  return merges;
}

/** The leaves in dendrogram order (scipy's leaves_list): pre-order, the first-listed cluster of a merge first. */
export function leafOrder(merges: readonly Merge[], n: number): number[] {
  if (n === 0) return [];
  if (merges.length !== n - 1) throw new EngineError('BAD_ARGUMENT', `leafOrder: ${n} leaves need ${n - 1} merges (got ${merges.length})`);
  const order: number[] = [];
  const stack = [2 * n - 2];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id < n) order.push(id);
    else {
      const [first, second] = merges[id - n];
      stack.push(second, first);
    }
  }
  return order;
}

/**
 * The order of n symbols for a correlation heatmap: average linkage on 1 − ρ. `corr` is n×n row-major and
 * only its upper triangle is read (the scan report fills that half); an undefined ρ counts as 0 (distance 1).
 */
export function correlationOrder(corr: ArrayLike<number>, n: number): number[] {
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const rho = corr[i * n + j];
      distance[i * n + j] = 1 - (Number.isFinite(rho) ? rho : 0);
    }
  }
  return leafOrder(averageLinkage(distance, n), n);
}
