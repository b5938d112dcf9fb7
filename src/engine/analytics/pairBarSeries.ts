// Aligned bar pairs of two symbols for a finite history (files): one pair per interval on a common
// time grid, from the first interval where both legs have traded to the last where either has.
// An interval without trades on a leg carries that leg's previous close (an empty bar), as the live
// bar builder does, so 1-second gaps do not drop a bar from both legs.
import type { Bar } from '../types';

function emptyBar(previous: Bar, openTime: number): Bar {
  const c = previous.close;
  return { symbol: previous.symbol, openTime, intervalMs: previous.intervalMs, open: c, high: c, low: c, close: c, volume: 0, trades: 0, vwap: c, empty: true };
}

/** `yBars`, `xBars`: each leg's bars in time order, of one interval length. */
export function alignPairBars(yBars: readonly Bar[], xBars: readonly Bar[], intervalMs: number): [Bar, Bar][] {
  if (yBars.length === 0 || xBars.length === 0) return [];
  const start = Math.max(yBars[0].openTime, xBars[0].openTime);
  const end = Math.max(yBars[yBars.length - 1].openTime, xBars[xBars.length - 1].openTime);
  const out: [Bar, Bar][] = [];
  let iy = 0;
  let ix = 0;
  let lastY: Bar | undefined;
  let lastX: Bar | undefined;
  for (let t = Math.min(yBars[0].openTime, xBars[0].openTime); t <= end; t += intervalMs) {
    let y: Bar | undefined;
    let x: Bar | undefined;
    while (iy < yBars.length && yBars[iy].openTime <= t) y = yBars[iy++];
    while (ix < xBars.length && xBars[ix].openTime <= t) x = xBars[ix++];
    const yBar = y && y.openTime === t ? y : lastY && emptyBar(lastY, t);
    const xBar = x && x.openTime === t ? x : lastX && emptyBar(lastX, t);
    if (yBar) lastY = yBar;
    if (xBar) lastX = xBar;
    if (t >= start && yBar && xBar) out.push([yBar, xBar]);
  }
  return out;
}
