// Reads trade or OHLC files for an imported pair, grouped by symbol and sorted by time.
import { EngineError } from '../errors';
import { detectFormat, importBars, importTicks, isBarFormat } from '../import/importFile';
import type { ImportReport } from '../import/importReport';
import type { Bar, Tick } from '../types';

export interface LoadedFiles {
  kind: 'ticks' | 'bars';
  ticks: Map<string, Tick[]>;
  bars: Map<string, Bar[]>;
  reports: ImportReport[];
}

export async function loadPairFiles(paths: readonly string[], isCancelled: () => boolean = () => false): Promise<LoadedFiles> {
  if (paths.length === 0) throw new EngineError('BAD_ARGUMENT', 'No file selected.');
  const formats = await Promise.all(paths.map((p) => detectFormat(p)));
  const barFiles = formats.filter(isBarFormat).length;
  if (barFiles > 0 && barFiles < paths.length) throw new EngineError('BAD_ARGUMENT', 'Select either trade files or OHLC files, not both.');
  const out: LoadedFiles = { kind: barFiles > 0 ? 'bars' : 'ticks', ticks: new Map(), bars: new Map(), reports: [] };
  for (let i = 0; i < paths.length; i++) {
    if (out.kind === 'bars') {
      const file = importBars(paths[i], { format: formats[i] });
      for await (const bar of file) push(out.bars, bar.symbol, bar);
      out.reports.push(file.report);
    } else {
      const file = importTicks(paths[i], { format: formats[i] });
      let n = 0;
      for await (const tick of file) {
        push(out.ticks, tick.symbol, tick);
        if (++n % 50_000 === 0 && isCancelled()) throw new EngineError('BAD_ARGUMENT', 'Import cancelled.');
      }
      out.reports.push(file.report);
    }
  }
  for (const list of out.ticks.values()) list.sort((a, b) => a.time - b.time || a.id - b.id);
  for (const list of out.bars.values()) list.sort((a, b) => a.openTime - b.openTime);
  return out;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(value);
}

export function loadedSymbols(files: LoadedFiles): string[] {
  return [...(files.kind === 'bars' ? files.bars : files.ticks).keys()].sort();
}
