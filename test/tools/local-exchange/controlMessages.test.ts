// The control protocol's parser: each request kind, and the error bodies Binance documents.
import { strict as assert } from 'assert';
import { parseControlMessage, resultReply } from '../../../tools/local-exchange/controlMessages';

function reply(text: string): unknown {
  const parsed = parseControlMessage(text);
  assert.equal(parsed.ok, false, `expected an error for ${text}`);
  return parsed.ok ? undefined : JSON.parse(parsed.reply);
}

describe('control messages', () => {
  it('parses SUBSCRIBE with its stream list and id', () => {
    assert.deepEqual(parseControlMessage('{"method":"SUBSCRIBE","params":["btcusdt@aggTrade"],"id":1}'), {
      ok: true,
      request: { method: 'SUBSCRIBE', params: ['btcusdt@aggTrade'], id: 1 },
    });
  });

  it('parses SET_PROPERTY combined true/false and GET_PROPERTY', () => {
    assert.deepEqual(parseControlMessage('{"method":"SET_PROPERTY","params":["combined",false],"id":5}'), {
      ok: true,
      request: { method: 'SET_PROPERTY', id: 5, value: false },
    });
    assert.deepEqual(parseControlMessage('{"method":"GET_PROPERTY","params":["combined"],"id":2}'), { ok: true, request: { method: 'GET_PROPERTY', id: 2 } });
  });

  it('answers broken JSON with code 3 "Invalid JSON: …"', () => {
    const body = reply('{"method":"SUBSCRIBE",') as { code: number; msg: string };
    assert.equal(body.code, 3);
    assert.match(body.msg, /^Invalid JSON: /);
  });

  it('answers a missing, negative, fractional or non-scalar id with code 2', () => {
    for (const id of ['', ',"id":-1', ',"id":1.5', ',"id":null', ',"id":[1]']) {
      assert.deepEqual(reply(`{"method":"LIST_SUBSCRIPTIONS"${id}}`), { code: 2, msg: 'Invalid request: request ID must be an unsigned integer' }, id);
    }
  });

  it('takes a string id, as Binance\'s own SDK sends it, and echoes it back as given', () => {
    const hex = '0123456789abcdef0123456789ABCDEF';
    assert.deepEqual(parseControlMessage(`{"method":"SUBSCRIBE","params":["btcusdt@aggTrade"],"id":"${hex}"}`), {
      ok: true,
      request: { method: 'SUBSCRIBE', params: ['btcusdt@aggTrade'], id: hex },
    });
    assert.equal(resultReply(null, hex), `{"result":null,"id":"${hex}"}`);
    assert.equal(resultReply(null, '1'), '{"result":null,"id":"1"}', 'a string stays a string');
  });

  it('answers an unknown method with code 2 naming the accepted ones', () => {
    const body = reply('{"method":"SUBSCRIBED","params":[],"id":1}') as { code: number; msg: string };
    assert.equal(body.code, 2);
    assert.match(body.msg, /^Invalid request: unknown variant `SUBSCRIBED`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`/);
  });

  it('answers a missing method with code 2', () => {
    assert.match((reply('{"id":1}') as { msg: string }).msg, /^Invalid request: missing field `method`/);
  });

  it('answers SUBSCRIBE whose params are not stream names with code 2', () => {
    assert.equal((reply('{"method":"SUBSCRIBE","params":"btcusdt@aggTrade","id":1}') as { code: number }).code, 2);
    assert.equal((reply('{"method":"SUBSCRIBE","params":[1],"id":1}') as { code: number }).code, 2);
  });

  it('answers property errors with codes 0, 1 and 2 as documented', () => {
    assert.deepEqual(reply('{"method":"SET_PROPERTY","params":["compressed",true],"id":9}'), { code: 0, msg: 'Unknown property', id: 9 });
    assert.deepEqual(reply('{"method":"SET_PROPERTY","params":["combined","yes"],"id":9}'), { code: 1, msg: 'Invalid value type: expected Boolean' });
    assert.deepEqual(reply('{"method":"GET_PROPERTY","params":[1],"id":9}'), { code: 2, msg: 'Invalid request: property name must be a string' });
  });

  it('formats replies as {"result":…,"id":N}', () => {
    assert.equal(resultReply(null, 3), '{"result":null,"id":3}');
    assert.equal(resultReply(['a@trade'], 4), '{"result":["a@trade"],"id":4}');
  });
});
