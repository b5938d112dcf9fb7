// What a settings change touches on the desk: a new REST client, the live ticks dropped (another source's ids),
// a reconnect, the clock restarted, the views relabelled; nothing for a change that touches none of them.
import { strict as assert } from 'assert';
import { optionsChange, type DeskOptions } from '../../../src/engine/desk/types';

const BASE: DeskOptions = { wsBaseUrl: 'ws://a', restBaseUrl: 'http://a', stream: 'aggTrade', historyBars: 100, updateMs: 250, liveLabel: 'replay', symbolLabels: { BTCUSDT: 'candles' } };
const NONE = { rest: false, source: false, feed: false, clock: false, labels: false };

describe('optionsChange', () => {
  it('names what each setting touches', () => {
    assert.deepEqual(optionsChange(BASE, { ...BASE, historyBars: 5000, symbolLabels: { BTCUSDT: 'candles' } }), NONE);
    assert.deepEqual(optionsChange(BASE, { ...BASE, restBaseUrl: 'http://b' }), { ...NONE, rest: true, feed: true });
    assert.deepEqual(optionsChange(BASE, { ...BASE, network: { proxyUrl: 'http://proxy:3128' } }), { ...NONE, rest: true, feed: true });
    assert.deepEqual(optionsChange(BASE, { ...BASE, network: { proxyUrl: ' ' } }), NONE, 'a blank proxy is no proxy');
    assert.deepEqual(optionsChange(BASE, { ...BASE, wsBaseUrl: 'ws://b' }), { ...NONE, source: true, feed: true });
    assert.deepEqual(optionsChange(BASE, { ...BASE, stream: 'trade' }), { ...NONE, source: true, feed: true });
    assert.deepEqual(optionsChange(BASE, { ...BASE, updateMs: 100 }), { ...NONE, clock: true });
    assert.deepEqual(optionsChange(BASE, { ...BASE, liveLabel: undefined }), { ...NONE, labels: true });
    assert.deepEqual(optionsChange(BASE, { ...BASE, symbolLabels: { BTCUSDT: 'recording' } }), { ...NONE, labels: true });
  });
});
