import { strict as assert } from 'assert';
import type { PairView } from '../../src/shared/model';
import { pairRow, ruleRow, stationarityVerdict, statusBarModel } from '../../src/extension/viewModels';

function pair(over: Partial<PairView> = {}): PairView {
  return {
    id: 'BTCUSDT/ETHUSDT',
    config: { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 100, hedge: 'ols' },
    status: 'live',
    barsNeeded: 0,
    last: { time: 0, y: 64000, x: 3400, beta: 18.5, alpha: 1100, spread: 12.5, spreadMean: 2, spreadStd: 5, z: 2.1, corrReturns: 0.91, corrPrices: 0.97 },
    lastYPrice: 64000.5,
    lastXPrice: 3400.25,
    legStates: { BTCUSDT: { kind: 'live', url: 'wss://x/market' }, ETHUSDT: { kind: 'live', url: 'wss://x/market' } },
    source: 'live',
    ...over,
  };
}

describe('viewModels.pairRow', () => {
  it('shows "Y / X", signed z and β, a live icon', () => {
    const row = pairRow(pair());
    assert.equal(row.label, 'BTCUSDT / ETHUSDT');
    assert.equal(row.description, 'z +2.10  β 18.500');
    assert.deepEqual(row.icon, { id: 'pulse', color: 'testing.iconPassed' });
    assert.equal(row.contextValue, 'pair.live');
  });

  it('an imported pair beside the live one of the same symbols says so in its label, tooltip and feed rows', () => {
    const row = pairRow(pair({ id: 'BTCUSDT/ETHUSDT (imported)', source: 'imported', sourceLabel: 'btcusdt_20240718.gz + ethusdt_20240718.gz' }));
    assert.equal(row.label, 'BTCUSDT / ETHUSDT (imported)');
    assert.equal(row.key, 'BTCUSDT/ETHUSDT (imported)');
    assert.match(row.tooltip!, /^BTCUSDT \/ ETHUSDT \(imported\): imported/);
    assert.equal(row.children.find((c) => c.label === 'Feed BTCUSDT')!.description, 'imported: btcusdt_20240718.gz + ethusdt_20240718.gz');
    assert.equal(pairRow(pair()).label, 'BTCUSDT / ETHUSDT');
  });

  it('prefers the live preview z and shows a negative sign', () => {
    assert.equal(pairRow(pair({ previewZ: -1.234 })).description, 'z -1.23  β 18.500');
  });

  it('says how many bars a warming pair still needs', () => {
    const row = pairRow(pair({ status: 'warming', barsNeeded: 42, last: undefined }));
    assert.equal(row.description, 'needs 42 more bars');
    assert.equal(row.icon?.id, 'loading~spin');
    assert.equal(row.tooltip, 'BTCUSDT / ETHUSDT: warming up: needs 42 more bars');
  });

  it('marks stale / reconnecting, alert and error with their own icon and colour', () => {
    const stale = pairRow(
      pair({ status: 'stale', legStates: { BTCUSDT: { kind: 'reconnecting', url: 'u', attempt: 3, nextAttemptAt: 0, reason: 'closed 1006' }, ETHUSDT: { kind: 'live', url: 'u' } } }),
    );
    assert.deepEqual(stale.icon, { id: 'debug-disconnect', color: 'list.warningForeground' });
    assert.match(stale.tooltip!, /reconnecting \(attempt 3\): closed 1006/);
    const feedRow = stale.children.find((c) => c.label === 'Feed BTCUSDT')!;
    assert.equal(feedRow.description, 'reconnecting (attempt 3): closed 1006');
    assert.deepEqual(pairRow(pair({ status: 'alert', activeAlert: { ruleId: 'r', severity: 'error', message: '|z| > 2' } })).icon, {
      id: 'bell-dot',
      color: 'list.errorForeground',
    });
    assert.deepEqual(pairRow(pair({ status: 'error', error: 'boom' })).icon, { id: 'error', color: 'errorForeground' });
  });

  it('lists the statistics as child rows', () => {
    const row = pairRow(
      pair({
        tests: {
          adf: { statistic: -3.5, pValue: 0.0081, usedLag: 1, nobs: 98, critical: { '1%': -3.5, '5%': -2.89, '10%': -2.58 } },
          eg: { statistic: -3.1, pValue: 0.092, usedLag: 0, critical: null },
          halfLifeBars: 7.25,
          notes: [],
          computedAt: 0,
        },
      }),
    );
    const byLabel = new Map(row.children.map((c) => [c.label, c.description]));
    assert.equal(byLabel.get('Prices'), 'BTCUSDT 64000.50 · ETHUSDT 3400.25');
    assert.equal(byLabel.get('Spread'), '12.5000 (mean 2.0000, σ 5.0000)');
    assert.equal(byLabel.get('Correlation'), 'returns 0.910 · prices 0.970');
    assert.equal(byLabel.get('ADF / EG'), 'ADF p 0.0081 (stationary at 1%) · EG p 0.0920 / — (cointegrated at 10%)');
    assert.equal(byLabel.get('Half-life'), '7.3 bars');
    assert.equal(byLabel.get('Parameters'), '1m bars · window 100 · ols');
  });
});

describe('viewModels: Engle-Granger both ways and warnings in the tree', () => {
  const tests = {
    adf: { statistic: -3.5, pValue: 0.0081, usedLag: 1, nobs: 40, critical: { '1%': -3.5, '5%': -2.89, '10%': -2.58 } },
    eg: { statistic: -3.9, pValue: 0.031, usedLag: 0, critical: null },
    egReverse: { statistic: -2.4, pValue: 0.344, usedLag: 1, critical: null },
    egWeaker: { ordering: 'x-on-y' as const, pValue: 0.344 },
    halfLifeBars: 7.25,
    warnings: [{ code: 'short-test', statistic: 'Stationarity', value: 40, message: 'stationarity verdict on 40 bars (fewer than 50): not reliable' }],
    notes: [],
    computedAt: 0,
  };
  const row = pairRow(pair({ tests })).children.find((c) => c.label === 'ADF / EG')!;

  it('shows both p-values and the verdict of the weaker ordering (Y on X alone would say cointegrated at 5%)', () => {
    assert.equal(row.description, 'ADF p 0.0081 (stationary at 1%) · EG p 0.0310 / 0.3440 (not cointegrated) · 1 warning');
    assert.deepEqual(row.icon, { id: 'circle-slash', color: 'list.warningForeground' });
  });

  it('puts each ordering, the verdict and the warning in the tooltip', () => {
    const lines = (row.tooltip ?? '').split('\n');
    assert.ok(lines.includes('Engle-Granger Y on X: statistic -3.9000, p 0.0310, lag 0'), row.tooltip);
    assert.ok(lines.includes('Engle-Granger X on Y: statistic -2.4000, p 0.3440, lag 1'), row.tooltip);
    assert.ok(lines.includes('Engle-Granger verdict: not cointegrated (weaker: X on Y)'), row.tooltip);
    assert.ok(lines.includes('⚠ Stationarity: stationarity verdict on 40 bars (fewer than 50): not reliable'), row.tooltip);
  });
});

describe('viewModels: numbers for people', () => {
  it('floating residue of the spread reads as 0 in the tree (was "mean -1.455e-11"); a real small figure stays', () => {
    const last = { time: 0, y: 3000, x: 60, beta: 50, alpha: -1.2e-12, spread: -0.0000004, spreadMean: -1.455e-11, spreadStd: 0.0052, z: 0.1, corrReturns: 0.5, corrPrices: 0.5 };
    const byLabel = new Map(pairRow(pair({ last })).children.map((c) => [c.label, c.description]));
    // Noise floor 3000 × 1e-9 = 3e-6: the mean, α and the 4e-7 spread are residue; σ 0.0052 is a figure.
    assert.equal(byLabel.get('Spread'), '0.0000 (mean 0.0000, σ 0.0052)');
    assert.equal(byLabel.get('Hedge'), 'β 50.0000 · α 0.0000');
    const tooltip = String(statusBarModel(pair({ last })).tooltip);
    assert.ok(tooltip.includes('| α | 0.0000 |') && tooltip.includes('| spread | 0.0000 |'), tooltip);
  });
});

describe('viewModels helpers', () => {
  it('gives verdicts', () => {
    assert.equal(stationarityVerdict(0.2, 'stationary'), 'not stationary');
    assert.equal(stationarityVerdict(0.04, 'stationary'), 'stationary at 5%');
  });

  it('describes rules', () => {
    const r = ruleRow({ id: 'r1', pair: '*', metric: 'z', operator: '|x|>', threshold: 2, rearm: 1.5, severity: 'error', enabled: false, cooldownMs: 60000 });
    assert.equal(r.label, '|z| > 2 on every pair');
    assert.equal(r.description, 'error · disabled');
    assert.equal(r.contextValue, 'alertRule.disabled');
    assert.match(r.tooltip!, /live and on bar close; re-arms at \|z\| < 1\.5; cooldown 60 s/);
    const p = ruleRow({ id: 'p', pair: 'BTCUSDT/ETHUSDT', metric: 'egPValue', operator: '<', threshold: 0.05, rearm: 0.1, severity: 'warning', enabled: true, cooldownMs: 0 });
    assert.equal(p.label, 'egPValue < 0.05 on BTCUSDT/ETHUSDT');
    assert.match(p.tooltip!, /on bar close \(the tests run then\); re-arms at egPValue > 0\.1/);
  });

  it('shows a timed mute on the rule until it ends, then the rule as before', () => {
    const until = Date.UTC(2026, 11, 1, 14, 45);
    const rule = { id: 'm', pair: '*', metric: 'z' as const, operator: '|x|>' as const, threshold: 2, rearm: 1.5, severity: 'warning' as const, enabled: true, cooldownMs: 0, mutedUntil: until };
    const muted = ruleRow(rule, until - 1);
    assert.equal(muted.description, 'warning · muted until 14:45 UTC');
    assert.equal(muted.contextValue, 'alertRule.muted');
    assert.match(muted.tooltip!, /muted until 2026-12-01 14:45 UTC \(ends by itself\)/);
    const after = ruleRow(rule, until);
    assert.equal(after.description, 'warning');
    assert.equal(after.contextValue, 'alertRule.enabled');
  });
});

describe('viewModels.statusBarModel', () => {
  it('is neutral without an alert, coloured while one is active', () => {
    assert.equal(statusBarModel(pair()).background, undefined);
    assert.equal(statusBarModel(pair()).text, '$(graph-line) BTCUSDT/ETHUSDT z +2.10');
    assert.equal(statusBarModel(pair({ status: 'alert', activeAlert: { ruleId: 'r', severity: 'warning', message: 'm' } })).background, 'statusBarItem.warningBackground');
    assert.equal(statusBarModel(pair({ status: 'alert', activeAlert: { ruleId: 'r', severity: 'error', message: 'm' } })).background, 'statusBarItem.errorBackground');
    assert.match(statusBarModel(pair()).tooltip, /\| β \| 18\.5000 \|/);
    assert.equal(statusBarModel(undefined).text, '$(graph-line) Quant Pairs');
  });
});

describe('viewModels: a feed error (e.g. HTTP 451) on the pair row and the status bar', () => {
  const message = 'Binance futures is not available from this network (HTTP 451: restricted location)';
  const refused = pair({
    status: 'error',
    legStates: {
      BTCUSDT: { kind: 'error', message, code: 'RESTRICTED_LOCATION' },
      ETHUSDT: { kind: 'error', message, code: 'RESTRICTED_LOCATION' },
    },
  });

  it('the tooltip and the Feed rows give the feed error, not a generic "feed error"', () => {
    const row = pairRow(refused);
    assert.equal(row.tooltip, `BTCUSDT / ETHUSDT: error: ${message}`);
    assert.deepEqual(
      row.children.filter((c) => c.label.startsWith('Feed ')).map((c) => [c.description, c.icon?.id]),
      [
        [`error: ${message}`, 'error'],
        [`error: ${message}`, 'error'],
      ],
    );
  });

  it('the status bar shows an error icon and the message in its tooltip', () => {
    const model = statusBarModel(refused);
    assert.equal(model.text, '$(error) BTCUSDT/ETHUSDT z +2.10');
    assert.ok(model.tooltip.startsWith(`**BTCUSDT / ETHUSDT** — error: ${message}`), model.tooltip);
  });

  it('a warming pair whose feed is retrying (HTTP 403) says why in the tooltip', () => {
    const reason = "Binance futures is not available from this network (HTTP 403: refused by Binance's firewall)";
    const retrying = pair({ status: 'warming', barsNeeded: 3, legStates: { BTCUSDT: { kind: 'reconnecting', url: 'u', attempt: 1, nextAttemptAt: 0, reason }, ETHUSDT: { kind: 'live', url: 'u' } } });
    assert.equal(pairRow(retrying).tooltip, `BTCUSDT / ETHUSDT: warming up: needs 3 more bars; feed reconnecting (attempt 1): ${reason}`);
    assert.ok(statusBarModel(retrying).tooltip.includes(reason));
  });

  it("a pair's own error (warm start) still comes first", () => {
    assert.equal(pairRow(pair({ ...refused, error: 'Warm start failed' })).tooltip, 'BTCUSDT / ETHUSDT: error: Warm start failed');
  });
});

describe('viewModels: a labelled feed (a replay) is never shown as live', () => {
  const REPLAY = 'REPLAY 2024-07-18 recording';
  it('the status bar text, the feed rows and the history row name the replay', () => {
    const replay = pair({ sourceLabel: REPLAY, liveFrom: Date.UTC(2024, 6, 18, 10, 0), lastTradeTime: Date.UTC(2024, 6, 18, 10, 0, 3) });
    assert.equal(statusBarModel(replay).text, `$(graph-line) BTCUSDT/ETHUSDT z +2.10 · ${REPLAY}`);
    const rows = pairRow(replay).children;
    const feed = rows.find((r) => r.label === 'Feed BTCUSDT')!;
    assert.equal(feed.description, REPLAY);
    assert.equal(rows.find((r) => r.label === 'History')!.description, `REST history before 2024-07-18 10:00:00 UTC, ${REPLAY} after`);
    assert.equal(pairRow(replay).tooltip, `BTCUSDT / ETHUSDT: ${REPLAY}`);
    for (const r of [statusBarModel(replay).text, ...rows.map((r) => r.description ?? '')]) assert.doesNotMatch(r, /\blive\b/);
  });

  it('a candle pair (history only) names the candles on every row and says no trade followed its history', () => {
    const CANDLES = 'REPLAY candles 1m 2026-02-01…02-28 (rebased), history only — no live trades';
    const candles = pair({ config: { y: 'LINKUSDT', x: 'NEARUSDT', timeframe: '1m', window: 500, hedge: 'ols' }, id: 'LINKUSDT/NEARUSDT', sourceLabel: CANDLES, liveFrom: Date.UTC(2026, 11, 1, 13, 40),
      legStates: { LINKUSDT: { kind: 'live', url: 'u' }, NEARUSDT: { kind: 'live', url: 'u' } }, silentLegs: { LINKUSDT: 65_000, NEARUSDT: 65_000 }, lastYPrice: undefined, lastXPrice: undefined });
    const row = pairRow(candles);
    assert.equal(row.description, 'z +2.10  β 18.500', 'warm from history: z and β, not "needs N more bars"');
    assert.equal(row.children.find((r) => r.label === 'History')!.description, `REST history up to 2026-12-01 13:40:00 UTC (${CANDLES}), no trades since`);
    assert.equal(row.children.find((r) => r.label === 'Feed LINKUSDT')!.description, `subscribed, no trades for 65 s (${CANDLES})`);
    assert.equal(statusBarModel(candles).text, `$(graph-line) LINKUSDT/NEARUSDT z +2.10 · ${CANDLES}`);
    assert.equal(row.tooltip, `LINKUSDT / NEARUSDT: ${CANDLES}`);
  });

  it('without a label the feed is "live" (control)', () => {
    assert.equal(pairRow(pair()).children.find((r) => r.label === 'Feed BTCUSDT')!.description, 'live');
    assert.equal(statusBarModel(pair()).text, '$(graph-line) BTCUSDT/ETHUSDT z +2.10');
  });

  it('a leg without trades says "subscribed, no trades for N s" on its feed row, the pair row and the tooltip', () => {
    const silent = pair({ config: { y: 'SOLUSDT', x: 'BTCUSDT', timeframe: '1m', window: 100, hedge: 'ols' }, id: 'SOLUSDT/BTCUSDT', status: 'warming', barsNeeded: 100, sourceLabel: REPLAY,
      legStates: { SOLUSDT: { kind: 'live', url: 'u' }, BTCUSDT: { kind: 'live', url: 'u' } }, silentLegs: { SOLUSDT: 42_400 } });
    const row = pairRow(silent);
    assert.equal(row.description, 'needs 100 more bars · SOLUSDT subscribed, no trades for 42 s');
    assert.equal(row.children.find((r) => r.label === 'Feed SOLUSDT')!.description, `subscribed, no trades for 42 s (${REPLAY})`);
    assert.equal(row.children.find((r) => r.label === 'Feed BTCUSDT')!.description, REPLAY);
    assert.match(row.tooltip!, /warming up: needs 100 more bars; SOLUSDT subscribed, no trades for 42 s/);
  });
});
