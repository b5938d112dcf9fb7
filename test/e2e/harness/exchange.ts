// The local Binance-compatible exchange, in-process, replaying the real recording in ../shared/data
// (rebased to now, looped) so the extension gets real trades over real sockets on 127.0.0.1.
import fs from 'fs';
import path from 'path';
import type { ExchangeOptions, LocalExchange } from '../../../src/exchange/types';
import { REPO_ROOT } from './extensionInstall';

export const SHARED_DATA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data');

/** The recording's files in order (the 18th then the 19th join into one unbroken window). */
export function recordingFiles(dir = SHARED_DATA_DIR): string[] {
  if (!fs.existsSync(dir)) throw new Error(`recorded data not found at ${dir} (expected ../shared/data next to the clone)`);
  const files = fs.readdirSync(dir).filter((f) => /^(btc|eth)usdt_\d{8}\.gz$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no recording files (*usdt_YYYYMMDD.gz) in ${dir}`);
  return files.map((f) => path.join(dir, f));
}

type StartExchange = (options: ExchangeOptions) => Promise<LocalExchange>;

function loadStartExchange(): StartExchange {
  // Resolved at run time so the harness still type-checks while the exchange is being written.
  const dir = path.join(REPO_ROOT, 'src', 'exchange');
  for (const file of ['server.ts', 'index.ts', 'exchange.ts', 'startExchange.ts', 'localExchange.ts']) {
    if (!fs.existsSync(path.join(dir, file))) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, file)) as { startExchange?: StartExchange };
    if (typeof mod.startExchange === 'function') return mod.startExchange;
  }
  throw new Error('startExchange was not found in src/exchange (the local exchange has not landed yet)');
}

export async function startLocalExchange(options: Partial<ExchangeOptions> = {}): Promise<LocalExchange> {
  const startExchange = loadStartExchange();
  return startExchange({ port: 0, dataFiles: recordingFiles(), speed: 1, loop: true, rebaseToNow: true, ...options });
}
