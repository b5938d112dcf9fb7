import { strict as assert } from 'assert';
import { SymbolBars } from '../../../src/engine/desk/symbolBars';
import { TickStore } from '../../../src/engine/store/tickStore';
import type { Bar, Tick } from '../../../src/engine/types';

const T0 = Date.UTC(2024, 6, 19, 0, 0, 0);
const tick = (symbol: string, id: number, time: number, price: number): Tick => ({ symbol, time, price, qty: 1, id, buyerIsMaker: false });

function feed(store: TickStore, bars: SymbolBars, ticks: Tick[]): void {
  for (const t of ticks) {
    store.append(t);
    bars.add(t);
  }
}

describe('SymbolBars', () => {
  it('gives every subscriber of a symbol and bar length the same Bar objects from one series', () => {
    const store = new TickStore();
    const bars = new SymbolBars(store);
    const a: Bar[] = [];
    const b: Bar[] = [];
    const other: Bar[] = [];
    const subA = bars.subscribe('BTCUSDT', 1000, (bar) => a.push(bar));
    bars.subscribe('BTCUSDT', 1000, (bar) => b.push(bar));
    bars.subscribe('BTCUSDT', 60_000, (bar) => other.push(bar));
    assert.equal(bars.seriesCount, 2);
    feed(store, bars, [tick('BTCUSDT', 1, T0 + 100, 10), tick('BTCUSDT', 2, T0 + 900, 11), tick('BTCUSDT', 3, T0 + 2500, 12), tick('ETHUSDT', 1, T0 + 2600, 5)]);
    bars.advanceTo(T0 + 3000);
    assert.deepEqual(a.map((x) => [x.openTime - T0, x.open, x.close, x.volume, x.empty]), [[0, 10, 11, 2, false], [1000, 11, 11, 0, true], [2000, 12, 12, 1, false]]);
    assert.equal(a.length, b.length);
    a.forEach((bar, i) => assert.equal(bar, b[i], 'the same object'));
    assert.equal(other.length, 0, 'the minute is still open');
    subA.dispose();
    assert.equal(bars.seriesCount, 2, 'the 1 s series lives while one subscriber is left');
  });

  it('a series made after ticks were stored starts from the store: its bar in progress is whole', () => {
    const store = new TickStore();
    const bars = new SymbolBars(store);
    // Stored before anyone subscribed at 1m: minutes 0-2, minute 2 still in progress.
    feed(store, bars, [tick('BTCUSDT', 1, T0 + 5_000, 10), tick('BTCUSDT', 2, T0 + 70_000, 11), tick('BTCUSDT', 3, T0 + 125_000, 12), tick('BTCUSDT', 4, T0 + 130_000, 13)]);
    const got: Bar[] = [];
    bars.subscribe('BTCUSDT', 60_000, (bar) => got.push(bar));
    assert.equal(bars.takeoverFrom('BTCUSDT', 60_000), T0 + 120_000, 'minute 2: whole and not yet published');
    feed(store, bars, [tick('BTCUSDT', 5, T0 + 150_000, 14)]);
    bars.advanceTo(T0 + 180_000);
    assert.deepEqual(got.map((x) => [(x.openTime - T0) / 60_000, x.open, x.high, x.low, x.close, x.trades]), [[2, 12, 14, 12, 14, 3]]);
    // A symbol first seen live: its first bar may lack earlier trades, so the one after is the first whole one.
    bars.subscribe('ETHUSDT', 60_000, () => undefined);
    assert.equal(bars.takeoverFrom('ETHUSDT', 60_000), undefined);
    feed(store, bars, [tick('ETHUSDT', 9, T0 + 190_000, 3)]);
    assert.equal(bars.takeoverFrom('ETHUSDT', 60_000), T0 + 240_000);
  });

  it('resample: the stored bars from the first whole one (or fromOpen) up to the takeover, and the newest trade', () => {
    const store = new TickStore();
    const bars = new SymbolBars(store);
    // Minute 0 may lack earlier trades; minute 1 has two trades, minute 2 none, minute 3 is in progress.
    feed(store, bars, [tick('BTCUSDT', 1, T0 + 5_000, 10), tick('BTCUSDT', 2, T0 + 61_000, 11), tick('BTCUSDT', 3, T0 + 100_000, 12), tick('BTCUSDT', 4, T0 + 185_000, 13)]);
    assert.deepEqual(bars.resample('BTCUSDT', 60_000).bars, [], 'no series subscribed: no takeover, no bars');
    bars.subscribe('BTCUSDT', 60_000, () => undefined);
    const answer = bars.resample('BTCUSDT', 60_000);
    assert.deepEqual(answer.bars.map((b) => [(b.openTime - T0) / 60_000, b.open, b.close, b.volume, b.empty]), [[1, 11, 12, 2, false], [2, 12, 12, 0, true]]);
    assert.equal(answer.takeoverFrom, T0 + 180_000);
    assert.equal(answer.firstTime, T0 + 5_000);
    assert.deepEqual(answer.lastTrade, { id: 4, time: T0 + 185_000, price: 13 });
    assert.deepEqual(bars.resample('BTCUSDT', 60_000, T0 + 120_000).bars.map((b) => (b.openTime - T0) / 60_000), [2]);
    assert.deepEqual(bars.resample('ETHUSDT', 60_000), { bars: [], takeoverFrom: undefined, firstTime: undefined, lastTrade: undefined });
  });
});
