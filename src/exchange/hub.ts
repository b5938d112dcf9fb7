// Who listens to which stream, and delivery of pre-serialised events to them. Each event's JSON is built once;
// the combined wrapping is built at most once more; sends to one socket during a batch are corked together.
import type { Duplex } from 'stream';
import type WebSocket from 'ws';
import type { Route } from './streams';
import type { DeliveryFaults } from './deliveryFaults';

/** What the hub needs from a client connection. */
export interface Subscriber {
  readonly ws: WebSocket;
  readonly socket: Duplex;
  readonly route: Route;
  combined: boolean;
}

export class StreamHub {
  private readonly listeners = new Map<string, Set<Subscriber>>();
  private readonly corked: Subscriber[] = [];
  private batching = false;
  /** Number of (stream, subscriber) pairs, to let the replay pause when nobody listens. */
  private pairs = 0;

  constructor(private readonly faults: DeliveryFaults) {}

  add(stream: string, sub: Subscriber): void {
    let set = this.listeners.get(stream);
    if (!set) this.listeners.set(stream, (set = new Set()));
    if (!set.has(sub)) {
      set.add(sub);
      this.pairs++;
    }
  }

  remove(stream: string, sub: Subscriber): void {
    const set = this.listeners.get(stream);
    if (set?.delete(sub)) {
      this.pairs--;
      if (set.size === 0) this.listeners.delete(stream);
    }
  }

  hasListeners(stream: string): boolean {
    return this.listeners.has(stream);
  }

  get listenerCount(): number {
    return this.pairs;
  }

  /** Sends one event to every listener of `stream`; `id` is the trade/aggregate id (for fault switches). */
  publish(stream: string, data: string, id = -1): void {
    const set = this.listeners.get(stream);
    if (!set) return;
    if (this.faults.active) this.faults.route(stream, data, id, set, this);
    else this.deliver(stream, data, set);
  }

  /** Delivers without fault handling (the fault layer calls this). */
  deliver(stream: string, data: string, set: ReadonlySet<Subscriber>): void {
    let combined: string | undefined;
    for (const sub of set) {
      if (sub.ws.readyState !== 1) continue;
      this.cork(sub);
      if (sub.combined) sub.ws.send((combined ??= `{"stream":"${stream}","data":${data}}`));
      else sub.ws.send(data);
    }
  }

  /** Sends one frame as is (malformed frames of the fault layer). */
  sendText(sub: Subscriber, text: string): void {
    if (sub.ws.readyState !== 1) return;
    this.cork(sub);
    sub.ws.send(text);
  }

  /** Groups the sends of one replay step into as few socket writes as possible. */
  beginBatch(): void {
    this.batching = true;
  }

  endBatch(): void {
    this.batching = false;
    for (const sub of this.corked) sub.socket.uncork();
    this.corked.length = 0;
  }

  private cork(sub: Subscriber): void {
    if (!this.batching || this.corked.includes(sub)) return;
    sub.socket.cork();
    this.corked.push(sub);
  }

  /** The listener with the most unsent bytes (for back-pressure at full speed), or undefined. */
  mostBacklogged(): { sub: Subscriber; bytes: number } | undefined {
    let worst: { sub: Subscriber; bytes: number } | undefined;
    const seen = new Set<Subscriber>();
    for (const set of this.listeners.values()) {
      for (const sub of set) {
        if (seen.has(sub)) continue;
        seen.add(sub);
        const bytes = sub.ws.bufferedAmount;
        if (!worst || bytes > worst.bytes) worst = { sub, bytes };
      }
    }
    return worst;
  }
}
