// Scenario 18: deeper statistics that say when not to trust them, and a backtest run from the dashboard.
// In the real host on the replayed recording (1 s bars, window 30): after Run tests the dashboard's statistics
// table shows Engle-Granger in both orderings with the weaker (larger) p as the verdict, the OU fit, Hurst and
// the variance ratio, a warnings line (a verdict on 30 < 50 bars) and the rolling p chart; the tree's ADF/EG row
// shows both p-values.
// The backtest form runs with parameters changed in the dashboard (entry 1, exit 0, fee 5 bp, dollar sizing): the
// summary has money in USDT and non-zero fees, the trade table one row per trade, the entry × exit Sharpe heatmap
// its trade counts. Screenshots in test-results/.
import assert from 'assert';
import fs from 'fs';
import path from 'path';
import type { Frame } from 'playwright-core';
import { waitFor } from '../../scripts/host/wait';
import { artifactDir } from './harness/artifacts';
import { chartTextContrast, setColorTheme } from './harness/theme';
import { useSession } from './harness/useSession';
import { expandTreeRow, notifications, openViewContainer, runCommand, treeRows, webviewFrame } from './harness/workbench';
import { DEMO_PAIR, FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

async function statsByKey(frame: Frame, table: string): Promise<Map<string, string>> {
  const rows = await frame
    .locator(`${table} tr[data-stat]`)
    .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-stat') ?? '', (tr.querySelector('td')?.textContent ?? '').trim()] as [string, string]));
  return new Map(rows);
}

const P_VALUE = /^(\d+(\.\d+)?(e-\d+)?)$/;

describe('Scenario 18: deeper statistics and the dashboard backtest', function () {
  const session = useSession({ settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR] } });
  const dir = artifactDir('Scenario 18 deeper stats');
  let frame: Frame;

  it('shows Engle-Granger both ways with the weaker verdict, OU / Hurst / VR, and a warning beside them', async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor(`the tree row ${PAIR_LABEL} with z`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL) && /z [+-]?\d/.test(r)), { timeoutMs: 120_000 });
    await runCommand(s.page, 'Quant Pairs: Open Dashboard');
    frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 60_000);
    await waitFor('the dashboard to show the pair live (window filled)', async () => (await frame.locator('#qp-status').getAttribute('data-status')) === 'live', { timeoutMs: 120_000 });
    // The rolling p needs two of its windows: one test every window/5 = 6 bars, so window + 12 bars at least (the
    // replay joins the recording at a random point: right after its start the REST tail holds only ~30 bars).
    await waitFor('window + 2 steps of bars for the rolling p', async () => Number(await frame.locator('#qp-root').getAttribute('data-bars')) >= 42, { timeoutMs: 60_000 });
    await frame.locator('#qp-btn-tests').click();

    const stats = await waitFor(
      'both Engle-Granger p-values in the statistics table',
      async () => {
        const byKey = await statsByKey(frame, '#qp-stats-table');
        const both = (byKey.get('eg-p-orderings') ?? '').split(' / ');
        return both.length === 2 && both.every((p) => P_VALUE.test(p)) ? byKey : undefined;
      },
      { timeoutMs: 30_000 },
    );
    const [yOnX, xOnY] = stats.get('eg-p-orderings')!.split(' / ').map(Number);
    for (const p of [yOnX, xOnY]) assert.ok(p >= 0 && p <= 1, `p out of [0, 1]: ${stats.get('eg-p-orderings')}`);
    // The verdict is the weaker ordering's: the larger p (as displayed, 4 decimals).
    assert.strictEqual(Number(stats.get('eg-p')), Math.max(yOnX, xOnY), `eg-p ${stats.get('eg-p')} vs ${stats.get('eg-p-orderings')}`);
    assert.match(stats.get('eg-verdict') ?? '', /cointegrated.*\(weaker: (Y on X|X on Y)\)/);
    for (const key of ['ou', 'ou-half-life', 'hurst', 'variance-ratio']) assert.ok(stats.has(key), `no ${key} row`);
    assert.match(stats.get('hurst') ?? '', /^-?\d+\.\d{3}$|^—$/, `hurst: ${stats.get('hurst')}`);
    assert.match(stats.get('variance-ratio') ?? '', /^\d+\.\d{3} \/ /, `variance ratio: ${stats.get('variance-ratio')}`);

    // The warning beside the numbers: a stationarity verdict on the 30-bar window (fewer than 50 bars).
    const warnings = await frame.locator('#qp-stats-warnings li').allTextContents();
    assert.ok(warnings.some((w) => /Stationarity: .*30 bars.*fewer than 50/.test(w)), `warnings: ${JSON.stringify(warnings)}`);

    // The rolling Engle-Granger p (both orderings) drawn above the statistics.
    await waitFor('the rolling p chart', async () => (await frame.locator('#qp-rolling:not([hidden]) #chart-rolling-p path.apexcharts-line').count()) >= 2, { timeoutMs: 20_000 });

    // The tree's ADF / EG row: both orderings' p and the warning count.
    await expandTreeRow(s.page, PAIR_LABEL);
    const egRow = await waitFor('the tree ADF / EG row with both p-values', async () => (await treeRows(s.page)).find((r) => /^ADF \/ EG .*EG p \S+ \/ \S+ \(/.test(r)), { timeoutMs: 20_000 });
    assert.match(egRow, /warning/, `tree row: ${egRow}`);
    await frame.locator('#qp-stats').scrollIntoViewIfNeeded();
    await s.page.screenshot({ path: path.join(dir, 'deeper-stats.png') });
    console.log(`      tree: ${egRow}`);
    console.log(`      statistics: EG p ${stats.get('eg-p-orderings')} -> ${stats.get('eg-verdict')}; OU ${stats.get('ou')}; Hurst ${stats.get('hurst')}; VR ${stats.get('variance-ratio')}`);
  });

  it('runs the backtest with parameters changed in the dashboard: summary in USDT with fees, one table row per trade', async function () {
    const s = session();
    await frame.locator('#qp-backtest').scrollIntoViewIfNeeded();
    await frame.locator('#qp-bt-entry').fill('1');
    await frame.locator('#qp-bt-exit').fill('0');
    await frame.locator('#qp-bt-feeBp').fill('8');
    await frame.locator('#qp-bt-sizing').selectOption('dollar');
    await frame.locator('#qp-bt-run').click();
    const summary = await waitFor(
      'the backtest summary',
      async () => {
        const byKey = await statsByKey(frame, '#qp-bt-summary');
        return byKey.has('bt-sum-pnl') ? byKey : undefined;
      },
      { timeoutMs: 30_000 },
    );
    // The form shows the parameters the result was computed with: ours, not the settings' entry 2 / exit 0.5.
    assert.strictEqual(await frame.locator('#qp-bt-entry').inputValue(), '1');
    assert.strictEqual(await frame.locator('#qp-bt-exit').inputValue(), '0');
    assert.strictEqual(await frame.locator('#qp-bt-feeBp').inputValue(), '8');
    assert.strictEqual(await frame.locator('#qp-bt-sizing').inputValue(), 'dollar');
    assert.match(summary.get('bt-sum-pnl') ?? '', /^[+-]?\d+\.\d{2} USDT$/, `P&L: ${summary.get('bt-sum-pnl')}`);
    const trades = Number(summary.get('bt-sum-trades'));
    assert.ok(trades > 0, `no trades at entry 1 on the recording: ${JSON.stringify([...summary])}`);
    // 8 bp per leg per fill (the default is 5): the fee parameter reached the engine.
    // By hand: each trade pays 8/10⁴ of ~10 000 USDT on each leg (dollar sizing) at each of its 2 fills = ~32 USDT.
    const fees = Number((summary.get('bt-sum-fees') ?? '').replace(' USDT', ''));
    assert.ok(Math.abs(fees / trades - 32) < 0.32, `fees ${summary.get('bt-sum-fees')} for ${trades} trades (expected ~32 USDT each)`);
    for (const key of ['bt-sum-return', 'bt-sum-sharpe', 'bt-sum-dd', 'bt-sum-hit', 'bt-sum-funding', 'bt-sum-time']) assert.ok(summary.has(key), `no ${key}`);
    const rows = await frame.locator('#qp-bt-trades tr.qp-bt-trade').count();
    assert.strictEqual(rows, Math.min(trades, 200));
    const first = await frame.locator('#qp-bt-trades tr.qp-bt-trade').first().locator('td').allTextContents();
    assert.strictEqual(first.length, 13);
    assert.match(first[2], /^(long|short) spread$/);
    assert.match(first[11], /USDT$/);
    // The entry × exit sweep as a Sharpe heatmap: 5 × 5 cells, the trade count in each cell's tooltip.
    const cells = frame.locator('#qp-bt-heatmap .apexcharts-heatmap-rect');
    await waitFor('the 25 heatmap cells', async () => (await cells.count()) === 25, { timeoutMs: 20_000 });
    await frame.locator('#qp-bt-heatmap').scrollIntoViewIfNeeded();
    await cells.nth(12).hover();
    const tip = await waitFor('the heatmap tooltip', async () => ((await frame.locator('.qp-heatmap-tip').first().textContent().catch(() => '')) ?? '').trim() || undefined, { timeoutMs: 10_000 });
    assert.match(tip, /^entry [\d.]+ × exit [\d.]+: (Sharpe \S+ · \d+ trades?( \(too few to judge: under 10\))? · P&L -?\d+\.\d{2} USDT|not a valid entry × exit)$/, `tooltip: ${tip}`);
    await s.page.screenshot({ path: path.join(dir, 'dashboard-backtest.png') });
    console.log(`      heatmap tooltip: ${tip}`);
    console.log(`      backtest: ${trades} trades, P&L ${summary.get('bt-sum-pnl')}, fees ${summary.get('bt-sum-fees')}, Sharpe ${summary.get('bt-sum-sharpe')}; screenshots in ${dir}`);

    // Save trades as CSV: the same trades, with the parameters the form set, in the workspace.
    await frame.locator('#qp-bt-save').click();
    const exportDir = path.join(s.workspaceDir, 'quant-pairs');
    const csvFile = await waitFor('the backtest CSV in the workspace', () => (fs.existsSync(exportDir) ? fs.readdirSync(exportDir).find((f) => /^BTCUSDT-ETHUSDT_1s_backtest_\d{8}T\d{6}Z\.csv$/.test(f)) : undefined), {
      timeoutMs: 20_000,
    });
    const csv = fs.readFileSync(path.join(exportDir, csvFile), 'utf8').trim().split('\n');
    assert.ok(csv.includes('# entry,1') && csv.includes('# exit,0') && csv.includes('# feeBp,8') && csv.includes('# sizing,dollar'), `parameters header: ${csv.filter((l) => l.startsWith('#')).join(' | ')}`);
    const tradeRows = csv.slice(csv.findIndex((l) => l.startsWith('entry_time_iso,')) + 1);
    assert.strictEqual(tradeRows.length, trades, 'CSV trade rows differ from the summary');

    const errors = (await notifications(s.page)).filter((n) => n.severity === 'error');
    assert.deepStrictEqual(errors, [], `error notifications: ${errors.map((e) => e.label).join(' | ')}`);
  });

  it('the rolling p chart and the sweep heatmap follow a colour theme change at once', async function () {
    const s = session();
    // Both drawn by the tests above; their axis and legend texts are measured against the editor background.
    const readable = (label: string, wantTheme: RegExp) =>
      waitFor(
        `rolling p and heatmap texts readable in ${label} (contrast ≥ 4.5)`,
        async () => {
          const rolling = await chartTextContrast(frame, '#qp-rolling');
          const heatmap = await chartTextContrast(frame, '#qp-bt-heatmap');
          const ok = (c: typeof rolling) => c.counts.yaxis > 0 && c.counts.legend > 0 && c.yaxis >= 4.5 && c.legend >= 4.5 && c.xaxis >= 4.5;
          return wantTheme.test(rolling.theme) && ok(rolling) && ok(heatmap) ? { rolling, heatmap } : undefined;
        },
        { timeoutMs: 8_000, intervalMs: 250 },
      ).catch(async (err) => {
        throw new Error(`${(err as Error).message}; measured: ${JSON.stringify([await chartTextContrast(frame, '#qp-rolling'), await chartTextContrast(frame, '#qp-bt-heatmap')])}`);
      });
    // Dark, then light, then dark: whichever theme the session started in, at least two are real changes.
    setColorTheme(s.workspaceDir, 'Default Dark Modern');
    await readable('Dark', /\bvscode-dark\b/);
    setColorTheme(s.workspaceDir, 'Default Light Modern');
    await readable('Light', /\bvscode-light\b/);
    await s.page.screenshot({ path: path.join(dir, 'deeper-stats-light.png') });
    setColorTheme(s.workspaceDir, 'Default Dark Modern');
    await readable('Dark again', /\bvscode-dark\b/);
    await s.page.screenshot({ path: path.join(dir, 'deeper-stats-dark.png') });
  });
});
