// One WebSocket connection of one route (e.g. /market), carrying every stream of that route in combined mode.
// Owns the socket's life: connect, reconnect forever with backoff, the silent-socket watchdog, the rotation
// before Binance's 24-hour close (open the replacement, switch on its first event, close the old one), and
// run-time SUBSCRIBE / UNSUBSCRIBE. It knows nothing of ticks: frames go to `onMessage`.
// An upgrade refused with HTTP 451 stops reconnecting (until the next start); a 403 retries on a long backoff.
import WebSocket from 'ws';
import type { FeedState } from '../types';
import { backoffDelay, type BackoffOptions } from './backoff';
import type { FeedClock } from './clock';
import { ControlQueue, type ControlMessage } from './controlQueue';
import type { Network } from './network';
import { refusalOf, type BinanceRefusedError } from './refusal';

export interface RouteConnectionOptions {
  /** URL of a connection carrying `streams`. */
  url(streams: readonly string[]): string;
  clock: FeedClock;
  random: () => number;
  backoff: BackoffOptions;
  /** Reconnect delays after an HTTP 403 from the upgrade (long: Binance's firewall does not relent in seconds). */
  refusedBackoff: BackoffOptions;
  /** Proxy agent and TLS verification of each connection. */
  network: Network;
  /** An open socket with no event for this long is reported stale and replaced. */
  silenceMs: number;
  /** Age at which the connection is replaced by a fresh one (before the server's 24-hour close). */
  rotationAgeMs: number;
  /** Minimum spacing of control messages. */
  controlIntervalMs: number;
  /** Every data frame (its bytes, undecoded: the parser reads them directly), with the time it arrived. */
  onMessage(frame: Buffer, receivedAt: number): void;
  onState(state: FeedState): void;
  /** Symbols of this route silent for at least `ms` (for the stale report). */
  silentSymbols(now: number, ms: number): string[];
  onReconnectScheduled(): void;
}

interface Socket {
  ws: WebSocket;
  url: string;
  /** Streams this socket is subscribed to (URL plus control messages sent on it). */
  streams: Set<string>;
  openedAt: number;
  /** The upgrade was answered 451 / 403. */
  refused?: BinanceRefusedError;
  /** The upgrade was answered with another non-101 status. */
  failure?: string;
}

export class RouteConnection {
  private readonly streams = new Set<string>();
  private active: Socket | undefined;
  private replacement: Socket | undefined;
  private readonly retiring = new Set<Socket>();
  private readonly control: ControlQueue;
  private attempt = 0;
  private reconnectTimer: unknown = undefined;
  private watchdogTimer: unknown = undefined;
  private rotationTimer: unknown = undefined;
  private lastDataAt = 0;
  private live = false;
  private running = false;
  /** Set by a 451: no reconnect until `start()` again (the user reconnects or the settings change). */
  private halted = false;

  constructor(private readonly options: RouteConnectionOptions) {
    this.control = new ControlQueue(options.clock, options.controlIntervalMs, (m) => this.sendControl(m));
  }

  /** URL of the connection in use (or the one it would open). */
  get url(): string {
    return this.active?.url ?? this.options.url([...this.streams]);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.halted = false;
    this.scheduleWatchdog();
    if (this.streams.size > 0) this.connect();
  }

  add(streams: readonly string[]): void {
    const added = streams.filter((s) => !this.streams.has(s));
    for (const s of added) this.streams.add(s);
    if (!this.running || added.length === 0) return;
    if (this.active === undefined && this.reconnectTimer === undefined && !this.halted) this.connect();
    else if (this.isOpen(this.active)) this.control.subscribe(added);
  }

  remove(streams: readonly string[]): void {
    const removed = streams.filter((s) => this.streams.delete(s));
    if (!this.running || removed.length === 0) return;
    if (this.streams.size === 0) {
      this.closeAll();
      this.options.onState({ kind: 'stopped' });
    } else if (this.isOpen(this.active)) this.control.unsubscribe(removed);
  }

  async stop(): Promise<void> {
    this.running = false;
    const sockets = this.closeAll();
    if (this.watchdogTimer !== undefined) this.options.clock.clearTimeout(this.watchdogTimer);
    this.watchdogTimer = undefined;
    await Promise.all(sockets.map((s) => waitClosed(s.ws)));
    this.options.onState({ kind: 'stopped' });
  }

  /** Closes every socket and cancels reconnect/rotation; returns the sockets being closed. */
  private closeAll(): Socket[] {
    const sockets = [this.active, this.replacement, ...this.retiring].filter((s): s is Socket => s !== undefined);
    this.active = undefined;
    this.replacement = undefined;
    this.retiring.clear();
    this.control.clear();
    this.clearTimer('reconnectTimer');
    this.clearTimer('rotationTimer');
    for (const s of sockets) closeSocket(s.ws);
    this.live = false;
    return sockets;
  }

  private connect(): void {
    this.reconnectTimer = undefined;
    if (!this.running || this.streams.size === 0 || this.halted) return;
    const socket = this.open();
    this.active = socket;
    this.live = false;
    this.options.onState({ kind: 'connecting', url: socket.url });
  }

  private open(): Socket {
    const streams = [...this.streams];
    const url = this.options.url(streams);
    const { agent, rejectUnauthorized } = this.options.network.routeFor(url);
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 15_000, agent, rejectUnauthorized });
    const socket: Socket = { ws, url, streams: new Set(streams), openedAt: 0 };
    // With this listener ws leaves the failed handshake to us (and tells us the status): end it here.
    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      socket.refused = refusalOf(status);
      socket.failure = `Unexpected server response: ${status}`;
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => this.onOpen(socket));
    ws.on('message', (data: WebSocket.RawData) => this.onData(socket, data));
    ws.on('close', (code: number, reason: Buffer) => this.onClose(socket, `closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`));
    ws.on('error', (err: Error) => {
      if (socket === this.active && !socket.refused) this.options.onState({ kind: 'error', message: `${url}: ${socket.failure ?? err.message}` });
    });
    return socket;
  }

  private onOpen(socket: Socket): void {
    socket.openedAt = this.options.clock.now();
    if (socket !== this.active) return; // a replacement waits for its first event before taking over
    this.lastDataAt = socket.openedAt; // silence is counted from the open
    this.takeOver(socket);
  }

  /** `socket` becomes the one the route uses: bring its subscriptions in line and plan its rotation. */
  private takeOver(socket: Socket): void {
    this.control.clear();
    const missing = [...this.streams].filter((s) => !socket.streams.has(s));
    const extra = [...socket.streams].filter((s) => !this.streams.has(s));
    if (extra.length > 0) this.control.unsubscribe(extra);
    if (missing.length > 0) this.control.subscribe(missing);
    this.clearTimer('rotationTimer');
    this.rotationTimer = this.options.clock.setTimeout(() => this.rotate(), this.options.rotationAgeMs);
  }

  private onData(socket: Socket, data: WebSocket.RawData): void {
    const now = this.options.clock.now();
    if (socket === this.replacement) {
      // The fresh connection delivers: switch to it; the old one may still send a few events, which the
      // sequencer de-duplicates, so the overlap neither loses nor doubles an id.
      const old = this.active;
      this.active = socket;
      this.replacement = undefined;
      if (old) {
        this.retiring.add(old);
        closeSocket(old.ws);
      }
      this.takeOver(socket);
    }
    if (socket === this.active) {
      this.lastDataAt = now;
      if (!this.live) {
        this.live = true;
        this.attempt = 0;
        this.options.onState({ kind: 'live', url: socket.url });
      }
    }
    this.options.onMessage(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data), now);
  }

  private onClose(socket: Socket, reason: string): void {
    if (this.retiring.delete(socket)) return;
    if (socket === this.replacement) {
      // The rotation attempt failed; the current connection still works, so try again later.
      this.replacement = undefined;
      this.clearTimer('rotationTimer');
      const delay = backoffDelay(1, socket.refused ? this.options.refusedBackoff : this.options.backoff, this.options.random);
      this.rotationTimer = this.options.clock.setTimeout(() => this.rotate(), delay);
      return;
    }
    if (socket === this.active) this.scheduleReconnect(socket.failure ?? reason, socket.refused);
  }

  private rotate(): void {
    this.rotationTimer = undefined;
    if (!this.running || this.replacement !== undefined || this.active === undefined || this.streams.size === 0) return;
    this.replacement = this.open();
  }

  private scheduleReconnect(reason: string, refused?: BinanceRefusedError): void {
    const old = this.active;
    this.active = undefined;
    // Terminate rather than close: a silent or broken peer may never answer the close handshake.
    if (old) old.ws.terminate();
    if (this.replacement) {
      // The replacement is already on its way: let it become the connection without a backoff wait.
      this.active = this.replacement;
      this.replacement = undefined;
      if (this.active.openedAt > 0) {
        this.lastDataAt = this.options.clock.now();
        this.takeOver(this.active);
      }
      return;
    }
    this.control.clear();
    this.clearTimer('rotationTimer');
    this.live = false;
    if (!this.running || this.streams.size === 0) return;
    if (refused?.status === 451) {
      // A restricted location does not change by retrying: stop, and say why.
      this.halted = true;
      this.clearTimer('reconnectTimer');
      this.options.onState({ kind: 'error', message: refused.message, code: refused.code });
      return;
    }
    this.attempt++;
    const delay = backoffDelay(this.attempt, refused ? this.options.refusedBackoff : this.options.backoff, this.options.random);
    const nextAttemptAt = this.options.clock.now() + delay;
    this.options.onReconnectScheduled();
    this.options.onState({ kind: 'reconnecting', url: old?.url ?? this.options.url([...this.streams]), attempt: this.attempt, nextAttemptAt, reason: refused?.message ?? reason });
    this.clearTimer('reconnectTimer');
    this.reconnectTimer = this.options.clock.setTimeout(() => this.connect(), delay);
  }

  private scheduleWatchdog(): void {
    const period = Math.max(5, Math.floor(this.options.silenceMs / 4));
    this.watchdogTimer = this.options.clock.setTimeout(() => {
      this.checkSilence();
      if (this.running) this.scheduleWatchdog();
    }, period);
  }

  private checkSilence(): void {
    const socket = this.active;
    if (!this.isOpen(socket)) return;
    const now = this.options.clock.now();
    const silentForMs = now - this.lastDataAt;
    if (silentForMs <= this.options.silenceMs) return;
    const symbols = this.options.silentSymbols(now, this.options.silenceMs);
    this.options.onState({ kind: 'stale', url: socket.url, silentForMs, symbols });
    this.scheduleReconnect(`no event for ${silentForMs} ms`);
  }

  private sendControl(message: ControlMessage): boolean {
    const socket = this.active;
    if (!this.isOpen(socket)) return false;
    socket.ws.send(JSON.stringify(message));
    for (const s of message.params) {
      if (message.method === 'SUBSCRIBE') socket.streams.add(s);
      else socket.streams.delete(s);
    }
    return true;
  }

  private isOpen(socket: Socket | undefined): socket is Socket {
    return socket !== undefined && socket.ws.readyState === WebSocket.OPEN;
  }

  private clearTimer(name: 'reconnectTimer' | 'rotationTimer'): void {
    if (this[name] !== undefined) this.options.clock.clearTimeout(this[name]);
    this[name] = undefined;
  }
}

function closeSocket(ws: WebSocket): void {
  if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) {
    try {
      ws.close(1000);
    } catch {
      ws.terminate();
    }
  }
}

/** Resolves when the socket is closed, terminating it if the close handshake takes too long. */
function waitClosed(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), 1000);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
