// A scan's series from files, one file (or several) per symbol in any import format: OHLC files give
// their candles' closes, trade files their bars' closes. A coarser timeframe than the file takes the
// close of each bucket's last candle, only when that candle is there (a missing one leaves the bucket
// missing, for alignment to report); a finer one than the file is refused.
import { EngineError } from '../errors';
import { importBars, importTicks, detectFormat, isBarFormat } from '../import/importFile';
import { BatchBars } from '../bars/batchBars';
import { barOpenTime, timeframeText } from '../bars/timeframe';
import type { ImportReport } from '../import/importReport';
import type { SymbolCloses } from './align';

export interface FileSeries {
  series: SymbolCloses[];
  reports: ImportReport[];
}

export async function closesFromFiles(paths: readonly string[], intervalMs: number): Promise<FileSeries> {
  const bySymbol = new Map<string, Map<number, number>>();
  const reports: ImportReport[] = [];
  const put = (symbol: string, openTime: number, close: number) => {
    let m = bySymbol.get(symbol);
    if (!m) bySymbol.set(symbol, (m = new Map()));
    m.set(openTime, close);
  };
  for (const path of paths) {
    const format = await detectFormat(path);
    if (isBarFormat(format)) {
      const imp = importBars(path, { format });
      for await (const bar of imp) {
        if (bar.intervalMs > intervalMs || intervalMs % bar.intervalMs !== 0) {
          throw new EngineError('BAD_TIMEFRAME', `${path}: ${timeframeText(bar.intervalMs)} candles cannot make ${timeframeText(intervalMs)} bars (choose a multiple of ${timeframeText(bar.intervalMs)})`);
        }
        const bucket = barOpenTime(bar.openTime, intervalMs);
        if (bar.openTime + bar.intervalMs === bucket + intervalMs) put(bar.symbol, bucket, bar.close);
      }
      reports.push(imp.report);
    } else {
      const batch = new BatchBars(intervalMs);
      const imp = importTicks(path, { format });
      for await (const tick of imp) batch.add(tick);
      for (const symbol of batch.symbols()) for (const bar of batch.bars(symbol)) put(symbol, bar.openTime, bar.close);
      reports.push(imp.report);
    }
  }
  const series: SymbolCloses[] = [];
  for (const [symbol, m] of [...bySymbol].sort(([a], [b]) => a.localeCompare(b))) {
    const openTimes = [...m.keys()].sort((a, b) => a - b);
    series.push({ symbol, openTimes, closes: openTimes.map((t) => m.get(t)!) });
  }
  return { series, reports };
}
