// Messages from the webview are untrusted input: every one is validated before use, malformed or unknown
// ones are rejected (never thrown), and none can name a file path or an arbitrary command.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { validateEnvelope, validateFromWebview } from '../../src/shared/protocol';
import { PAIR_ID_PATTERN } from '../../src/shared/constants';
import { installFakeVscode, panels, FakeUri } from './fakeVscode';

const TYPES = ['ready', 'command', 'setTimeframe', 'setWindow', 'setHedge', 'selectPair', 'drawn'];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'path', 'file', 'uri', 'fsPath', 'command', 'args'];

/** Values a compromised webview could post: any JSON, near-miss messages, huge strings, prototype keys. */
const hostileValue = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
  fc.record({
    type: fc.constantFrom(...TYPES, '__proto__', 'constructor', 'readFile', 'writeFile', ''),
    pairId: fc.oneof(fc.string(), fc.constant('../../etc/passwd'), fc.constant('BTCUSDT/ETHUSDT'), fc.integer()),
    command: fc.oneof(fc.string(), fc.constantFrom('saveCsv', 'workbench.action.terminal.new', 'quantPairs.importFile')),
    window: fc.oneof(fc.integer(), fc.double(), fc.string()),
    timeframe: fc.oneof(fc.string(), fc.constantFrom('1s', '1m', '5m')),
    hedge: fc.oneof(fc.string(), fc.constantFrom('ols', 'kalman')),
    lastTradeTime: fc.oneof(fc.double(), fc.string()),
    drawnAt: fc.oneof(fc.double(), fc.string()),
  }, { requiredKeys: ['type'] }),
  fc.string({ minLength: 0, maxLength: 200_000 }).map((s) => ({ type: 'selectPair', pairId: s })),
  fc.dictionary(fc.constantFrom(...HOSTILE_KEYS, 'type'), fc.jsonValue()),
);

/** The fields each message type may carry after validation. */
const ALLOWED_FIELDS: Record<string, string[]> = {
  ready: ['type', 'pairId'],
  command: ['type', 'command'],
  setTimeframe: ['type', 'timeframe'],
  setWindow: ['type', 'window'],
  setHedge: ['type', 'hedge'],
  selectPair: ['type', 'pairId'],
  drawn: ['type', 'lastTradeTime', 'drawnAt'],
};

describe('security: webview message validation (fuzzed)', () => {
  it('never throws; accepts only known types with exactly their fields, in range', () => {
    fc.assert(
      fc.property(hostileValue, (body) => {
        const r = validateFromWebview(body);
        if (!r.ok) {
          assert.equal(typeof r.reason, 'string');
          return;
        }
        const m = r.message as unknown as Record<string, unknown>;
        assert.ok(TYPES.includes(m.type as string), `accepted type ${String(m.type)}`);
        assert.equal(Object.getPrototypeOf(m), Object.prototype, 'a fresh plain object, not the posted one');
        assert.notEqual(m, body, 'the posted object itself is never passed on');
        for (const k of Object.keys(m)) assert.ok(ALLOWED_FIELDS[m.type as string].includes(k), `extra field ${k} passed on`);
        if ('pairId' in m) assert.match(m.pairId as string, PAIR_ID_PATTERN);
        if (m.type === 'setWindow') assert.ok(Number.isInteger(m.window) && (m.window as number) >= 10 && (m.window as number) <= 5000);
        if (m.type === 'command') assert.ok(['runTests', 'saveCsv', 'runBacktest', 'addAlertRule'].includes(m.command as string));
        if (m.type === 'drawn') assert.ok(Number.isFinite(m.lastTradeTime) && Number.isFinite(m.drawnAt));
      }),
      { numRuns: 3000 },
    );
  });

  it('drops extra fields and ignores prototype-pollution keys', () => {
    const posted = JSON.parse('{"type":"setWindow","window":20,"__proto__":{"polluted":true},"path":"/etc/passwd","constructor":{"prototype":{"x":1}}}');
    const r = validateFromWebview(posted);
    assert.ok(r.ok);
    assert.deepEqual(r.message, { type: 'setWindow', window: 20 });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).x, undefined);
    const typeViaProto = JSON.parse('{"__proto__":{"type":"setWindow","window":20}}');
    assert.equal(validateFromWebview(typeViaProto).ok, false, 'a type inherited through __proto__ is not a message');
  });

  it('envelope validation never throws and requires an integer id', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true }), (raw) => {
        const r = validateEnvelope(raw);
        if (r.ok) assert.ok(Number.isInteger(r.envelope.messageId));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('security: no webview message names a path or an arbitrary command', () => {
  it('the protocol declares no path-like or command-id field for webview messages', () => {
    const src = readFileSync(path.resolve(__dirname, '../../src/shared/protocol.ts'), 'utf8');
    const fromWebview = src.slice(src.indexOf('// ---- webview → host ----'), src.indexOf('export type FromWebviewMessage'));
    assert.ok(fromWebview.length > 200, 'found the webview → host section');
    const fields = [...fromWebview.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]);
    for (const f of fields) assert.ok(!/path|file|uri|dir|folder|url|target|args?$/i.test(f), `webview message field "${f}"`);
    assert.match(fromWebview, /export type WebviewCommand = 'runTests' \| 'saveCsv' \| 'runBacktest' \| 'addAlertRule' \| 'saveBacktestCsv';/);
  });

  describe('the dashboard panel handler (real DashboardPanel, fake vscode)', () => {
    const runs: { command: string; args: unknown[] }[] = [];
    const warnings: string[] = [];
    let deliver: (raw: unknown) => void;
    let panelOptions: Record<string, unknown>;

    before(() => {
      installFakeVscode();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { DashboardPanel } = require('../../src/extension/dashboard/dashboardPanel') as typeof import('../../src/extension/dashboard/dashboardPanel');
      const pair = { id: 'BTCUSDT/ETHUSDT', config: { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 50, hedge: 'ols' } };
      const host = {
        desk: { list: () => [pair], get: (id: string) => (id === pair.id ? pair : undefined), rows: () => [], onEvent: () => ({ dispose: () => undefined }) },
        settings: { value: { alertRules: [], bandK: 2, dashboardMaxPoints: 2000 }, onDidChange: () => ({ dispose: () => undefined }) },
        alertLog: { all: [], onDidChange: () => ({ dispose: () => undefined }) },
        log: { warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m), info: () => undefined },
        runCommand: (command: string, ...args: unknown[]) => {
          runs.push({ command, args });
          return Promise.resolve(undefined);
        },
        setFocusedPair: () => undefined,
        focusedPair: () => pair.id,
      };
      DashboardPanel.show(FakeUri.file('/ext') as never, host as never, pair.id);
      const record = panels[panels.length - 1];
      deliver = record.deliver;
      panelOptions = record.options;
    });

    const settle = () => new Promise((r) => setImmediate(r));

    it('serves scripts only from dist/ and media/, with no command URIs', () => {
      const roots = (panelOptions.localResourceRoots as FakeUri[]).map((u) => u.path);
      assert.deepEqual(roots.sort(), ['/ext/dist', '/ext/media']);
      assert.ok(!panelOptions.enableCommandUris, 'command: URIs enabled in the webview');
      const html = panels[panels.length - 1].html;
      assert.match(html, /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"/);
    });

    it('rejects and logs malformed messages without running anything', async () => {
      const hostile: unknown[] = [
        null,
        'saveCsv',
        { messageId: 1, body: { type: 'command', command: 'workbench.action.terminal.new' } },
        { messageId: 2, body: { type: 'saveCsv', path: '/etc/cron.d/x' } },
        { messageId: 3, body: { type: 'command', command: 'saveCsv', path: '/tmp/x.csv' } }.body, // no envelope
        { messageId: 'x', body: { type: 'command', command: 'saveCsv' } },
        { messageId: 4, body: { type: 'setWindow', window: 1e9 } },
        { messageId: 5, body: JSON.parse('{"__proto__":{"type":"command","command":"saveCsv"}}') },
      ];
      for (const m of hostile) assert.doesNotThrow(() => deliver(m));
      await settle();
      assert.deepEqual(runs, []);
      assert.equal(warnings.filter((w) => /rejected/.test(w)).length, hostile.length);
    });

    it('a valid saveCsv runs the extension\'s own command with the pair id only, never a path from the webview', async () => {
      runs.length = 0;
      deliver({ messageId: 10, body: { type: 'command', command: 'saveCsv', path: '/etc/passwd', args: ['/tmp/evil.csv'] } });
      deliver({ messageId: 11, body: { type: 'setWindow', window: 20, file: '/etc/passwd' } });
      await settle();
      assert.deepEqual(runs, [
        { command: 'quantPairs.saveCsv', args: ['BTCUSDT/ETHUSDT'] },
        { command: 'quantPairs.setWindow', args: ['BTCUSDT/ETHUSDT', 20] },
      ]);
    });
  });
});
