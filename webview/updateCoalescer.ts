// Live updates arrive faster than the webview can draw them (every 100–250 ms, more when the host catches
// up). Only the newest pair state matters for the text; closed bars must all be kept for the charts. The
// coalescer merges every update received since the last frame into one, so a frame applies one update
// and the message queue never builds a backlog. Pure, unit-tested.
import type { PairBarRow, PairView } from '../src/shared/model';

export interface LiveUpdate {
  pair: PairView;
  newBars: readonly PairBarRow[];
  lastTradeTime?: number;
  /** Host time when posted. */
  sentAt: number;
}

export interface CoalescedUpdate {
  pair: PairView;
  /** Every bar closed since the last take, oldest first. */
  newBars: PairBarRow[];
  /** Newest trade time among the merged updates. */
  lastTradeTime?: number;
  /** Host post time of the newest merged update. */
  sentAt: number;
  /** How many updates were merged. */
  merged: number;
}

export class UpdateCoalescer {
  private pending: CoalescedUpdate | undefined;

  get hasPending(): boolean {
    return this.pending !== undefined;
  }

  push(update: LiveUpdate): void {
    const p = this.pending;
    if (!p) {
      this.pending = { pair: update.pair, newBars: update.newBars.slice(), lastTradeTime: update.lastTradeTime, sentAt: update.sentAt, merged: 1 };
      return;
    }
    p.pair = update.pair;
    for (const row of update.newBars) p.newBars.push(row);
    if (update.lastTradeTime !== undefined && (p.lastTradeTime === undefined || update.lastTradeTime > p.lastTradeTime)) p.lastTradeTime = update.lastTradeTime;
    p.sentAt = update.sentAt;
    p.merged++;
  }

  /** The merged update since the last take (undefined when none arrived). */
  take(): CoalescedUpdate | undefined {
    const p = this.pending;
    this.pending = undefined;
    return p;
  }

  /** Drops what is pending (another pair was selected, or the state was re-sent whole). */
  clear(): void {
    this.pending = undefined;
  }
}
