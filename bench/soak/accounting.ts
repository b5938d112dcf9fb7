// Pure pieces of the soak's verdict, kept apart so they can be checked by hand: matching reported holes to
// the unrepairable gaps the exchange was told to make, and the memory the tick store may hold.
import type { IdRange } from './idLedger';
import type { UnrepairedGap } from '../../src/engine/types';
import { BYTES_PER_TICK, DEFAULT_CHUNK_TICKS } from '../../src/engine/store/tickRing';

export interface InjectedGap {
  symbol: string;
  count: number;
}

export interface UnrepairedMatch {
  /** Reported holes (or reports matching no hole) that no injection explains. */
  unexpected: number;
  /** Injections no report matched. */
  unmatched: InjectedGap[];
}

/** Each reported hole must be one injected gap: same symbol, same size (the soak's sizes all differ). */
export function matchUnrepaired(reportedHoles: readonly IdRange[], mismatchedReports: readonly UnrepairedGap[], injected: readonly InjectedGap[]): UnrepairedMatch {
  const unmatched = [...injected];
  let unexpected = mismatchedReports.length;
  for (const hole of reportedHoles) {
    const i = unmatched.findIndex((u) => u.symbol === hole.symbol && u.count === hole.toId - hole.fromId + 1);
    if (i >= 0) unmatched.splice(i, 1);
    else unexpected++;
  }
  return { unexpected, unmatched };
}

/**
 * Bytes the tick store may hold for a symbol whose history peaked at `peakTicks`: the chunks those ticks
 * need, plus one partly evicted and one spare chunk.
 */
export function storeChunkBound(peakTicks: number, chunkTicks = DEFAULT_CHUNK_TICKS): number {
  return (Math.ceil(peakTicks / chunkTicks) + 2) * chunkTicks * BYTES_PER_TICK;
}
