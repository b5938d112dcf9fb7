// Stream faults a test can switch on: silence, duplicates, swapped pairs, malformed frames.
// The hub consults `active` once per event, so with no fault switched on delivery pays nothing.
import type { StreamHub, Subscriber } from './hub';

interface HeldEvent {
  data: string;
  listeners: Set<Subscriber>;
}

export class DeliveryFaults {
  private silentUntil = 0;
  private duplicates = 0;
  private reorders = 0;
  private malformed = 0;
  private malformedSent = 0;
  private readonly held = new Map<string, HeldEvent>();
  active = false;

  goSilent(ms?: number): void {
    this.silentUntil = ms === undefined ? Infinity : Date.now() + ms;
    this.refresh();
  }

  resume(): void {
    this.silentUntil = 0;
    this.refresh();
  }

  get silent(): boolean {
    if (this.silentUntil === 0) return false;
    if (Date.now() < this.silentUntil) return true;
    this.silentUntil = 0;
    this.refresh();
    return false;
  }

  duplicateNext(count: number): void {
    this.duplicates += count;
    this.refresh();
  }

  reorderNext(count: number): void {
    this.reorders += count;
    this.refresh();
  }

  malformedNext(count: number): void {
    this.malformed += count;
    this.refresh();
  }

  clear(hub: StreamHub): void {
    this.silentUntil = 0;
    this.duplicates = this.reorders = this.malformed = 0;
    this.flushHeld(hub);
    this.refresh();
  }

  private refresh(): void {
    this.active = this.silentUntil !== 0 || this.duplicates > 0 || this.reorders > 0 || this.malformed > 0 || this.held.size > 0;
  }

  private flushHeld(hub: StreamHub): void {
    for (const [stream, ev] of this.held) hub.deliver(stream, ev.data, ev.listeners);
    this.held.clear();
  }

  /** Delivers one event through the switched-on faults. */
  route(stream: string, data: string, id: number, listeners: ReadonlySet<Subscriber>, hub: StreamHub): void {
    if (this.silent) return;
    if (this.malformed > 0) {
      this.malformed--;
      const bad = this.malformedSent++ % 2 === 0 ? truncated(data) : wrongTypes(data, id);
      for (const sub of listeners) hub.sendText(sub, bad);
    }
    const held = this.held.get(stream);
    if (held) {
      // The second event of a swapped pair goes first, then the one held back.
      this.held.delete(stream);
      hub.deliver(stream, data, listeners);
      hub.deliver(stream, held.data, held.listeners);
    } else if (this.reorders > 0) {
      this.reorders--;
      this.held.set(stream, { data, listeners: new Set(listeners) });
    } else {
      hub.deliver(stream, data, listeners);
      if (this.duplicates > 0) {
        this.duplicates--;
        hub.deliver(stream, data, listeners);
      }
    }
    this.refresh();
  }
}

function truncated(data: string): string {
  return data.slice(0, Math.max(1, Math.floor(data.length / 2)));
}

/** Valid JSON with the right keys but wrong types: the id as a string, price and quantity as numbers. */
function wrongTypes(data: string, id: number): string {
  return data
    .replace(/"(a|t)":(\d+)/, `"$1":"${id}"`)
    .replace(/"p":"([^"]*)"/, '"p":$1')
    .replace(/"q":"([^"]*)"/, '"q":$1');
}
