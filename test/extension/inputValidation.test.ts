import { strict as assert } from 'assert';
import {
  newRuleId,
  normaliseTypedSymbol,
  parsePairArgument,
  symbolPicks,
  validateCooldownInput,
  validateThresholdInput,
  validateWindowInput,
} from '../../src/extension/inputValidation';
import { validatePairSymbols } from '../../src/engine/desk/validatePair';
import { EngineError } from '../../src/engine/errors';

const SYMBOLS = [
  { symbol: 'ETHUSDT', status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDT' },
  { symbol: 'BTCUSDT', status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDT' },
  { symbol: 'BTCUSDC', status: 'TRADING', contractType: 'PERPETUAL', quoteAsset: 'USDC' },
  { symbol: 'BTCUSDT_250926', status: 'TRADING', contractType: 'CURRENT_QUARTER', quoteAsset: 'USDT' },
  { symbol: 'LUNAUSDT', status: 'SETTLING', contractType: 'PERPETUAL', quoteAsset: 'USDT' },
];

describe('inputValidation', () => {
  it('validates the rolling window inline', () => {
    assert.equal(validateWindowInput('100'), undefined);
    assert.equal(validateWindowInput(' 10 '), undefined);
    assert.match(validateWindowInput('')!, /Enter/);
    assert.match(validateWindowInput('9')!, /at least 10/);
    assert.match(validateWindowInput('5001')!, /At most 5000/);
    assert.match(validateWindowInput('20.5')!, /whole number/);
    assert.match(validateWindowInput('1e2')!, /whole number/);
  });

  it('validates thresholds and cooldowns', () => {
    assert.equal(validateThresholdInput('2', true), undefined);
    assert.equal(validateThresholdInput('-2.5', false), undefined);
    assert.match(validateThresholdInput('-2', true)!, /above 0/);
    assert.match(validateThresholdInput('two', false)!, /not a number/);
    assert.match(validateThresholdInput('0x10', false)!, /not a number/);
    assert.equal(validateCooldownInput('60'), undefined);
    assert.match(validateCooldownInput('-1')!, /whole seconds/);
  });

  it('offers only trading perpetuals, USDT first, without the first leg', () => {
    assert.deepEqual(
      symbolPicks(SYMBOLS).map((p) => p.symbol),
      ['BTCUSDT', 'ETHUSDT', 'BTCUSDC'],
    );
    assert.deepEqual(
      symbolPicks(SYMBOLS, 'BTCUSDT').map((p) => p.symbol),
      ['ETHUSDT', 'BTCUSDC'],
    );
  });

  it('rejects the same symbol twice, unknown and non-trading symbols with a clear message', () => {
    assert.doesNotThrow(() => validatePairSymbols('BTCUSDT', 'ETHUSDT', SYMBOLS));
    const fails = (y: string, x: string, re: RegExp) =>
      assert.throws(() => validatePairSymbols(y, x, SYMBOLS), (e: unknown) => e instanceof EngineError && re.test(e.message));
    fails('BTCUSDT', 'btcusdt', /chosen twice/);
    fails('BTCUSDT', 'FOOUSDT', /FOOUSDT is not a Binance USD-M futures symbol/);
    fails('LUNAUSDT', 'BTCUSDT', /not trading \(status SETTLING\)/);
    fails('BTCUSDT_250926', 'BTCUSDT', /not a perpetual/);
  });

  it('parses pair arguments and typed symbols', () => {
    assert.equal(parsePairArgument('btcusdt/ethusdt'), 'BTCUSDT/ETHUSDT');
    assert.equal(parsePairArgument('BTCUSDT - ETHUSDT'), 'BTCUSDT/ETHUSDT');
    assert.equal(parsePairArgument({ pairId: 'SOLUSDT/BNBUSDT' }), 'SOLUSDT/BNBUSDT');
    assert.equal(parsePairArgument('BTCUSDT'), undefined);
    assert.equal(parsePairArgument(42), undefined);
    assert.equal(normaliseTypedSymbol(' btc-usdt '), 'BTCUSDT');
    assert.equal(newRuleId(new Set(['rule-1', 'rule-2'])), 'rule-3');
  });
});
