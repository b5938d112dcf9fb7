import { strict as assert } from 'assert';
import { DrawPacer } from '../../webview/drawPacer';

describe('DrawPacer', () => {
  it('has nothing to do when nothing is pending', () => {
    const p = new DrawPacer<string>(1000);
    assert.equal(p.next(0), undefined);
    assert.equal(p.hasPending, false);
  });

  it('draws a never-drawn chart at once, then not again before the interval has passed', () => {
    const p = new DrawPacer<string>(1000);
    p.markPending('z');
    assert.deepEqual(p.next(5000), { draw: 'z' });
    p.drawn('z', 5000);
    assert.equal(p.next(5001), undefined, 'nothing pending after the draw');
    p.markPending('z');
    // Drawn at 5000, interval 1000: due at 6000, so at 5300 wait 700 ms.
    assert.deepEqual(p.next(5300), { waitMs: 700 });
    assert.deepEqual(p.next(6000), { draw: 'z' });
  });

  it('draws one chart per step, the one drawn longest ago first, so every chart gets its turn', () => {
    const p = new DrawPacer<string>(1000);
    p.drawn('prices', 100);
    p.drawn('spread', 50);
    p.drawn('z', 300);
    for (const k of ['prices', 'spread', 'z']) p.markPending(k);
    const order: string[] = [];
    let now = 2000;
    for (let step = p.next(now); step; step = p.next(now)) {
      assert.ok('draw' in step);
      order.push(step.draw);
      p.drawn(step.draw, now);
      now += 40;
    }
    assert.deepEqual(order, ['spread', 'prices', 'z']);
  });

  it('waits for the soonest due chart when none is due yet', () => {
    const p = new DrawPacer<string>(1000);
    p.drawn('a', 1000);
    p.drawn('b', 1400);
    p.markPending('a');
    p.markPending('b');
    assert.deepEqual(p.next(1500), { waitMs: 500 });
  });

  it('markUrgent skips the interval (new pair, backtest result); forget starts over', () => {
    const p = new DrawPacer<string>(1000);
    p.drawn('equity', 1000);
    p.markUrgent('equity');
    assert.deepEqual(p.next(1001), { draw: 'equity' });
    p.forget();
    assert.equal(p.next(1002), undefined);
  });

  it('rejects a negative or NaN interval', () => {
    assert.throws(() => new DrawPacer<string>(-1));
    assert.throws(() => new DrawPacer<string>(NaN));
  });
});
