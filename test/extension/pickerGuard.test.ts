import { strict as assert } from 'assert';
import { PickerGuard } from '../../src/extension/pickerGuard';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Whether `promise` has settled after a few turns of the event loop. */
async function settledSoon(promise: Promise<unknown>, turns = 5): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let i = 0; i < turns; i++) await nextTurn();
  return settled;
}

describe('PickerGuard', () => {
  it('counts pickers open until each handle is disposed; a second dispose changes nothing', () => {
    const guard = new PickerGuard();
    const a = guard.hold();
    const b = guard.hold();
    a.dispose();
    a.dispose();
    assert.equal(guard.isOpen, true, 'one picker is still open');
    b.dispose();
    assert.equal(guard.isOpen, false);
  });

  it('during() holds from before show() runs until its result settles, also when it rejects', async () => {
    const guard = new PickerGuard();
    let openWhileShowing = false;
    let answer!: (v: string) => void;
    const run = guard.during(() => {
      openWhileShowing = guard.isOpen;
      return new Promise<string>((resolve) => (answer = resolve));
    });
    assert.equal(openWhileShowing, true);
    assert.equal(guard.isOpen, true);
    answer('1m');
    assert.equal(await run, '1m');
    assert.equal(guard.isOpen, false);
    await assert.rejects(guard.during(() => Promise.reject(new Error('cancelled'))), /cancelled/);
    assert.equal(guard.isOpen, false);
  });

  it('whenClosed() resolves when no picker is open, and waits while one is', async () => {
    const guard = new PickerGuard();
    assert.equal(await settledSoon(guard.whenClosed()), true);
    const held = guard.hold();
    const waiting = guard.whenClosed();
    assert.equal(await settledSoon(waiting), false, 'answered while a picker is open');
    held.dispose();
    assert.equal(await settledSoon(waiting), true);
  });

  it('whenClosed() also waits for a picker shown in the same turn after it was called (getChildren and show() handled together)', async () => {
    const guard = new PickerGuard();
    const waiting = guard.whenClosed();
    const held = guard.hold(); // same turn: the check must not have happened yet
    assert.equal(await settledSoon(waiting), false, 'answered although a picker opened in the same turn');
    held.dispose();
    assert.equal(await settledSoon(waiting), true);
  });

  it('whenClosed() keeps waiting when a wizard shows its next step in the turn its previous step closed', async () => {
    const guard = new PickerGuard();
    const step1 = guard.hold();
    const waiting = guard.whenClosed();
    await nextTurn();
    step1.dispose();
    const step2 = guard.hold();
    assert.equal(await settledSoon(waiting), false, 'answered between two steps of a wizard');
    step2.dispose();
    assert.equal(await settledSoon(waiting), true);
  });

  it('deferWhileOpen() fires at once while closed, and merges what came while open into one fire() when the last picker closes', () => {
    const guard = new PickerGuard();
    const fired: (string | undefined)[] = [];
    const refresh = guard.deferWhileOpen<string>((node) => fired.push(node));
    refresh('BTCUSDT/ETHUSDT');
    assert.deepEqual(fired, ['BTCUSDT/ETHUSDT']);

    const a = guard.hold();
    const b = guard.hold();
    refresh('BTCUSDT/ETHUSDT');
    refresh('SOLUSDT/ETHUSDT');
    a.dispose();
    assert.deepEqual(fired, ['BTCUSDT/ETHUSDT'], 'fired while a picker was still open');
    b.dispose();
    assert.deepEqual(fired, ['BTCUSDT/ETHUSDT', undefined], 'one whole refresh when the last picker closed');

    guard.hold().dispose();
    assert.equal(fired.length, 2, 'a picker that closes with nothing deferred fires nothing');

    const c = guard.hold();
    refresh('BTCUSDT/ETHUSDT');
    refresh.dispose();
    c.dispose();
    assert.equal(fired.length, 2, 'fired after dispose');
  });
});
