import { strict as assert } from 'assert';
import { MessageHandler, validateEnvelope, validateFromWebview, type Envelope } from '../../src/shared/protocol';

describe('protocol: validateFromWebview', () => {
  it('accepts each well-formed message and returns it typed', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'ready', pairId: 'BTCUSDT/ETHUSDT' },
      { type: 'command', command: 'runTests' },
      { type: 'setTimeframe', timeframe: '5m' },
      { type: 'setWindow', window: 10 },
      { type: 'setWindow', window: 5000 },
      { type: 'setHedge', hedge: 'theil-sen' },
      { type: 'selectPair', pairId: 'SOLUSDT/BNBUSDT' },
      { type: 'drawn', lastTradeTime: 1721347200000, drawnAt: 1721347200123 },
    ];
    for (const m of good) {
      const r = validateFromWebview(m);
      assert.ok(r.ok, JSON.stringify(m));
      assert.deepEqual(r.ok && r.message, m);
    }
  });

  it('rejects wrong types, out-of-range values and extra commands with a reason', () => {
    const bad: [unknown, RegExp][] = [
      [null, /no type/],
      ['ready', /no type/],
      [{ type: 'eval', code: 'x' }, /unknown message type "eval"/],
      [{ type: 'command', command: 'workbench.action.terminal.new' }, /unknown command/],
      [{ type: 'setTimeframe', timeframe: '2h' }, /one of 1s, 1m, 5m, 15m, 1h, 4h, 1d/],
      [{ type: 'setWindow', window: 9 }, /10 to 5000/],
      [{ type: 'setWindow', window: 5001 }, /10 to 5000/],
      [{ type: 'setWindow', window: 20.5 }, /integer/],
      [{ type: 'setWindow', window: '20' }, /integer/],
      [{ type: 'setHedge', hedge: 'lasso' }, /regression type/],
      [{ type: 'selectPair', pairId: '../etc/passwd' }, /pair id/],
      [{ type: 'ready', pairId: 42 }, /pair id/],
      [{ type: 'drawn', lastTradeTime: NaN, drawnAt: 1 }, /finite/],
    ];
    for (const [m, reason] of bad) {
      const r = validateFromWebview(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      assert.match(!r.ok ? r.reason : '', reason);
    }
  });

  it('checks the envelope', () => {
    assert.equal(validateEnvelope({ messageId: 1, body: {} }).ok, true);
    assert.equal(validateEnvelope({ messageId: '1', body: {} }).ok, false);
    assert.equal(validateEnvelope({ messageId: 1, inReplyTo: 'x', body: {} }).ok, false);
    assert.equal(validateEnvelope([1]).ok, false);
  });
});

describe('protocol: runBacktest from the dashboard form', () => {
  it('accepts the form parameters (null stop / max hold = none) and refuses a bad shape with the reason', () => {
    const params = { entry: 1.5, exit: 0.25, stop: null, maxHold: 30, notional: 5000, sizing: 'dollar', feeBp: 4, slippageBp: 1, fill: 'same' };
    const ok = validateFromWebview({ type: 'runBacktest', params });
    assert.ok(ok.ok);
    assert.deepEqual(ok.ok && ok.message, { type: 'runBacktest', params });
    assert.deepEqual(validateFromWebview({ type: 'runBacktest', params: {} }), { ok: true, message: { type: 'runBacktest', params: {} } });
    const bad = validateFromWebview({ type: 'runBacktest', params: { feeBp: '4' } });
    assert.deepEqual(bad, { ok: false, reason: 'backtest parameters: feeBp must be a number' });
    const unknown = validateFromWebview({ type: 'runBacktest', params: { leverage: 10 } });
    assert.ok(!unknown.ok && unknown.reason.startsWith('backtest parameters: unknown key leverage'));
    assert.ok(!validateFromWebview({ type: 'runBacktest', params: { fill: 'later' } }).ok);
  });
});

describe('protocol: MessageHandler', () => {
  it('resolves a request with the reply carrying its id, and sends events without replies', async () => {
    // Two handlers wired back to back, as host and webview are.
    let host!: MessageHandler<string, string>;
    const webview: MessageHandler<string, string> = new MessageHandler<string, string>(
      () => undefined,
      (env) => void Promise.resolve().then(() => host.handleMessage(env)),
    );
    const seenByHost: string[] = [];
    host = new MessageHandler<string, string>(
      (body) => {
        seenByHost.push(body);
        return body === 'ping' ? 'pong' : undefined;
      },
      (env: Envelope<string>) => void Promise.resolve().then(() => webview.handleMessage(env)),
    );
    webview.sendEvent('hello');
    const reply = await webview.sendRequest('ping');
    assert.equal(reply, 'pong');
    assert.deepEqual(seenByHost, ['hello', 'ping']);
  });
});
