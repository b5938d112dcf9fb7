// Paced SUBSCRIBE / UNSUBSCRIBE sender. Binance closes a connection that receives more than 10 messages
// a second (pongs included), so changes are batched into one message per method and sent at most once per
// `minIntervalMs`.
import type { FeedClock } from './clock';

export interface ControlMessage {
  method: 'SUBSCRIBE' | 'UNSUBSCRIBE';
  params: string[];
  id: number;
}

export class ControlQueue {
  private readonly toSubscribe = new Set<string>();
  private readonly toUnsubscribe = new Set<string>();
  private timer: unknown = undefined;
  private lastSentAt = -Infinity;
  private nextRequestId = 1;

  constructor(
    private readonly clock: FeedClock,
    private readonly minIntervalMs: number,
    private readonly send: (message: ControlMessage) => boolean,
  ) {}

  subscribe(streams: readonly string[]): void {
    for (const s of streams) {
      this.toUnsubscribe.delete(s);
      this.toSubscribe.add(s);
    }
    this.schedule();
  }

  unsubscribe(streams: readonly string[]): void {
    for (const s of streams) {
      this.toSubscribe.delete(s);
      this.toUnsubscribe.add(s);
    }
    this.schedule();
  }

  /** Forgets everything queued (the connection is being replaced; its URL will carry the streams). */
  clear(): void {
    this.toSubscribe.clear();
    this.toUnsubscribe.clear();
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  get idle(): boolean {
    return this.toSubscribe.size === 0 && this.toUnsubscribe.size === 0;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.idle) return;
    // A zero delay still batches every change made in the same turn of the event loop.
    const wait = Math.max(0, this.lastSentAt + this.minIntervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    const source = this.toUnsubscribe.size > 0 ? this.toUnsubscribe : this.toSubscribe;
    const method = source === this.toUnsubscribe ? 'UNSUBSCRIBE' : 'SUBSCRIBE';
    if (source.size === 0) return;
    const message: ControlMessage = { method, params: [...source], id: this.nextRequestId++ };
    this.lastSentAt = this.clock.now();
    // When the socket is not open the message is dropped: the replacement connection's URL carries the streams.
    if (this.send(message)) source.clear();
    else this.clear();
    this.schedule();
  }
}
