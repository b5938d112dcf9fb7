// Stream names and WebSocket paths as Binance spells them.
import { strict as assert } from 'assert';
import { parseStreamName, parseWsPath, routeDelivers } from '../../../tools/local-exchange/streams';

describe('stream names and paths', () => {
  it('maps each path form to its route and mode', () => {
    assert.deepEqual(parseWsPath('/market/ws/btcusdt@aggTrade/ethusdt@aggTrade'), { route: 'market', combined: false, streams: ['btcusdt@aggTrade', 'ethusdt@aggTrade'] });
    assert.deepEqual(parseWsPath('/public/stream?streams=btcusdt@trade/ethusdt@trade'), { route: 'public', combined: true, streams: ['btcusdt@trade', 'ethusdt@trade'] });
    assert.deepEqual(parseWsPath('/ws/btcusdt@trade'), { route: 'legacy', combined: false, streams: ['btcusdt@trade'] });
    assert.deepEqual(parseWsPath('/stream?streams=btcusdt@aggTrade'), { route: 'legacy', combined: true, streams: ['btcusdt@aggTrade'] });
    assert.deepEqual(parseWsPath('/market/ws'), { route: 'market', combined: false, streams: [] });
    assert.deepEqual(parseWsPath('/private/stream?streams='), { route: 'private', combined: true, streams: [] });
    assert.equal(routeDelivers('private', 'aggTrade'), false, '/private serves nothing here');
    assert.equal(parseWsPath('/user/ws/x'), undefined);
    assert.equal(parseWsPath('/market'), undefined);
  });

  it('knows futures kline intervals and refuses 1s (spot only)', () => {
    assert.deepEqual(parseStreamName('btcusdt@kline_5m'), { symbol: 'BTCUSDT', kind: 'kline', interval: '5m' });
    assert.equal(parseStreamName('btcusdt@kline_1s'), undefined);
    assert.equal(parseStreamName('BTCUSDT@aggTrade'), undefined);
    assert.deepEqual(parseStreamName('ethusdt@markPrice@1s'), { symbol: 'ETHUSDT', kind: 'markPrice', periodMs: 1000 });
    assert.deepEqual(parseStreamName('ethusdt@depth20@100ms'), { symbol: 'ETHUSDT', kind: 'depth' });
  });

  it('routes market kinds to /market only and public kinds to /public and legacy', () => {
    for (const kind of ['aggTrade', 'kline', 'markPrice'] as const) {
      assert.equal(routeDelivers('market', kind), true);
      assert.equal(routeDelivers('public', kind), false);
      assert.equal(routeDelivers('legacy', kind), false);
    }
    for (const kind of ['trade', 'bookTicker', 'depth'] as const) {
      assert.equal(routeDelivers('market', kind), false);
      assert.equal(routeDelivers('public', kind), true);
      assert.equal(routeDelivers('legacy', kind), true);
    }
  });
});
