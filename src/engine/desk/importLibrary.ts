// The library of imported series: every symbol of every imported file, under a name no live symbol can have
// ("BTCUSDT · imported btcusdt_20240718.gz"), so an import never replaces or mixes with live data. Trades go
// into the desk's tick store under that name (one copy, like live ticks); an OHLC file's bars are kept here.
// Pairs are made from two series later; importing a file adds to the library and changes no pair.
import { resolve as resolvePath, basename } from 'path';
import { EngineError, isEngineError } from '../errors';
import type { ImportReport } from '../import/importReport';
import { TickStore } from '../store/tickStore';
import type { Bar } from '../types';
import { SYMBOL_PATTERN, type HedgeMethod, type Timeframe } from '../../shared/constants';
import { errorMessage } from '../../shared/errorMessage';
import { loadPairFiles, type LoadedFiles, type LoadOptions } from './loadFiles';
import { spanText, type SeriesSpan } from './importedPairDefaults';

export interface ImportedSeries extends SeriesSpan {
  /** The series' name on the desk and in the tick store: the symbol, then "· imported" and the file's name. */
  key: string;
  /** Absolute path of the (first) file it was read from. */
  path: string;
  /** Every file of the series, oldest first: one, or the files of a selection joined in time. */
  paths: string[];
  /** "day.gz", or "day1.gz + day2.gz" for a joined series. */
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

/** One file as read, before its symbols become series. */
interface FilePart {
  path: string;
  fileName: string;
  symbols: string[];
  loaded: LoadedFiles;
}

/** Span of `symbol` in a file part: first and last trade time, or first and last bar open time. */
function partSpan(part: FilePart, symbol: string): { first: number; last: number; barMs?: number } {
  if (part.loaded.kind === 'ticks') return { first: part.loaded.trades!.firstTime(symbol)!, last: part.loaded.trades!.lastTime(symbol)! };
  const bars = part.loaded.bars.get(symbol)!;
  return { first: bars[0].openTime, last: bars[bars.length - 1].openTime, barMs: bars[0].intervalMs };
}

/**
 * The files holding `symbol`, oldest first, cut into runs that can be one series: each file of the same kind
 * (and bar length) starting after the previous one ends; a file that overlaps the run starts a new one.
 */
function joinableRuns(holders: FilePart[], symbol: string): FilePart[][] {
  const sorted = holders.map((p) => ({ p, span: partSpan(p, symbol) })).sort((a, b) => a.span.first - b.span.first);
  const runs: { p: FilePart; span: ReturnType<typeof partSpan> }[][] = [];
  for (const item of sorted) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    const follows =
      prev !== undefined &&
      prev.p.loaded.kind === item.p.loaded.kind &&
      item.span.barMs === prev.span.barMs &&
      item.span.first > prev.span.last;
    if (follows) run.push(item);
    else runs.push([item]);
  }
  return runs.map((run) => run.map((i) => i.p));
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
  /** The files of each import, in order: read again together they give the same series (and keys). */
  private readonly selections: string[][] = [];

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

  /** The files in the library, in the order they were imported. */
  paths(): string[] {
    return [...this.files.keys()];
  }

  /** The files of each import, in order (to read them again after a reload, joined as they were). */
  imports(): string[][] {
    return this.selections.map((files) => files.slice());
  }

  /** An OHLC series' bars (a copy); empty for a trade series (its trades are in the store under its key). */
  bars(key: string): Bar[] {
    return (this.ohlc.get(key) ?? []).slice();
  }

  /**
   * Reads each file in turn and adds each symbol it holds as a series. Files of one selection that hold the
   * same symbol one after the other (two days of a recording) join into one series; overlapping ones stay
   * apart. A file already in the library is not read again; a file that cannot be read is reported in `failed`
   * and the others are still imported.
   */
  async importFiles(paths: readonly string[], options: LoadOptions = {}): Promise<LibraryImport> {
    if (paths.length === 0) throw new EngineError('BAD_ARGUMENT', 'No file selected.');
    const out: LibraryImport = { added: [], already: [], failed: [], reports: [] };
    const parts: FilePart[] = [];
    for (const given of paths) {
      const path = resolvePath(given);
      const known = this.files.get(path);
      if (known) {
        for (const k of known) if (!out.already.some((s) => s.key === k)) out.already.push(this.series.get(k)!);
        continue;
      }
      if (parts.some((p) => p.path === path)) continue;
      try {
        parts.push(await this.readFile(path, options, out.reports));
      } catch (err) {
        // A cancel stops the whole selection; any other failure is this file's alone.
        if (isEngineError(err) && /cancelled/i.test(err.message)) throw err;
        out.failed.push({ path, error: isEngineError(err) ? err : new EngineError('FILE_UNREADABLE', `${basename(path)}: ${errorMessage(err)}`) });
      }
    }
    // One series per symbol and run of files that follow each other in time, in file order, then symbol order.
    const done = new Set<string>();
    for (const part of parts)
      for (const symbol of part.symbols) {
        if (done.has(symbol)) continue;
        done.add(symbol);
        for (const run of joinableRuns(parts.filter((p) => p.symbols.includes(symbol)), symbol)) out.added.push(this.addSeries(symbol, run));
      }
    for (const part of parts) this.files.set(part.path, out.added.filter((s) => s.paths.includes(part.path)).map((s) => s.key));
    if (parts.length > 0) this.selections.push(parts.map((p) => p.path));
    return out;
  }

  private async readFile(path: string, options: LoadOptions, reports: ImportReport[]): Promise<FilePart> {
    const loaded = await loadPairFiles([path], options);
    reports.push(...loaded.reports);
    const fileName = basename(path);
    const symbols = [...loaded.bars.keys()].sort();
    if (symbols.length === 0) throw new EngineError('PARSE_ERROR', `${fileName} holds no ${loaded.kind === 'bars' ? 'bars' : 'trades'}: nothing to import.`);
    for (const symbol of symbols) {
      const bars = loaded.bars.get(symbol)!;
      if (loaded.kind === 'bars' && bars.some((b) => b.intervalMs !== bars[0].intervalMs)) throw new EngineError('PARSE_ERROR', `${fileName}: ${symbol}'s bars are not all of one length.`);
    }
    return { path, fileName, symbols, loaded };
  }

  /** One series of `symbol` from the files of `run` (oldest first): adopted as it is, or joined into one. */
  private addSeries(symbol: string, run: FilePart[]): ImportedSeries {
    const fileName = run.map((p) => p.fileName).join(' + ');
    const key = this.freeKey(symbol, fileName);
    const base = { key, symbol, path: run[0].path, paths: run.map((p) => p.path), fileName, sourceLabel: `imported: ${fileName}` };
    let series: ImportedSeries;
    if (run[0].loaded.kind === 'ticks') {
      let trades = run[0].loaded.trades!;
      if (run.length > 1) {
        // Appended in time order into a store of its own (unbounded, like a file's), then adopted as one series.
        trades = new TickStore();
        for (const p of run) p.loaded.trades!.forEachInRange(symbol, -Infinity, Infinity, (time, price, qty, id, buyerIsMaker) => trades.appendTrade(symbol, time, price, qty, id, buyerIsMaker));
      }
      this.store.adopt(key, trades, symbol);
      const first = this.store.firstTime(key)!;
      const last = this.store.lastTime(key)!;
      series = { ...base, kind: 'ticks', count: this.store.count(key), firstTime: first, lastTime: last, endTime: last };
    } else {
      const bars = run.flatMap((p) => p.loaded.bars.get(symbol)!);
      const barMs = bars[0].intervalMs;
      const last = bars[bars.length - 1];
      this.ohlc.set(key, bars);
      series = { ...base, kind: 'bars', barMs, count: bars.length, firstTime: bars[0].openTime, lastTime: last.openTime, endTime: last.openTime + barMs - 1 };
    }
    this.series.set(key, series);
    return series;
  }

  /** "BTCUSDT · imported day.gz", or "… day.gz (2)" when another file of that name (another folder) holds it. */
  private freeKey(symbol: string, fileName: string): string {
    const key = `${symbol}${IMPORTED_MARK}${fileName}`;
    if (!this.series.has(key)) return key;
    for (let n = 2; ; n++) if (!this.series.has(`${key} (${n})`)) return `${key} (${n})`;
  }

  /** Drops a file's series (and their trades; a joined series goes whole); pairs made of them must be removed first. */
  removeFile(path: string): ImportedSeries[] {
    const file = resolvePath(path);
    const keys = new Set(this.files.get(file) ?? []);
    const removed = [...keys].map((k) => this.series.get(k)!).filter(Boolean);
    for (const key of keys) {
      this.series.delete(key);
      this.ohlc.delete(key);
      this.store.clear(key);
    }
    this.files.delete(file);
    // A file whose only series was joined with the removed one has nothing left.
    for (const [other, otherKeys] of this.files) {
      const left = otherKeys.filter((k) => !keys.has(k));
      if (left.length) this.files.set(other, left);
      else this.files.delete(other);
    }
    for (let i = this.selections.length - 1; i >= 0; i--) {
      this.selections[i] = this.selections[i].filter((f) => this.files.has(f));
      if (this.selections[i].length === 0) this.selections.splice(i, 1);
    }
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
