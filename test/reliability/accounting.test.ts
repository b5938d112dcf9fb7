// The soak's verdict pieces on hand-made inputs.
import { strict as assert } from 'assert';
import { matchUnrepaired, storeChunkBound } from '../../bench/soak/accounting';

describe('reliability/soak accounting', () => {
  it('matches each reported hole to one injected gap of the same symbol and size', () => {
    const holes = [
      { symbol: 'A', fromId: 10, toId: 16 }, // 7 ids
      { symbol: 'B', fromId: 100, toId: 112 }, // 13 ids
    ];
    assert.deepEqual(matchUnrepaired(holes, [], [{ symbol: 'A', count: 7 }, { symbol: 'B', count: 13 }]), { unexpected: 0, unmatched: [] });
  });

  it('counts a hole of the wrong size or symbol as unexpected, and leaves its injection unmatched', () => {
    const r = matchUnrepaired([{ symbol: 'A', fromId: 10, toId: 17 }], [], [{ symbol: 'A', count: 7 }]);
    assert.equal(r.unexpected, 1);
    assert.deepEqual(r.unmatched, [{ symbol: 'A', count: 7 }]);
    assert.equal(matchUnrepaired([{ symbol: 'B', fromId: 1, toId: 7 }], [], [{ symbol: 'A', count: 7 }]).unexpected, 1);
  });

  it('counts a report that matches no hole as unexpected; one injection explains one hole only', () => {
    const report = { symbol: 'A', fromId: 1, toId: 2, reason: 'x' };
    assert.equal(matchUnrepaired([], [report], []).unexpected, 1);
    const twice = matchUnrepaired([{ symbol: 'A', fromId: 1, toId: 7 }, { symbol: 'A', fromId: 20, toId: 26 }], [], [{ symbol: 'A', count: 7 }]);
    assert.equal(twice.unexpected, 1);
  });

  it('store bound: chunks for the peak ticks plus two, 17 bytes a tick slot (the compact layout)', () => {
    assert.equal(storeChunkBound(0, 100), 2 * 100 * 17);
    assert.equal(storeChunkBound(100, 100), 3 * 100 * 17);
    assert.equal(storeChunkBound(101, 100), 4 * 100 * 17);
    assert.equal(storeChunkBound(3600), 3 * 32_768 * 17);
  });
});
