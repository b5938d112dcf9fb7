// Trades read from files, which may come in any order (days given out of order, unsorted CSV), staged as
// columns and then appended to a TickStore series in (trade time, id) order: the store takes ticks in time
// order only. Staging costs 33 bytes a trade until `appendTo`; an already ordered input is not sorted.
import type { TickStore } from './tickStore';

export class TickSorter {
  private time = new Float64Array(1024);
  private price = new Float64Array(1024);
  private qty = new Float64Array(1024);
  private id = new Float64Array(1024);
  private buyerIsMaker = new Uint8Array(1024);
  private length = 0;
  private ordered = true;

  get count(): number {
    return this.length;
  }

  push(time: number, price: number, qty: number, id: number, buyerIsMaker: boolean): void {
    if (this.length === this.time.length) this.grow();
    const n = this.length++;
    if (n > 0 && (time < this.time[n - 1] || (time === this.time[n - 1] && id < this.id[n - 1]))) this.ordered = false;
    this.time[n] = time;
    this.price[n] = price;
    this.qty[n] = qty;
    this.id[n] = id;
    this.buyerIsMaker[n] = buyerIsMaker ? 1 : 0;
  }

  /** Appends the staged trades to `store` as series `key`, oldest first, and empties the stage. */
  appendTo(store: TickStore, key: string): void {
    const n = this.length;
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    if (!this.ordered) order.sort((a, b) => this.time[a] - this.time[b] || this.id[a] - this.id[b]);
    for (let k = 0; k < n; k++) {
      const i = order[k];
      store.appendTrade(key, this.time[i], this.price[i], this.qty[i], this.id[i], this.buyerIsMaker[i] === 1);
    }
    this.time = this.price = this.qty = this.id = new Float64Array(0);
    this.buyerIsMaker = new Uint8Array(0);
    this.length = 0;
    this.ordered = true;
  }

  private grow(): void {
    const size = this.time.length * 2;
    const widen = <T extends Float64Array | Uint8Array>(from: T, to: T): T => (to.set(from), to);
    this.time = widen(this.time, new Float64Array(size));
    this.price = widen(this.price, new Float64Array(size));
    this.qty = widen(this.qty, new Float64Array(size));
    this.id = widen(this.id, new Float64Array(size));
    this.buyerIsMaker = widen(this.buyerIsMaker, new Uint8Array(size));
  }
}
