// Alerts fed by a live PairAnalytics, as the extension wires them: evaluate(pair.pair, pair.metrics(), time).
import { strict as assert } from 'node:assert';
import { AlertEngine } from '../../../src/engine/alerts/alertEngine';
import { PairAnalytics } from '../../../src/engine/analytics/pairAnalytics';
import type { Bar } from '../../../src/engine/types';

const bar = (symbol: string, openTime: number, close: number): Bar => ({
  symbol, openTime, intervalMs: 60_000, open: close, high: close, low: close, close, volume: 1, trades: 1, vwap: close, empty: false,
});

describe('alerts on a PairAnalytics stream', () => {
  it('fires exactly at the bars where |z| crosses 2 from an armed state (re-arm below 1.5)', () => {
    const pair = new PairAnalytics({ y: 'ETHUSDT', x: 'BTCUSDT', window: 30, hedge: 'rolling-ols' });
    const alerts = new AlertEngine();
    alerts.setRule({ id: 'z', pair: 'ETHUSDT/BTCUSDT', metric: 'z', operator: '|x|>', threshold: 2, rearm: 1.5, cooldownMs: 0, enabled: true, severity: 'warning' });
    const firedAt: number[] = [];
    const zs: (number | null)[] = [];
    for (let i = 0; i < 400; i++) {
      const btc = 60_000 + 200 * Math.sin(i / 17);
      const eth = 100 + 0.05 * btc + 3 * Math.sin(i / 4.3) + (i % 53 === 0 ? 12 : 0);
      const point = pair.onBars(bar('ETHUSDT', i * 60_000, eth), bar('BTCUSDT', i * 60_000, btc));
      zs.push(point.z);
      if (alerts.evaluate(pair.pair, pair.metrics(), point.time).length) firedAt.push(i);
    }
    // Independent replay of the rule on the z series.
    const expected: number[] = [];
    let armed = true;
    zs.forEach((z, i) => {
      if (z === null) return;
      if (armed && Math.abs(z) > 2) {
        expected.push(i);
        armed = false;
      } else if (!armed && Math.abs(z) < 1.5) armed = true;
    });
    assert.ok(expected.length >= 3, `only ${expected.length} crossings in the test series`);
    assert.deepEqual(firedAt, expected);
    assert.equal(alerts.log().length, expected.length);
  });
});
