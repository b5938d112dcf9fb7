import { strict as assert } from 'assert';
import { parseRecordingLine } from '../../../src/engine/import/recording';
import { aggregateTrades } from '../../../src/engine/import/aggregateTrades';

const tradeLine = (t: number, p: string, q: string, m: boolean, T: number) =>
  `1721347201292005428 {"stream":"btcusdt@trade","data":{"e":"trade","E":${T + 1},"T":${T},"s":"BTCUSDT","t":${t},"p":"${p}","q":"${q}","X":"MARKET","m":${m}}}`;

describe('recording parser', () => {
  it('parses a trade frame into a tick with numbers and the wire strings', () => {
    const trade = parseRecordingLine(tradeLine(5182006711, '63960.00', '0.310', false, 1721347202812));
    assert.deepEqual(
      { ...trade },
      {
        symbol: 'BTCUSDT', time: 1721347202812, eventTime: 1721347202813, price: 63960, qty: 0.31,
        priceText: '63960.00', qtyText: '0.310', id: 5182006711, buyerIsMaker: false,
      },
    );
  });

  it('skips depth, bookTicker, REST snapshot and broken lines', () => {
    assert.equal(parseRecordingLine('1 {"stream":"btcusdt@bookTicker","data":{"e":"bookTicker"}}'), undefined);
    assert.equal(parseRecordingLine('1 {"lastUpdateId":1,"bids":[],"asks":[]}'), undefined);
    assert.equal(parseRecordingLine('1 {"stream":"btcusdt@trade","data":{'), undefined);
    assert.equal(parseRecordingLine(''), undefined);
  });
});

describe('aggregateTrades', () => {
  it('joins consecutive trades with the same price, side and time, and nothing else', () => {
    const lines = [
      tradeLine(10, '100.0', '0.1', false, 1000),
      tradeLine(11, '100.0', '0.2', false, 1000), // joins 10
      tradeLine(12, '100.0', '0.3', true, 1000), // other side
      tradeLine(13, '100.1', '0.4', true, 1000), // other price
      tradeLine(14, '100.1', '0.5', true, 1001), // other time
    ];
    const aggs = aggregateTrades(lines.map((l) => parseRecordingLine(l)!), 500);
    assert.deepEqual(
      aggs.map((a) => [a.id, a.firstTradeId, a.lastTradeId, a.qtyText, a.priceText, a.buyerIsMaker]),
      [
        [500, 10, 11, '0.3', '100.0', false],
        [501, 12, 12, '0.3', '100.0', true],
        [502, 13, 13, '0.4', '100.1', true],
        [503, 14, 14, '0.5', '100.1', true],
      ],
    );
  });

  it('with a 100 ms window joins same price and side within one clock-aligned window, split by anything between', () => {
    const lines = [
      tradeLine(20, '100.0', '0.1', false, 1000), // window [1000, 1100)
      tradeLine(21, '100.0', '0.2', false, 1050), // joins 20
      tradeLine(22, '100.0', '0.3', false, 1099), // joins 20
      tradeLine(23, '100.0', '0.4', false, 1100), // next window
      tradeLine(24, '100.0', '0.5', true, 1110), // other side
      tradeLine(25, '100.0', '0.6', false, 1120), // same as 23, but 24 came between
      tradeLine(26, '100.0', '0.7', false, 1199), // joins 25
    ];
    const aggs = aggregateTrades(lines.map((l) => parseRecordingLine(l)!), 700, 100);
    assert.deepEqual(
      aggs.map((a) => [a.id, a.firstTradeId, a.lastTradeId, a.qtyText, a.time]),
      [
        [700, 20, 22, '0.6', 1000],
        [701, 23, 23, '0.4', 1100],
        [702, 24, 24, '0.5', 1110],
        [703, 25, 26, '1.3', 1120],
      ],
    );
  });
});
