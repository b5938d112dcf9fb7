import { strict as assert } from 'node:assert';
import { parseBacktestOverrides } from '../../src/extension/backtestSettings';
import { parseSettings } from '../../src/extension/settingsModel';

describe('backtest settings', () => {
  it('keeps the keys given, with null for "no stop" / "no max-hold"', () => {
    assert.deepEqual(parseBacktestOverrides(undefined), {});
    assert.deepEqual(parseBacktestOverrides({ stop: null, maxHold: 30, notional: 5000, sizing: 'dollar', feeBp: 4, slippageBp: 1, fill: 'same' }), {
      stop: null, maxHold: 30, notional: 5000, sizing: 'dollar', feeBp: 4, slippageBp: 1, fill: 'same',
    });
    assert.deepEqual(parseBacktestOverrides({ entry: 2.5, exit: 0 }), { entry: 2.5, exit: 0 });
  });

  it('says what is wrong with a bad value', () => {
    assert.match(parseBacktestOverrides([1]) as string, /must be an object/);
    assert.match(parseBacktestOverrides({ stopZ: 4 }) as string, /unknown key stopZ/);
    assert.match(parseBacktestOverrides({ feeBp: '4' }) as string, /feeBp must be a number/);
    assert.match(parseBacktestOverrides({ notional: Number.NaN }) as string, /notional must be a number/);
    assert.match(parseBacktestOverrides({ stop: 'none' }) as string, /stop must be a number or null/);
    assert.match(parseBacktestOverrides({ sizing: 'cash' }) as string, /sizing must be/);
    assert.match(parseBacktestOverrides({ fill: 'later' }) as string, /fill must be/);
  });
});

describe('quantPairs.backtest setting', () => {
  const from = (values: Record<string, unknown>) => (key: string) => values[key];
  it('is read with the entry/exit of zThresholds; a value the engine refuses is reported and dropped', () => {
    assert.deepEqual(parseSettings(from({ backtest: { feeBp: 4, maxHold: 20 } })).settings.backtest, { feeBp: 4, maxHold: 20 });
    assert.deepEqual(parseSettings(from({})).settings.backtest, {});
    const tooLowStop = parseSettings(from({ zThresholds: { entry: 2.5, exit: 0 }, backtest: { stop: 2 } }));
    assert.deepEqual(tooLowStop.settings.backtest, {});
    assert.match(tooLowStop.problems[0], /^quantPairs\.backtest: .*stop \(2\) must be above entry \(2\.5\)/);
    assert.match(parseSettings(from({ backtest: { sizing: 'cash' } })).problems[0], /^quantPairs\.backtest: .*sizing must be/);
    // entry/exit belong to zThresholds: accepted from the command argument, not kept from the setting.
    assert.deepEqual(parseSettings(from({ backtest: { entry: 3, notional: 500 } })).settings.backtest, { notional: 500 });
  });
});
