// A FeedClock on real time that can jump forward, as a laptop's clock does on resume: timers whose
// deadline the jump passed fire at once (in deadline order), the others keep their remaining time.
import type { FeedClock } from '../../src/engine/feed/clock';

interface Pending {
  fn: () => void;
  deadline: number;
  timer: NodeJS.Timeout;
}

export class JumpClock implements FeedClock {
  private offset = 0;
  private nextHandle = 1;
  private readonly pending = new Map<number, Pending>();

  now(): number {
    return Date.now() + this.offset;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    const deadline = this.now() + Math.max(0, ms);
    this.pending.set(handle, { fn, deadline, timer: this.arm(handle, deadline) });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    const p = this.pending.get(handle as number);
    if (p) clearTimeout(p.timer);
    this.pending.delete(handle as number);
  }

  /** Moves the clock forward by `ms` and re-arms every pending timer against the new time. */
  jump(ms: number): void {
    this.offset += ms;
    const byDeadline = [...this.pending].sort((a, b) => a[1].deadline - b[1].deadline);
    for (const [handle, p] of byDeadline) {
      clearTimeout(p.timer);
      p.timer = this.arm(handle, p.deadline);
    }
  }

  get pendingTimers(): number {
    return this.pending.size;
  }

  private arm(handle: number, deadline: number): NodeJS.Timeout {
    return setTimeout(() => {
      const p = this.pending.get(handle);
      if (!p) return;
      this.pending.delete(handle);
      p.fn();
    }, Math.max(0, deadline - this.now()));
  }
}
