// Files without a symbol column are named after it: BTCUSDT-trades-2024-07-18.csv, btcusdt_20240718.gz.
import { basename } from 'path';

// A leading word counts as a symbol only when it ends with a quote asset, so "data.csv" names none;
// one-letter bases exist (AUSDT, WUSDT).
const SYMBOL_PREFIX = /^([A-Za-z0-9]{1,15}?(?:USDT|USDC|FDUSD|TUSD|BUSD|USD|BTC|ETH|BNB|EUR|TRY|BRL|JPY|DAI))(?=[-_.]|$)/i;

/** The symbol a file name starts with (upper-cased), or undefined when the name does not start with one. */
export function symbolFromPath(path: string): string | undefined {
  const match = SYMBOL_PREFIX.exec(basename(path));
  return match ? match[1].toUpperCase() : undefined;
}
