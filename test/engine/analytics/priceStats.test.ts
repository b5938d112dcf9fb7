import { strict as assert } from 'node:assert';
import { sampleStandardDeviation } from 'simple-statistics';
import { RollingPriceStats } from '../../../src/engine/analytics/priceStats';

describe('RollingPriceStats', () => {
  it('gives last, change over the window and log-return volatility per bar and per 24 h day', () => {
    const stats = new RollingPriceStats('BTCUSDT', 4);
    for (const p of [100, 60_000, 60_010, 59_990, 60_030, 60_020]) stats.push(p);
    // Window: 60,010, 59,990, 60,030, 60,020 (3 log returns).
    const s = stats.stats(1000);
    assert.equal(s.last, 60_020);
    assert.equal(s.change, 10);
    assert.ok(Math.abs((s.changeFraction as number) - 10 / 60_010) < 1e-15);
    const returns = [Math.log(59_990 / 60_010), Math.log(60_030 / 59_990), Math.log(60_020 / 60_030)];
    const perBar = sampleStandardDeviation(returns);
    assert.ok(Math.abs((s.volPerBar as number) - perBar) < 1e-15);
    assert.ok(Math.abs((s.volPerDay as number) - perBar * Math.sqrt(86_400)) < 1e-12); // 86,400 one-second bars a day
    assert.ok(Math.abs((stats.stats(300_000).volPerDay as number) - perBar * Math.sqrt(288)) < 1e-12);
  });

  it('is null, not NaN, before it has data', () => {
    const s = new RollingPriceStats('ETHUSDT', 10).stats(1000);
    assert.equal(s.last, null);
    assert.equal(s.volPerBar, null);
  });
});
