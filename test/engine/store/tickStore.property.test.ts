// TickStore against a naive model: per symbol, a plain array of tick objects that pushes, shifts the
// oldest past the count bound, and shifts ticks older than newest − maxAgeMs. Small chunk sizes make
// every run cross many chunk boundaries, wrap the ring of chunk references and release chunks.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { TickStore } from '../../../src/engine/store/tickStore';
import type { Tick } from '../../../src/engine/types';

interface Bounds {
  maxCount?: number;
  maxAgeMs?: number;
  chunkTicks: number;
  minChunkTicks?: number;
}

type Op =
  | { kind: 'append'; symbol: number; dt: number; buyerIsMaker: boolean }
  | { kind: 'check'; symbol: number; from: number; span: number }
  | { kind: 'clear'; symbol: number | undefined };

const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const BYTES = 17;
/** A chunk holding a value the compact layout cannot (here ETH's qty id/64 ≈ 15,625.015625 overflows Int32 at 6 decimals) goes wide. */
const WIDE_BYTES = 33;

class ModelStore {
  readonly ticks = new Map<string, Tick[]>();
  constructor(private readonly bounds: Bounds) {}

  append(t: Tick): void {
    const list = this.ticks.get(t.symbol) ?? [];
    this.ticks.set(t.symbol, list);
    list.push(t);
    if (this.bounds.maxCount !== undefined && list.length > this.bounds.maxCount) list.shift();
    if (this.bounds.maxAgeMs !== undefined) while (list[0].time < t.time - this.bounds.maxAgeMs) list.shift();
  }

  of(symbol: string): Tick[] {
    return this.ticks.get(symbol) ?? [];
  }
}

const boundsArb: fc.Arbitrary<Bounds> = fc.record(
  {
    maxCount: fc.integer({ min: 1, max: 40 }),
    maxAgeMs: fc.integer({ min: 0, max: 60 }),
    chunkTicks: fc.integer({ min: 1, max: 9 }),
    // Chunks that start smaller than a chunk and double (the tail grows while the ring wraps and evicts).
    minChunkTicks: fc.integer({ min: 1, max: 4 }),
  },
  { requiredKeys: ['chunkTicks'] },
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      symbol: fc.integer({ min: 0, max: 1 }),
      // Mostly small steps, some equal times, now and then a jump that ages everything out.
      dt: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: 50, max: 200 }) }),
      buyerIsMaker: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('check' as const),
      symbol: fc.integer({ min: 0, max: 1 }),
      from: fc.integer({ min: -10, max: 110 }),
      span: fc.integer({ min: -5, max: 120 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const), symbol: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }) }) },
);

function checkAgainstModel(store: TickStore, model: ModelStore, bounds: Bounds, symbol: string, fromPct: number, span: number): void {
  const expected = model.of(symbol);
  assert.equal(store.count(symbol), expected.length);
  assert.deepEqual([...store.ids(symbol)], expected.map((t) => t.id));
  assert.equal(store.lastId(symbol), expected.at(-1)?.id);
  assert.equal(store.lastTime(symbol), expected.at(-1)?.time);
  assert.equal(store.firstTime(symbol), expected[0]?.time);

  // A half-open range placed relative to the stored times (from below the first to past the last).
  const first = expected[0]?.time ?? 0;
  const last = expected.at(-1)?.time ?? 0;
  const from = first + Math.round(((last - first) * fromPct) / 100);
  const to = from + span;
  const inRange = expected.filter((t) => t.time >= from && t.time < to);
  const columns = store.range(symbol, from, to);
  assert.equal(columns.length, inRange.length);
  assert.deepEqual([...columns.time], inRange.map((t) => t.time));
  assert.deepEqual([...columns.price], inRange.map((t) => t.price));
  assert.deepEqual([...columns.qty], inRange.map((t) => t.qty));
  assert.deepEqual([...columns.id], inRange.map((t) => t.id));
  const visited: Array<[number, number, number, number, boolean]> = [];
  const n = store.forEachInRange(symbol, from, to, (time, price, qty, id, buyerIsMaker) => visited.push([time, price, qty, id, buyerIsMaker]));
  assert.equal(n, inRange.length);
  assert.deepEqual(visited, inRange.map((t) => [t.time, t.price, t.qty, t.id, t.buyerIsMaker]));

  // Memory: at least the ticks. With a count bound, never more than the bound (the ring's capacity);
  // without one, per symbol at most the first chunk's evicted part, the tail's free part and one spare.
  const stored = SYMBOLS.reduce((sum, s) => sum + store.count(s), 0);
  const rings = store.symbols().length;
  const memory = store.memoryBytes();
  assert.ok(memory >= stored * BYTES, `memory ${memory} < ${stored} ticks`);
  if (bounds.maxCount !== undefined) assert.ok(memory <= bounds.maxCount * WIDE_BYTES * rings, `memory ${memory} past the count bound`);
  else assert.ok(memory <= (stored + 3 * bounds.chunkTicks * rings) * WIDE_BYTES, `memory ${memory} for ${stored} ticks`);
}

describe('TickStore (property: equals a plain-array model)', () => {
  it('keeps the same ticks, order, ranges and evictions as the model under count and age bounds', () => {
    fc.assert(
      fc.property(boundsArb, fc.array(opArb, { minLength: 1, maxLength: 300, size: 'max' }), (bounds, ops) => {
        const store = new TickStore(bounds);
        const model = new ModelStore(bounds);
        const nextId = [1, 1_000_001];
        let clock = 1_700_000_000_000;
        for (const op of ops) {
          if (op.kind === 'append') {
            clock += op.dt;
            const id = nextId[op.symbol]++;
            const t: Tick = { symbol: SYMBOLS[op.symbol], time: clock, price: 100 + id / 8, qty: id / 64, id, buyerIsMaker: op.buyerIsMaker };
            store.append(t);
            model.append(t);
          } else if (op.kind === 'clear') {
            store.clear(op.symbol === undefined ? undefined : SYMBOLS[op.symbol]);
            if (op.symbol === undefined) model.ticks.clear();
            else model.ticks.delete(SYMBOLS[op.symbol]);
          } else {
            checkAgainstModel(store, model, bounds, SYMBOLS[op.symbol], op.from, op.span);
          }
        }
        for (const symbol of SYMBOLS) checkAgainstModel(store, model, bounds, symbol, -10, 1e9);
      }),
      { numRuns: 300 },
    );
  });

  it('never holds more storage than the count bound while filling far past it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 2000 }), (maxCount, chunkTicks, appends) => {
        const store = new TickStore({ maxCount, chunkTicks });
        let peak = 0;
        for (let id = 1; id <= appends; id++) {
          store.append({ symbol: 'BTCUSDT', time: id, price: id, qty: 1, id, buyerIsMaker: false });
          peak = Math.max(peak, store.memoryBytes());
        }
        assert.ok(peak <= maxCount * BYTES, `peak ${peak} bytes for maxCount ${maxCount}, chunks of ${chunkTicks}`);
        assert.equal(store.memoryBytes(), Math.min(maxCount, Math.ceil(appends / chunkTicks) * chunkTicks) * BYTES);
        const ids = store.ids('BTCUSDT');
        const kept = Math.min(maxCount, appends);
        assert.equal(ids.length, kept);
        assert.equal(ids[0], appends - kept + 1);
        assert.equal(ids[kept - 1], appends);
      }),
      { numRuns: 200 },
    );
  });
});
