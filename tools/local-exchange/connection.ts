// One client WebSocket: its subscriptions, the control protocol, and Binance's per-connection limits
// (incoming message rate, streams per connection, ping/pong, 24-hour lifetime).
import type { Duplex } from 'stream';
import type WebSocket from 'ws';
import type { ExchangeLimits } from './types';
import type { Subscriber } from './hub';
import type { Route } from './streams';
import { errorBody, parseControlMessage, resultReply, type ControlRequest } from './controlMessages';

/** Where a connection registers the streams it listens to (decides which ones actually carry data). */
export interface StreamRegistry {
  listen(stream: string, sub: Subscriber): void;
  unlisten(stream: string, sub: Subscriber): void;
}

export class ClientConnection implements Subscriber {
  /** Subscribed stream names in subscription order (including silent ones). */
  readonly subscriptions = new Set<string>();
  outbox = '';
  private windowStart = 0;
  private messagesInWindow = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private pongDeadline: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly ws: WebSocket,
    readonly socket: Duplex,
    readonly route: Route,
    public combined: boolean,
    initialStreams: readonly string[],
    private readonly registry: StreamRegistry,
    private readonly limits: ExchangeLimits,
    private readonly onClosed: (conn: ClientConnection) => void,
  ) {
    for (const s of initialStreams) this.subscribe(s);
    ws.on('message', (data, isBinary) => this.onMessage(isBinary ? '' : data.toString()));
    ws.on('ping', () => this.countIncoming());
    // Pongs answer our own pings and are not counted against the message rate.
    ws.on('pong', () => this.armPongDeadline());
    ws.on('close', () => this.dispose());
    ws.on('error', () => this.dispose());
    this.timers.push(setInterval(() => ws.readyState === 1 && ws.ping(), limits.pingIntervalMs));
    this.timers.push(setTimeout(() => this.close(1000, 'Connection lifetime reached'), limits.maxConnectionAgeMs));
    this.armPongDeadline();
  }

  /** Abrupt end, as a network drop (no close frame). */
  terminate(): void {
    this.ws.terminate();
    this.dispose();
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === 1) this.ws.close(code, reason);
    this.dispose();
  }

  private armPongDeadline(): void {
    if (this.pongDeadline) clearTimeout(this.pongDeadline);
    if (this.closed) return;
    // No pong within the allowed time: the peer is gone; drop it as Binance does.
    this.pongDeadline = setTimeout(() => this.terminate(), this.limits.pongTimeoutMs);
  }

  /** Counts one incoming frame; returns false (and closes) past the per-second limit. */
  private countIncoming(): boolean {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.messagesInWindow = 0;
    }
    if (++this.messagesInWindow > this.limits.maxIncomingPerSecond) {
      this.close(1008, 'Too many requests');
      return false;
    }
    return true;
  }

  private onMessage(text: string): void {
    if (this.closed || !this.countIncoming()) return;
    const parsed = parseControlMessage(text);
    if (!parsed.ok) this.ws.send(parsed.reply);
    else this.ws.send(this.execute(parsed.request));
  }

  private execute(req: ControlRequest): string {
    switch (req.method) {
      case 'SUBSCRIBE': {
        const fresh = req.params.filter((s) => !this.subscriptions.has(s));
        if (this.subscriptions.size + new Set(fresh).size > this.limits.maxStreamsPerConnection) {
          return errorBody(2, `Invalid request: too many streams (at most ${this.limits.maxStreamsPerConnection} per connection)`, req.id);
        }
        for (const s of fresh) this.subscribe(s);
        return resultReply(null, req.id);
      }
      case 'UNSUBSCRIBE':
        for (const s of req.params) this.unsubscribe(s);
        return resultReply(null, req.id);
      case 'LIST_SUBSCRIPTIONS':
        return resultReply([...this.subscriptions], req.id);
      case 'SET_PROPERTY':
        this.combined = req.value;
        return resultReply(null, req.id);
      case 'GET_PROPERTY':
        return resultReply(this.combined, req.id);
    }
  }

  private subscribe(stream: string): void {
    if (this.subscriptions.has(stream)) return;
    this.subscriptions.add(stream);
    this.registry.listen(stream, this);
  }

  private unsubscribe(stream: string): void {
    if (!this.subscriptions.delete(stream)) return;
    this.registry.unlisten(stream, this);
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    if (this.pongDeadline) clearTimeout(this.pongDeadline);
    for (const s of this.subscriptions) this.registry.unlisten(s, this);
    this.onClosed(this);
  }
}
