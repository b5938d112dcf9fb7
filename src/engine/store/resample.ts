// Bars of any length from a symbol's stored ticks: the store is the source of resampling, so a pair that
// changes timeframe rebuilds its bars from the ticks it already has, without a REST round trip.
import { BarAccumulator, emptyBar } from '../bars/barAccumulator';
import { barOpenTime, checkIntervalMs } from '../bars/timeframe';
import type { Bar } from '../types';
import type { TickStore } from './tickStore';

/**
 * The symbol's bars with open times in [fromOpen, toOpen) (both multiples of `intervalMs`), as the live bar
 * builder publishes them: an interval without a trade is an empty bar carrying the previous close (the
 * newest stored tick before `fromOpen` for the first ones). Empty intervals before any known price are left out.
 * `key` names the store's series (the symbol itself for live ticks); the bars carry `symbol`.
 */
export function resampleStore(store: TickStore, key: string, intervalMs: number, fromOpen: number, toOpen: number, symbol = key): Bar[] {
  checkIntervalMs(intervalMs);
  const out: Bar[] = [];
  let close = store.lastPriceBefore(key, fromOpen);
  let next = fromOpen;
  let bar: BarAccumulator | undefined;
  const fillTo = (open: number) => {
    for (; next < open; next += intervalMs) if (close !== undefined) out.push(emptyBar(symbol, next, intervalMs, close));
  };
  const publish = () => {
    if (!bar) return;
    const done = bar.toBar();
    out.push(done);
    close = done.close;
    next = done.openTime + intervalMs;
    bar = undefined;
  };
  store.forEachInRange(key, fromOpen, toOpen, (time, price, qty, id) => {
    const open = barOpenTime(time, intervalMs);
    if (bar && bar.barOpenTime !== open) publish();
    if (!bar) {
      fillTo(open);
      bar = new BarAccumulator(symbol, open, intervalMs);
    }
    bar.addTrade(time, price, qty, id);
  });
  publish();
  fillTo(toOpen);
  return out;
}
