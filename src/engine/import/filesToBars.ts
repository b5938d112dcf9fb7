// Files → bars: trade files (any import format) folded into bars of one interval, OHLC files resampled to
// it, per symbol, oldest first, empty intervals included (explicit empty bars). The one batch path the CLI
// commands share. Every file is detected before any is read, so an unreadable or unknown file fails first.
import { BarResampler } from '../bars/barResampler';
import { BatchBars } from '../bars/batchBars';
import { EngineError } from '../errors';
import type { Bar } from '../types';
import type { ImportFormat } from './formats';
import { detectFormat, importBars, importTicks, isBarFormat } from './importFile';
import type { ImportReport } from './importReport';

export interface FilesToBarsOptions {
  /** Symbol of CSV files that do not carry one (default: from the file name). */
  symbol?: string;
  /** Called once per file when it has been read (bad lines are counted in the report). */
  onFileRead?: (report: ImportReport) => void;
}

/** Bars per symbol; a symbol given both as trades and as OHLC bars is refused (they would not agree). */
export async function filesToBars(files: readonly string[], intervalMs: number, options: FilesToBarsOptions = {}): Promise<Map<string, Bar[]>> {
  const formats: ImportFormat[] = [];
  for (const file of files) formats.push(await detectFormat(file));
  const fromTicks = new BatchBars(intervalMs);
  const fromBars = new BarResampler(intervalMs);
  for (let i = 0; i < files.length; i++) {
    const importOptions = { format: formats[i], symbol: options.symbol };
    if (isBarFormat(formats[i])) {
      const imp = importBars(files[i], importOptions);
      for await (const bar of imp) fromBars.add(bar);
      options.onFileRead?.(imp.report);
    } else {
      const imp = importTicks(files[i], importOptions);
      for await (const tick of imp) fromTicks.add(tick);
      options.onFileRead?.(imp.report);
    }
  }
  const tickSymbols = fromTicks.symbols();
  const both = fromBars.symbols().filter((s) => tickSymbols.includes(s));
  if (both.length > 0) throw new EngineError('BAD_ARGUMENT', `${both.join(', ')}: given both as trades and as OHLC bars; use one kind of file per symbol`);
  const out = new Map<string, Bar[]>();
  for (const s of tickSymbols) out.set(s, fromTicks.bars(s));
  for (const s of fromBars.symbols()) out.set(s, fromBars.bars(s));
  return out;
}
