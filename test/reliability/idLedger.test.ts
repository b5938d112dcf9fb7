// The soak's independent id ledger: hand-made sequences with known duplicates and holes.
import { strict as assert } from 'assert';
import { IdLedger } from '../../bench/soak/idLedger';
import type { Tick } from '../../src/engine/types';

const tick = (symbol: string, id: number): Tick => ({ symbol, id, time: 1_000 + id, price: 1, qty: 1, buyerIsMaker: false });

describe('reliability/IdLedger', () => {
  it('counts an unbroken sequence per symbol, interleaved, with nothing to report', () => {
    const ledger = new IdLedger();
    for (const [s, id] of [['A', 5], ['B', 100], ['A', 6], ['B', 101], ['A', 7]] as const) ledger.accept(tick(s, id));
    const v = ledger.verdict();
    assert.equal(v.delivered, 5);
    assert.equal(v.duplicated, 0);
    assert.deepEqual(v.silentHoles, []);
    assert.deepEqual(ledger.firstId('A'), 5);
    assert.deepEqual(ledger.lastId('B'), 101);
  });

  it('counts a repeated or backward id as duplicated, not delivered', () => {
    const ledger = new IdLedger();
    for (const id of [1, 2, 2, 3, 1, 4]) ledger.accept(tick('A', id));
    const v = ledger.verdict();
    assert.equal(v.delivered, 4);
    assert.equal(v.duplicated, 2);
  });

  it('tells a reported hole from a silent one, and flags a report that matches no hole', () => {
    const ledger = new IdLedger();
    for (const id of [1, 2, 6, 7, 10]) ledger.accept(tick('A', id));
    ledger.report({ symbol: 'A', fromId: 3, toId: 5, reason: 'test' });
    ledger.report({ symbol: 'A', fromId: 20, toId: 21, reason: 'never a hole' });
    const v = ledger.verdict();
    assert.deepEqual(v.reportedHoles, [{ symbol: 'A', fromId: 3, toId: 5 }]);
    assert.deepEqual(v.silentHoles, [{ symbol: 'A', fromId: 8, toId: 9 }]);
    assert.equal(v.mismatchedReports.length, 1);
    assert.equal(v.mismatchedReports[0].fromId, 20);
  });
});
