// The library of imported series: every symbol of every imported file, under a name no live symbol can have
// ("BTCUSDT · imported btcusdt_20240718.gz"), so an import never replaces or mixes with live data. Trades go
// into the desk's tick store under that name (one copy, like live ticks); an OHLC file's bars are kept here.
// Pairs are made from two series later; importing a file adds to the library and changes no pair.
import { resolve as resolvePath, basename } from 'path';
import { EngineError, isEngineError } from '../errors';
import type { ImportReport } from '../import/importReport';
import type { TickStore } from '../store/tickStore';
import type { Bar } from '../types';
import { SYMBOL_PATTERN, type HedgeMethod, type Timeframe } from '../../shared/constants';
import { errorMessage } from '../../shared/errorMessage';
import { loadPairFiles, type LoadOptions } from './loadFiles';
import { spanText, type SeriesSpan } from './importedPairDefaults';

export interface ImportedSeries extends SeriesSpan {
  /** The series' name on the desk and in the tick store: the symbol, then "· imported" and the file's name. */
  key: string;
  /** Absolute path of the file it was read from. */
  path: string;
  fileName: string;
  kind: 'ticks' | 'bars';
  /** Trades, or bars of an OHLC file. */
  count: number;
  /** Newest trade time (trades) or close time of the last bar (OHLC): where the pair's last bar ends. */
  endTime: number;
  /** What the views call the data: "imported: btcusdt_20240718.gz". */
  sourceLabel: string;
}

export interface LibraryImport {
  /** Series new to the library, in file order then symbol order. */
  added: ImportedSeries[];
  /** Series of files that were already in the library (not read again). */
  already: ImportedSeries[];
  /** Files that could not be read, each with its typed error; the other files are still imported. */
  failed: { path: string; error: EngineError }[];
  reports: ImportReport[];
}

/** Marker between the symbol and the file in a series key: live symbols ([A-Z0-9_]) cannot contain it. */
const IMPORTED_MARK = ' · imported ';

/** True for a tick-store series of live ticks (named by the bare symbol), false for an imported one. */
export function isLiveSeriesKey(key: string): boolean {
  return SYMBOL_PATTERN.test(key);
}

/** "BTCUSDT: 974 trades, 2024-07-18 23:57:02–23:59:59 UTC". */
export function seriesSummary(s: ImportedSeries): string {
  return `${s.symbol}: ${s.count.toLocaleString('en-US')} ${s.kind === 'ticks' ? 'trades' : `bars of ${s.barMs! / 1000} s`}, ${spanText(s)}`;
}

export class ImportLibrary {
  private readonly series = new Map<string, ImportedSeries>();
  /** Bars of OHLC series, by key (trades are in the store). */
  private readonly ohlc = new Map<string, Bar[]>();
  /** Keys read from each file (absolute path), in the order read. */
  private readonly files = new Map<string, string[]>();

  constructor(private readonly store: TickStore) {}

  list(): ImportedSeries[] {
    return [...this.series.values()];
  }

  get(key: string): ImportedSeries | undefined {
    return this.series.get(key);
  }

  has(key: string): boolean {
    return this.series.has(key);
  }

  /** The files in the library, in the order they were imported (to read them again after a reload). */
  paths(): string[] {
    return [...this.files.keys()];
  }

  /** An OHLC series' bars (a copy); empty for a trade series (its trades are in the store under its key). */
  bars(key: string): Bar[] {
    return (this.ohlc.get(key) ?? []).slice();
  }

  /**
   * Reads each file in turn and adds each symbol it holds as a series. A file already in the library is not
   * read again; a file that cannot be read is reported in `failed` and the others are still imported.
   */
  async importFiles(paths: readonly string[], options: LoadOptions = {}): Promise<LibraryImport> {
    if (paths.length === 0) throw new EngineError('BAD_ARGUMENT', 'No file selected.');
    const out: LibraryImport = { added: [], already: [], failed: [], reports: [] };
    for (const given of paths) {
      const path = resolvePath(given);
      const known = this.files.get(path);
      if (known) {
        out.already.push(...known.map((k) => this.series.get(k)!));
        continue;
      }
      try {
        const added = await this.importFile(path, options, out.reports);
        out.added.push(...added);
      } catch (err) {
        // A cancel stops the whole selection; any other failure is this file's alone.
        if (isEngineError(err) && /cancelled/i.test(err.message)) throw err;
        out.failed.push({ path, error: isEngineError(err) ? err : new EngineError('FILE_UNREADABLE', `${basename(path)}: ${errorMessage(err)}`) });
      }
    }
    return out;
  }

  private async importFile(path: string, options: LoadOptions, reports: ImportReport[]): Promise<ImportedSeries[]> {
    const loaded = await loadPairFiles([path], options);
    reports.push(...loaded.reports);
    const symbols = [...loaded.bars.keys()].sort();
    const fileName = basename(path);
    if (symbols.length === 0) throw new EngineError('PARSE_ERROR', `${fileName} holds no ${loaded.kind === 'bars' ? 'bars' : 'trades'}: nothing to import.`);
    const added: ImportedSeries[] = [];
    for (const symbol of symbols) {
      const key = this.freeKey(symbol, fileName);
      const base = { key, symbol, path, fileName, sourceLabel: `imported: ${fileName}` };
      if (loaded.kind === 'ticks') {
        this.store.adopt(key, loaded.trades!, symbol);
        const first = this.store.firstTime(key);
        const last = this.store.lastTime(key);
        if (first === undefined || last === undefined) continue;
        added.push({ ...base, kind: 'ticks', count: this.store.count(key), firstTime: first, lastTime: last, endTime: last });
      } else {
        const bars = loaded.bars.get(symbol)!;
        const barMs = bars[0].intervalMs;
        if (bars.some((b) => b.intervalMs !== barMs)) throw new EngineError('PARSE_ERROR', `${fileName}: ${symbol}'s bars are not all of one length.`);
        this.ohlc.set(key, bars);
        const last = bars[bars.length - 1];
        added.push({ ...base, kind: 'bars', barMs, count: bars.length, firstTime: bars[0].openTime, lastTime: last.openTime, endTime: last.openTime + barMs - 1 });
      }
    }
    for (const s of added) this.series.set(s.key, s);
    this.files.set(path, added.map((s) => s.key));
    return added;
  }

  /** "BTCUSDT · imported day.gz", or "… day.gz (2)" when another file of that name (another folder) holds it. */
  private freeKey(symbol: string, fileName: string): string {
    const key = `${symbol}${IMPORTED_MARK}${fileName}`;
    if (!this.series.has(key)) return key;
    for (let n = 2; ; n++) if (!this.series.has(`${key} (${n})`)) return `${key} (${n})`;
  }

  /** Drops a file's series (and their trades); pairs made of them must be removed first. */
  removeFile(path: string): ImportedSeries[] {
    const keys = this.files.get(resolvePath(path)) ?? [];
    const removed = keys.map((k) => this.series.get(k)!).filter(Boolean);
    for (const key of keys) {
      this.series.delete(key);
      this.ohlc.delete(key);
      this.store.clear(key);
    }
    this.files.delete(resolvePath(path));
    return removed;
  }
}

/** A pair of two library series (by key), as the desk makes it and the extension saves it. */
export interface ImportedPairSpec {
  y: string;
  x: string;
  timeframe: Timeframe;
  window: number;
  hedge: HedgeMethod;
}

/**
 * The id of a pair of imported series: "BTCUSDT/ETHUSDT (imported)", "… (imported 2)" when that is taken. Never
 * a live pair's "Y/X", so an imported pair sits beside the live pair of the same symbols (shared PAIR_ID_PATTERN).
 */
export function importedPairId(y: string, x: string, taken: (id: string) => boolean): string {
  const id = `${y}/${x} (imported)`;
  if (!taken(id)) return id;
  for (let n = 2; ; n++) if (!taken(`${y}/${x} (imported ${n})`)) return `${y}/${x} (imported ${n})`;
}
