// Scenario 20: the library of imported symbols. code-server's file dialog picks one file: the 2024-07-18
// recordings are imported one at a time (BTCUSDT, then ETHUSDT), each adds a symbol and says what it holds;
// the second offers to make a pair, whose timeframe and window default to what the 3-minute span fills (1s,
// 178 bars, window 89 when the preferred window is 100; a window of 500 is refused inline). The imported pair
// shows a z beside the live BTCUSDT/ETHUSDT pair, which stays live; Add Pair lists the imported symbols and
// refuses to mix one with a live symbol; after Reload Window the imported pair is back; Remove Imported File
// asks, then drops the file and its pair, and the live pair stays.
import assert from 'assert';
import fs from 'fs';
import path from 'path';
import { waitFor } from '../../scripts/host/wait';
import { REPO_ROOT } from './harness/extensionInstall';
import { useSession } from './harness/useSession';
import type { Session } from './harness/session';
import {
  answerQuickInput,
  clickTreeRowAction,
  expandTreeRow,
  notifications,
  openViewContainer,
  quickInputMessage,
  quickInputText,
  quickInputVisible,
  runCommand,
  submitFileDialog,
  treeRows,
  webviewFrame,
} from './harness/workbench';
import { DEMO_PAIR, PAIR_LABEL } from './settings';

const DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');
const FILES = ['btcusdt_20240718.gz', 'ethusdt_20240718.gz'];
const IMPORTED_LABEL = `${PAIR_LABEL} (imported)`;
const withZ = (label: string) => (r: string) => r.startsWith(label) && /z [+\-−]?\d/.test(r);
/** The live pair's row: its label, not followed by "(imported)". */
const liveRow = (r: string) => r.startsWith(PAIR_LABEL) && !r.startsWith(IMPORTED_LABEL);

/** Imports one file through code-server's simple file dialog (a QuickInput whose box holds a path). */
async function importThroughDialog(s: Session, file: string): Promise<void> {
  await runCommand(s.page, 'Quant Pairs: Import Ticks or OHLC');
  await waitFor('the Import file dialog', async () => /Import trades/i.test(await quickInputText(s.page)), { timeoutMs: 30_000 });
  await waitFor('the dialog to accept the file', async () => {
    await submitFileDialog(s.page, /Import trades/i, file);
    return !((await quickInputVisible(s.page)) && /Import trades/i.test(await quickInputText(s.page)));
  }, { timeoutMs: 20_000, intervalMs: 1_000 });
}

describe('Scenario 20: imported symbols are a library beside the live desk', function () {
  // The live pair runs 1 s bars with a 30-bar window of its own; new pairs default to 1m × 100, which a
  // 3-minute file cannot fill: the imported pair's defaults must not be those.
  const session = useSession({ settings: { 'quantPairs.openAfterExport': false, 'quantPairs.pairs': [{ ...DEMO_PAIR, timeframe: '1s', window: 30 }] } });

  before(async function () {
    this.timeout(180_000);
    const s = session();
    for (const f of FILES) fs.copyFileSync(path.join(DATA, f), path.join(s.workspaceDir, f));
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor('the live pair with z', async () => (await treeRows(s.page)).some((r) => liveRow(r) && /z [+\-−]?\d/.test(r)), { timeoutMs: 120_000 });
  });

  it('importing one recording adds its symbol and says what it holds; no pair changes', async function () {
    const s = session();
    await importThroughDialog(s, path.join(s.workspaceDir, FILES[0]));
    const note = await waitFor('the import summary', async () => (await notifications(s.page)).find((n) => /imported BTCUSDT: 974 trades, 2024-07-18 23:57:02–23:59:59 UTC/.test(n.label) || /BTCUSDT · imported btcusdt_20240718\.gz was already imported/.test(n.label)), {
      timeoutMs: 60_000,
    });
    assert.doesNotMatch(note.label, /Error/);
    const pairs = (await treeRows(s.page)).filter((r) => r.startsWith(PAIR_LABEL));
    assert.equal(pairs.length, 1, `pairs after the first import: ${pairs.join(' | ')}`);
    assert.ok(liveRow(pairs[0]), pairs[0]);
  });

  it('the second recording offers a pair whose timeframe and window fit the 3-minute span; a window it cannot fill is refused inline', async function () {
    const s = session();
    await importThroughDialog(s, path.join(s.workspaceDir, FILES[1]));
    await waitFor('the import summary of ETHUSDT', async () => (await notifications(s.page)).find((n) => /imported ETHUSDT: 1,640 trades, 2024-07-18 23:57:02–23:59:59 UTC/.test(n.label) || /ETHUSDT · imported ethusdt_20240718\.gz was already imported/.test(n.label)), {
      timeoutMs: 60_000,
    });
    const makePair = s.page.locator('.notifications-toasts .monaco-button', { hasText: 'Make Pair' }).first();
    await makePair.waitFor({ state: 'visible', timeout: 20_000 });
    await makePair.click();
    await answerQuickInput(s.page, /first leg \(y\)/, 'btcusdt_20240718');
    await answerQuickInput(s.page, /second leg \(x\)/, 'ethusdt_20240718');
    await waitFor('the bar-length picker', async () => /bar length/i.test(await quickInputText(s.page)), { timeoutMs: 20_000 });
    const rows = await s.page.locator('.quick-input-widget .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    // 23:57:02 – 23:59:59: 178 one-second bars; a minute bar count of 3 cannot hold a window of 10 rolling.
    assert.ok(rows.some((r) => /^1s\b/.test(r) && /178 bars/.test(r) && /suggested/.test(r)), `timeframes offered: ${rows.join(' | ')}`);
    assert.ok(!rows.some((r) => /^1m\b/.test(r)), `1m offered for a 3-minute span: ${rows.join(' | ')}`);
    await s.page.keyboard.press('Enter');
    await waitFor('the window input box', async () => /rolling window on 1s/i.test(await quickInputText(s.page)), { timeoutMs: 20_000 });
    const input = s.page.locator('.quick-input-widget .quick-input-box input');
    assert.equal(await input.inputValue(), '89', 'the suggested window is not floor(178 / 2)');
    await input.fill('500');
    const message = await waitFor('the inline refusal of 500', async () => {
      const m = await quickInputMessage(s.page);
      return /would never fill/.test(m) ? m : undefined;
    }, { timeoutMs: 10_000 });
    assert.match(message, /178 bars of 1s/);
    await s.page.keyboard.press('Enter');
    assert.ok(await input.isVisible(), 'Enter accepted a window the span cannot fill');
    await input.fill('89');
    await s.page.keyboard.press('Enter');
    await waitFor('the imported pair with z', async () => (await treeRows(s.page)).some(withZ(IMPORTED_LABEL)), { timeoutMs: 30_000 });
  });

  it('the live pair is still there, live, beside the imported one', async function () {
    const s = session();
    const rows = await treeRows(s.page);
    assert.equal(rows.filter(liveRow).length, 1, `rows: ${rows.join(' | ')}`);
    assert.equal(rows.filter((r) => r.startsWith(IMPORTED_LABEL)).length, 1, `rows: ${rows.join(' | ')}`);
    await expandTreeRow(s.page, IMPORTED_LABEL);
    await waitFor('the imported pair\'s feed rows to name the files', async () => (await treeRows(s.page)).some((r) => /^Feed BTCUSDT/.test(r) && /imported: btcusdt_20240718\.gz \+ ethusdt_20240718\.gz/.test(r)), { timeoutMs: 20_000 });
    await waitFor('the imported pair\'s parameters', async () => (await treeRows(s.page)).some((r) => r.startsWith('Parameters') && r.includes('1s bars · window 89')), { timeoutMs: 20_000 });
    // Live: its z keeps moving with the replay's 1 s bars, and its feed rows say live.
    const before = (await treeRows(s.page)).find(liveRow);
    await waitFor(`the live pair's row to update (was "${before}")`, async () => {
      const now = (await treeRows(s.page)).find(liveRow);
      return now !== undefined && now !== before && /z [+\-−]?\d/.test(now);
    }, { timeoutMs: 60_000, intervalMs: 500 });
    await expandTreeRow(s.page, PAIR_LABEL);
    await waitFor('a live feed row', async () => (await treeRows(s.page)).some((r) => /^Feed BTCUSDT/.test(r) && /live$/.test(r)), { timeoutMs: 20_000 });
  });

  it('the dashboard opens on the imported pair (its id passes the webview protocol) with its 178 bars', async function () {
    const s = session();
    await clickTreeRowAction(s.page, IMPORTED_LABEL, 'Open Dashboard');
    const frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"][data-pair="BTCUSDT/ETHUSDT (imported)"]', 60_000);
    const bars = await waitFor('the dashboard to hold the imported bars', async () => {
      const n = Number(await frame.locator('#qp-root').getAttribute('data-bars'));
      return n > 0 ? n : undefined;
    }, { timeoutMs: 30_000 });
    assert.equal(bars, 178);
    await s.page.locator('.tabs-container .tab', { hasText: 'BTCUSDT / ETHUSDT (imported)' }).first().waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('Add Pair lists the imported symbols and refuses to pair one with a live symbol', async function () {
    const s = session();
    await runCommand(s.page, 'Quant Pairs: Add Pair');
    await waitFor('the first-leg picker', async () => /first leg/i.test(await quickInputText(s.page)), { timeoutMs: 20_000 });
    const input = s.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('btcusdt_20240718');
    const listed = await waitFor('the imported BTCUSDT in the list', async () => {
      const labels = await s.page.locator('.quick-input-widget .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      return labels.find((l) => /BTCUSDT · imported btcusdt_20240718\.gz/.test(l));
    }, { timeoutMs: 10_000 });
    assert.match(listed, /974 trades/);
    await s.page.keyboard.press('Enter');
    await answerQuickInput(s.page, /second leg/i, 'ETHUSDT');
    const refusal = await waitFor('the refusal to mix imported and live', async () => (await notifications(s.page)).find((n) => n.severity === 'error' && /never meet/.test(n.label)), { timeoutMs: 20_000 });
    assert.match(refusal.label, /BTCUSDT · imported btcusdt_20240718\.gz/);
    assert.equal((await treeRows(s.page)).filter((r) => r.startsWith(PAIR_LABEL)).length, 2);
  });

  it('after Reload Window the library and the imported pair are back, beside the live pair', async function () {
    const s = session();
    await s.reload();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor('the imported pair back with z', async () => (await treeRows(s.page)).some(withZ(IMPORTED_LABEL)), { timeoutMs: 90_000 });
    await waitFor('the live pair back', async () => (await treeRows(s.page)).some(liveRow), { timeoutMs: 60_000 });
  });

  it('Remove Imported File… asks first when a pair is made of the file, then drops both; the live pair stays', async function () {
    const s = session();
    await runCommand(s.page, 'Quant Pairs: Remove Imported File…');
    await answerQuickInput(s.page, /Remove which imported file/, 'btcusdt_20240718.gz');
    const confirm = s.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Remove$/ });
    await confirm.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match((await s.page.locator('.monaco-dialog-box').innerText()).replace(/\s+/g, ' '), /BTCUSDT\/ETHUSDT \(imported\) is made of it/);
    await confirm.click();
    await waitFor('the imported pair to leave the tree', async () => !(await treeRows(s.page)).some((r) => r.startsWith(IMPORTED_LABEL)), { timeoutMs: 20_000 });
    await waitFor('the removal notice', async () => (await notifications(s.page)).find((n) => /removed btcusdt_20240718\.gz from the imported symbols \(BTCUSDT; pairs removed: BTCUSDT\/ETHUSDT \(imported\)\)/.test(n.label)), { timeoutMs: 20_000 });
    assert.ok((await treeRows(s.page)).some(liveRow), 'the live pair went with the imported file');
  });
});
