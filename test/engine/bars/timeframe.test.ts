import { strict as assert } from 'assert';
import { barOpenTime, NAMED_TIMEFRAMES, parseTimeframe, timeframeText } from '../../../src/engine/bars/timeframe';

describe('timeframe', () => {
  it('parses whole seconds, minutes, hours and days', () => {
    assert.deepEqual(['1s', '15s', '1m', '5m', '1h', '1d'].map(parseTimeframe), [1000, 15_000, 60_000, 300_000, 3_600_000, 86_400_000]);
  });
  it('names 15m, 1h, 4h and 1d candles beside 1s, 1m, 5m, and round-trips each name', () => {
    assert.deepEqual(NAMED_TIMEFRAMES.map(parseTimeframe), [1000, 60_000, 300_000, 900_000, 3_600_000, 14_400_000, 86_400_000]);
    for (const name of NAMED_TIMEFRAMES) assert.equal(timeframeText(parseTimeframe(name)), name);
    assert.equal(timeframeText(90_000), '90s');
    assert.equal(timeframeText(7_200_000), '2h');
  });
  it('rejects anything else with BAD_TIMEFRAME', () => {
    for (const bad of ['', '0m', '1.5m', '1ms', 'm', '5x', '-1m']) {
      assert.throws(() => parseTimeframe(bad), (e: { code?: string }) => e.code === 'BAD_TIMEFRAME', bad);
    }
  });
  it('aligns open times to multiples of the bar length, negative times included', () => {
    assert.equal(barOpenTime(1_721_347_262_812, 60_000), 1_721_347_260_000);
    assert.equal(barOpenTime(-1, 1000), -1000);
  });
});
