import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { PAIR_ID_PATTERN, SYMBOL_PATTERN, SYMBOL_PATTERN_SOURCE, TIMEFRAMES, WINDOW_MAX, WINDOW_MIN } from '../../src/shared/constants';
import { KLINE_TIMEFRAMES, parseTimeframe } from '../../src/engine/bars/timeframe';
import { TIMEFRAME_MS } from '../../src/engine/types';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const settings = manifest.contributes.configuration.properties;

describe('shared/constants', () => {
  it('symbols: letters and digits, underscores inside (quarterly contracts), 2 to 40 characters', () => {
    for (const good of ['BTCUSDT', 'ETHUSDT', '1000PEPEUSDT', 'BTCUSDT_260925', 'AB', 'A'.repeat(40)]) assert.ok(SYMBOL_PATTERN.test(good), good);
    for (const bad of ['', 'B', 'A'.repeat(41), '_BTCUSDT', 'btcusdt', 'BTC-USDT', 'BTC/USDT', 'BTC USDT', '=1+1', '<b>']) assert.ok(!SYMBOL_PATTERN.test(bad), bad);
    assert.ok(PAIR_ID_PATTERN.test('BTCUSDT/ETHUSDT'));
    assert.ok(PAIR_ID_PATTERN.test('BTCUSDT_260925/BTCUSDT'));
    assert.ok(!PAIR_ID_PATTERN.test('BTCUSDT/'));
    assert.ok(!PAIR_ID_PATTERN.test('BTCUSDT/ETHUSDT/XRPUSDT'));
    // A pair of imported series sits beside the live pair of the same symbols under its own id.
    for (const good of ['BTCUSDT/ETHUSDT (imported)', 'BTCUSDT/ETHUSDT (imported 2)']) assert.ok(PAIR_ID_PATTERN.test(good), good);
    for (const bad of ['BTCUSDT/ETHUSDT (imported 0)', 'BTCUSDT/ETHUSDT (imported', 'BTCUSDT/ETHUSDT imported', 'BTCUSDT/ETHUSDT (live)']) assert.ok(!PAIR_ID_PATTERN.test(bad), bad);
  });

  it("package.json's settings schema uses the same symbol pattern and window limits", () => {
    const pairItem = settings['quantPairs.pairs'].items.properties;
    assert.equal(pairItem.y.pattern, `^${SYMBOL_PATTERN_SOURCE}$`);
    assert.equal(pairItem.x.pattern, `^${SYMBOL_PATTERN_SOURCE}$`);
    assert.equal(settings['quantPairs.alertRules'].items.properties.pair.pattern, `^(\\*|${SYMBOL_PATTERN_SOURCE}/${SYMBOL_PATTERN_SOURCE})$`);
    for (const window of [settings['quantPairs.window'], pairItem.window]) {
      assert.equal(window.minimum, WINDOW_MIN);
      assert.equal(window.maximum, WINDOW_MAX);
    }
  });

  it('the desk offers every interval a scan can use (15m, 1h, 4h, 1d beside 1s, 1m, 5m), in the settings schema too', () => {
    for (const k of KLINE_TIMEFRAMES) assert.ok((TIMEFRAMES as readonly string[]).includes(k), `${k} is not a desk timeframe`);
    assert.deepEqual(settings['quantPairs.defaultTimeframe'].enum, [...TIMEFRAMES]);
    assert.equal(settings['quantPairs.defaultTimeframe'].enumDescriptions.length, TIMEFRAMES.length);
    assert.deepEqual(settings['quantPairs.pairs'].items.properties.timeframe.enum, [...TIMEFRAMES]);
    for (const t of TIMEFRAMES) assert.equal(TIMEFRAME_MS[t], parseTimeframe(t), t);
    assert.equal(TIMEFRAME_MS['4h'], 4 * 3600 * 1000);
  });
});
