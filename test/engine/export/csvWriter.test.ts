import { strict as assert } from 'assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { alertLogCsv, csvFileName, numberCell, pairCsv, statisticCell, textCell } from '../../../src/engine/export/csvWriter';
import { writeCsvFile } from '../../../src/engine/export/writeCsvFile';
import { EngineError } from '../../../src/engine/errors';
import type { PairBarRow } from '../../../src/shared/model';

const config = { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m' as const, window: 50, hedge: 'ols' as const };
const T0 = Date.UTC(2024, 6, 19, 0, 0, 0);

function row(i: number, withPoint: boolean): PairBarRow {
  return {
    time: T0 + i * 60_000,
    yOpen: 64000,
    yHigh: 64010,
    yLow: 63990,
    yClose: 64005.5,
    yVolume: 12.5,
    xOpen: 3400,
    xHigh: 3401,
    xLow: 3399,
    xClose: 3400.25,
    xVolume: 100,
    history: i === 0,
    point: withPoint
      ? { time: T0 + i * 60_000, y: 64005.5, x: 3400.25, beta: 18.25, alpha: -1.5e-5, spread: 0.75, spreadMean: 0, spreadStd: 0.5, z: 1.5, corrReturns: 0.9, corrPrices: null }
      : undefined,
  };
}

describe('csvWriter', () => {
  it('a replayed feed: the per-bar source says replay / replay-history, never live', () => {
    const source = (replay: boolean) =>
      pairCsv({ config, rows: [row(0, false), row(1, true)], dataSource: 'REPLAY 2024-07-18 recording', replay, generatedAt: T0 })
        .split('\n')
        .filter((l) => /^\d{4}-/.test(l))
        .map((l) => l.split(',')[2]);
    assert.deepEqual(source(true), ['replay-history', 'replay']);
    assert.deepEqual(source(false), ['history', 'live']);
  });

  it('neutralises formula triggers in text cells and quotes separators', () => {
    assert.equal(textCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(textCell('+1'), "'+1");
    assert.equal(textCell('-2'), "'-2");
    assert.equal(textCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(textCell('a,b'), '"a,b"');
    assert.equal(textCell('plain'), 'plain');
  });

  it('writes numbers as numbers (negatives unescaped) and nothing for null / NaN', () => {
    assert.equal(numberCell(-1.5e-5), '-0.000015');
    assert.equal(numberCell(null), '');
    assert.equal(numberCell(NaN), '');
    assert.equal(numberCell(Infinity), '');
  });

  it('writes the shortest decimal at the data\'s precision: prices at their decimals, residue as 0', () => {
    // The bug report's cells: a close of 2043.6290000000013 (prices with 3 decimals) and a spread mean of -9.09e-13.
    const residue: PairBarRow = {
      ...row(1, true),
      yOpen: 2043.62, yHigh: 2043.7, yLow: 2043.5, yClose: 2043.6290000000013, yVolume: 12.345000000000002,
      xOpen: 0.1 + 0.2, xHigh: 0.35, xLow: 0.3, xClose: 0.33, xVolume: 1000,
      point: { time: T0 + 60_000, y: 2043.629, x: 0.33, beta: 18.250000000000004, alpha: -1.5e-5, spread: 0.7500000000000001, spreadMean: -9.09e-13, spreadStd: 0.12345678912345, z: 1.4999999999999998, corrReturns: 0.9, corrPrices: -0.3333333333333333 },
    };
    const lines = pairCsv({ config, rows: [residue], dataSource: 'x', generatedAt: T0 }).split('\n');
    const bar = lines[lines.findIndex((l) => l.startsWith('time_iso,')) + 1];
    // y prices have 3 decimals, x prices 2; α, spread, mean and σ keep 3 + 6 decimals; β, z, corr 10 significant digits.
    assert.equal(bar, '2024-07-19T00:01:00.000Z,1721347260000,live,2043.62,2043.7,2043.5,2043.629,12.345,0.3,0.35,0.3,0.33,1000,18.25,-0.000015,0.75,0,0.123456789,1.5,0.9,-0.3333333333');
  });

  it('a fitted statistic keeps 10 significant digits: an exact β of −2 fitted as −1.99999999993 writes −2 (e2e 17)', () => {
    assert.equal(statisticCell(-1.99999999993), '-2');
    assert.equal(statisticCell(0.99999996), '0.99999996', 'a real correlation near 1 keeps its digits');
    assert.equal(statisticCell(1 / 3), '0.3333333333');
  });

  it('has a parameters header, one line per bar with ISO UTC and epoch ms, and the alert log on request', () => {
    const csv = pairCsv({
      config,
      rows: [row(0, false), row(1, true)],
      dataSource: '=cmd|calc',
      generatedAt: Date.UTC(2024, 6, 19, 0, 5, 0),
      alerts: [{ ruleId: 'r1', pairId: 'BTCUSDT/ETHUSDT', metric: 'z', time: T0 + 60_000, value: -2.5, threshold: 2, severity: 'warning', message: '-z below' }],
    });
    const lines = csv.split('\n');
    assert.equal(lines[0], '# pair,BTCUSDT/ETHUSDT');
    assert.ok(lines.includes('# timeframe,1m'));
    assert.ok(lines.includes('# window,50'));
    assert.ok(lines.includes('# regression,ols'));
    assert.ok(lines.includes("# data_source,'=cmd|calc"));
    assert.ok(lines.includes('# generated_at,2024-07-19T00:05:00.000Z'));
    const header = lines.findIndex((l) => l.startsWith('time_iso,'));
    assert.equal(lines[header + 1], '2024-07-19T00:00:00.000Z,1721347200000,history,64000,64010,63990,64005.5,12.5,3400,3401,3399,3400.25,100,,,,,,,,');
    assert.equal(lines[header + 2], '2024-07-19T00:01:00.000Z,1721347260000,live,64000,64010,63990,64005.5,12.5,3400,3401,3399,3400.25,100,18.25,-0.000015,0.75,0,0.5,1.5,0.9,');
    const alertHeader = lines.indexOf('alert_time_iso,alert_time_ms,pair,rule,severity,value,threshold,message');
    assert.ok(alertHeader > header);
    assert.equal(lines[alertHeader + 1], "2024-07-19T00:01:00.000Z,1721347260000,BTCUSDT/ETHUSDT,r1,warning,-2.5,2,'-z below");
    assert.equal(csvFileName(config, Date.UTC(2024, 6, 19, 0, 5, 0)), 'BTCUSDT-ETHUSDT_1m_20240719T000500Z.csv');
  });

  it('carries the tests in the header: Engle-Granger both orderings and the weaker, OU, Hurst, VR and one # warning line each', () => {
    const tests = {
      adf: { statistic: -3.5, pValue: 0.0081, usedLag: 1, nobs: 40, critical: { '1%': -3.5, '5%': -2.89, '10%': -2.58 } },
      eg: { statistic: -3.9, pValue: 0.031, usedLag: 0, critical: null },
      egReverse: { statistic: -2.4, pValue: 0.344, usedLag: 1, critical: null },
      egWeaker: { ordering: 'x-on-y' as const, pValue: 0.344 },
      halfLifeBars: 7.25,
      ou: { theta: 0.095, mu: -0.125, sigma: 0.5, halfLife: Math.LN2 / 0.095, equilibriumStd: 1.25 },
      hurst: 0.31,
      varianceRatio: { q: 4, ratio: 0.62, pValue: 0.0425 },
      warnings: [
        { code: 'short-test', statistic: 'Stationarity', value: 40, message: 'stationarity verdict on 40 bars (fewer than 50): not reliable' },
        { code: 'beta-unstable', statistic: 'β', value: 26.4, message: 'β ranged over 26.4 standard errors, in the window' },
      ],
      notes: [],
      computedAt: T0,
    };
    const lines = pairCsv({ config, rows: [row(1, true)], dataSource: 'x', generatedAt: T0, tests }).split('\n');
    const header = lines.findIndex((l) => l.startsWith('time_iso,'));
    const head = lines.slice(0, header);
    for (const expected of [
      '# eg_y_on_x_statistic,-3.9',
      '# eg_y_on_x_p,0.031',
      '# eg_x_on_y_statistic,-2.4',
      '# eg_x_on_y_p,0.344',
      '# eg_weaker_ordering,x-on-y',
      '# eg_weaker_p,0.344',
      '# adf_p,0.0081',
      '# half_life_bars,7.25',
      '# ou_theta,0.095',
      '# ou_half_life_bars,7.296286111', // ln 2 / 0.095 = 7.2962861111573…, 10 significant digits
      '# ou_equilibrium_std,1.25',
      '# hurst,0.31',
      '# variance_ratio_q,4',
      '# variance_ratio_p_robust,0.0425',
      '# warning,Stationarity: stationarity verdict on 40 bars (fewer than 50): not reliable',
      '# warning,"β: β ranged over 26.4 standard errors, in the window"',
    ])
      assert.ok(head.includes(expected), `${expected} missing from\n${head.join('\n')}`);
    // Without tests the header says so instead of leaving the reader to guess.
    const bare = pairCsv({ config, rows: [row(1, true)], dataSource: 'x', generatedAt: T0 }).split('\n');
    assert.ok(bare.includes('# tests,not run (Run Tests before saving to include them)'));
    assert.ok(!bare.some((l) => l.startsWith('# warning,')));
  });

  it('writes atomically and reports an unwritable place as WRITE_FAILED without leaving a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qp-csv-'));
    try {
      const target = path.join(dir, 'quant-pairs', 'a.csv');
      await writeCsvFile(target, 'x,y\n1,2\n');
      assert.equal(readFileSync(target, 'utf8'), 'x,y\n1,2\n');
      // A path under a regular file cannot be created, whatever the user's permissions (root included).
      const blocker = path.join(dir, 'blocker');
      writeFileSync(blocker, '');
      await assert.rejects(writeCsvFile(path.join(blocker, 'b.csv'), 'data'), (e: unknown) => e instanceof EngineError && e.code === 'WRITE_FAILED' && /still in memory/.test(e.message));
      assert.equal(existsSync(path.join(blocker, 'b.csv')), false);
      assert.deepEqual(readdirSync(path.join(dir, 'quant-pairs')), ['a.csv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('alertLogCsv', () => {
  it('writes every firing, oldest first, with formula-like text neutralised and numbers kept numeric', () => {
    const firings = [
      { time: Date.UTC(2026, 11, 1, 9, 0, 0), ruleId: 'z2', pairId: 'BTCUSDT/ETHUSDT', metric: 'z' as const, value: -2.5, threshold: 2, severity: 'warning' as const, message: '|z| > 2: z = -2.5' },
      { time: Date.UTC(2026, 11, 1, 9, 5, 0), ruleId: '=HYPERLINK("x")', pairId: 'BTCUSDT/ETHUSDT', metric: 'z' as const, value: 3, threshold: 2, severity: 'error' as const, message: 'a, "quoted" one' },
    ];
    const lines = alertLogCsv(firings, Date.UTC(2026, 11, 1, 10)).trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 4), ['# quant_pairs_alert_log', '# generated_at,2026-12-01T10:00:00.000Z', '# firings,2', 'alert_time_iso,alert_time_ms,pair,rule,severity,value,threshold,message']);
    assert.equal(lines[4], `2026-12-01T09:00:00.000Z,${Date.UTC(2026, 11, 1, 9)},BTCUSDT/ETHUSDT,z2,warning,-2.5,2,|z| > 2: z = -2.5`);
    assert.equal(lines[5], `2026-12-01T09:05:00.000Z,${Date.UTC(2026, 11, 1, 9, 5)},BTCUSDT/ETHUSDT,"'=HYPERLINK(""x"")",error,3,2,"a, ""quoted"" one"`);
    assert.equal(lines.length, 6);
  });
});
