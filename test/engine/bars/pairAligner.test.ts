import { strict as assert } from 'assert';
import { PairAligner } from '../../../src/engine/bars/pairAligner';
import { emptyBar } from '../../../src/engine/bars/barAccumulator';

const bar = (symbol: string, openTime: number) => emptyBar(symbol, openTime, 1000, openTime);

describe('PairAligner', () => {
  it('emits (y, x) per open time once both legs closed it, in either arrival order', () => {
    const pairs: Array<[string, number, string, number]> = [];
    const aligner = new PairAligner('ETHUSDT', 'BTCUSDT', (y, x) => pairs.push([y.symbol, y.openTime, x.symbol, x.openTime]));
    aligner.push(bar('BTCUSDT', 0)); // BTC started a bar earlier: never matched
    aligner.push(bar('BTCUSDT', 1000));
    aligner.push(bar('SOLUSDT', 1000));
    assert.equal(aligner.push(bar('ETHUSDT', 1000)), true);
    aligner.push(bar('ETHUSDT', 2000));
    aligner.push(bar('BTCUSDT', 2000));
    assert.deepEqual(pairs, [
      ['ETHUSDT', 1000, 'BTCUSDT', 1000],
      ['ETHUSDT', 2000, 'BTCUSDT', 2000],
    ]);
    assert.equal(aligner.unmatchedBars, 1);
    assert.equal(aligner.pending, 0);
  });
});
