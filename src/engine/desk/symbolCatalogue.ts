// The exchange's USD-M symbol list (exchangeInfo), cached: Add Pair checks symbols against it without asking the
// exchange each time, and never waits on the REST client's own (long) timeout.
import { errorMessage } from '../../shared/errorMessage';
import { EngineError } from '../errors';
import type { DeskRest, SymbolInfo } from './ports';

/** Age after which the list is fetched again. */
export const SYMBOLS_MAX_AGE_MS = 600_000;

export interface SymbolCatalogueOptions {
  /** Names the source in messages, e.g. `exchangeInfo from https://fapi.binance.com`. */
  source: string;
  now: () => number;
  /** Longest wait for one fetch, ms. */
  timeoutMs: number;
  /** Age after which the list is fetched again, ms (default SYMBOLS_MAX_AGE_MS). */
  maxAgeMs?: number;
  /** Told when an expired list is used because the exchange did not answer. */
  warn: (message: string) => void;
}

export class SymbolCatalogue {
  private cached?: { at: number; symbols: SymbolInfo[] };

  constructor(
    private readonly rest: Pick<DeskRest, 'symbols'>,
    private readonly options: SymbolCatalogueOptions,
  ) {}

  /**
   * The cached list while younger than `maxAgeMs`, else a fresh one. A fetch that fails or takes longer than
   * `timeoutMs` gives a NETWORK error at once; an expired list is kept and used, with a warning, while the
   * exchange does not answer.
   */
  async symbols(): Promise<SymbolInfo[]> {
    const { now, timeoutMs, maxAgeMs = SYMBOLS_MAX_AGE_MS, source } = this.options;
    const cached = this.cached;
    if (cached && now() - cached.at < maxAgeMs) return cached.symbols;
    try {
      const symbols = await withTimeout(this.rest.symbols(), timeoutMs, source);
      this.cached = { at: now(), symbols };
      return symbols;
    } catch (err) {
      const reason = errorMessage(err);
      // A 451 / 403 keeps its code: the caller can tell "not from this network" from an outage.
      const refused = err instanceof EngineError && (err.code === 'RESTRICTED_LOCATION' || err.code === 'FORBIDDEN');
      if (!cached) throw new EngineError(refused ? err.code : 'NETWORK', `Could not load the symbol list: ${reason}`);
      this.options.warn(`Symbol list not refreshed (${reason}); using the one from ${new Date(cached.at).toISOString()}`);
      return cached.symbols;
    }
  }
}

/** `promise`, or a NETWORK error once `ms` have passed (the timer is cleared either way). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EngineError('NETWORK', `${what} did not answer within ${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
