// The desk's imported pairs: pairs of two library series (Make Pair…, saved with the workspace) and pairs of a
// file's own trades or OHLC bars. What each is made of, and how it is rebuilt at another timeframe or window;
// the desk keeps them in its PairSet beside the live pairs and tells the views. Every id says imported, so an
// imported pair never replaces the live pair of the same symbols.
import { EngineError } from '../errors';
import type { Bar } from '../types';
import type { PairConfig } from '../../shared/model';
import { checkImportedPair } from './importedPairDefaults';
import { importedPairId, type ImportLibrary, type ImportedPairSpec, type ImportedSeries } from './importLibrary';
import type { ImportedSeconds, PairRuntime } from './pairRuntime';
import type { PairSet } from './pairSet';

export class ImportedPairs {
  /** Pairs of library series by id: the two series (keys) each is made of. */
  private readonly legs = new Map<string, { y: string; x: string }>();

  constructor(
    private readonly pairs: PairSet,
    private readonly library: ImportLibrary,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * A pair of two library series (by key): its bars are the series' trades resampled (or an OHLC file's bars),
   * and the timeframe and window must fit the series' common span (importedPairDefaults.ts).
   */
  add(spec: ImportedPairSpec): PairRuntime {
    const same = [...this.legs].find(([, legs]) => legs.y === spec.y && legs.x === spec.x);
    if (same) throw new EngineError('BAD_ARGUMENT', `${spec.y} on ${spec.x} is already on the desk as ${same[0]}.`);
    return this.build(this.newId(this.series(spec.y).symbol, this.series(spec.x).symbol), spec);
  }

  /** Ids of the library pairs made of a series of this file. */
  madeOfFile(path: string): string[] {
    const keys = new Set(this.library.list().filter((s) => s.paths.includes(path)).map((s) => s.key));
    return [...this.legs].filter(([, legs]) => keys.has(legs.y) || keys.has(legs.x)).map(([id]) => id);
  }

  /** The library pairs on the desk, as the extension saves them. */
  specs(): (ImportedPairSpec & { id: string })[] {
    return [...this.legs].flatMap(([id, legs]) => {
      const config = this.pairs.get(id)?.config;
      return config ? [{ id, ...legs, timeframe: config.timeframe, window: config.window, hedge: config.hedge }] : [];
    });
  }

  /**
   * The imported pair of this id at `config`'s timeframe and window, in place of the old one; undefined when the
   * id is not an imported pair. Imported trades are resampled again; an OHLC file has only its own bar length
   * (a library pair of OHLC series refuses another, the pair of importBars stays as it is).
   */
  rebuild(id: string, config: PairConfig): PairRuntime | undefined {
    const legs = this.legs.get(id);
    if (legs) return this.build(id, { ...legs, timeframe: config.timeframe, window: config.window, hedge: config.hedge });
    const old = this.pairs.get(id);
    if (old?.importedSeconds) return this.importTicks(config, old.importedSeconds, id);
    return old?.source === 'imported' ? old : undefined;
  }

  /** An OHLC file's bars as a pair "Y/X (imported)", no feed. */
  importBars(config: PairConfig, yBars: Bar[], xBars: Bar[], label: string): PairRuntime {
    return this.pairs.importBars(config, yBars, xBars, label, this.newId(config.y, config.x));
  }

  /** A trade file's trades as a pair "Y/X (imported)": moved into the tick store, the bars resampled from them (PairSet.importTicks). */
  importTicks(config: PairConfig, seconds: ImportedSeconds, id = this.newId(config.y, config.x)): PairRuntime {
    return this.pairs.importTicks(config, seconds, id);
  }

  /** The pair of this id left the desk. */
  forget(id: string): void {
    this.legs.delete(id);
  }

  private series(key: string): ImportedSeries {
    const series = this.library.get(key);
    if (!series) throw new EngineError('BAD_ARGUMENT', `${key} is not an imported series (import its file first).`);
    return series;
  }

  /** The runtime of a library pair, in place of the pair of that id (its series stay in the library). */
  private build(id: string, spec: ImportedPairSpec): PairRuntime {
    const [y, x] = [this.series(spec.y), this.series(spec.x)];
    checkImportedPair(y, x, spec.timeframe, spec.window);
    const config: PairConfig = { y: y.symbol, x: x.symbol, timeframe: spec.timeframe, window: spec.window, hedge: spec.hedge };
    const label = y.fileName === x.fileName ? y.fileName : `${y.fileName} + ${x.fileName}`;
    const runtime =
      y.kind === 'ticks'
        ? this.pairs.importTicks(config, { y: [], x: [], lastTradeTime: Math.min(y.endTime, x.endTime), label, series: [y.key, x.key] }, id)
        : this.pairs.importBars(config, this.library.bars(y.key), this.library.bars(x.key), label, id);
    this.legs.set(id, { y: spec.y, x: spec.x });
    this.log(`${id}: ${y.key} on ${x.key}, ${config.timeframe} bars, window ${config.window}, ${runtime.rows.length} bars`);
    return runtime;
  }

  /** An id for a new imported pair: never a live pair's, never another imported pair's. */
  private newId(y: string, x: string): string {
    return importedPairId(y, x, (taken) => this.pairs.get(taken) !== undefined);
  }
}
