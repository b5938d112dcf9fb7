// Scenario 13: what you set stays set. The workspace holds the pair in .vscode/settings.json (as the
// `npm start` demo and users who write it there do): a regression chosen from the palette stays and is
// written where it is read back; a window set in settings applies at once to the pair that follows the
// default and the open dashboard follows; a backtest survives hiding the tab; pairs added and removed
// stay so across Reload Window, and the restored dashboard shows the pair it showed.
import assert from 'assert';
import fs from 'fs';
import path from 'path';
import type { Frame, Page } from 'playwright-core';
import { waitFor } from '../../scripts/host/wait';
import { artifactDir } from './harness/artifacts';
import { useSession } from './harness/useSession';
import { answerQuickInput, expandTreeRow, openViewContainer, runCommand, treeRows, webviewFrame } from './harness/workbench';
import { FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

const REVERSED_LABEL = 'ETHUSDT / BTCUSDT';
const workspaceSettings = (dir: string) => path.join(dir, '.vscode', 'settings.json');
const readWorkspaceSettings = (dir: string) => JSON.parse(fs.readFileSync(workspaceSettings(dir), 'utf8')) as Record<string, unknown>;

async function paramsRow(page: Page, label: string): Promise<string | undefined> {
  await expandTreeRow(page, label);
  const rows = await treeRows(page);
  const at = rows.findIndex((r) => r.startsWith(label));
  return rows.slice(at + 1).find((r) => r.startsWith('Parameters'));
}

async function dashboardText(frame: Frame, selector: string): Promise<string> {
  return ((await frame.locator(selector).first().textContent().catch(() => '')) ?? '').trim();
}

describe('Scenario 13: what you set stays set', function () {
  const session = useSession({
    settings: { ...FAST_PAIR_SETTINGS, 'workbench.colorTheme': 'Default Light Modern' },
    workspaceFiles: { '.vscode/settings.json': JSON.stringify({ 'quantPairs.pairs': [{ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s' }] }, null, 2) },
  });

  it('a regression set from the palette stays (no revert) and is saved in the workspace settings it is read from', async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor(`the tree row ${PAIR_LABEL} with z`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL) && /z [+-]?\d/.test(r)), { timeoutMs: 120_000 });
    await runCommand(s.page, 'Quant Pairs: Set Regression Type');
    await answerQuickInput(s.page, /How to estimate β/, 'kalman');
    await waitFor('the Parameters row to say kalman', async () => (await paramsRow(s.page, PAIR_LABEL))?.includes('kalman'), { timeoutMs: 20_000 });
    // The old build reverted within about 2 s (saved to user settings, shadowed by the workspace's).
    await s.page.waitForTimeout(5000);
    const params = await paramsRow(s.page, PAIR_LABEL);
    assert.ok(params?.includes('kalman'), `after 5 s the Parameters row says: ${params}`);
    const saved = readWorkspaceSettings(s.workspaceDir)['quantPairs.pairs'];
    assert.deepStrictEqual(saved, [{ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', regression: 'kalman' }], `.vscode/settings.json holds ${JSON.stringify(saved)}`);
  });

  it('a window set in settings applies at once to the pair that follows the default, and the open dashboard follows', async function () {
    const s = session();
    await runCommand(s.page, 'Quant Pairs: Open Dashboard');
    const frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 60_000);
    await waitFor('the dashboard to show window 30', async () => (await dashboardText(frame, '[data-metric="params"]')).includes('· 30 ·'), { timeoutMs: 20_000 });
    // What the Settings UI does: a new value at the workspace level (the pair has no window of its own).
    const settings = readWorkspaceSettings(s.workspaceDir);
    fs.writeFileSync(workspaceSettings(s.workspaceDir), JSON.stringify({ ...settings, 'quantPairs.window': 40 }, null, 2));
    await waitFor('the Parameters row to say window 40', async () => (await paramsRow(s.page, PAIR_LABEL))?.includes('window 40'), { timeoutMs: 30_000 });
    const now = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 30_000);
    await waitFor('the dashboard to show window 40 without a refresh', async () => (await dashboardText(now, '[data-metric="params"]')).includes('· 40 ·'), { timeoutMs: 20_000 });
    // The full state again (charts re-fitted, controls rebuilt), not only the live line: the window field says 40.
    await waitFor('the dashboard window field to say 40', async () => (await now.locator('#qp-window').getAttribute('value')) === '40', { timeoutMs: 20_000 });
    const pairs = readWorkspaceSettings(s.workspaceDir)['quantPairs.pairs'] as Record<string, unknown>[];
    assert.strictEqual(pairs[0].window, undefined, `the pair got a window of its own: ${JSON.stringify(pairs)}`);
  });

  it('a backtest result survives hiding and showing the dashboard tab', async function () {
    const s = session();
    await runCommand(s.page, 'Quant Pairs: Run Backtest');
    let frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 30_000);
    await waitFor('the backtest rows in the statistics table', async () => (await frame.locator('tr[data-stat="bt-trades"]').count()) > 0, { timeoutMs: 20_000 });
    await runCommand(s.page, 'File: New Untitled Text File');
    await s.page.waitForTimeout(1500);
    await runCommand(s.page, 'View: Open Previous Editor');
    frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 30_000);
    await s.page.waitForTimeout(1500); // the tables are rebuilt at most once a second
    assert.ok((await frame.locator('tr[data-stat="bt-trades"]').count()) > 0, 'the backtest is gone after hiding the tab');
    await runCommand(s.page, 'View: Close All Editors');
  });

  it('a pair added and one removed stay so after Reload Window, and the restored dashboard shows the pair it showed', async function () {
    const s = session();
    // A dialog asking to save the untitled file may be up: don't save.
    const dontSave = s.page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don.t Save/ });
    if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
    await runCommand(s.page, 'Quant Pairs: Add Pair');
    await answerQuickInput(s.page, /first leg/i, 'ETHUSDT');
    await answerQuickInput(s.page, /second leg/i, 'BTCUSDT');
    await waitFor(`the tree row ${REVERSED_LABEL}`, async () => (await treeRows(s.page)).some((r) => r.startsWith(REVERSED_LABEL)), { timeoutMs: 60_000 });
    await runCommand(s.page, 'Quant Pairs: Remove Pair');
    await answerQuickInput(s.page, /Which pair/i, 'BTCUSDT/ETHUSDT');
    const confirm = s.page.locator('.monaco-dialog-box .monaco-button, .notifications-toasts .monaco-button', { hasText: /^Remove$/ });
    await confirm.first().click({ timeout: 3000 }).catch(() => undefined); // if Remove Pair asks for confirmation
    await waitFor(`${PAIR_LABEL} to leave the tree`, async () => !(await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL)), { timeoutMs: 20_000 });
    await runCommand(s.page, 'Quant Pairs: Open Dashboard');
    const before = await webviewFrame(s.page, `#qp-root[data-pair="ETHUSDT/BTCUSDT"]`, 30_000);
    assert.ok(before);
    await s.page.waitForTimeout(1500); // the settings write lands
    assert.deepStrictEqual(readWorkspaceSettings(s.workspaceDir)['quantPairs.pairs'], [{ y: 'ETHUSDT', x: 'BTCUSDT' }]);

    await s.reload();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor(`${REVERSED_LABEL} back in the tree`, async () => (await treeRows(s.page)).some((r) => r.startsWith(REVERSED_LABEL)), { timeoutMs: 60_000 });
    await s.page.waitForTimeout(3000);
    const rows = await treeRows(s.page);
    assert.ok(!rows.some((r) => r.startsWith(PAIR_LABEL)), `the removed pair came back: ${rows.join(' | ')}`);
    const frame = await webviewFrame(s.page, '#qp-root[data-qp-state]', 60_000);
    await waitFor('the restored dashboard to show ETHUSDT/BTCUSDT', async () => (await frame.locator('#qp-root[data-qp-state="ready"][data-pair="ETHUSDT/BTCUSDT"]').count()) > 0, {
      timeoutMs: 60_000,
    });
    const tab = ((await s.page.locator('.tabs-container .tab.active .label-name').first().textContent()) ?? '').trim();
    assert.strictEqual(tab, `Quant Pairs: ${REVERSED_LABEL}`);
    const dir = artifactDir('issue-11');
    fs.mkdirSync(dir, { recursive: true });
    await s.page.screenshot({ path: path.join(dir, 'settings-stay-after-reload-light.png') });
    fs.writeFileSync(workspaceSettings(s.workspaceDir), JSON.stringify({ ...readWorkspaceSettings(s.workspaceDir), 'workbench.colorTheme': 'Default Dark Modern' }, null, 2));
    await s.page.waitForTimeout(3000);
    await s.page.screenshot({ path: path.join(dir, 'settings-stay-after-reload-dark.png') });
  });
});
