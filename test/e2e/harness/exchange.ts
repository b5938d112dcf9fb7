// The local Binance-compatible exchange, in-process, replaying the real recording in ../shared/data
// (rebased to now, looped) so the extension gets real trades over real sockets on 127.0.0.1.
import fs from 'fs';
import path from 'path';
import { ExchangeOptions, LocalExchange, startExchange } from '../../../tools/local-exchange';
import { CANDLES_1M_FOLDER, UNIVERSE_1H_FOLDER, loadCandleSet, type CandleSet } from '../../../tools/local-exchange/candleSet';
import { REPO_ROOT } from './extensionInstall';

/** ../shared/data next to the clone, or QP_DATA_DIR (the same override the feed tests use). */
export const SHARED_DATA_DIR = process.env.QP_DATA_DIR || path.resolve(REPO_ROOT, '..', 'shared', 'data');

/** The recording's files in order (the 18th then the 19th join into one unbroken window). */
export function recordingFiles(dir = SHARED_DATA_DIR): string[] {
  if (!fs.existsSync(dir)) throw new Error(`recorded data not found at ${dir} (expected ../shared/data next to the clone)`);
  const files = fs.readdirSync(dir).filter((f) => /^(btc|eth)usdt_\d{8}\.gz$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no recording files (*usdt_YYYYMMDD.gz) in ${dir}`);
  return files.map((f) => path.join(dir, f));
}

export async function startLocalExchange(options: Partial<ExchangeOptions> = {}): Promise<LocalExchange> {
  return startExchange({ port: 0, dataFiles: recordingFiles(), speed: 1, loop: true, rebaseToNow: true, ...options });
}

/** The real 1m candles (../shared/data/klines/1m-2026-02) to mount beside the recording, as `npm start` does. */
export async function demoCandles(dir = path.join(SHARED_DATA_DIR, CANDLES_1M_FOLDER)): Promise<CandleSet> {
  const set = await loadCandleSet(dir, ['BTCUSDT', 'ETHUSDT']);
  if (!set) throw new Error(`candle files not found in ${dir} (expected ../shared/data/klines/1m-2026-02 next to the clone)`);
  return set;
}

/** The 1h scan universe (../shared/data/klines/universe-1h) without `served` (symbols another source serves), as `npm start` mounts it. */
export async function demoScanUniverse(served: readonly string[], dir = path.join(SHARED_DATA_DIR, UNIVERSE_1H_FOLDER)): Promise<CandleSet> {
  const set = await loadCandleSet(dir, served);
  if (!set) throw new Error(`candle files not found in ${dir} (expected ../shared/data/klines/universe-1h next to the clone)`);
  return set;
}
