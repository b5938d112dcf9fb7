// A pair started from bars (ingestion in the worker): history, then each leg's bars up to its handover, then the
// shared series, with no bar twice or missing; bars that arrive while it warms are kept for the handover.
import { strict as assert } from 'assert';
import { PairRuntime } from '../../../src/engine/desk/pairRuntime';
import { createDeskEngine } from '../../../src/engine/desk/productionPorts';
import type { SharedBars } from '../../../src/engine/desk/ports';
import type { Bar, Disposable } from '../../../src/engine/types';
import type { PairBarRow } from '../../../src/shared/model';

const S = 1000;
const bar = (symbol: string, openTime: number, close: number, volume = 1): Bar => ({ symbol, openTime, intervalMs: S, open: close, high: close, low: close, close, volume, trades: 1, vwap: close, empty: false });

/** Shared bars with no takeoverFrom: the worker's, pushed by hand. */
class HandBars implements SharedBars {
  readonly listeners = new Map<string, (bar: Bar) => void>();
  subscribe(symbol: string, _intervalMs: number, listener: (bar: Bar) => void): Disposable {
    this.listeners.set(symbol, listener);
    return { dispose: () => this.listeners.delete(symbol) };
  }
  push(b: Bar): void {
    this.listeners.get(b.symbol)?.(b);
  }
}

function pair(shared: HandBars, rows: PairBarRow[]): PairRuntime {
  return new PairRuntime({ y: 'Y', x: 'X', timeframe: '1s', window: 3, hedge: 'ols' }, createDeskEngine({ historyBars: 100 }), 100, 'aggTrade', (_p, row) => rows.push(row), shared);
}

describe('PairRuntime.startFromBars', () => {
  it('history, the store\'s bars up to the handover, then the shared series; a bar received while warming is taken once', () => {
    const shared = new HandBars();
    const rows: PairBarRow[] = [];
    const p = pair(shared, rows);
    p.subscribeShared();
    // While it warms the series closes 5 s (before the handover: in the store's bars) and 6 s (after it).
    shared.push(bar('Y', 5 * S, 15));
    shared.push(bar('X', 5 * S, 25));
    shared.push(bar('Y', 6 * S, 16));
    shared.push(bar('X', 6 * S, 26));
    assert.equal(rows.length, 0, 'nothing before the start');
    p.startFromBars({
      history: [[bar('Y', 0, 10), bar('Y', S, 11)], [bar('X', 0, 20), bar('X', S, 21)]],
      // The store's bars resume at 3 s: 2 s is silent on both legs and carries the history's last close.
      bars: [[bar('Y', 3 * S, 13), bar('Y', 4 * S, 14), bar('Y', 5 * S, 15)], [bar('X', 3 * S, 23), bar('X', 4 * S, 24), bar('X', 5 * S, 25)]],
      handovers: [6 * S, 6 * S],
      liveFrom: 3 * S,
    });
    shared.push(bar('Y', 7 * S, 17));
    shared.push(bar('X', 7 * S, 27));
    assert.deepEqual(rows.map((r) => [r.time / S, r.yClose, r.xClose, r.history]), [
      [0, 10, 20, true], [1, 11, 21, true], [2, 11, 21, true], [3, 13, 23, false], [4, 14, 24, false], [5, 15, 25, false], [6, 16, 26, false], [7, 17, 27, false],
    ]);
    assert.equal(rows[2].yVolume, 0, 'the silent second is an empty bar');
    assert.equal(p.phase, 'live');
  });

  it('a leg the worker held no trade of hands over at its first shared bar; the preview takes the newest trade', () => {
    const shared = new HandBars();
    const rows: PairBarRow[] = [];
    const p = pair(shared, rows);
    p.subscribeShared();
    p.startFromBars({ history: [[bar('Y', 0, 10)], [bar('X', 0, 20)]], bars: [[], []], handovers: [undefined, undefined], liveFrom: S });
    shared.push(bar('Y', 3 * S, 13));
    shared.push(bar('X', 3 * S, 23));
    assert.deepEqual(rows.map((r) => [r.time / S, r.yClose, r.xClose]), [[0, 10, 20], [1, 10, 20], [2, 10, 20], [3, 13, 23]]);
    p.onLastTrade('Y', 13.5, 3 * S + 400);
    p.onLastTrade('Z', 99, 9 * S);
    assert.equal(p.lastPrice(0), 13.5);
    assert.equal(p.lastTradeTime, 3 * S + 400, 'another symbol\'s trade is not this pair\'s');
  });

  it('a start that knows the newest stored trades previews at their prices, and a repeat of one is dropped', () => {
    const shared = new HandBars();
    const p = pair(shared, []);
    p.subscribeShared();
    const lastTrades: [{ id: number; time: number; price: number }, undefined] = [{ id: 40, time: 4 * S + 300, price: 14.5 }, undefined];
    p.startFromBars({ history: [[], []], bars: [[bar('Y', 3 * S, 13)], [bar('X', 3 * S, 23)]], handovers: [4 * S, 4 * S], liveFrom: 4 * S, lastTrades });
    assert.deepEqual([p.lastPrice(0), p.lastPrice(1), p.lastTradeTime], [14.5, 23, 4 * S + 300], 'X: the close of its last bar');
    const trade = (id: number, price: number) => ({ symbol: 'Y', time: 4 * S + 500, price, qty: 1, id, buyerIsMaker: false });
    p.onTick(trade(40, 99));
    assert.equal(p.lastPrice(0), 14.5, 'an aggTrade id already stored is a repeat');
    p.onTick(trade(41, 14.7));
    assert.deepEqual([p.lastPrice(0), p.lastTradeTime], [14.7, 4 * S + 500]);
  });
});
