// Scenario 14: replay is never shown as live. With quantPairs.dataSourceLabel set (as `npm start` sets it
// when it replays the recording), the dashboard badge, the tree's feed rows, the status-bar text, the CSV
// header and its per-bar source column all name the replay; a symbol the replay does not trade (SOLUSDT)
// says "subscribed, no trades for N s" in the tree, and the log says why its pair does not warm up.
// Screenshots of the tree, the dashboard and the status bar in a light and a dark theme go to test-results/.
import assert from 'assert';
import fs from 'fs';
import path from 'path';
import { waitFor } from '../../scripts/host/wait';
import { artifactDir } from './harness/artifacts';
import { useSession } from './harness/useSession';
import { answerQuickInput, clickTreeRowAction, expandTreeRow, extensionStatusItems, openViewContainer, runCommand, treeRows, webviewFrame } from './harness/workbench';
import { FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

const REPLAY = 'REPLAY 2024-07-18 recording';
const SILENT_LABEL = 'SOLUSDT / BTCUSDT';

function csvFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv')).map((f) => path.join(dir, f));
}

describe('Scenario 14: replay is never shown as live', function () {
  const session = useSession({
    settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.dataSourceLabel': REPLAY, 'workbench.colorTheme': 'Default Light Modern' },
    workspaceFiles: {
      '.vscode/settings.json': JSON.stringify({ 'quantPairs.pairs': [{ y: 'BTCUSDT', x: 'ETHUSDT' }, { y: 'SOLUSDT', x: 'BTCUSDT' }] }, null, 2),
    },
  });

  it('the tree, the status bar, the dashboard and the CSV say REPLAY; SOLUSDT says it has no trades', async function () {
    const s = session();
    await s.page.setViewportSize({ width: 1400, height: 900 });
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor(`the tree row ${PAIR_LABEL} with z`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL) && /z [+-]?\d/.test(r)), { timeoutMs: 120_000 });

    // The pair whose leg the replay never trades says so, on its row and on its feed row.
    const silentRow = await waitFor(
      `${SILENT_LABEL} to say SOLUSDT has no trades`,
      async () => (await treeRows(s.page)).find((r) => r.startsWith(SILENT_LABEL) && /SOLUSDT subscribed, no trades for \d+ s/.test(r)),
      { timeoutMs: 60_000 },
    );
    assert.match(silentRow, /needs \d+ more bars/);
    await expandTreeRow(s.page, SILENT_LABEL);
    await waitFor('the Feed SOLUSDT row to say no trades', async () => (await treeRows(s.page)).some((r) => r.startsWith('Feed SOLUSDT') && r.includes('subscribed, no trades for') && r.includes(REPLAY)), {
      timeoutMs: 20_000,
    });
    await waitFor('the log to say why the pair does not warm up', async () => /SOLUSDT: subscribed on .*no trade at all in the \d+ s since it was subscribed; SOLUSDT\/BTCUSDT cannot warm up until SOLUSDT trades/.test(s.extensionOutput()) || undefined, {
      timeoutMs: 30_000,
    });

    // Collapse the silent pair so the other pair's rows fit the (virtualised) tree, then expand that one.
    const silent = s.page.locator('.sidebar .customview-tree .monaco-list-row', { hasText: SILENT_LABEL }).first();
    if ((await silent.getAttribute('aria-expanded')) === 'true') await silent.locator('.monaco-tl-twistie').click();
    await expandTreeRow(s.page, PAIR_LABEL);
    const rows = await waitFor('the feed rows of BTCUSDT / ETHUSDT', async () => {
      const now = await treeRows(s.page);
      return now.some((r) => r.startsWith('Feed ETHUSDT')) ? now : undefined;
    }, { timeoutMs: 20_000 });
    const feedRows = rows.filter((r) => /^Feed (BTCUSDT|ETHUSDT)/.test(r));
    assert.ok(feedRows.length >= 2, `feed rows: ${rows.join(' | ')}`);
    for (const r of feedRows) if (!r.includes('no trades')) assert.strictEqual(r.replace(/^Feed \w+\s*/, ''), REPLAY, `a feed row says: ${r}`);
    assert.ok(!rows.some((r) => /^Feed .*\blive\b/.test(r)), `a feed row says live: ${rows.join(' | ')}`);

    const items = await extensionStatusItems(s.page, s.extensionId);
    assert.ok(items.some((i) => i.text.includes(REPLAY)), `status bar: ${JSON.stringify(items.map((i) => i.text))}`);

    await clickTreeRowAction(s.page, PAIR_LABEL, 'Open Dashboard');
    const frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"][data-pair="BTCUSDT/ETHUSDT"]', 60_000);
    await waitFor('the dashboard badge to name the replay', async () => ((await frame.locator('#qp-status').textContent()) ?? '').trim() === REPLAY, { timeoutMs: 60_000 });
    const source = ((await frame.locator('[data-metric="source"]').textContent()) ?? '').trim();
    assert.ok(source.includes(REPLAY) && !/\blive\b/.test(source), `dashboard data: ${source}`);

    await runCommand(s.page, 'Quant Pairs: Save CSV');
    await answerQuickInput(s.page, /Which pair/i, 'BTCUSDT/ETHUSDT');
    const [file] = await waitFor('a CSV file in the workspace', () => {
      const files = csvFiles(s.workspaceDir);
      return files.length && fs.statSync(files[0]).size > 0 ? files : undefined;
    }, { timeoutMs: 30_000 });
    const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
    const dataSource = lines.find((l) => l.startsWith('# data_source,')) ?? '';
    assert.ok(dataSource.includes(REPLAY), dataSource);
    const body = lines.filter((l) => !l.startsWith('#'));
    const col = body[0].split(',').indexOf('source');
    const sources = new Set(body.slice(1).map((l) => l.split(',')[col]));
    assert.ok(sources.size > 0 && [...sources].every((v) => v === 'replay' || v === 'replay-history'), `source column: ${[...sources].join(', ')}`);

    // Screenshots, light then dark (the theme set in the workspace applies at once).
    const dir = artifactDir('issue-11');
    await runCommand(s.page, 'Notifications: Clear All Notifications');
    await s.page.mouse.move(0, 0);
    await s.page.waitForTimeout(1500);
    await s.page.screenshot({ path: path.join(dir, 'replay-light.png') });
    const settingsFile = path.join(s.workspaceDir, '.vscode', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'workbench.colorTheme': 'Default Dark Modern' }, null, 2));
    await waitFor('the dark theme', async () => {
      const bg = await s.page.evaluate(() => getComputedStyle(document.querySelector('.monaco-workbench')!).backgroundColor);
      const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.3 || undefined;
    }, { timeoutMs: 20_000 });
    await s.page.waitForTimeout(2000);
    await s.page.screenshot({ path: path.join(dir, 'replay-dark.png') });
    console.log(`      screenshots in ${dir}`);
  });
});
