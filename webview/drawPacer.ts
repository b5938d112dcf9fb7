// Paces the chart redraws. One ApexCharts redraw costs tens of milliseconds in a software-rendered webview,
// and it blocks the page's only thread: redrawing every chart on every update made the live z wait behind
// them. The pacer draws one chart per turn of the event loop, and each chart at most once per `minIntervalMs`,
// so new points appear within about a second while the text update never waits more than one chart draw.
// Pure (time is passed in), unit-tested.
export type PacerStep<K> = { draw: K } | { waitMs: number } | undefined;

export class DrawPacer<K> {
  private readonly pending = new Set<K>();
  private readonly lastDrawn = new Map<K, number>();

  constructor(private readonly minIntervalMs: number) {
    if (!(minIntervalMs >= 0)) throw new Error(`minIntervalMs must be ≥ 0, got ${minIntervalMs}`);
  }

  markPending(key: K): void {
    this.pending.add(key);
  }

  /** Draw right away at the next step, whatever the interval (a new pair, a backtest result). */
  markUrgent(key: K): void {
    this.pending.add(key);
    this.lastDrawn.delete(key);
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /**
   * What to do at `now`: draw the pending chart drawn longest ago among those due, or wait until the first
   * one is due; undefined when nothing is pending.
   */
  next(now: number): PacerStep<K> {
    let best: K | undefined;
    let bestAt = Infinity;
    let soonestDue = Infinity;
    for (const key of this.pending) {
      const at = this.lastDrawn.get(key) ?? -Infinity;
      const due = at + this.minIntervalMs;
      if (due <= now) {
        if (best === undefined || at < bestAt) {
          best = key;
          bestAt = at;
        }
      } else soonestDue = Math.min(soonestDue, due);
    }
    if (best !== undefined) return { draw: best };
    return Number.isFinite(soonestDue) ? { waitMs: soonestDue - now } : undefined;
  }

  drawn(key: K, now: number): void {
    this.pending.delete(key);
    this.lastDrawn.set(key, now);
  }

  forget(): void {
    this.pending.clear();
    this.lastDrawn.clear();
  }
}
