// The live ticks of the desk's symbols, each stored once (columnar, bounded by age), and the shared bar series
// built from them: the one place a live tick enters the desk's data.
import { TickStore } from '../store/tickStore';
import type { Tick } from '../types';
import { isImportedSeries } from './pairSet';
import { SymbolBars } from './symbolBars';

export class LiveTicks {
  readonly store: TickStore;
  /** Live bars per symbol and timeframe, shared by the pairs. */
  readonly bars: SymbolBars;

  constructor(maxAgeMs: number) {
    this.store = new TickStore({ maxAgeMs });
    this.bars = new SymbolBars(this.store);
  }

  /** Stores the tick and feeds its symbol's bar series, unless it is a repeat. */
  add(tick: Tick): void {
    // Ids are contiguous per symbol: one at or below the newest stored is a repeat, stored and counted once.
    const lastId = this.store.lastId(tick.symbol);
    if (lastId !== undefined && tick.id <= lastId) return;
    this.store.append(tick);
    this.bars.add(tick);
  }

  /** Closes the bars due at `now` (exchange time). */
  advanceTo(now: number): void {
    this.bars.advanceTo(now);
  }

  /** Drops every live series (imported ones stay): ticks of another source or stream carry other ids. */
  clear(): void {
    for (const key of this.store.symbols()) if (!isImportedSeries(key)) this.store.clear(key);
  }
}
