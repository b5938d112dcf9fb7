import { strict as assert } from 'assert';
import { silenceMessage, SymbolSilence } from '../../../src/engine/desk/symbolSilence';

describe('SymbolSilence (subscribed symbols the feed does not trade)', () => {
  it('a symbol without trades is silent after the threshold, reported once, and a trade ends it', () => {
    const s = new SymbolSilence(10_000);
    s.subscribed('SOLUSDT', 0);
    s.subscribed('BTCUSDT', 0);
    s.onTrade('BTCUSDT', 9_000);
    assert.equal(s.silentFor('SOLUSDT', 9_999), undefined);
    assert.equal(s.silentFor('SOLUSDT', 42_000), 42_000);
    assert.equal(s.silentFor('BTCUSDT', 18_999), undefined);
    assert.equal(s.silentFor('BTCUSDT', 19_000), 10_000);
    assert.equal(s.hasTraded('SOLUSDT'), false);
    assert.equal(s.hasTraded('BTCUSDT'), true);
    assert.equal(s.shouldReport('SOLUSDT', 42_000), true);
    assert.equal(s.shouldReport('SOLUSDT', 50_000), false);
    s.onTrade('SOLUSDT', 50_000);
    assert.equal(s.silentFor('SOLUSDT', 55_000), undefined);
    assert.equal(s.shouldReport('SOLUSDT', 60_000), true);
  });

  it('counts from the (re)connection, ignores unsubscribed symbols, and a later subscribe keeps the first time', () => {
    const s = new SymbolSilence(10_000);
    s.subscribed('SOLUSDT', 0);
    s.subscribed('SOLUSDT', 5_000);
    assert.equal(s.silentFor('SOLUSDT', 10_000), 10_000);
    s.connected(20_000);
    assert.equal(s.silentFor('SOLUSDT', 25_000), undefined);
    s.onTrade('ETHUSDT', 1);
    assert.equal(s.silentFor('ETHUSDT', 100_000), undefined);
    s.unsubscribed('SOLUSDT');
    assert.equal(s.silentFor('SOLUSDT', 100_000), undefined);
  });

  it('the log line says where, for how long, and which pairs wait', () => {
    assert.equal(
      silenceMessage({ symbol: 'SOLUSDT', silentMs: 12_400, traded: false, wsBaseUrl: 'ws://127.0.0.1:9', liveLabel: 'REPLAY', waitingPairs: ['SOLUSDT/BTCUSDT'] }),
      'SOLUSDT: subscribed on ws://127.0.0.1:9 (REPLAY), no trade at all in the 12 s since it was subscribed; SOLUSDT/BTCUSDT cannot warm up until SOLUSDT trades.',
    );
    assert.equal(silenceMessage({ symbol: 'BTCUSDT', silentMs: 61_000, traded: true, wsBaseUrl: 'wss://x', waitingPairs: [] }), 'BTCUSDT: subscribed on wss://x, no trades for 61 s.');
  });
});
