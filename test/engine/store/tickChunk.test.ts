import { strict as assert } from 'assert';
import { join } from 'path';
import fc from 'fast-check';
import { readRecordedTrades } from '../../../src/engine/import/recording';
import { BYTES_PER_TICK, TickChunk, WIDE_BYTES_PER_TICK } from '../../../src/engine/store/tickChunk';
import { TickStore } from '../../../src/engine/store/tickStore';

const DATA = process.env.QP_DATA_DIR ?? join(__dirname, '../../../../shared/data');

interface Row {
  time: number;
  price: number;
  qty: number;
  id: number;
}

function readBack(chunk: TickChunk, n: number): Row[] {
  return Array.from({ length: n }, (_, k) => ({ time: chunk.timeAt(k), price: chunk.priceAt(k), qty: chunk.qtyAt(k), id: chunk.idAt(k) }));
}

describe('TickChunk', () => {
  it('stores real trades of both recordings in the compact layout, prices and quantities exact at the wire precision', async () => {
    const trades = await readRecordedTrades(['btcusdt_20240718.gz', 'btcusdt_20240719.gz', 'ethusdt_20240718.gz', 'ethusdt_20240719.gz'].map((f) => join(DATA, f)));
    assert.equal(trades.length, 974 + 9727 + 1640 + 12_015); // the data README's counts
    const store = new TickStore();
    for (const t of trades) store.append(t);
    for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
      const mine = trades.filter((t) => t.symbol === symbol);
      const columns = store.range(symbol, -Infinity, Infinity);
      assert.equal(columns.length, mine.length);
      mine.forEach((t, i) => {
        const decimals = t.priceText.split('.')[1]?.length ?? 0;
        const qtyDecimals = t.qtyText.split('.')[1]?.length ?? 0;
        if (columns.price[i].toFixed(decimals) !== t.priceText || columns.price[i] !== Number(t.priceText)) assert.fail(`${symbol} price ${i}: ${columns.price[i]} for ${t.priceText}`);
        if (columns.qty[i].toFixed(qtyDecimals) !== t.qtyText || columns.qty[i] !== Number(t.qtyText)) assert.fail(`${symbol} qty ${i}: ${columns.qty[i]} for ${t.qtyText}`);
        if (columns.time[i] !== t.time || columns.id[i] !== t.id) assert.fail(`${symbol} tick ${i}: time/id ${columns.time[i]}/${columns.id[i]}`);
      });
    }
    // 24,356 ticks in two rings: BTC's first chunk doubled to 16,384 slots (10,701 ticks), ETH's to 16,384 (13,655), all compact.
    assert.equal(store.memoryBytes(), (16_384 + 16_384) * 17);
  });

  it('reads back every value as written while it grows, adds decimals and falls back to Float64 (property)', () => {
    const value = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100),
      fc.integer({ min: 0, max: 9 }).chain((d) => fc.integer({ min: 1, max: 99_999 }).map((n) => n / 10 ** d)),
      fc.constantFrom(0, 65_000.1, 3_400.25, 0.000_012_34, 1e12, 2 ** 40 + 0.5, Math.PI, 1 / 3, NaN, Infinity),
    );
    const step = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 1000 }) }, { weight: 1, arbitrary: fc.constantFrom(-5, 2 ** 31, 0.5) });
    fc.assert(
      fc.property(fc.array(fc.tuple(step, value, value, step), { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 80 }), (rows, size) => {
        const chunk = new TickChunk(size, 1);
        const written: Row[] = [];
        let time = 1_721_260_800_000;
        let id = 5_266_583_935;
        rows.slice(0, size).forEach(([dt, price, qty, di], slot) => {
          time += dt;
          id += di;
          if (slot === chunk.capacity) chunk.grow();
          chunk.write(slot, time, price, qty, id, slot & 1);
          written.push({ time, price, qty, id });
        });
        assert.deepEqual(readBack(chunk, written.length), written);
        assert.deepEqual([...chunk.flags.subarray(0, written.length)], written.map((_, k) => k & 1));
        assert.equal(chunk.bytes, chunk.capacity * (chunk.isWide ? WIDE_BYTES_PER_TICK : BYTES_PER_TICK));
      }),
      { numRuns: 500 },
    );
  });

  it('adds decimals by rescaling the stored slots, and goes wide only when Int32 cannot hold the value', () => {
    const chunk = new TickChunk(8);
    chunk.write(0, 1000, 65_000, 1, 7, 0);
    chunk.write(1, 1001, 65_000.1, 0.001, 8, 0); // price 1 → 10 units, qty 1 → 1000 units: still compact
    chunk.write(2, 1002, 65_000.15, 0.5, 9, 0); // 6,500,015 units at 2 decimals
    assert.equal(chunk.isWide, false);
    assert.deepEqual(readBack(chunk, 3).map((r) => [r.price, r.qty]), [[65_000, 1], [65_000.1, 0.001], [65_000.15, 0.5]]);
    chunk.write(3, 1003, 65_000.123_456, 1, 10, 0); // 6 decimals: 65,000,123,456 units overflow Int32
    assert.equal(chunk.isWide, true);
    assert.equal(chunk.bytes, 8 * WIDE_BYTES_PER_TICK);
    assert.deepEqual(readBack(chunk, 4).map((r) => r.price), [65_000, 65_000.1, 65_000.15, 65_000.123_456]);
  });
});

describe('TickRing chunk growth (a quiet symbol costs kilobytes)', () => {
  it('holds an hour of one trade a second in one chunk of 4,096 slots, and a busy symbol in whole chunks', () => {
    const store = new TickStore();
    for (let s = 0; s < 3600; s++) store.append({ symbol: 'QUIETUSDT', time: 1_721_260_800_000 + s * 1000, price: (1234 + (s % 10)) / 10_000, qty: 12, id: s, buyerIsMaker: false });
    // 64 slots doubled six times: 4,096 × 17 bytes.
    assert.equal(store.memoryBytes(), 4096 * 17);
    for (let i = 0; i < 40_000; i++) store.append({ symbol: 'BTCUSDT', time: 1_721_260_800_000 + i, price: (650_000 + (i % 50)) / 10, qty: (1 + (i % 9)) / 1000, id: i, buyerIsMaker: true });
    // BTC: chunk 0 grown to 32,768, chunk 1 allocated whole (the ring held a full chunk).
    assert.equal(store.memoryBytes(), 4096 * 17 + 2 * 32_768 * 17);
  });
});
