// A manual clock for feed unit tests: timers fire only when the test advances time.
import type { FeedClock } from '../../../src/engine/feed/clock';

export class FakeClock implements FeedClock {
  private time = 1_000_000;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, fn });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let dueHandle = -1;
      let dueAt = Infinity;
      for (const [h, t] of this.timers) if (t.at <= end && t.at < dueAt) [dueHandle, dueAt] = [h, t.at];
      if (dueHandle < 0) break;
      const timer = this.timers.get(dueHandle)!;
      this.timers.delete(dueHandle);
      this.time = Math.max(this.time, timer.at);
      timer.fn();
    }
    this.time = end;
  }
}
