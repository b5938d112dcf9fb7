// The desk's one live feed: its lifecycle (connect, symbols in and out, disconnect), the state of the feed and
// of each symbol on it (a symbol backfilling or stale while the others are live), and which subscribed symbols
// do not trade. Ticks and state changes go to the handlers given at construction.
import type { Disposable, FeedState, Tick } from '../types';
import type { DeskFeed, FeedOptions } from './ports';
import { SymbolSilence } from './symbolSilence';

export interface FeedLinkHandlers {
  onTick: (tick: Tick) => void;
  /** After the link has taken the new state. */
  onState: (state: FeedState) => void;
  warn: (message: string) => void;
  now: () => number;
}

/** The desk's log line for a feed state: a live feed names the symbols it carries and the data source label. */
export function feedStateMessage(state: FeedState, symbols: readonly string[], liveLabel?: string): string {
  const detail =
    state.kind === 'reconnecting' ? ` (attempt ${state.attempt}: ${state.reason})`
    : state.kind === 'error' ? `: ${state.message}`
    : state.kind === 'live' ? ` for ${symbols.join(', ') || 'no symbols yet (a connection waiting for a pair)'}${liveLabel ? ` · ${liveLabel}` : ''}`
    : '';
  return `Feed ${state.kind}${detail}`;
}

export class FeedLink {
  private feed?: DeskFeed;
  private subscriptions: Disposable[] = [];
  private state: FeedState = { kind: 'stopped' };
  private readonly symbolStates = new Map<string, FeedState>();
  /** Subscribed symbols without trades on the feed (a pair with such a leg cannot warm up). */
  private readonly silence = new SymbolSilence();

  constructor(
    private readonly createFeed: (options: FeedOptions) => DeskFeed,
    private readonly handlers: FeedLinkHandlers,
  ) {}

  get connected(): boolean {
    return this.feed !== undefined;
  }

  /** The feed stopped for good on a refusal that retrying cannot change (HTTP 451, restricted location). */
  get refused(): boolean {
    return this.feed !== undefined && this.state.kind === 'error' && this.state.code === 'RESTRICTED_LOCATION';
  }

  connect(options: FeedOptions): void {
    // Connect after a 451 is the user asking to try again (another network, a VPN): a new feed.
    if (this.refused) void this.dropFeed()?.stop();
    if (this.feed) return;
    const feed = this.createFeed(options);
    this.feed = feed;
    for (const s of options.symbols) this.silence.subscribed(s, this.handlers.now());
    this.subscriptions = [
      feed.onTick((t) => {
        this.noteTrade(t.symbol);
        this.handlers.onTick(t);
      }),
      feed.onState((s) => this.setState(s)),
      feed.onGap((g) => this.handlers.warn(`Unrepaired gap on ${g.symbol}: ids ${g.fromId}–${g.toId} (${g.reason})`)),
    ];
    feed.start();
  }

  async disconnect(): Promise<void> {
    const feed = this.dropFeed();
    if (!feed) return;
    await feed.stop();
    this.silence.clear();
    this.setState({ kind: 'stopped' });
  }

  /** Detaches the feed (its later events are not heard) and returns it for stopping. */
  private dropFeed(): DeskFeed | undefined {
    const feed = this.feed;
    this.feed = undefined;
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions = [];
    return feed;
  }

  addSymbols(symbols: readonly string[]): void {
    if (!this.feed) return;
    for (const s of symbols) {
      this.feed.addSymbol(s);
      this.silence.subscribed(s, this.handlers.now());
    }
  }

  removeSymbols(symbols: readonly string[]): void {
    if (!this.feed) return;
    for (const s of symbols) {
      this.feed.removeSymbol(s);
      this.silence.unsubscribed(s);
    }
  }

  /** A live trade of the symbol (a tick, or the worker's preview of its newest): it is not silent. */
  noteTrade(symbol: string): void {
    this.silence.onTrade(symbol, this.handlers.now());
  }

  /** The feed's state as it concerns `symbol`. */
  stateOf(symbol: string): FeedState {
    return this.symbolStates.get(symbol) ?? this.state;
  }

  /** Ms since the symbol's last trade (or subscription) while its feed is live and it is silent; else undefined. */
  silentFor(symbol: string, now: number): number | undefined {
    return this.stateOf(symbol).kind === 'live' ? this.silence.silentFor(symbol, now) : undefined;
  }

  /** The legs' feed states, and for a live pair its silent legs' ms since their last trade. */
  legs(symbols: readonly string[], live: boolean, now: number): { legStates: Record<string, FeedState>; silentLegs?: Record<string, number> } {
    const legStates: Record<string, FeedState> = {};
    let silentLegs: Record<string, number> | undefined;
    for (const s of symbols) {
      legStates[s] = this.stateOf(s);
      const ms = live ? this.silentFor(s, now) : undefined;
      if (ms !== undefined) (silentLegs ??= {})[s] = ms;
    }
    return { legStates, silentLegs };
  }

  /**
   * A silent symbol at `now`, checked every `stepMs`: `recount` when its whole seconds changed since the last
   * check (views refresh so "no trades for N s" counts up), `report` once per silence when it never traded
   * (the feed may not carry it) or has been quiet a minute (not every lull of a thin market).
   */
  checkSilence(symbol: string, now: number, stepMs: number): { silentMs: number; traded: boolean; recount: boolean; report: boolean } | undefined {
    const ms = this.silentFor(symbol, now);
    if (ms === undefined) return undefined;
    const traded = this.silence.hasTraded(symbol);
    const recount = Math.floor(ms / 1000) !== Math.floor((ms - stepMs) / 1000);
    const report = (!traded || ms >= 60_000) && this.silence.shouldReport(symbol, now);
    return { silentMs: ms, traded, recount, report };
  }

  private setState(state: FeedState): void {
    if (state.kind === 'live' && this.state.kind !== 'live') this.silence.connected(this.handlers.now());
    this.state = state;
    if (state.kind === 'backfilling') this.symbolStates.set(state.symbol, state);
    else if (state.kind === 'stale') for (const s of state.symbols) this.symbolStates.set(s, state);
    else this.symbolStates.clear();
    this.handlers.onState(state);
  }
}
