// One typed event emitter for the engine (feed ticks, states and gaps, closed bars, desk events).
// The error policy is the same everywhere: a listener that throws is reported and the others still run,
// so one broken view or consumer can neither stop the feed nor starve its neighbours.
import { errorMessage } from '../shared/errorMessage';
import type { Disposable } from './types';

export type Listener<T> = (event: T) => void;

export class Emitter<T> {
  // Copy-on-write: subscribing or disposing replaces the array, so emit() walks a stable snapshot without
  // copying it per event (ticks arrive hundreds of thousands of times a second).
  private listeners: readonly Listener<T>[] = [];

  /** `report` receives what a listener threw (default: console.error); it must not throw itself. */
  constructor(private readonly report: (err: unknown) => void = (err) => console.error(`listener failed: ${errorMessage(err)}`)) {}

  on(listener: Listener<T>): Disposable {
    this.listeners = [...this.listeners, listener];
    let subscribed = true;
    return {
      dispose: () => {
        if (!subscribed) return;
        subscribed = false;
        const i = this.listeners.indexOf(listener);
        if (i >= 0) this.listeners = [...this.listeners.slice(0, i), ...this.listeners.slice(i + 1)];
      },
    };
  }

  emit(event: T): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i](event);
      } catch (err) {
        this.report(err);
      }
    }
  }

  /** Drops every listener (the owner is disposed). */
  clear(): void {
    this.listeners = [];
  }

  get listenerCount(): number {
    return this.listeners.length;
  }
}
