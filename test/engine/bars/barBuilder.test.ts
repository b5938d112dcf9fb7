import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { BarBuilder } from '../../../src/engine/bars/barBuilder';
import { PairAligner } from '../../../src/engine/bars/pairAligner';
import type { Bar, Tick } from '../../../src/engine/types';

const T0 = Date.UTC(2024, 6, 19, 0, 0, 0); // a minute boundary
const MIN = 60_000;
let nextId = 1;
const tick = (dt: number, price: number, qty: number, symbol = 'BTCUSDT'): Tick => ({ symbol, time: T0 + dt, price, qty, id: nextId++, buyerIsMaker: false });

function collect(builder: BarBuilder): Bar[] {
  const bars: Bar[] = [];
  builder.onBarClose((b) => bars.push(b));
  return bars;
}

describe('BarBuilder', () => {
  it('builds OHLCV, trade count and VWAP of a hand-computed minute', () => {
    const builder = new BarBuilder({ intervalMs: MIN });
    const bars = collect(builder);
    for (const t of [tick(1000, 100, 1), tick(2000, 102, 2), tick(30_000, 99, 1), tick(59_999, 101, 4)]) builder.add(t);
    assert.equal(bars.length, 0, 'the minute is not over yet');
    builder.add(tick(MIN, 103, 0.5)); // first tick of the next minute closes it
    assert.equal(bars.length, 1);
    // VWAP = (100·1 + 102·2 + 99·1 + 101·4) / 8 = 807 / 8
    assert.deepEqual(bars[0], {
      symbol: 'BTCUSDT', openTime: T0, intervalMs: MIN, open: 100, high: 102, low: 99, close: 101,
      volume: 8, trades: 4, vwap: 100.875, empty: false,
    });
    assert.deepEqual(builder.partial('BTCUSDT'), {
      symbol: 'BTCUSDT', openTime: T0 + MIN, intervalMs: MIN, open: 103, high: 103, low: 103, close: 103,
      volume: 0.5, trades: 1, vwap: 103, empty: false,
    });
  });

  it('emits an explicit empty bar, close carried, for a minute without trades', () => {
    const builder = new BarBuilder({ intervalMs: MIN });
    const bars = collect(builder);
    builder.add(tick(10, 50, 1));
    builder.add(tick(2 * MIN + 5, 52, 1));
    assert.deepEqual(bars.map((b) => [b.openTime - T0, b.open, b.close, b.volume, b.trades, b.vwap, b.empty]), [
      [0, 50, 50, 1, 1, 50, false],
      [MIN, 50, 50, 0, 0, 50, true],
    ]);
  });

  it('closes a bar on the clock (advanceTo) with no further tick, and not before its end', () => {
    const builder = new BarBuilder({ intervalMs: 1000 });
    const bars = collect(builder);
    builder.add(tick(200, 10, 1));
    builder.advanceTo(T0 + 999);
    assert.equal(bars.length, 0);
    builder.advanceTo(T0 + 1000);
    assert.equal(bars.length, 1);
    builder.advanceTo(T0 + 3500); // two idle seconds: two empty bars
    assert.deepEqual(bars.map((b) => [b.openTime - T0, b.empty]), [[0, false], [1000, true], [2000, true]]);
    builder.advanceTo(T0 + 100); // the clock never goes back
    assert.equal(builder.now, T0 + 3500);
  });

  it('amends the open bar with a late tick inside the grace period and counts older ones as dropped', () => {
    const builder = new BarBuilder({ intervalMs: MIN, graceMs: 2000 });
    const bars = collect(builder);
    builder.add(tick(30_000, 100, 1));
    builder.add(tick(MIN + 1000, 105, 1)); // clock 61 s: minute 0 still within grace
    assert.equal(bars.length, 0);
    builder.add(tick(500, 95, 2)); // earlier than the open: becomes the open
    builder.add(tick(59_000, 110, 1)); // new high, but not after the close
    builder.add(tick(59_999, 101, 1)); // the last trade of the minute: the close
    builder.advanceTo(T0 + MIN + 2000);
    assert.equal(bars.length, 1);
    // VWAP = (100 + 95·2 + 110 + 101) / 5 = 501 / 5
    assert.deepEqual(
      [bars[0].open, bars[0].high, bars[0].low, bars[0].close, bars[0].volume, bars[0].trades, bars[0].vwap],
      [95, 110, 95, 101, 5, 4, 100.2],
    );
    builder.add(tick(59_000, 1, 1)); // its minute is published: dropped
    builder.add(tick(100, 1, 1, 'BTCUSDT'));
    assert.equal(builder.lateDropped('BTCUSDT'), 2);
    assert.equal(builder.lateDropped(), 2);
    assert.equal(builder.partial('BTCUSDT')?.trades, 1);
  });

  it('keeps the legs of a pair aligned: an idle symbol gets empty bars when the other trades', () => {
    const builder = new BarBuilder({ intervalMs: 1000 });
    const bars = collect(builder);
    builder.add(tick(0, 10, 1, 'BTCUSDT'));
    builder.add(tick(100, 20, 1, 'ETHUSDT'));
    builder.add(tick(2100, 21, 1, 'ETHUSDT'));
    const by = (s: string) => bars.filter((b) => b.symbol === s).map((b) => [b.openTime - T0, b.empty]);
    assert.deepEqual(by('BTCUSDT'), [[0, false], [1000, true]]);
    assert.deepEqual(by('ETHUSDT'), [[0, false], [1000, true]]);
  });

  it('flush publishes the bars still open; emitEmpty false skips idle intervals', () => {
    const builder = new BarBuilder({ intervalMs: 1000, emitEmpty: false });
    const bars = collect(builder);
    builder.add(tick(0, 1, 1));
    builder.add(tick(5000, 2, 1));
    builder.flush();
    assert.deepEqual(bars.map((b) => [b.openTime - T0, b.close]), [[0, 1], [5000, 2]]);
  });

  it('rejects a bar length that is not a whole number of seconds', () => {
    assert.throws(() => new BarBuilder({ intervalMs: 1500 }), /whole number of seconds/);
    assert.throws(() => new BarBuilder({ intervalMs: 1000, graceMs: -1 }), /grace/);
  });
});

describe('BarBuilder on the real recordings (BTCUSDT + ETHUSDT, 8 minutes)', function () {
  this.timeout(20_000);
  const DATA = process.env.QP_DATA_DIR ?? join(__dirname, '../../../../shared/data');

  /** Trades of both symbols straight from zlib + JSON, in trade-time order (the order a live feed gives). */
  function recordedTicks(): Tick[] {
    const ticks: Tick[] = [];
    for (const file of ['btcusdt_20240718.gz', 'btcusdt_20240719.gz', 'ethusdt_20240718.gz', 'ethusdt_20240719.gz']) {
      for (const line of gunzipSync(readFileSync(join(DATA, file))).toString('utf8').split('\n')) {
        if (!line.includes('@trade"')) continue;
        const d = JSON.parse(line.slice(line.indexOf(' ') + 1)).data;
        ticks.push({ symbol: d.s, time: d.T, price: Number(d.p), qty: Number(d.q), id: d.t, buyerIsMaker: d.m });
      }
    }
    return ticks.sort((a, b) => a.time - b.time || a.id - b.id);
  }

  it('gives one 1s bar per second per symbol (empty where nobody traded) and aligned pairs', () => {
    const ticks = recordedTicks();
    const builder = new BarBuilder({ intervalMs: 1000, graceMs: 500 });
    const bars = collect(builder);
    const pairs: Array<[Bar, Bar]> = [];
    const aligner = new PairAligner('ETHUSDT', 'BTCUSDT', (y, x) => pairs.push([y, x]));
    builder.onBarClose((b) => aligner.push(b));
    for (const t of ticks) builder.add(t);
    builder.advanceTo(ticks[ticks.length - 1].time + 1500); // the timer closes the last second
    assert.equal(builder.lateDropped(), 0);
    for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
      const own = ticks.filter((t) => t.symbol === symbol);
      const tradingSeconds = new Set(own.map((t) => Math.floor(t.time / 1000)));
      const mine = bars.filter((b) => b.symbol === symbol);
      const first = Math.floor(own[0].time / 1000) * 1000;
      const last = Math.floor(ticks[ticks.length - 1].time / 1000) * 1000; // empty bars run up to the clock
      assert.equal(mine.length, (last - first) / 1000 + 1, symbol);
      mine.forEach((b, i) => assert.equal(b.openTime, first + i * 1000));
      assert.equal(mine.filter((b) => !b.empty).length, tradingSeconds.size);
      assert.equal(mine.reduce((n, b) => n + b.trades, 0), own.length);
    }
    const firstCommon = Math.max(...['BTCUSDT', 'ETHUSDT'].map((s) => Math.floor(ticks.find((t) => t.symbol === s)!.time / 1000) * 1000));
    assert.equal(pairs.length, (Math.floor(ticks[ticks.length - 1].time / 1000) * 1000 - firstCommon) / 1000 + 1);
    assert.ok(pairs.every(([y, x]) => y.symbol === 'ETHUSDT' && x.symbol === 'BTCUSDT' && y.openTime === x.openTime));
  });
});
