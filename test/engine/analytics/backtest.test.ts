// The rules of docs/backtest.md on hand-made bars: every expected figure is worked out in the comments.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { backtestParams, DEFAULT_BACKTEST_PARAMS, runBacktest, type BacktestBar, type BacktestInput, type BacktestParams } from '../../../src/engine/analytics/backtest';
import { EngineError } from '../../../src/engine/errors';

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

/** Bars 1 s apart from columns of z, Y, X (β 0.5 unless given). */
function bars(z: (number | null)[], y: number[], x: number[], beta: number | number[] = 0.5): BacktestBar[] {
  return z.map((zi, i) => ({ time: i * 1000, z: zi, y: y[i], x: x[i], beta: Array.isArray(beta) ? beta[i] : beta }));
}
const flat = (n: number, v: number): number[] => Array.from({ length: n }, () => v);
// No costs unless a test sets them: the hand figures below are the trades' arithmetic.
const params = (p: Partial<BacktestParams> = {}): BacktestParams => ({ ...DEFAULT_BACKTEST_PARAMS, notional: 1000, stop: null, exit: 0.5, feeBp: 0, slippageBp: 0, ...p });
const input = (b: BacktestBar[], more: Partial<BacktestInput> = {}): BacktestInput => ({ bars: b, intervalMs: 1000, ...more });

describe('runBacktest: signals and fills', () => {
  // z 2.5 on bar 1 → short; z 0.4 ≤ 0.5 on bar 3 → exit.
  const z = [0, 2.5, 1, 0.4, 0];
  const y = [100, 100, 100, 98, 97];
  const x = [50, 50, 50, 51, 50];

  it('next-bar fill: the bar-1 signal fills at bar 2, the bar-3 exit at bar 4 (times are fill bars\' open times)', () => {
    const r = runBacktest(input(bars(z, y, x)), params());
    assert.equal(r.trades.length, 1);
    const t = r.trades[0];
    assert.equal(t.side, 'short');
    assert.equal(t.entryTime, 2000);
    assert.equal(t.exitTime, 4000);
    assert.equal(t.exitReason, 'exit');
    // qtyY = −1000/100 = −10; qtyX = −β·qtyY = +5; gross −10·(97 − 100) + 5·(50 − 50) = 30.
    close(t.qtyY, -10);
    close(t.qtyX, 5);
    close(t.pnl, 30);
    assert.equal(t.bars, 2);
    // Marked at each close: bar 3: −10·(98 − 100) + 5·(51 − 50) = 25.
    assert.deepEqual(r.equity.map((e) => e.equity), [0, 0, 0, 25, 30]);
  });

  it('same-bar fill (research): entry at bar 1, exit at bar 3', () => {
    const r = runBacktest(input(bars(z, y, x)), params({ fill: 'same' }));
    assert.equal(r.trades.length, 1);
    assert.equal(r.trades[0].entryTime, 1000);
    assert.equal(r.trades[0].exitTime, 3000);
    // −10·(98 − 100) + 5·(51 − 50) = 25.
    close(r.trades[0].pnl, 25);
  });

  it('slippage moves every fill against the trade; fees are bp of each leg\'s slipped notional per fill', () => {
    const r = runBacktest(input(bars(z, y, x)), params({ feeBp: 10, slippageBp: 20 }));
    const t = r.trades[0];
    // Entry: sell 10 Y at 100·0.998 = 99.8, buy 5 X at 50·1.002 = 50.1; exit: buy Y at 97·1.002 = 97.194, sell X at 50·0.998 = 49.9.
    close(t.entryY, 99.8);
    close(t.entryX, 50.1);
    close(t.exitY, 97.194);
    close(t.exitX, 49.9);
    // Fees 0.001·(998 + 250.5) + 0.001·(971.94 + 249.5) = 1.2485 + 1.22144.
    close(t.fees, 2.46994);
    close(t.turnover, 998 + 250.5 + 971.94 + 249.5);
    // Gross −10·(97.194 − 99.8) + 5·(49.9 − 50.1) = 26.06 − 1 = 25.06; net 25.06 − 2.46994.
    close(t.pnl, 22.59006);
  });

  it('no flip on the bar that closes a position: the opposite signal on that bar opens nothing', () => {
    // Short at bar 1; bar 2 z = −2.5 closes it (z ≤ 0.5) and would be a long signal; bar 3 is inside the bands.
    const b = bars([0, 2.5, -2.5, -1, 0], flat(5, 100), flat(5, 50));
    assert.equal(runBacktest(input(b), params({ fill: 'same' })).trades.length, 1);
    assert.equal(runBacktest(input(b), params({ fill: 'next' })).trades.length, 1);
    // A long signal on the next bar is taken.
    const later = bars([0, 2.5, -2.5, -2.5, 0, 0], flat(6, 100), flat(6, 50));
    const r = runBacktest(input(later), params({ fill: 'same' }));
    assert.deepEqual(r.trades.map((t) => [t.side, t.entryTime, t.exitTime]), [['short', 1000, 2000], ['long', 3000, 4000]]);
  });

  it('stop at |z| ≥ stop, then no entry until |z| has been back below entry', () => {
    // Long at 1 (z −2.5); bar 3 |z| 4.2 ≥ 4 stops; bars 4, 5 are beyond entry but locked; bar 6 (−1.5) unlocks; bar 7 enters.
    const b = bars([0, -2.5, -3, -4.2, -3, -2.5, -1.5, -2.2, 0, 0], flat(10, 100), flat(10, 50));
    const r = runBacktest(input(b), params({ stop: 4, fill: 'same' }));
    assert.deepEqual(
      r.trades.map((t) => [t.side, t.entryTime, t.exitTime, t.exitReason]),
      [['long', 1000, 3000, 'stop'], ['long', 7000, 8000, 'exit']],
    );
    // Flat at |z| ≥ stop locks too: z jumps to 4.5, then 3 (locked), 1 (unlocks), 2.5 (enters).
    const jump = bars([0, 4.5, 3, 1, 2.5, 0, 0], flat(7, 100), flat(7, 50));
    assert.deepEqual(runBacktest(input(jump), params({ stop: 4, fill: 'same' })).trades.map((t) => t.entryTime), [4000]);
  });

  it('max-hold: out maxHold signal bars after the entry signal; then a new signal on a later bar', () => {
    const b = bars([0, 2.5, 2.4, 2.3, 2.2, 2.1, 0], flat(7, 100), flat(7, 50));
    // next: signal 1 → fill 2; bar 3 = 1 + 2 → exit fills at 4. Bar 4 (z 2.2) signals → fill 5; bar 6 exits, the last bar: "end".
    const next = runBacktest(input(b), params({ maxHold: 2 }));
    assert.deepEqual(next.trades.map((t) => [t.entryTime, t.exitTime, t.exitReason, t.bars]), [[2000, 4000, 'max-hold', 2], [5000, 6000, 'end', 1]]);
    // same: in at 1, out at 3 (z 2.3 on the closing bar opens nothing), in at 4, out at 6 on the exit level.
    const same = runBacktest(input(b), params({ maxHold: 2, fill: 'same' }));
    assert.deepEqual(same.trades.map((t) => [t.entryTime, t.exitTime, t.exitReason]), [[1000, 3000, 'max-hold'], [4000, 6000, 'exit']]);
  });

  it('a position open at the end closes at the last close ("end"); an entry that would fill on the last bar is not taken', () => {
    const b = bars([0, -2.5, -1, -1], [100, 100, 100, 104], flat(4, 50));
    const r = runBacktest(input(b), params());
    assert.equal(r.trades.length, 1);
    assert.equal(r.trades[0].exitReason, 'end');
    assert.equal(r.trades[0].exitTime, 3000);
    close(r.trades[0].pnl, 10 * 4); // qtyY 10, X unchanged
    assert.equal(runBacktest(input(bars([0, 0, 2.5], flat(3, 100), flat(3, 50))), params({ fill: 'same' })).trades.length, 0);
    assert.equal(runBacktest(input(bars([0, 2.5, 0], flat(3, 100), flat(3, 50))), params({ fill: 'next' })).trades.length, 0);
  });

  it('bars without z or β before the period are skipped; a z-less bar in a trade raises no z signal', () => {
    const b = bars([null, null, -2.5, null, 0, 0], flat(6, 100), flat(6, 50), [NaN, NaN, 0.5, 0.5, 0.5, 0.5].map((v) => (Number.isNaN(v) ? null : v)) as number[]);
    const r = runBacktest(input(b), params({ fill: 'same' }));
    assert.equal(r.startIndex, 2);
    assert.equal(r.equity.length, 4);
    assert.deepEqual(r.trades.map((t) => [t.entryTime, t.exitTime]), [[2000, 4000]]);
  });
});

describe('runBacktest: sizing', () => {
  const z = [0, -2.5, 0, 0];
  it('β-neutral with the signed β of the signal bar, frozen for the trade (negative β: X on Y\'s side)', () => {
    // Signal on bar 1 (β −0.5), fill on bar 2 at Y 125 (β there 3): qtyY = 1000/125 = 8, qtyX = −(−0.5)·8 = +4.
    const r = runBacktest(input(bars(z, [100, 100, 125, 125], flat(4, 50), [3, -0.5, 3, 3])), params());
    close(r.trades[0].qtyY, 8);
    close(r.trades[0].qtyX, 4);
    close(r.trades[0].beta, -0.5);
  });

  it('dollar-neutral: X notional = Y notional, on the side the sign of β gives', () => {
    // Long: qtyY = 1000/100 = 10; X notional 1000 at 40 → 25 short (β > 0) or long (β < 0).
    const pos = runBacktest(input(bars(z, flat(4, 100), flat(4, 40), 0.5)), params({ sizing: 'dollar', fill: 'same' }));
    close(pos.trades[0].qtyX, -25);
    const neg = runBacktest(input(bars(z, flat(4, 100), flat(4, 40), -0.5)), params({ sizing: 'dollar', fill: 'same' }));
    close(neg.trades[0].qtyX, 25);
  });

  it('log prices: β is an elasticity, X notional = β × Y notional', () => {
    // qtyY 10 at 100; X notional 0.8·1000 = 800 at 40 → 20 short.
    const r = runBacktest(input(bars(z, flat(4, 100), flat(4, 40), 0.8), { logPrices: true }), params({ fill: 'same' }));
    close(r.trades[0].qtyX, -20);
  });
});

describe('runBacktest: funding', () => {
  // Long signal on bar 1 fills at bar 2 (open 2000); exit signal on bar 3 fills at bar 4 (open 4000).
  const z = [0, -2.5, -1, 0, 0, 0];
  const y = [100, 100, 100, 110, 120, 120];
  const x = [50, 50, 50, 50, 60, 60];
  // Paid: entry fill bar (2) < bar containing t ≤ exit fill bar (4).
  const fundingY = [
    { time: 2000, rate: 0.01 }, // bar 2: the entry fill bar, not paid
    { time: 3000, rate: 0.001 }, // bar 3: −qtyY·110·0.001 = −1.1
    { time: 4999, rate: -0.002 }, // bar 4: −qtyY·120·(−0.002) = +2.4 (negative rate: the long receives)
    { time: 5000, rate: 0.5 }, // bar 5, after the exit: not paid
  ];
  const fundingX = [{ time: 3500, rate: 0.001 }]; // bar 3: −qtyX·50·0.001 = −(−5)·0.05 = +0.25 (short X receives)

  it('long spread: the long leg pays a positive rate, the short leg receives it, negative rates reverse', () => {
    const r = runBacktest(input(bars(z, y, x), { funding: { y: fundingY, x: fundingX } }), params());
    const t = r.trades[0];
    assert.deepEqual([t.entryTime, t.exitTime], [2000, 4000]);
    close(t.funding, -1.1 + 2.4 + 0.25);
    // gross 10·(120 − 100) − 5·(60 − 50) = 150.
    close(t.pnl, 150 + 1.55);
    // Funding enters the equity at the bar it is paid: bar 3 = 10·10 − 5·0 − 1.1 + 0.25.
    close(r.equity[3].equity, 100 - 0.85);
  });

  it('short spread: the same rates with every sign reversed', () => {
    const r = runBacktest(input(bars(z.map((v) => -v), y, x), { funding: { y: fundingY, x: fundingX } }), params());
    close(r.trades[0].funding, 1.1 - 2.4 - 0.25);
    close(r.trades[0].pnl, -150 - 1.55);
  });

  it('8 h, 4 h and 1 h intervals are simply the times the rates carry', () => {
    const hourBars = bars([0, -2.5, -1, -1, -1, -1, -1, -1, -1, -1], flat(10, 100), flat(10, 50)).map((b, i) => ({ ...b, time: i * 3_600_000 }));
    const hourly = Array.from({ length: 10 }, (_, i) => ({ time: i * 3_600_000, rate: 0.0001 }));
    const r = runBacktest({ bars: hourBars, intervalMs: 3_600_000, funding: { y: hourly, x: [] } }, params({ fill: 'same' }));
    // In at bar 1, out at bar 9 ("end"): bars 2…9 pay, 8 × −10·100·0.0001.
    close(r.trades[0].funding, -0.8);
  });
});

describe('backtestParams', () => {
  it('fills the defaults; the default stop 4 only when it is above entry; an explicit null stop stays none', () => {
    assert.deepEqual(backtestParams(), DEFAULT_BACKTEST_PARAMS);
    assert.equal(backtestParams({ entry: 3.5 }).stop, 4);
    assert.equal(backtestParams({ entry: 4 }).stop, null);
    assert.equal(backtestParams({ entry: 5, stop: 6 }).stop, 6);
    assert.equal(backtestParams({ stop: null }).stop, null);
    // A backtest without costs flatters every pair: by default each fill pays Binance USD-M's taker fee (0.05 %, VIP 0).
    assert.equal(backtestParams({ feeBp: undefined }).feeBp, 5);
    assert.equal(backtestParams().slippageBp, 0);
  });
});

describe('runBacktest: bad parameters', () => {
  const b = bars([0, 1], [1, 1], [1, 1]);
  const cases: [Partial<BacktestParams>, RegExp][] = [
    [{ entry: 0 }, /entry must be > 0/],
    [{ exit: 2 }, /exit/],
    [{ exit: -2 }, /exit/],
    [{ stop: 1.5 }, /stop/],
    [{ maxHold: 0 }, /max-hold/],
    [{ maxHold: 1.5 }, /max-hold/],
    [{ notional: -1 }, /notional/],
    [{ feeBp: Number.NaN }, /fee/],
    [{ slippageBp: -1 }, /slippage/],
    [{ sizing: 'cash' as never }, /sizing/],
    [{ fill: 'later' as never }, /fill/],
  ];
  for (const [p, re] of cases) {
    it(`refuses ${JSON.stringify(p)} with a BAD_ARGUMENT`, () => {
      assert.throws(() => runBacktest(input(b), params(p)), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT' && re.test(e.message));
    });
  }
});

describe('runBacktest: properties', () => {
  const series = fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 90, max: 110, noNaN: true }), fc.double({ min: 45, max: 55, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true })), { minLength: 2, maxLength: 80 });
  const options = fc.record({
    entry: fc.double({ min: 0.5, max: 3, noNaN: true }),
    exitShare: fc.double({ min: -0.9, max: 0.9, noNaN: true }),
    stop: fc.option(fc.double({ min: 0.1, max: 2, noNaN: true })),
    maxHold: fc.option(fc.integer({ min: 1, max: 10 })),
    fill: fc.constantFrom<'next' | 'same'>('next', 'same'),
    sizing: fc.constantFrom<'beta' | 'dollar'>('beta', 'dollar'),
  });
  const toParams = (o: { entry: number; exitShare: number; stop: number | null; maxHold: number | null; fill: 'next' | 'same'; sizing: 'beta' | 'dollar' }, more: Partial<BacktestParams> = {}): BacktestParams =>
    params({ entry: o.entry, exit: o.exitShare * o.entry, stop: o.stop === null ? null : o.entry + o.stop, maxHold: o.maxHold, fill: o.fill, sizing: o.sizing, ...more });
  const toBars = (rows: [number, number, number, number][]): BacktestBar[] => rows.map(([z, y, x, beta], i) => ({ time: i * 60_000, z, y, x, beta }));

  it('trades never overlap, a new entry comes after the exit fill, and the equity ends at Σ pnl', () => {
    fc.assert(
      fc.property(series, options, (rows, o) => {
        const r = runBacktest({ bars: toBars(rows), intervalMs: 60_000 }, toParams(o, { feeBp: 3, slippageBp: 2 }));
        for (let i = 0; i < r.trades.length; i++) {
          assert.ok(r.trades[i].exitTime > r.trades[i].entryTime);
          if (i > 0) assert.ok(r.trades[i].entryTime > r.trades[i - 1].exitTime);
        }
        const total = r.trades.reduce((s, t) => s + t.pnl, 0);
        close(r.equity[r.equity.length - 1].equity, total, 1e-9);
      }),
    );
  });

  it('next-bar fill: every entry fills one bar after a bar whose z was beyond entry (no look-ahead)', () => {
    fc.assert(
      fc.property(series, options, (rows, o) => {
        const b = toBars(rows);
        const p = toParams({ ...o, fill: 'next' });
        for (const t of runBacktest({ bars: b, intervalMs: 60_000 }, p).trades) {
          const signal = b[t.entryTime / 60_000 - 1];
          assert.ok(Math.abs(signal.z as number) > p.entry);
          assert.equal(t.side, (signal.z as number) > 0 ? 'short' : 'long');
          assert.equal(t.beta, signal.beta);
        }
      }),
    );
  });

  it('costs only lower the P&L: same trades, pnl(fee, slippage) ≤ pnl(0, 0) by exactly the fee and slippage arithmetic', () => {
    fc.assert(
      fc.property(series, options, fc.double({ min: 0, max: 50, noNaN: true }), (rows, o, bp) => {
        const b = toBars(rows);
        const free = runBacktest({ bars: b, intervalMs: 60_000 }, toParams(o));
        const costly = runBacktest({ bars: b, intervalMs: 60_000 }, toParams(o, { feeBp: bp, slippageBp: bp }));
        assert.equal(costly.trades.length, free.trades.length);
        costly.trades.forEach((t, i) => {
          const f = free.trades[i];
          assert.ok(t.pnl <= f.pnl + 1e-9);
          // Without costs pnl is Σ qty·Δclose exactly.
          const expected = f.qtyY * (b[f.exitTime / 60_000].y - b[f.entryTime / 60_000].y) + f.qtyX * (b[f.exitTime / 60_000].x - b[f.entryTime / 60_000].x);
          close(f.pnl, expected, 1e-9);
        });
      }),
    );
  });

  it('a stop exit has |z| ≥ stop, and the next entry follows a bar with |z| below entry', () => {
    fc.assert(
      fc.property(series, options, (rows, o) => {
        const b = toBars(rows);
        const p = toParams({ ...o, stop: o.stop ?? 0.5, fill: 'same' });
        const trades = runBacktest({ bars: b, intervalMs: 60_000 }, p).trades;
        trades.forEach((t, i) => {
          if (t.exitReason !== 'stop') return;
          assert.ok(Math.abs(t.exitZ as number) >= (p.stop as number));
          const next = trades[i + 1];
          if (!next) return;
          const between = b.slice(t.exitTime / 60_000 + 1, next.entryTime / 60_000);
          assert.ok(between.some((bar) => Math.abs(bar.z as number) < p.entry), 'entered again without |z| back below entry');
        });
      }),
    );
  });
});
