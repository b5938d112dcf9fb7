import { strict as assert } from 'assert';
import { currentPair } from '../../src/extension/hostContext';

/** A desk holding these pair ids, as far as currentPair looks at it. */
function host(ids: string[], focused: string | undefined) {
  const desk = { get: (id: string) => (ids.includes(id) ? { id } : undefined), list: () => ids.map((id) => ({ id })) };
  return { desk: desk as never, focusedPair: () => focused };
}

describe('hostContext.currentPair', () => {
  it('is the focused pair while it is on the desk', () => {
    assert.equal(currentPair(host(['BTCUSDT/ETHUSDT', 'SOLUSDT/ETHUSDT'], 'SOLUSDT/ETHUSDT')), 'SOLUSDT/ETHUSDT');
  });

  it('falls back to the first pair when the focused one was removed or nothing is focused', () => {
    assert.equal(currentPair(host(['BTCUSDT/ETHUSDT', 'SOLUSDT/ETHUSDT'], 'XRPUSDT/ETHUSDT')), 'BTCUSDT/ETHUSDT');
    assert.equal(currentPair(host(['BTCUSDT/ETHUSDT'], undefined)), 'BTCUSDT/ETHUSDT');
  });

  it('is undefined on an empty desk', () => {
    assert.equal(currentPair(host([], 'BTCUSDT/ETHUSDT')), undefined);
  });
});
