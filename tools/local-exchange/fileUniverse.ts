// A kline universe from candle files (e.g. ../shared/data/klines/universe-1h/*.csv.gz), so the local
// exchange serves real markets' klines offline. No planted pairs: nobody knows the truth of real data.
import { importBars } from '../../src/engine/import/importFile';
import { EngineError } from '../../src/engine/errors';
import type { Bar } from '../../src/engine/types';
import type { SyntheticUniverse, UniverseSymbol } from './syntheticUniverse';

export interface FileUniverseOptions {
  /**
   * Shift every open time by a whole number of bars so the newest candle is the last one closed at this time
   * (default now), as the exchange's clock sees it; false keeps the files' times.
   */
  rebaseTo?: number | false;
}

export async function universeFromFiles(paths: readonly string[], options: FileUniverseOptions = {}): Promise<SyntheticUniverse> {
  const symbols: UniverseSymbol[] = [];
  let intervalMs = 0;
  for (const path of paths) {
    const bars: Bar[] = [];
    for await (const bar of importBars(path)) bars.push(bar);
    if (bars.length === 0) continue;
    if (intervalMs === 0) intervalMs = bars[0].intervalMs;
    if (bars[0].intervalMs !== intervalMs) throw new EngineError('BAD_ARGUMENT', `${path}: ${bars[0].intervalMs} ms candles beside ${intervalMs} ms ones`);
    const column = (f: (b: Bar) => number) => Float64Array.from(bars, f);
    // Every price's decimals (not a sample): fewer than the tick's would round the served values.
    let decimals = 0;
    for (const b of bars) for (const v of [b.open, b.high, b.low, b.close]) decimals = Math.max(decimals, (String(v).split('.')[1] ?? '').length);
    const last = bars[bars.length - 1];
    const day = bars.slice(-Math.max(1, Math.round(86_400_000 / intervalMs)));
    symbols.push({
      symbol: last.symbol,
      contractType: 'PERPETUAL',
      status: 'TRADING',
      pricePrecision: Math.min(8, decimals),
      quoteVolume24h: day.reduce((s, b) => s + b.volume * b.close, 0),
      openTimes: column((b) => b.openTime),
      open: column((b) => b.open),
      high: column((b) => b.high),
      low: column((b) => b.low),
      close: column((b) => b.close),
      volume: column((b) => b.volume),
      // Binance's native layout carries them (vwap = quote_volume / volume); OHLCV-only files do not.
      ...(bars.some((b) => b.trades > 0) ? { quoteVolume: column((b) => b.vwap * b.volume), trades: column((b) => b.trades) } : {}),
    });
  }
  if (symbols.length === 0) throw new EngineError('BAD_ARGUMENT', 'no candles in the universe files');
  const rebaseTo = options.rebaseTo ?? Date.now();
  if (rebaseTo !== false) {
    const newest = Math.max(...symbols.map((u) => u.openTimes[u.openTimes.length - 1]));
    const lastClosed = Math.floor(rebaseTo / intervalMs) * intervalMs - intervalMs;
    const shift = lastClosed - newest;
    for (const u of symbols) for (let i = 0; i < u.openTimes.length; i++) u.openTimes[i] += shift;
  }
  return { intervalMs, symbols, planted: [], lastCandleOpen: false };
}
