// Pairs the closed bars of two symbols by open time: (yBar, xBar) is emitted once both legs have closed
// that interval. A bar whose partner never comes (one leg started earlier) is discarded when a later
// interval pairs up, and counted.
import type { Bar } from '../types';

export type AlignedPairListener = (yBar: Bar, xBar: Bar) => void;

export class PairAligner {
  private readonly pendingY = new Map<number, Bar>();
  private readonly pendingX = new Map<number, Bar>();
  private unmatched = 0;

  constructor(
    readonly ySymbol: string,
    readonly xSymbol: string,
    private readonly onAligned: AlignedPairListener,
  ) {}

  /** Feed every closed bar (of any symbol: the others are ignored). Returns true when a pair was emitted. */
  push(bar: Bar): boolean {
    const isY = bar.symbol === this.ySymbol;
    if (!isY && bar.symbol !== this.xSymbol) return false;
    const mine = isY ? this.pendingY : this.pendingX;
    const other = isY ? this.pendingX : this.pendingY;
    const partner = other.get(bar.openTime);
    if (!partner) {
      mine.set(bar.openTime, bar);
      return false;
    }
    other.delete(bar.openTime);
    this.discardBefore(bar.openTime);
    if (isY) this.onAligned(bar, partner);
    else this.onAligned(partner, bar);
    return true;
  }

  /** Bars dropped because the other leg had no bar for that open time. */
  get unmatchedBars(): number {
    return this.unmatched;
  }

  /** Bars waiting for their partner. */
  get pending(): number {
    return this.pendingY.size + this.pendingX.size;
  }

  private discardBefore(openTime: number): void {
    for (const pending of [this.pendingY, this.pendingX]) {
      for (const time of pending.keys()) {
        if (time < openTime) {
          pending.delete(time);
          this.unmatched++;
        }
      }
    }
  }
}
