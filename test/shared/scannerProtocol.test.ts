import { strict as assert } from 'assert';
import { SCAN_INTERVALS, validateFromScanner } from '../../src/shared/scannerProtocol';

describe('shared/scannerProtocol', () => {
  it('accepts the panel messages', () => {
    for (const body of [{ type: 'ready' }, { type: 'saveCsv' }, { type: 'rescan' }, { type: 'addToDesk', y: 'ETHUSDT', x: 'BTCUSDT' }]) {
      const r = validateFromScanner(body);
      assert.ok(r.ok, JSON.stringify(body));
      assert.deepEqual(r.message, body);
    }
  });

  it('rejects anything else with a reason, and drops extra fields', () => {
    const bad: [unknown, RegExp][] = [
      [null, /no type/],
      [{ type: 'addToDesk', y: 'ETHUSDT' }, /two different symbols/],
      [{ type: 'addToDesk', y: 'ETHUSDT', x: 'ETHUSDT' }, /two different symbols/],
      [{ type: 'addToDesk', y: '<img>', x: 'BTCUSDT' }, /two different symbols/],
      [{ type: 'runCommand', command: 'workbench.action.terminal.new' }, /unknown message type "runCommand"/],
    ];
    for (const [body, reason] of bad) {
      const r = validateFromScanner(body);
      assert.ok(!r.ok, JSON.stringify(body));
      assert.match(r.reason, reason);
    }
    assert.deepEqual(validateFromScanner({ type: 'saveCsv', path: '/etc/passwd' }), { ok: true, message: { type: 'saveCsv' } });
  });

  it('scan intervals are the kline intervals (no 1s)', () => {
    assert.deepEqual([...SCAN_INTERVALS], ['1m', '5m', '15m', '1h', '4h', '1d']);
  });
});
