import { strict as assert } from 'assert';
import { symbolFromPath } from '../../../src/engine/import/symbolFromPath';

describe('symbolFromPath', () => {
  it('takes the symbol a vision or recorder file name starts with', () => {
    assert.equal(symbolFromPath('/data/BTCUSDT-trades-2024-07-18.csv'), 'BTCUSDT');
    assert.equal(symbolFromPath('ethusdt_20240719.gz'), 'ETHUSDT');
    assert.equal(symbolFromPath('1000PEPEUSDT-aggTrades-2024-07.csv'), '1000PEPEUSDT');
    // One-letter bases are real perpetuals (universe-1h has AUSDT, WUSDT, TUSDT…).
    assert.equal(symbolFromPath('universe-1h/WUSDT.csv.gz'), 'WUSDT');
    assert.equal(symbolFromPath('BUSDUSDT-1h.csv'), 'BUSDUSDT');
  });
  it('names none for files that do not start with a symbol', () => {
    assert.equal(symbolFromPath('unknown.txt'), undefined);
    assert.equal(symbolFromPath('trades.csv'), undefined);
  });
});
