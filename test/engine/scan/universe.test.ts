import { strict as assert } from 'assert';
import { parseUniverseSpec, selectUniverse } from '../../../src/engine/scan/universe';
import type { SymbolInfo } from '../../../src/engine/feed/rest';

const info = (symbol: string, contractType = 'PERPETUAL', status = 'TRADING'): SymbolInfo => ({
  symbol,
  pair: symbol,
  contractType,
  status,
  baseAsset: symbol.replace(/USDT.*$/, ''),
  quoteAsset: 'USDT',
  pricePrecision: 2,
  quantityPrecision: 3,
  tickSize: 0.01,
  stepSize: 0.001,
});

describe('scan: universe selection', () => {
  const infos = [info('BTCUSDT'), info('ETHUSDT'), info('SOLUSDT'), info('DOGEUSDT'), info('BTCUSDT_261225', 'CURRENT_QUARTER'), info('MATICUSDT', 'PERPETUAL', 'SETTLING'), info('NEWUSDT')];
  const tickers = [
    { symbol: 'BTCUSDT', quoteVolume: 9e9 },
    { symbol: 'ETHUSDT', quoteVolume: 5e9 },
    { symbol: 'SOLUSDT', quoteVolume: 1e9 },
    { symbol: 'DOGEUSDT', quoteVolume: 2e6 },
    { symbol: 'BTCUSDT_261225', quoteVolume: 8e9 },
    { symbol: 'MATICUSDT', quoteVolume: 7e9 },
  ];

  it('top N by 24 h quote volume above the floor; the rest excluded with reasons', () => {
    const u = selectUniverse(infos, tickers, { kind: 'top', count: 2, minQuoteVolume: 1e7 });
    assert.deepEqual(u.symbols, ['BTCUSDT', 'ETHUSDT']);
    assert.deepEqual(u.excluded, [
      { symbol: 'BTCUSDT_261225', reason: 'not a perpetual (CURRENT_QUARTER)' },
      { symbol: 'MATICUSDT', reason: 'not trading (SETTLING)' },
      { symbol: 'DOGEUSDT', reason: '24 h quote volume 2000000 below the floor 10000000' },
      { symbol: 'NEWUSDT', reason: 'no 24 h ticker' },
    ]);
  });

  it('an explicit list (watchlist) keeps its order and names what cannot be scanned', () => {
    const u = selectUniverse(infos, [], parseUniverseSpec('solusdt, BTCUSDT,MATICUSDT,NOPEUSDT,SOLUSDT'));
    assert.deepEqual(u.symbols, ['SOLUSDT', 'BTCUSDT']);
    assert.deepEqual(u.excluded, [
      { symbol: 'MATICUSDT', reason: 'not trading (SETTLING)' },
      { symbol: 'NOPEUSDT', reason: 'not listed by the exchange' },
    ]);
  });

  it('keeps to one data source: the one most candidates have; the others are excluded naming both sources', () => {
    // BTCUSDT and ETHUSDT come from a recording, SOLUSDT and DOGEUSDT and NEWUSDT from 1h candles of another span.
    const sources: Record<string, string> = { BTCUSDT: 'REPLAY recording', ETHUSDT: 'REPLAY recording', SOLUSDT: 'REPLAY candles 1h', DOGEUSDT: 'REPLAY candles 1h', NEWUSDT: 'REPLAY candles 1h' };
    const withNew = [...tickers, { symbol: 'NEWUSDT', quoteVolume: 3e6 }];
    const top = selectUniverse(infos, withNew, { kind: 'top', count: 2 }, (s) => sources[s]);
    // The candles win 3 to 2 although BTCUSDT and ETHUSDT trade the most; N counts within the kept source.
    assert.deepEqual(top.symbols, ['SOLUSDT', 'NEWUSDT']);
    const reason = "another data source (REPLAY recording) than the scan's (REPLAY candles 1h): bars of different spans are never aligned";
    assert.deepEqual(
      top.excluded.filter((e) => e.reason.startsWith('another')),
      [
        { symbol: 'BTCUSDT', reason },
        { symbol: 'ETHUSDT', reason },
      ],
    );
    const list = selectUniverse(infos, [], parseUniverseSpec('BTCUSDT,SOLUSDT,ETHUSDT'), (s) => sources[s]);
    assert.deepEqual(list.symbols, ['BTCUSDT', 'ETHUSDT']);
    assert.deepEqual(list.excluded, [{ symbol: 'SOLUSDT', reason: "another data source (REPLAY candles 1h) than the scan's (REPLAY recording): bars of different spans are never aligned" }]);
    // A tie goes to the first symbol's source; unlabelled symbols are the exchange's own market.
    const tie = selectUniverse(infos, [], parseUniverseSpec('SOLUSDT,BTCUSDT'), (s) => (s === 'SOLUSDT' ? undefined : sources[s]));
    assert.deepEqual(tie.symbols, ['SOLUSDT']);
    assert.match(tie.excluded[0].reason, /^another data source \(REPLAY recording\) than the scan's \(the exchange's market\)/);
    // Without sources (live Binance) nothing changes.
    assert.deepEqual(selectUniverse(infos, withNew, { kind: 'top', count: 2 }).symbols, ['BTCUSDT', 'ETHUSDT']);
  });

  it('parses top:N and refuses nonsense', () => {
    assert.deepEqual(parseUniverseSpec('top:400', 5e6), { kind: 'top', count: 400, minQuoteVolume: 5e6 });
    for (const bad of ['top:1', 'BTCUSDT', 'top:x', 'A$B,C']) assert.throws(() => parseUniverseSpec(bad), /universe/);
  });
});
