// How often one tree row may refresh. The Pairs tree's rows change with every live update (prices, z), up to ten
// times a second, and each refresh is a chance for VS Code's tree to take the focus back from a picker that just
// opened (pickerGuard.ts says why; a picker closed by itself 17 ms after opening in CI). A row refreshes at once
// after a quiet second, then at most once per interval with its newest state. No vscode import: tested in plain Node.
import { systemClock, type FeedClock } from '../engine/feed/clock';

/** The Pairs tree's rows: at most one refresh a second each (the dashboard and status bar carry the live ticks). */
export const TREE_ROW_REFRESH_MS = 1000;

export class RowRefreshPacer<K> {
  private readonly lastFiredAt = new Map<K, number>();
  private readonly scheduled = new Map<K, unknown>();

  constructor(
    private readonly intervalMs: number,
    private readonly fire: (key: K) => void,
    private readonly clock: FeedClock = systemClock,
  ) {}

  /** The row changed: refresh it now if it has not for an interval, else once when the interval ends. */
  request(key: K): void {
    if (this.scheduled.has(key)) return;
    const wait = (this.lastFiredAt.get(key) ?? Number.NEGATIVE_INFINITY) + this.intervalMs - this.clock.now();
    if (wait <= 0) return this.fireNow(key);
    this.scheduled.set(key, this.clock.setTimeout(() => this.fireNow(key), wait));
  }

  /** The row is gone (or everything was refreshed): nothing pending for it. */
  forget(key: K): void {
    const timer = this.scheduled.get(key);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.scheduled.delete(key);
    this.lastFiredAt.delete(key);
  }

  dispose(): void {
    for (const key of [...this.scheduled.keys()]) this.forget(key);
  }

  private fireNow(key: K): void {
    this.scheduled.delete(key);
    this.lastFiredAt.set(key, this.clock.now());
    this.fire(key);
  }
}
