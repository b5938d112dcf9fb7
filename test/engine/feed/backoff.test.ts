import { strict as assert } from 'assert';
import { backoffDelay, resolveBackoff } from '../../../src/engine/feed/backoff';
import { EngineError } from '../../../src/engine/errors';

describe('feed/backoff', () => {
  const options = { baseMs: 100, maxMs: 1000, jitter: 0.5 };

  it('doubles from the base and caps at the maximum (no jitter when random is 0)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 50].map((a) => backoffDelay(a, options, () => 0));
    assert.deepEqual(delays, [100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('removes up to the jitter fraction at random', () => {
    assert.equal(backoffDelay(3, options, () => 1), 200); // 400 · (1 − 0.5)
    assert.equal(backoffDelay(3, options, () => 0.5), 300); // 400 · (1 − 0.25)
  });

  it('rejects invalid options with a typed error', () => {
    assert.throws(() => resolveBackoff({ baseMs: 0 }), (e: unknown) => e instanceof EngineError && e.code === 'BAD_ARGUMENT');
    assert.throws(() => resolveBackoff({ baseMs: 100, maxMs: 50 }), EngineError);
    assert.throws(() => resolveBackoff({ jitter: 1.5 }), EngineError);
  });
});
