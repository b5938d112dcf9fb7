// Scenario 16: Scan for Pairs from the palette against the local exchange serving a small synthetic kline
// universe (12 perpetuals, 2 planted cointegrated pairs, hourly): the progress notification, the Pair
// Scanner panel listing a passing pair that was planted, its table sorting, and "Add to desk" putting that
// pair on the desk with the scan's direction and 1h interval (the tree shows it); Save CSV writes the results
// with a parameters header; after Reload Window the panel comes back with the scan and its sort.
import assert from 'assert';
import fs from 'fs';
import path from 'path';
import { waitFor } from '../../scripts/host/wait';
import { syntheticUniverse } from '../../tools/local-exchange/syntheticUniverse';
import { artifactDir } from './harness/artifacts';
import { useSession } from './harness/useSession';
import { answerQuickInput, expandTreeRow, notifications, openViewContainer, runCommand, treeRows, webviewFrame } from './harness/workbench';
import { FAST_PAIR_SETTINGS } from './settings';

const universe = syntheticUniverse({ symbols: 12, bars: 1100, plantedPairs: 2, seed: 11, halfLifeRange: [1.5, 4] });
const plantedKeys = new Set(universe.planted.map((p) => [p.y, p.x].sort().join('/')));

describe('Scenario 16: Scan for Pairs and the Pair Scanner panel', function () {
  const session = useSession({ exchange: { klineMounts: [universe] }, settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.window': 50 } });

  it('scans the top perpetuals (1h, 1000 bars), lists a planted pair as passing, and adds it to the desk at 1h', async function () {
    this.timeout(240_000);
    const s = session();
    await s.waitForActivation();
    await runCommand(s.page, 'Quant Pairs: Scan for Pairs');
    await answerQuickInput(s.page, /universe/i, 'Top N');
    await answerQuickInput(s.page, /top perpetuals/i, '50');
    await answerQuickInput(s.page, /interval/i, '1h');
    await answerQuickInput(s.page, /lookback/i, '1000');

    const frame = await webviewFrame(s.page, '#qp-scanner[data-qp-state="ready"]', 150_000);
    const passing = Number(await frame.locator('#qp-scanner').getAttribute('data-passing'));
    const symbols = await frame.locator('[data-metric="symbols"] span:last-child').textContent();
    assert.match(symbols ?? '', /^12 \(\d+ excluded\)$/, `symbols metric "${symbols}"`);
    assert.ok(passing >= 1, `no passing pair (${passing})`);
    const rule = (await frame.locator('#qp-scan-rule').textContent()) ?? '';
    assert.match(rule, /q ≤ 0\.05 and oosP ≤ 0\.05 and 1 ≤ halfLife ≤ 250 bars/);
    assert.match(rule, /a screen, not a test/);

    // Sorted by q by default: the first passing row is a planted pair (the scan's y on x).
    const firstPass = frame.locator('#qp-scan-table tbody tr.qp-pass').first();
    const pairId = (await firstPass.getAttribute('data-pair'))!;
    const [y, x] = pairId.split('/');
    assert.ok(plantedKeys.has([y, x].sort().join('/')), `${pairId} passes but was not planted (planted: ${[...plantedKeys].join(', ')})`);
    const cells = await firstPass.locator('td').allTextContents();
    assert.equal(cells[13], 'yes', 'the passes cell (after Add to desk and the 12 columns before it)');
    // Its spread sparkline: a polyline of 2 to 48 points (min and max of up to 24 stretches of the lookback).
    const sparkPoints = await firstPass.locator('td.qp-spark polyline').getAttribute('points');
    const points = (sparkPoints ?? '').trim().split(/\s+/).filter(Boolean).length;
    assert.ok(points >= 2 && points <= 48, `the sparkline of ${pairId} has ${points} points`);

    // The heatmap drew a cell per symbol pair.
    await waitFor('the heatmap cells', async () => (await frame.locator('#qp-scan-heatmap .apexcharts-heatmap-rect').count()) === 144, { timeoutMs: 20_000 });

    // Sorting: a click on "half-life" sorts ascending, a second descending.
    const header = frame.locator('#qp-scan-table th[data-column="halfLife"]');
    await header.click();
    await waitFor('half-life sorted ascending', async () => (await header.textContent())?.includes('▲') ?? false, { timeoutMs: 5_000 });
    const halfLives = (await frame.locator('#qp-scan-table tbody td[data-column="halfLife"]').allTextContents()).filter((t) => t !== '–').map(Number);
    assert.deepEqual(halfLives, [...halfLives].sort((a, b) => a - b));

    const shot = path.join(artifactDir('16-scanner'), 'scanner-panel.png');
    await s.page.screenshot({ path: shot });
    console.log(`      screenshot: ${shot}`);

    // Add to desk: the scan's direction and interval.
    await frame.locator(`#qp-scan-table tbody tr[data-pair="${pairId}"] .qp-add`).click();
    await openViewContainer(s.page, 'Quant Pairs');
    const label = `${y} / ${x}`;
    await waitFor(`the tree row ${label}`, async () => (await treeRows(s.page)).some((r) => r.startsWith(label)), { timeoutMs: 60_000 });
    await expandTreeRow(s.page, label);
    const config = await waitFor('the pair row to show 1h bars', async () => (await treeRows(s.page)).find((r) => /1h bars · window 50/.test(r)), { timeoutMs: 30_000 });
    assert.ok(config);
    await waitFor('the panel to mark the row as on the desk', async () => (await frame.locator(`#qp-scan-table tbody tr[data-pair="${pairId}"] .qp-add`).textContent()) === 'On the desk', { timeoutMs: 30_000 });

    // A click on a q ≤ 0.001 heatmap cell filters the table to that (planted) pair; clearing the filter shows all again.
    const strongCell = await waitFor('a q ≤ 0.001 cell', async () => {
      const cells = frame.locator('#qp-scan-heatmap .apexcharts-heatmap-rect');
      const n = await cells.count();
      for (let i = 0; i < n; i++) if (Number(await cells.nth(i).getAttribute('val')) >= 3) return cells.nth(i);
      return undefined;
    });
    await strongCell.click();
    const filtered = await waitFor('the table filtered to one pair', async () => {
      const pairs = await frame.locator('#qp-scan-table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.pair ?? ''));
      return pairs.length === 1 ? pairs[0] : undefined;
    }, { timeoutMs: 10_000 });
    assert.ok(plantedKeys.has(filtered.split('/').sort().join('/')), `the clicked cell ${filtered} is a planted pair`);
    await frame.locator('#qp-scan-filter').fill('');
    await waitFor('all rows back', async () => (await frame.locator('#qp-scan-table tbody tr').count()) === 66, { timeoutMs: 10_000 });

    const errors = (await notifications(s.page)).filter((n) => n.severity === 'error');
    assert.deepEqual(errors, [], `error notifications: ${errors.map((e) => e.label).join(' | ')}`);
  });

  it('Save CSV writes the results with a parameters header; Reload Window brings the panel back with its scan and sort', async function () {
    this.timeout(180_000);
    const s = session();
    let frame = await webviewFrame(s.page, '#qp-scanner[data-qp-state="ready"]', 30_000);
    await frame.locator('#qp-scan-save').click();
    const dir = path.join(s.workspaceDir, 'quant-pairs');
    const file = await waitFor('the scan CSV in the workspace', () => (fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => /^pair-scan_1h_.*\.csv$/.test(f)) : undefined), { timeoutMs: 30_000 });
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').trim().split('\n');
    assert.match(lines[0], /^# scanned top 50 by 24 h quote volume on http:\/\/127\.0\.0\.1:\d+: 1h klines, lookback 1000 bars, finished .*Z; 2 pass$/);
    assert.match(lines[1], /^# pair scan: 12 symbols, 66 pairs, 66 screened/);
    const columns = lines.find((l) => !l.startsWith('#'))!.split(',');
    assert.deepEqual(columns.slice(0, 3), ['y', 'x', 'corr']);
    const rows = lines.filter((l) => !l.startsWith('#')).slice(1);
    assert.equal(rows.length, 66);
    assert.equal(rows.filter((r) => r.endsWith(',true')).length, 2);

    await s.reload();
    frame = await webviewFrame(s.page, '#qp-scanner[data-qp-state="ready"]', 90_000);
    assert.equal(await frame.locator('#qp-scanner').getAttribute('data-passing'), '2');
    assert.ok((await frame.locator('#qp-scan-table th[data-column="halfLife"]').textContent())?.includes('▲'), 'the half-life sort survived the reload');
    assert.equal(await frame.locator('#qp-scan-table tbody tr').count(), 66);
  });
});
