import { strict as assert } from 'assert';
import { EngineError } from '../../src/engine/errors';
import { errorMessage } from '../../src/shared/errorMessage';

describe('shared/errorMessage', () => {
  it("an Error's message, EngineError included", () => {
    assert.equal(errorMessage(new Error('disk full')), 'disk full');
    assert.equal(errorMessage(new EngineError('BAD_SYMBOL', 'Invalid symbol "x"')), 'Invalid symbol "x"');
    assert.equal(errorMessage(new TypeError('not a function')), 'not a function');
  });

  it('any other thrown value as text, never a second throw', () => {
    assert.equal(errorMessage('timeout'), 'timeout');
    assert.equal(errorMessage(42), '42');
    assert.equal(errorMessage(undefined), 'undefined');
    assert.equal(errorMessage(null), 'null');
    assert.equal(errorMessage({ toString: () => 'custom' }), 'custom');
    // String() of these throws: a null-prototype object, a toString that throws.
    assert.equal(errorMessage(Object.create(null)), '[object Object]');
    assert.equal(
      errorMessage({
        toString() {
          throw new Error('boom');
        },
      }),
      '[object Object]',
    );
  });
});
