// On-disk kline cache (the extension passes its global storage folder): one JSON file per interval and
// symbol holding closed candles' open times and closes, so a re-scan asks the exchange only for bars
// that closed since. A file that cannot be read or parsed is treated as absent (and rewritten).
import { promises as fs } from 'fs';
import { join } from 'path';
import { EngineError } from '../errors';
import { errorMessage } from '../../shared/errorMessage';

export interface CachedCloses {
  openTimes: number[];
  closes: number[];
}

export interface KlineCache {
  read(symbol: string, interval: string): Promise<CachedCloses | undefined>;
  write(symbol: string, interval: string, data: CachedCloses): Promise<void>;
}

/** Bars kept per file: enough for the longest lookback Binance serves in a few requests. */
const MAX_CACHED_BARS = 10_000;

export class DirectoryKlineCache implements KlineCache {
  constructor(readonly directory: string) {}

  private file(symbol: string, interval: string): string {
    if (!/^[A-Z0-9_]{1,40}$/.test(symbol) || !/^\d{1,4}[smhdwM]$/.test(interval)) {
      throw new EngineError('BAD_ARGUMENT', `kline cache: bad key ${JSON.stringify(symbol)} / ${JSON.stringify(interval)}`);
    }
    return join(this.directory, interval, `${symbol}.json`);
  }

  async read(symbol: string, interval: string): Promise<CachedCloses | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.file(symbol, interval), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const data = JSON.parse(text) as CachedCloses;
      const ok =
        Array.isArray(data.openTimes) &&
        Array.isArray(data.closes) &&
        data.openTimes.length === data.closes.length &&
        data.openTimes.every((t, i) => Number.isFinite(t) && (i === 0 || t > data.openTimes[i - 1])) &&
        data.closes.every((c) => Number.isFinite(c) && c > 0);
      return ok ? data : undefined;
    } catch {
      return undefined;
    }
  }

  async write(symbol: string, interval: string, data: CachedCloses): Promise<void> {
    const file = this.file(symbol, interval);
    const from = Math.max(0, data.openTimes.length - MAX_CACHED_BARS);
    const body = JSON.stringify({ openTimes: data.openTimes.slice(from), closes: data.closes.slice(from) });
    try {
      await fs.mkdir(join(this.directory, interval), { recursive: true });
      // Written beside, then renamed: a scan cancelled mid-write never leaves a half file.
      const temp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temp, body);
      await fs.rename(temp, file);
    } catch (err) {
      throw new EngineError('WRITE_FAILED', `kline cache: cannot write ${file}: ${errorMessage(err)}`);
    }
  }
}
