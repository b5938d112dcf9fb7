// The desk's log line for each feed state: a live feed names what it carries (or that no pair asked yet) and
// the data source label; a reconnect says which attempt and why; an error gives its message.
import { strict as assert } from 'assert';
import { feedStateMessage } from '../../../src/engine/desk/feedLink';

describe('feedStateMessage', () => {
  it('names the symbols and source of a live feed, the attempt of a reconnect and the message of an error', () => {
    const url = 'ws://127.0.0.1:9/market';
    assert.equal(feedStateMessage({ kind: 'live', url }, ['BTCUSDT', 'ETHUSDT'], 'replay of 2024-07-19'), 'Feed live for BTCUSDT, ETHUSDT · replay of 2024-07-19');
    assert.equal(feedStateMessage({ kind: 'live', url }, ['BTCUSDT']), 'Feed live for BTCUSDT');
    assert.equal(feedStateMessage({ kind: 'live', url }, []), 'Feed live for no symbols yet (a connection waiting for a pair)');
    assert.equal(feedStateMessage({ kind: 'reconnecting', url, attempt: 3, nextAttemptAt: 0, reason: 'socket closed (1006)' }, ['BTCUSDT']), 'Feed reconnecting (attempt 3: socket closed (1006))');
    assert.equal(feedStateMessage({ kind: 'error', message: 'HTTP 451' }, ['BTCUSDT']), 'Feed error: HTTP 451');
    assert.equal(feedStateMessage({ kind: 'connecting', url }, ['BTCUSDT'], 'replay'), 'Feed connecting');
  });
});
