// Which subscribed symbols the live feed does not trade: a symbol subscribed (or last traded) longer ago than
// `afterMs` is silent. A pair with a silent leg cannot warm up, so the desk says which leg and for how long,
// and logs it once per silence (e.g. SOLUSDT on a replay that holds only BTCUSDT and ETHUSDT).

export const SILENT_AFTER_MS = 10_000;

export class SymbolSilence {
  /** Wall time of the subscription or of the last live trade, per symbol. */
  private readonly since = new Map<string, number>();
  private readonly traded = new Set<string>();
  private readonly reported = new Set<string>();

  constructor(private readonly afterMs = SILENT_AFTER_MS) {}

  subscribed(symbol: string, now: number): void {
    if (!this.since.has(symbol)) this.since.set(symbol, now);
  }

  unsubscribed(symbol: string): void {
    this.since.delete(symbol);
    this.traded.delete(symbol);
    this.reported.delete(symbol);
  }

  /** The feed (re)connected: silence counts from now for every symbol. */
  connected(now: number): void {
    for (const symbol of this.since.keys()) this.since.set(symbol, now);
    this.reported.clear();
  }

  clear(): void {
    this.since.clear();
    this.traded.clear();
    this.reported.clear();
  }

  onTrade(symbol: string, now: number): void {
    if (!this.since.has(symbol)) return;
    this.since.set(symbol, now);
    this.traded.add(symbol);
    this.reported.delete(symbol);
  }

  /** Ms without a trade, when over the threshold; else undefined. */
  silentFor(symbol: string, now: number): number | undefined {
    const since = this.since.get(symbol);
    if (since === undefined) return undefined;
    const ms = now - since;
    return ms >= this.afterMs ? ms : undefined;
  }

  /** True once per silence of the symbol (the caller logs it); a trade re-arms it. */
  shouldReport(symbol: string, now: number): boolean {
    if (this.silentFor(symbol, now) === undefined || this.reported.has(symbol)) return false;
    this.reported.add(symbol);
    return true;
  }

  /** Whether the symbol has traded since it was subscribed (never traded: the feed may not carry it at all). */
  hasTraded(symbol: string): boolean {
    return this.traded.has(symbol);
  }
}

export interface SilenceNotice {
  symbol: string;
  silentMs: number;
  /** Whether it traded since it was subscribed. */
  traded: boolean;
  wsBaseUrl: string;
  liveLabel?: string;
  /** Pairs on the symbol still warming up. */
  waitingPairs: readonly string[];
}

/** The log line of a silent symbol: where it is subscribed, for how long it has not traded, who waits for it. */
export function silenceMessage(n: SilenceNotice): string {
  const source = n.liveLabel ? ` (${n.liveLabel})` : '';
  const seconds = Math.round(n.silentMs / 1000);
  const why = n.traded ? `no trades for ${seconds} s` : `no trade at all in the ${seconds} s since it was subscribed`;
  const waiting = n.waitingPairs.length ? `; ${n.waitingPairs.join(', ')} cannot warm up until ${n.symbol} trades` : '';
  return `${n.symbol}: subscribed on ${n.wsBaseUrl}${source}, ${why}${waiting}.`;
}
