import { strict as assert } from 'assert';
import { DEFAULT_SETTINGS, pairToSetting, parseSettings } from '../../src/extension/settingsModel';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

describe('settingsModel.parseSettings', () => {
  it('gives the defaults (routed Binance USD-M endpoints) with nothing set', () => {
    const { settings, problems } = parseSettings(from({}));
    assert.deepEqual(problems, []);
    assert.equal(settings.wsBaseUrl, 'wss://fstream.binance.com');
    assert.equal(settings.restBaseUrl, 'https://fapi.binance.com');
    assert.equal(settings.stream, 'aggTrade');
    assert.deepEqual(settings, DEFAULT_SETTINGS);
  });

  it('reports and ignores each bad value, keeping the good ones', () => {
    const { settings, problems } = parseSettings(
      from({
        window: 3,
        defaultTimeframe: '2h',
        regression: 'lasso',
        wsBaseUrl: 'http://example.com',
        restBaseUrl: 'http://127.0.0.1:9999/',
        dashboardUpdateMs: 50,
        exportFolder: '../outside',
        zThresholds: { entry: 1, exit: 2 },
        stream: 'trade',
      }),
    );
    assert.equal(settings.window, 100);
    assert.equal(settings.defaultTimeframe, '1m');
    assert.equal(settings.regression, 'ols');
    assert.equal(settings.wsBaseUrl, 'wss://fstream.binance.com');
    assert.equal(settings.restBaseUrl, 'http://127.0.0.1:9999', 'trailing slash trimmed');
    assert.equal(settings.dashboardUpdateMs, 250);
    assert.equal(settings.exportFolder, 'quant-pairs');
    assert.equal(settings.zEntry, 2);
    assert.equal(settings.stream, 'trade');
    const keys = problems.map((p) => p.split(':')[0]);
    assert.deepEqual(keys.sort(), [
      'quantPairs.dashboardUpdateMs',
      'quantPairs.defaultTimeframe',
      'quantPairs.exportFolder',
      'quantPairs.regression',
      'quantPairs.window',
      'quantPairs.wsBaseUrl',
      'quantPairs.zThresholds',
    ]);
    assert.match(problems.find((p) => p.startsWith('quantPairs.window'))!, /3 is not a whole number from 10 to 5000; using 100/);
  });

  it('checks the export folder as it will be used (trimmed): a leading space does not hide a way out', () => {
    for (const raw of [' ../outside', '\t..\\outside', 'a/ .. /b', '  /etc', ' C:\\temp', '~/x', '   ']) {
      const { settings, problems } = parseSettings(from({ exportFolder: raw }));
      assert.equal(settings.exportFolder, 'quant-pairs', JSON.stringify(raw));
      assert.equal(problems.length, 1, JSON.stringify(raw));
      assert.match(problems[0], /^quantPairs\.exportFolder: .*must be a folder inside the workspace/);
    }
    assert.equal(parseSettings(from({ exportFolder: '  out/csv ' })).settings.exportFolder, 'out/csv');
    assert.equal(parseSettings(from({ exportFolder: 'a..b/c' })).settings.exportFolder, 'a..b/c', 'dots inside a name are fine');
  });

  it('parses pairs with per-pair overrides, drops bad and duplicate entries', () => {
    const { settings, problems } = parseSettings(
      from({
        window: 60,
        pairs: [
          { y: 'btcusdt', x: 'ETHUSDT' },
          { y: 'SOLUSDT', x: 'BNBUSDT', timeframe: '5m', window: 30, regression: 'kalman' },
          { y: 'BTCUSDT', x: 'ETHUSDT' },
          { y: 'BTCUSDT', x: 'BTCUSDT' },
          { y: 'BTC USDT', x: 'ETHUSDT' },
          { y: 'ADAUSDT', x: 'XRPUSDT', window: 2 },
          'BTCUSDT/ETHUSDT',
        ],
      }),
    );
    assert.deepEqual(settings.pairs, [
      { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 60, hedge: 'ols' },
      { y: 'SOLUSDT', x: 'BNBUSDT', timeframe: '5m', window: 30, hedge: 'kalman' },
    ]);
    assert.equal(problems.length, 5);
    assert.ok(problems.some((p) => /appears twice/.test(p)));
    assert.ok(problems.some((p) => /same symbol/.test(p)));
  });
});

describe('settingsModel.parseSettings alertRules', () => {
  it('reads rules in the engine vocabulary without asking for a migration', () => {
    const { settings, problems } = parseSettings(from({ alertRules: [{ id: 'r1', metric: 'z', operator: '|x|>', threshold: 2, rearm: 1.5 }] }));
    assert.deepEqual(problems, []);
    assert.equal(settings.alertRulesNeedMigration, false);
    assert.deepEqual(settings.alertRules, [{ id: 'r1', pair: '*', metric: 'z', operator: '|x|>', threshold: 2, rearm: 1.5, cooldownMs: 60000, enabled: true, severity: 'warning' }]);
  });

  it('flags old-vocabulary rules for the one-time migration, and drops bad ones with a reason', () => {
    const { settings, problems } = parseSettings(
      from({ alertRules: [{ id: 'old', metric: 'z', op: 'absAbove', threshold: 2 }, { id: 'bad', metric: 'z', op: 'sideways', threshold: 2 }] }),
    );
    assert.equal(settings.alertRulesNeedMigration, true);
    assert.deepEqual(settings.alertRules.map((r) => [r.id, r.operator, r.rearm]), [['old', '|x|>', 1.75]]);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /"bad".*op must be one of above, below, absAbove/);
  });
});

describe('settingsModel: per-symbol data-source labels (quantPairs.dataSourceLabels)', () => {
  it('keeps symbol → label entries (symbols upper-cased, labels trimmed and capped) and reports the others', () => {
    const candles = 'REPLAY candles 1m 2026-02-01…02-28 (rebased), history only — no live trades';
    const { settings, problems } = parseSettings(
      from({ dataSourceLabel: 'REPLAY 2024-07-18 recording', dataSourceLabels: { linkusdt: ` ${candles} `, NEARUSDT: candles, 'not a symbol': 'x', DOTUSDT: 7, FILUSDT: 'y'.repeat(300) } }),
    );
    assert.equal(settings.dataSourceLabel, 'REPLAY 2024-07-18 recording');
    assert.deepEqual(settings.dataSourceLabels, { LINKUSDT: candles, NEARUSDT: candles, FILUSDT: 'y'.repeat(120) });
    assert.equal(problems.length, 2);
    assert.ok(problems.every((p) => p.startsWith('quantPairs.dataSourceLabels:')), problems.join('\n'));
  });

  it('a value that is not an object is reported and ignored', () => {
    const { settings, problems } = parseSettings(from({ dataSourceLabels: ['LINKUSDT'] }));
    assert.deepEqual(settings.dataSourceLabels, {});
    assert.equal(problems.length, 1);
  });
});

describe('settingsModel.pairToSetting (a pair keeps following the defaults it did not override)', () => {
  const defaults = { timeframe: '1m' as const, window: 100, hedge: 'ols' as const };
  const pair = { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m' as const, window: 100, hedge: 'ols' as const };

  it('a new pair at the defaults is written as y and x only', () => {
    assert.deepEqual(pairToSetting(pair, defaults), { y: 'BTCUSDT', x: 'ETHUSDT' });
  });

  it('a parameter that differs from the default is the pair\'s own', () => {
    assert.deepEqual(pairToSetting({ ...pair, hedge: 'kalman', window: 60 }, defaults), { y: 'BTCUSDT', x: 'ETHUSDT', window: 60, regression: 'kalman' });
  });

  it('an override the entry already had stays, even at the default value', () => {
    assert.deepEqual(pairToSetting(pair, defaults, { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m' }), { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m' });
  });

  it('round trip: a written entry parsed under new defaults follows them', () => {
    const entry = pairToSetting(pair, defaults);
    const { settings } = parseSettings((k) => ({ pairs: [entry], window: 250, regression: 'huber' } as Record<string, unknown>)[k]);
    assert.deepEqual(settings.pairs[0], { ...pair, window: 250, hedge: 'huber' });
  });
});
