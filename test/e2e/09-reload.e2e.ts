// Scenario 9: Reload Window. The pair added through the palette and the alert rule are still there
// afterwards, and the pair's data refills (z shown again, dashboard bars back).
import assert from 'assert';
import { waitFor } from '../../scripts/host/wait';
import { addAlertRuleViaPalette } from './harness/alerts';
import { useSession } from './harness/useSession';
import { answerQuickInput, clickTreeRowAction, openViewContainer, runCommand, treeRows, webviewFrame } from './harness/workbench';
import { FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

const PAIR_WITH_Z = (r: string) => r.startsWith(PAIR_LABEL) && /z [+-]?\d+\.\d{2}/.test(r);

describe('Scenario 9: reload the window', function () {
  const session = useSession({ settings: FAST_PAIR_SETTINGS });

  it('keeps the pair and the rule across Developer: Reload Window, and the data refills', async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    await runCommand(s.page, 'Quant Pairs: Add Pair');
    await answerQuickInput(s.page, /first leg/i, 'BTCUSDT');
    await answerQuickInput(s.page, /second leg/i, 'ETHUSDT');
    await waitFor('the pair with z', async () => (await treeRows(s.page)).some(PAIR_WITH_Z), { timeoutMs: 120_000 });
    await addAlertRuleViaPalette(s.page, {
      pair: 'BTCUSDT/ETHUSDT',
      metric: 'z',
      condition: 'z above',
      threshold: '3',
      rearm: '2.5',
      severity: 'error',
      cooldownSeconds: '60',
    });
    const rule = (r: string) => r.includes('z > 3') && r.includes('BTCUSDT/ETHUSDT');
    await waitFor('the rule in the Alerts view', async () => (await treeRows(s.page)).some(rule), { timeoutMs: 20_000 });

    await s.reload();
    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor('the pair to be back', async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL)), { timeoutMs: 60_000 });
    await waitFor('the rule to be back', async () => (await treeRows(s.page)).some(rule), { timeoutMs: 30_000 });
    await waitFor('the pair to show z again (history refilled)', async () => (await treeRows(s.page)).some(PAIR_WITH_Z), { timeoutMs: 120_000 });

    await clickTreeRowAction(s.page, PAIR_LABEL, 'Open Dashboard');
    const frame = await webviewFrame(s.page, '#qp-root[data-qp-state="ready"]', 60_000);
    const bars = await waitFor('the dashboard to hold a full window of bars', async () => {
      const n = Number(await frame.locator('#qp-root').getAttribute('data-bars'));
      return n >= Number(FAST_PAIR_SETTINGS['quantPairs.window']) ? n : undefined;
    }, { timeoutMs: 60_000 });
    assert.ok(bars >= 30);
  });
});
