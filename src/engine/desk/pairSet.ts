// The desk's pairs by id, and the tick-store series an imported pair owns: replacing or removing a pair disposes
// it and drops its imported series, so a re-import or a removal leaves nothing behind in the store.
import { EngineError } from '../errors';
import type { TickStore } from '../store/tickStore';
import type { Bar } from '../types';
import type { PairConfig } from '../../shared/model';
import type { ImportedSeconds, PairRuntime } from './pairRuntime';
import { isLiveSeriesKey } from './importLibrary';
import { pairId } from './types';

/** Prefix of imported series in the tick store (live series are named by their symbol, [A-Z0-9]). */
const IMPORTED_SERIES = 'imported ';

/** A series that is not a live symbol's: a pair's imported trades, or a library series ("BTCUSDT · imported day.gz"). */
export function isImportedSeries(key: string): boolean {
  return !isLiveSeriesKey(key);
}

/** A series an imported pair owns and drops with it; library series belong to the library and stay. */
function ownedByPair(key: string): boolean {
  return key.startsWith(IMPORTED_SERIES);
}

export class PairSet {
  private readonly pairs = new Map<string, PairRuntime>();

  constructor(
    private readonly create: (config: PairConfig, id?: string) => PairRuntime,
    private readonly store: TickStore,
  ) {}

  get(id: string): PairRuntime | undefined {
    return this.pairs.get(id);
  }

  require(id: string): PairRuntime {
    const runtime = this.pairs.get(id);
    if (!runtime) throw new EngineError('BAD_ARGUMENT', `No pair ${id} on the desk.`);
    return runtime;
  }

  values(): PairRuntime[] {
    return [...this.pairs.values()];
  }

  /** A new runtime for the pair in place of the old one (disposed); the old one's imported series go unless `keep` names them. */
  replace(config: PairConfig, keep: readonly string[] = [], id = pairId(config.y, config.x)): PairRuntime {
    const old = this.pairs.get(id);
    old?.dispose();
    for (const key of old?.importedSeconds?.series ?? []) if (!keep.includes(key) && ownedByPair(key)) this.store.clear(key);
    const runtime = this.create(config, id);
    this.pairs.set(id, runtime);
    return runtime;
  }

  /** Disposes the pair and drops its imported series; undefined when there is no such pair. */
  remove(id: string): PairRuntime | undefined {
    const runtime = this.pairs.get(id);
    if (!runtime) return undefined;
    runtime.dispose();
    this.pairs.delete(id);
    for (const key of runtime.importedSeconds?.series ?? []) if (ownedByPair(key)) this.store.clear(key);
    return runtime;
  }

  /** Symbols of the live pairs, once each: the feed's subscriptions. */
  liveSymbols(): string[] {
    const set = new Set<string>();
    for (const p of this.pairs.values()) if (p.source === 'live') for (const s of p.symbols) set.add(s);
    return [...set];
  }

  /** Live pairs on the symbol still filling their window. */
  waitingOn(symbol: string): string[] {
    return this.values().filter((q) => q.source === 'live' && q.symbols.includes(symbol) && q.barsNeeded > 0).map((q) => q.id);
  }

  /**
   * Imported trades (`seconds.trades`, a series per symbol) moved into the store under names no live symbol
   * can have, so an imported day never mixes with live ticks; the result names the pair's two series.
   */
  private adoptImportedTrades(config: PairConfig, seconds: ImportedSeconds, id: string): ImportedSeconds {
    if (!seconds.trades) return seconds;
    const series: [string, string] = [`${IMPORTED_SERIES}${id} ${config.y}`, `${IMPORTED_SERIES}${id} ${config.x}`];
    this.store.adopt(series[0], seconds.trades, config.y);
    this.store.adopt(series[1], seconds.trades, config.x);
    return { ...seconds, trades: undefined, series };
  }

  /** An imported OHLC file's pair, in place of any pair of the same id. */
  importBars(config: PairConfig, yBars: Bar[], xBars: Bar[], label: string, id: string): PairRuntime {
    const runtime = this.replace(config, [], id);
    runtime.markImportedBars(label);
    runtime.pushHistoryBars(yBars, xBars);
    return runtime;
  }

  /** An imported trade file's pair: its trades move into the store and its bars are resampled from them. */
  importTicks(config: PairConfig, seconds: ImportedSeconds, id: string): PairRuntime {
    const imported = this.adoptImportedTrades(config, seconds, id);
    const runtime = this.replace(config, imported.series, id);
    runtime.loadImportedSeconds(imported, this.store);
    return runtime;
  }

  dispose(): void {
    for (const p of this.pairs.values()) p.dispose();
    this.pairs.clear();
  }
}
