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
  /** Frames queued during the current batch, already framed (see `textFrameHeader`). */
  outbox: string;
}

/**
 * The header of an unmasked, final WebSocket text frame (RFC 6455 §5.2) as a latin1 string, so that many
 * frames can be joined into one string and written with a single socket write. Event JSON here is ASCII,
 * so its latin1 and UTF-8 bytes are the same.
 */
export function textFrameHeader(length: number): string {
  if (length < 126) return String.fromCharCode(0x81, length);
  if (length < 65536) return String.fromCharCode(0x81, 126, length >>> 8, length & 0xff);
  const high = Math.floor(length / 2 ** 32);
  const low = length >>> 0;
  return String.fromCharCode(0x81, 127, 0, 0, 0, high & 0xff, low >>> 24, (low >>> 16) & 0xff, (low >>> 8) & 0xff, low & 0xff);
}

/** Unsent bytes after which a client is considered gone. */
const SLOW_CLIENT_BYTES = 64 * 1024 * 1024;

export class StreamHub {
  private readonly listeners = new Map<string, Set<Subscriber>>();
  private readonly queued: Subscriber[] = [];
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
    let rawFrame: string | undefined;
    let combinedFrame: string | undefined;
    for (const sub of set) {
      if (sub.combined) {
        combinedFrame ??= textFrameHeader((combined = `{"stream":"${stream}","data":${data}}`).length) + combined;
        this.enqueue(sub, combinedFrame);
      } else {
        this.enqueue(sub, (rawFrame ??= textFrameHeader(data.length) + data));
      }
    }
  }

  /** Sends one frame as is (malformed frames of the fault layer). */
  sendText(sub: Subscriber, text: string): void {
    this.enqueue(sub, textFrameHeader(text.length) + text);
  }

  private enqueue(sub: Subscriber, frame: string): void {
    if (sub.ws.readyState !== 1) return;
    if (sub.outbox.length === 0) this.queued.push(sub);
    sub.outbox += frame;
    if (!this.batching) this.flush();
  }

  /** Groups the sends of one replay step into one socket write per connection. */
  beginBatch(): void {
    this.batching = true;
  }

  endBatch(): void {
    this.batching = false;
    this.flush();
  }

  private flush(): void {
    for (const sub of this.queued) {
      if (sub.ws.readyState === 1) {
        sub.socket.write(sub.outbox, 'latin1');
        // A client that cannot keep up at a fixed speed is dropped, as Binance drops slow consumers,
        // rather than letting its backlog grow without bound.
        if (sub.ws.bufferedAmount > SLOW_CLIENT_BYTES) sub.ws.terminate();
      }
      sub.outbox = '';
    }
    this.queued.length = 0;
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
