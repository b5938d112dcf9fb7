// Independent bookkeeping of the ids the pipeline delivered, per symbol: what arrived twice or out of
// order, which holes were bridged, and whether each hole is one the feed reported as unrepairable.
// It trusts nothing the feed counts itself; the feed's reports are only compared against it.
import type { Tick, UnrepairedGap } from '../../src/engine/types';

export interface IdRange {
  symbol: string;
  fromId: number;
  toId: number;
}

interface SymbolLedger {
  firstId: number;
  lastId: number;
  delivered: number;
}

export interface LedgerVerdict {
  delivered: number;
  /** Ticks whose id was not above the previous one of the same symbol. */
  duplicated: number;
  /** Holes in the delivered ids that no reported gap covers. */
  silentHoles: IdRange[];
  /** Holes the feed reported (an unrepairable gap) and that are really absent from the delivery. */
  reportedHoles: IdRange[];
  /** Reported gaps that do not match a hole exactly (reported but delivered anyway, or a wrong range). */
  mismatchedReports: UnrepairedGap[];
}

export class IdLedger {
  private readonly symbols = new Map<string, SymbolLedger>();
  private readonly holes: IdRange[] = [];
  private readonly reports: UnrepairedGap[] = [];
  duplicated = 0;

  accept(tick: Tick): void {
    const s = this.symbols.get(tick.symbol);
    if (s === undefined) {
      this.symbols.set(tick.symbol, { firstId: tick.id, lastId: tick.id, delivered: 1 });
      return;
    }
    if (tick.id <= s.lastId) {
      this.duplicated++;
      return;
    }
    if (tick.id > s.lastId + 1) this.holes.push({ symbol: tick.symbol, fromId: s.lastId + 1, toId: tick.id - 1 });
    s.lastId = tick.id;
    s.delivered++;
  }

  report(gap: UnrepairedGap): void {
    this.reports.push(gap);
  }

  firstId(symbol: string): number | undefined {
    return this.symbols.get(symbol)?.firstId;
  }

  lastId(symbol: string): number | undefined {
    return this.symbols.get(symbol)?.lastId;
  }

  get reported(): readonly UnrepairedGap[] {
    return this.reports;
  }

  verdict(): LedgerVerdict {
    let delivered = 0;
    for (const s of this.symbols.values()) delivered += s.delivered;
    const key = (r: IdRange) => `${r.symbol}:${r.fromId}:${r.toId}`;
    const reportedKeys = new Set(this.reports.map(key));
    const holeKeys = new Set(this.holes.map(key));
    return {
      delivered,
      duplicated: this.duplicated,
      silentHoles: this.holes.filter((h) => !reportedKeys.has(key(h))),
      reportedHoles: this.holes.filter((h) => reportedKeys.has(key(h))),
      mismatchedReports: this.reports.filter((r) => !holeKeys.has(key(r))),
    };
  }
}
