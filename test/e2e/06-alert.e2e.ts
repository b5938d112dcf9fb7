// Scenario 6: an alert rule added through the palette at a threshold the replay crosses. The status
// bar turns to the warning colour, each firing raises exactly one notification (the engine applies
// hysteresis), and the Alerts view's log lists the firings.
import assert from 'assert';
import { waitFor } from '../../scripts/host/wait';
import { useSession } from './harness/useSession';
import { addAlertRuleViaPalette } from './harness/alerts';
import { extensionStatusItems, notifications, openViewContainer, treeRows } from './harness/workbench';
import { DEMO_PAIR, FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

const TRANSPARENT = /^rgba\(0, 0, 0, 0\)$|^transparent$/;

describe('Scenario 6: alert', function () {
  const session = useSession({ settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR] } });

  it('fires on |z| > 1: warning colour in the status bar, one notification per firing, listed in the alert log', async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor(`the tree row ${PAIR_LABEL} with z`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL) && /z [+-]?\d/.test(r)), {
      timeoutMs: 120_000,
    });
    const before = await extensionStatusItems(s.page, s.extensionId);
    assert.ok(before.length > 0 && before.every((i) => TRANSPARENT.test(i.background)), `status bar coloured before any alert: ${JSON.stringify(before)}`);

    await addAlertRuleViaPalette(s.page, {
      pair: 'BTCUSDT/ETHUSDT',
      metric: 'z',
      condition: '|z| above',
      threshold: '1',
      rearm: '0.75',
      severity: 'warning',
      cooldownSeconds: '0',
    });
    await waitFor('the rule in the Alerts view', async () => (await treeRows(s.page)).some((r) => r.includes('|z| > 1') && r.includes('BTCUSDT/ETHUSDT')), {
      timeoutMs: 20_000,
    });

    // Watch the status bar while the replay runs: it must take the warning colour when the rule fires.
    let warningColour = '';
    const alertNotes = async () => (await notifications(s.page)).filter((n) => n.label.includes('Quant Pairs alert: BTCUSDT/ETHUSDT'));
    await waitFor(
      'an alert notification and the warning colour in the status bar',
      async () => {
        const items = await extensionStatusItems(s.page, s.extensionId);
        const coloured = items.find((i) => !TRANSPARENT.test(i.background));
        if (coloured) warningColour = coloured.background;
        return warningColour !== '' && (await alertNotes()).length > 0;
      },
      { timeoutMs: 180_000, intervalMs: 100 },
    );
    const notes = await alertNotes();
    assert.ok(notes.every((n) => n.severity === 'warning'), `alert notifications of the wrong severity: ${notes.map((n) => n.label).join(' | ')}`);

    // The Alert Log counts the firings; each one raised exactly one notification. Both are read in
    // the same poll (a new firing may arrive meanwhile; the counts must meet once it has settled).
    let last = '';
    await waitFor(
      'the Alert Log count to equal the number of alert notifications',
      async () => {
        const logRow = (await treeRows(s.page)).find((r) => /^Alert Log \d+ firings?/.test(r)) ?? '';
        const firings = Number(logRow.match(/^Alert Log (\d+)/)?.[1] ?? 0);
        const noted = (await alertNotes()).length;
        last = `log "${logRow}", notifications ${noted}`;
        return firings >= 1 && firings === noted;
      },
      { timeoutMs: 15_000 },
    ).catch(() => assert.fail(`firings and notifications differ: ${last}`));
  });
});
