import { strict as assert } from 'assert';
import { pickedSymbol } from '../../src/extension/inputValidation';

describe('inputValidation.pickedSymbol (what an accepted Add Pair QuickPick stands for)', () => {
  it('takes the highlighted item when it contains what was typed', () => {
    assert.equal(pickedSymbol('BTCUSDT', 'btc'), 'BTCUSDT');
    assert.equal(pickedSymbol('ETHUSDT', ''), 'ETHUSDT');
    assert.equal(pickedSymbol('ETHUSDT', ' eth-usdt '), 'ETHUSDT');
  });

  it('keeps a typed name that the highlighted fuzzy match does not contain, so it is refused by name', () => {
    assert.equal(pickedSymbol('FLOKIUSDT', 'FOOBARUSDT'), 'FOOBARUSDT');
    assert.equal(pickedSymbol(undefined, 'foobarusdt'), 'FOOBARUSDT');
    assert.equal(pickedSymbol(undefined, '  '), '');
  });
});
