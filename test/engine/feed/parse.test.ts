import { strict as assert } from 'assert';
import { parseFrame, type ControlReply, type FrameHandler } from '../../../src/engine/feed/parse';
import type { StreamKind, Tick } from '../../../src/engine/types';

function collect(text: string, kind: StreamKind = 'aggTrade') {
  const ticks: Tick[] = [];
  const controls: ControlReply[] = [];
  const malformed: string[] = [];
  const handler: FrameHandler = { tick: (t) => ticks.push(t), control: (c) => controls.push(c), malformed: (r) => malformed.push(r) };
  assert.doesNotThrow(() => parseFrame(text, kind, handler));
  return { ticks, controls, malformed };
}

const AGG = '{"e":"aggTrade","E":1721347022500,"a":2196456951,"s":"BTCUSDT","p":"61800.30","q":"0.006","nq":"0.006","f":5266583935,"l":5266583937,"T":1721347022497,"m":false}';

describe('feed/parse', () => {
  it('normalises a combined aggTrade frame, ignoring extra fields', () => {
    const { ticks, malformed } = collect(`{"stream":"btcusdt@aggTrade","data":${AGG}}`);
    assert.deepEqual(malformed, []);
    assert.deepEqual(ticks, [{ symbol: 'BTCUSDT', time: 1721347022497, price: 61800.3, qty: 0.006, id: 2196456951, buyerIsMaker: false }]);
  });

  it('reads a bare raw trade event using the trade id t', () => {
    const text = '{"e":"trade","E":1723161256322,"T":1723161256321,"s":"ETHUSDT","t":5266583935,"p":"3400.5","q":"1.25","X":"MARKET","m":true,"st":0}';
    const { ticks } = collect(text, 'trade');
    assert.deepEqual(ticks, [{ symbol: 'ETHUSDT', time: 1723161256321, price: 3400.5, qty: 1.25, id: 5266583935, buyerIsMaker: true }]);
  });

  it('recognises control replies and error bodies', () => {
    assert.deepEqual(collect('{"result":null,"id":7}').controls, [{ id: 7, result: null, error: undefined }]);
    const err = collect('{"code":2,"msg":"Invalid request: unknown method","id":3}').controls[0];
    assert.equal(err.id, 3);
    assert.match(err.error ?? '', /code 2: Invalid request/);
  });

  const bad: Array<[string, string]> = [
    ['truncated JSON', '{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","a":1'],
    ['price as number', AGG.replace('"p":"61800.30"', '"p":61800.3')],
    ['price NaN text', AGG.replace('"61800.30"', '"abc"')],
    ['empty quantity', AGG.replace('"q":"0.006"', '"q":""')],
    ['id as string', AGG.replace('"a":2196456951', '"a":"2196456951"')],
    ['missing T', AGG.replace('"T":1721347022497,', '')],
    ['m not boolean', AGG.replace('"m":false', '"m":"false"')],
    ['missing symbol', AGG.replace('"s":"BTCUSDT",', '')],
    ['wrong event type for the stream', AGG.replace('"e":"aggTrade"', '"e":"trade"')],
    ['array', '[1,2,3]'],
    ['null', 'null'],
  ];
  for (const [what, text] of bad) {
    it(`counts a malformed frame (${what}) without delivering or throwing`, () => {
      const frame = text.startsWith('{"e"') ? `{"stream":"btcusdt@aggTrade","data":${text}}` : text;
      const { ticks, malformed } = collect(frame);
      assert.equal(ticks.length, 0);
      assert.equal(malformed.length, 1);
    });
  }
});
