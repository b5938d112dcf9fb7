// Reads trade or OHLC files for an imported pair. Trades are folded into per-symbol 1-second bars while the
// files stream (one accumulator per second, never an object kept per trade; files may come in any time order)
// and kept as a tick-store series per symbol (17 bytes a trade; the desk adopts them into its
// store, the source of the pair's bars); OHLC files give their bars; both grouped by symbol and sorted by time.
import { promises as fs } from 'fs';
import { EngineError } from '../errors';
import { detectFormat, importBars, importTicks, isBarFormat } from '../import/importFile';
import type { ImportReport } from '../import/importReport';
import { isGzipFile, readLines } from '../import/lines';
import type { Bar } from '../types';
import { BatchBars } from '../bars/batchBars';
import { TickSorter } from '../store/tickSorter';
import { TickStore } from '../store/tickStore';

export interface LoadedFiles {
  /** 'ticks': `bars` are 1-second bars built from the trades; 'bars': the OHLC files' own bars. */
  kind: 'ticks' | 'bars';
  bars: Map<string, Bar[]>;
  /** Newest trade time of a trade import. */
  lastTradeTime?: number;
  /** A trade import's trades, one series per symbol (keyed by the symbol), in (time, id) order. */
  trades?: TickStore;
  reports: ImportReport[];
}

/**
 * Where a load stands. `bytesRead` of plain files is estimated from the lines read times the mean length of
 * the first lines (the reader does not expose its position); a .gz file counts as read when it is done.
 */
export interface LoadProgress {
  bytesRead: number;
  totalBytes: number;
  records: number;
}

export interface LoadOptions {
  isCancelled?: () => boolean;
  onProgress?: (progress: LoadProgress) => void;
}

/** Records between cancellation checks and progress reports. */
const CHECK_EVERY = 50_000;

export async function loadPairFiles(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedFiles> {
  if (paths.length === 0) throw new EngineError('BAD_ARGUMENT', 'No file selected.');
  const formats = await Promise.all(paths.map((p) => detectFormat(p)));
  const barFiles = formats.filter(isBarFormat).length;
  if (barFiles > 0 && barFiles < paths.length) throw new EngineError('BAD_ARGUMENT', 'Select either trade files or OHLC files, not both.');
  const sizes = await Promise.all(paths.map((p) => fs.stat(p).then((s) => s.size)));
  const total = sizes.reduce((a, b) => a + b, 0);
  const isCancelled = options.isCancelled ?? (() => false);
  const out: LoadedFiles = { kind: barFiles > 0 ? 'bars' : 'ticks', bars: new Map(), reports: [] };
  const seconds = new BatchBars(1000);
  let lastTradeTime = -Infinity;
  const sorters = new Map<string, TickSorter>();
  let done = 0;
  let records = 0;
  for (let i = 0; i < paths.length; i++) {
    const lineBytes = (await isGzipFile(paths[i])) ? 0 : await meanLineBytes(paths[i]);
    let lines = () => 0;
    const checkpoint = () => {
      if (isCancelled()) throw new EngineError('BAD_ARGUMENT', 'Import cancelled.');
      options.onProgress?.({ bytesRead: done + Math.min(sizes[i], Math.round(lines() * lineBytes)), totalBytes: total, records });
    };
    if (out.kind === 'bars') {
      const file = importBars(paths[i], { format: formats[i] });
      lines = () => file.report.lines;
      for await (const bar of file) {
        push(out.bars, bar.symbol, bar);
        if (++records % CHECK_EVERY === 0) checkpoint();
      }
      out.reports.push(file.report);
    } else {
      const file = importTicks(paths[i], { format: formats[i] });
      lines = () => file.report.lines;
      for await (const tick of file) {
        seconds.add(tick);
        if (tick.time > lastTradeTime) lastTradeTime = tick.time;
        let sorter = sorters.get(tick.symbol);
        if (!sorter) sorters.set(tick.symbol, (sorter = new TickSorter()));
        sorter.push(tick.time, tick.price, tick.qty, tick.id, tick.buyerIsMaker);
        if (++records % CHECK_EVERY === 0) checkpoint();
      }
      out.reports.push(file.report);
    }
    done += sizes[i];
    options.onProgress?.({ bytesRead: done, totalBytes: total, records });
  }
  if (out.kind === 'ticks') {
    for (const symbol of seconds.symbols()) out.bars.set(symbol, seconds.bars(symbol));
    if (Number.isFinite(lastTradeTime)) out.lastTradeTime = lastTradeTime;
    const trades = new TickStore();
    for (const [symbol, sorter] of sorters) sorter.appendTo(trades, symbol);
    out.trades = trades;
  }
  for (const list of out.bars.values()) if (out.kind === 'bars') list.sort((a, b) => a.openTime - b.openTime);
  return out;
}

/** Mean bytes per line (with its line break) over the first lines of a plain text file. */
async function meanLineBytes(path: string): Promise<number> {
  let bytes = 0;
  let lines = 0;
  for await (const line of readLines(path)) {
    bytes += Buffer.byteLength(line) + 1;
    if (++lines >= 200) break;
  }
  return lines > 0 ? bytes / lines : 0;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(value);
}

export function loadedSymbols(files: LoadedFiles): string[] {
  return [...files.bars.keys()].sort();
}
