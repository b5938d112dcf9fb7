// The live Binance USD-M feed: one combined-stream connection on the stream's route (/market for aggTrade,
// /public for raw trade), parsed into ticks, sequenced per symbol (deduplicated, reordered, gaps backfilled
// over REST or reported) and delivered in id order.
import type { Disposable, FeedState, StreamKind, Tick, TickSource, UnrepairedGap } from '../types';
import { EngineError } from '../errors';
import { Emitter } from '../emitter';
import { errorMessage } from '../../shared/errorMessage';
import { resolveBackoff, type BackoffOptions } from './backoff';
import { Network, type NetworkOptions } from './network';
import { Backfiller } from './backfill';
import { systemClock, type FeedClock } from './clock';
import { parseFrame, type ControlReply, type FrameHandler } from './parse';
import { BinanceRest, DEFAULT_REST_BASE_URL, normaliseSymbol } from './rest';
import { RouteConnection } from './routeConnection';
import { combinedStreamUrl, DEFAULT_ROUTE_PATHS, DEFAULT_WS_BASE_URL, routeOf, streamName, type Route } from './routes';
import { IdSequencer, type SequencerCounters } from './sequencer';

export interface BinanceFeedOptions {
  symbols: readonly string[];
  /** Default aggTrade (gap-repairable over REST). */
  stream?: StreamKind;
  /** Default wss://fstream.binance.com. */
  wsBaseUrl?: string;
  /** Default https://fapi.binance.com. */
  restBaseUrl?: string;
  /** Route paths under wsBaseUrl (default /market, /public), for proxies that remap them. */
  routePaths?: Partial<Record<Route, string>>;
  /** An open connection without any event for this long is reported stale and replaced (default 30 s). */
  silenceMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Reconnect delays after HTTP 403 (default 5 min doubling to 1 h); a 451 does not reconnect at all. */
  refusedBackoff?: Partial<BackoffOptions>;
  /** Proxy and TLS settings of the WebSocket and of the REST client made here (default: direct, or the environment's). */
  network?: NetworkOptions;
  /** Replace the connection at this age, before Binance's 24-hour close (default 23 h 50 min). */
  rotationAgeMs?: number;
  /** How long ticks ahead of a hole wait for it to fill before it counts as a gap (default 250 ms). */
  reorderWindowMs?: number;
  /** Ticks held per symbol behind a gap (default 200,000); beyond that, later ticks are fetched again over REST. */
  maxHeldTicks?: number;
  /** Spacing of SUBSCRIBE / UNSUBSCRIBE messages (default 250 ms: Binance allows 10 incoming messages/s). */
  controlIntervalMs?: number;
  /** REST client for backfill; shared with other callers so that they share one weight budget. */
  rest?: BinanceRest;
  clock?: FeedClock;
  random?: () => number;
  /** Diagnostics (malformed frames, unrepaired gaps, control errors), throttled. Default: console.warn. */
  log?: (message: string) => void;
}

export interface FeedStats {
  messages: number;
  malformed: number;
  duplicatesDropped: number;
  outOfOrderFixed: number;
  gapsRepaired: number;
  unrepairedGaps: number;
  reconnects: number;
  /** Live ticks not held behind a gap because the buffer was full (fetched again over REST). */
  overflowDropped: number;
  delivered: number;
  /** Milliseconds since the last event per symbol (Infinity before the first). */
  lastEventAgeMs: Record<string, number>;
}

export const DEFAULT_ROTATION_AGE_MS = (23 * 60 + 50) * 60_000;
/** After a 403 from Binance's firewall: 5 minutes, doubling up to an hour. */
export const REFUSED_BACKOFF: Readonly<BackoffOptions> = { baseMs: 5 * 60_000, maxMs: 60 * 60_000, jitter: 0.2 };

interface SymbolState {
  sequencer: IdSequencer;
  lastEventAt: number;
}

const MALFORMED_LOG_INTERVAL_MS = 1000;

export class BinanceFeed implements TickSource, FrameHandler {
  readonly stream: StreamKind;
  readonly rest: BinanceRest;
  private readonly clock: FeedClock;
  private readonly symbolStates = new Map<string, SymbolState>();
  // A listener that throws is logged; the other listeners and the feed go on.
  private readonly ticks = new Emitter<Tick>((err) => this.log(`tick listener failed: ${errorMessage(err)}`));
  private readonly states = new Emitter<FeedState>((err) => this.log(`state listener failed: ${errorMessage(err)}`));
  private readonly gaps = new Emitter<UnrepairedGap>((err) => this.log(`gap listener failed: ${errorMessage(err)}`));
  private readonly connection: RouteConnection;
  private readonly backfiller: Backfiller;
  private readonly counters: SequencerCounters & { messages: number; malformed: number; gapsRepaired: number; unrepairedGaps: number; reconnects: number; delivered: number };
  private readonly reorderWindowMs: number;
  private readonly maxHeldTicks: number;
  private readonly log: (message: string) => void;
  private messageTime = 0;
  private lastMalformedLogAt = -Infinity;
  private started = false;

  constructor(options: BinanceFeedOptions) {
    this.stream = options.stream ?? 'aggTrade';
    if (this.stream !== 'aggTrade' && this.stream !== 'trade') {
      throw new EngineError('BAD_ARGUMENT', `Unknown stream ${JSON.stringify(this.stream)}; use aggTrade or trade`);
    }
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? ((message) => console.warn(`[binance feed] ${message}`));
    this.reorderWindowMs = positive('reorderWindowMs', options.reorderWindowMs ?? 250);
    this.maxHeldTicks = positive('maxHeldTicks', options.maxHeldTicks ?? 200_000);
    this.rest = options.rest ?? new BinanceRest({ baseUrl: options.restBaseUrl ?? DEFAULT_REST_BASE_URL, clock: this.clock, network: options.network });
    this.counters = {
      messages: 0, malformed: 0, duplicatesDropped: 0, outOfOrderFixed: 0, overflowDropped: 0,
      gapsRepaired: 0, unrepairedGaps: 0, reconnects: 0, delivered: 0,
    };
    const route = routeOf(this.stream);
    const routePath = { ...DEFAULT_ROUTE_PATHS, ...options.routePaths }[route];
    const wsBaseUrl = options.wsBaseUrl ?? DEFAULT_WS_BASE_URL;
    this.connection = new RouteConnection({
      url: (streams) => combinedStreamUrl(wsBaseUrl, routePath, streams),
      clock: this.clock,
      random: options.random ?? Math.random,
      backoff: resolveBackoff(options.backoff),
      refusedBackoff: resolveBackoff({ ...REFUSED_BACKOFF, ...options.refusedBackoff }),
      network: new Network(options.network),
      silenceMs: positive('silenceMs', options.silenceMs ?? 30_000),
      rotationAgeMs: positive('rotationAgeMs', options.rotationAgeMs ?? DEFAULT_ROTATION_AGE_MS),
      controlIntervalMs: positive('controlIntervalMs', options.controlIntervalMs ?? 250),
      onMessage: (frame, receivedAt) => this.onMessage(frame, receivedAt),
      onState: (state) => this.emitState(state),
      silentSymbols: (now, ms) => [...this.symbolStates].filter(([, s]) => now - s.lastEventAt >= ms).map(([name]) => name),
      onReconnectScheduled: () => this.counters.reconnects++,
    });
    this.backfiller = new Backfiller({
      rest: this.stream === 'aggTrade' ? this.rest : undefined,
      clock: this.clock,
      giveUpAfterMs: 120_000,
      retryDelayMs: 500,
      maxRetryDelayMs: 10_000,
      onState: (state) => this.emitState(state),
      onDone: (_symbol, repaired) => {
        if (repaired) this.counters.gapsRepaired++;
        if (this.started) this.emitState({ kind: 'live', url: this.connection.url });
      },
    });
    for (const symbol of options.symbols) this.addSymbol(symbol);
  }

  get symbols(): string[] {
    return [...this.symbolStates.keys()];
  }

  onTick(listener: (tick: Tick) => void): Disposable {
    return this.ticks.on(listener);
  }

  onState(listener: (state: FeedState) => void): Disposable {
    return this.states.on(listener);
  }

  onGap(listener: (gap: UnrepairedGap) => void): Disposable {
    return this.gaps.on(listener);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.backfiller.resume();
    this.connection.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.backfiller.stop();
    for (const state of this.symbolStates.values()) state.sequencer.dispose();
    await this.connection.stop();
  }

  /**
   * Adds a symbol at run time (SUBSCRIBE on the open connection, batched and paced). With `resumeAfterId`
   * the symbol's sequence continues after that id (what an earlier feed delivered): the ids in between are
   * backfilled over REST, none delivered twice.
   */
  addSymbol(symbol: string, resumeAfterId?: number): void {
    const name = normaliseSymbol(symbol);
    if (this.symbolStates.has(name)) return;
    const sequencer = new IdSequencer(name, { reorderWindowMs: this.reorderWindowMs, maxPending: this.maxHeldTicks }, this.clock, this.counters, {
      deliver: (tick) => this.deliver(tick),
      gapDetected: () => this.backfiller.request(sequencer),
      unrepaired: (sym, fromId, toId, reason) => this.reportGap({ symbol: sym, fromId, toId, reason }),
    });
    if (resumeAfterId !== undefined) sequencer.resumeAfter(resumeAfterId);
    this.symbolStates.set(name, { sequencer, lastEventAt: -Infinity });
    this.connection.add([streamName(name, this.stream)]);
  }

  removeSymbol(symbol: string): void {
    const name = normaliseSymbol(symbol);
    const state = this.symbolStates.get(name);
    if (!state) return;
    state.sequencer.dispose();
    this.symbolStates.delete(name);
    this.connection.remove([streamName(name, this.stream)]);
  }

  stats(): FeedStats {
    const now = this.clock.now();
    const lastEventAgeMs: Record<string, number> = {};
    for (const [name, s] of this.symbolStates) lastEventAgeMs[name] = now - s.lastEventAt;
    const { messages, malformed, duplicatesDropped, outOfOrderFixed, gapsRepaired, unrepairedGaps, reconnects, overflowDropped, delivered } = this.counters;
    return { messages, malformed, duplicatesDropped, outOfOrderFixed, gapsRepaired, unrepairedGaps, reconnects, overflowDropped, delivered, lastEventAgeMs };
  }

  // FrameHandler: called synchronously by parseFrame for each frame.
  tick(tick: Tick): void {
    const state = this.symbolStates.get(tick.symbol);
    if (state === undefined) return; // a trailing event of a symbol just removed
    state.lastEventAt = this.messageTime;
    state.sequencer.push(tick);
  }

  control(reply: ControlReply): void {
    if (reply.error !== undefined) {
      this.log(`control request ${reply.id ?? '?'} failed: ${reply.error}`);
      this.emitState({ kind: 'error', message: `Binance rejected a subscription request: ${reply.error}` });
    }
  }

  malformed(reason: string, text: string): void {
    this.counters.malformed++;
    if (this.messageTime - this.lastMalformedLogAt >= MALFORMED_LOG_INTERVAL_MS) {
      this.lastMalformedLogAt = this.messageTime;
      this.log(`malformed frame #${this.counters.malformed} (${reason}): ${text.slice(0, 200)}`);
    }
  }

  private onMessage(frame: Buffer, receivedAt: number): void {
    this.counters.messages++;
    this.messageTime = receivedAt;
    parseFrame(frame, this.stream, this);
  }

  private deliver(tick: Tick): void {
    this.counters.delivered++;
    this.ticks.emit(tick);
  }

  private reportGap(gap: UnrepairedGap): void {
    this.counters.unrepairedGaps++;
    this.log(`unrepaired gap ${gap.symbol} ${gap.fromId}…${gap.toId}: ${gap.reason}`);
    this.gaps.emit(gap);
  }

  private emitState(state: FeedState): void {
    this.states.emit(state);
  }
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new EngineError('BAD_ARGUMENT', `${name} must be a positive number, got ${value}`);
  return value;
}

