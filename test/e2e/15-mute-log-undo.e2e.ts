// Scenario 15: an alert rule muted for 15 minutes from the palette shows "muted until" in the Alerts
// view and raises no notification while muted; Show Alert Log opens a read-only virtual document (no
// dirty "Untitled"); Save Alert Log as CSV writes the firings into the workspace; Remove Pair offers
// Undo, which puts the pair back.
import assert from 'assert';
import fs from 'fs';
import path from 'path';
import { waitFor } from '../../scripts/host/wait';
import { useSession } from './harness/useSession';
import { answerQuickInput, notifications, openViewContainer, runCommand, treeRows } from './harness/workbench';
import { DEMO_PAIR, FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

// A rule the replay crosses within seconds (|z| > 0.5 on 1 s bars, no cooldown), so the log fills.
const NOISY_RULE = { id: 'noisy', pair: 'BTCUSDT/ETHUSDT', metric: 'z', operator: '|x|>', threshold: 0.5, rearm: 0.25, cooldownMs: 0, severity: 'warning', enabled: true };

describe('Scenario 15: timed mute, read-only alert log and its CSV, Remove Pair with Undo', function () {
  const session = useSession({ settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR], 'quantPairs.alertRules': [NOISY_RULE] } });

  it('the alert log is a read-only document that follows the log, and saves as CSV in the workspace', async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor('a firing in the Alert Log', async () => (await treeRows(s.page)).some((r) => /^Alert Log [1-9]\d* firings?/.test(r)), { timeoutMs: 180_000 });

    await runCommand(s.page, 'Quant Pairs: Show Alert Log');
    const tab = s.page.locator('.tabs-container .tab', { hasText: 'Quant Pairs alert log' }).first();
    await tab.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await s.page.locator('.tabs-container .tab', { hasText: 'Untitled' }).count(), 0, 'an Untitled document was opened');
    assert.doesNotMatch((await tab.getAttribute('class')) ?? '', /\bdirty\b/, 'the alert log tab is dirty');
    const editorText = async () => (await s.page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    await waitFor('the log document to list firings of the rule', async () => /\| BTCUSDT\/ETHUSDT \| noisy \|/.test(await editorText()), { timeoutMs: 20_000 });
    // Read-only: typing changes nothing.
    await s.page.locator('.editor-instance .view-lines').first().click();
    await s.page.keyboard.type('xyz');
    assert.doesNotMatch(await editorText(), /xyz/, 'the alert log document accepted typing');

    await runCommand(s.page, 'Quant Pairs: Save Alert Log as CSV');
    const exportDir = path.join(s.workspaceDir, 'quant-pairs');
    const file = await waitFor('an alert-log CSV in the workspace', () => (fs.existsSync(exportDir) ? fs.readdirSync(exportDir).find((f) => /^alert-log_\d{8}T\d{6}Z\.csv$/.test(f)) : undefined), {
      timeoutMs: 20_000,
    });
    const lines = fs.readFileSync(path.join(exportDir, file), 'utf8').trim().split('\n');
    assert.equal(lines[3], 'alert_time_iso,alert_time_ms,pair,rule,severity,value,threshold,message');
    assert.ok(lines.length > 4, 'the CSV has no firing');
    assert.match(lines[4], /^\d{4}-\d\d-\d\dT[\d:.]+Z,\d+,BTCUSDT\/ETHUSDT,noisy,warning,-?[\d.]+,0\.5,/);
    assert.equal(Number(lines[2].split(',')[1]), lines.length - 4, 'the header count differs from the rows');
  });

  it('a rule muted for 15 minutes says so in the Alerts view and raises no notification meanwhile', async function () {
    const s = session();
    await runCommand(s.page, 'Quant Pairs: Mute Alert Rule…');
    await answerQuickInput(s.page, /Which alert rule/, '|z| > 0.5');
    await answerQuickInput(s.page, /For how long/, 'Mute for 15 minutes');
    const mutedRow = await waitFor('the rule shown muted', async () => (await treeRows(s.page)).find((r) => /\|z\| > 0\.5/.test(r) && /muted until \d\d:\d\d UTC/.test(r)), {
      timeoutMs: 20_000,
    });
    const until = mutedRow.match(/muted until (\d\d):(\d\d) UTC/)!;
    const expected = new Date(Date.now() + 15 * 60_000);
    const minutes = Number(until[1]) * 60 + Number(until[2]);
    const expectedMinutes = expected.getUTCHours() * 60 + expected.getUTCMinutes();
    assert.ok(Math.abs(((minutes - expectedMinutes + 1440) % 1440)) <= 1, `muted until ${until[0]}, expected about ${expected.toISOString().slice(11, 16)}`);
    const alertCount = async () => (await notifications(s.page)).filter((n) => n.label.includes('Quant Pairs alert:')).length;
    const before = await alertCount();
    await s.page.waitForTimeout(15_000); // the replay crosses |z| > 0.5 many times in 15 s
    assert.equal(await alertCount(), before, 'a muted rule raised a notification');
  });

  it('Remove Pair offers Undo, and Undo puts the pair back', async function () {
    const s = session();
    await runCommand(s.page, 'Quant Pairs: Remove Pair');
    await waitFor('the pair to leave the tree', async () => !(await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL)), { timeoutMs: 20_000 });
    const undo = s.page.locator('.notifications-toasts .monaco-button', { hasText: 'Undo' }).first();
    await undo.waitFor({ state: 'visible', timeout: 10_000 });
    await undo.click();
    await waitFor('the pair back in the tree', async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL)), { timeoutMs: 60_000 });
  });
});
