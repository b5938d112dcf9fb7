// A folder of real candle files (e.g. ../shared/data/klines/1m-2026-02) mounted on the local exchange as
// history: REST klines answer for its symbols (rebased by the exchange to its clock at the first request),
// aggTrades give an empty page and the WebSocket stays silent for them. It comes with the label every view
// shows for those symbols, naming the candles and their own span, never the trade recording.
import fs from 'fs';
import path from 'path';
import { candleSetLabel } from '../../src/shared/dataSource';
import { universeFromFiles } from './fileUniverse';
import { KLINE_INTERVAL_MS } from './streams';
import type { SyntheticUniverse } from './syntheticUniverse';

/** Set B of ../shared/data/klines (README there): 7 symbols, Binance's native 1m files of February 2026. */
export const CANDLES_1M_FOLDER = path.join('klines', '1m-2026-02');
/** Set C: 479 symbols, the same last 1,000 1h bars each (2025-09-11 11:00 … 2025-10-23 02:00 UTC), a scan universe. */
export const UNIVERSE_1H_FOLDER = path.join('klines', 'universe-1h');

export interface CandleSet {
  /** Mount it on the exchange (`klineMounts`); its times are the files' (the exchange shifts them). */
  universe: SyntheticUniverse;
  symbols: string[];
  /** e.g. "REPLAY candles 1m 2026-02-01…02-28 (rebased), history only — no live trades". */
  label: string;
  /** symbol → label, the shape of `quantPairs.dataSourceLabels`. */
  labels: Record<string, string>;
}

/**
 * The candle files (`*.csv.gz`, `*.csv`) of `dir` as a candle set, leaving out `exclude` (the symbols a trade
 * tape already serves: one symbol never gets two sources); undefined when the folder is missing or empty.
 */
export async function loadCandleSet(dir: string, exclude: readonly string[] = []): Promise<CandleSet | undefined> {
  if (!fs.existsSync(dir)) return undefined;
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.csv(\.gz)?$/.test(f) && !exclude.includes(f.split(/[-_.]/)[0].toUpperCase()))
    .sort()
    .map((f) => path.join(dir, f));
  if (files.length === 0) return undefined;
  const universe = await universeFromFiles(files, { rebaseTo: false });
  const interval = Object.entries(KLINE_INTERVAL_MS).find(([, ms]) => ms === universe.intervalMs)?.[0] ?? `${universe.intervalMs / 1000}s`;
  const first = Math.min(...universe.symbols.map((u) => u.openTimes[0]));
  const last = Math.max(...universe.symbols.map((u) => u.openTimes[u.openTimes.length - 1]));
  const label = candleSetLabel(interval, first, last);
  const symbols = universe.symbols.map((u) => u.symbol);
  return { universe, symbols, label, labels: Object.fromEntries(symbols.map((s) => [s, label])) };
}
