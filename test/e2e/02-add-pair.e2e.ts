// Scenario 2: Add Pair from the command palette, typing into the QuickPick as a user does
// (BTCUSDT, then ETHUSDT). After the warm start the tree shows z and β, the stationarity
// verdict after "Run Tests", and the status bar shows the pair's z.
import assert from 'assert';
import { waitFor } from '../../scripts/host/wait';
import { useSession } from './harness/useSession';
import { answerQuickInput, expandTreeRow, extensionStatusItems, notifications, openViewContainer, runCommand, treeRows } from './harness/workbench';
import { FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

const Z_BETA = /z ([+-]?\d+\.\d{2})\s+β (-?\d+\.\d{3})/;

describe('Scenario 2: Add Pair from the command palette', function () {
  const session = useSession({ settings: FAST_PAIR_SETTINGS });

  it('adds BTCUSDT / ETHUSDT through the QuickPick; the tree shows z, β and the ADF / Engle-Granger verdict; the status bar shows z', async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    assert.deepStrictEqual(
      (await treeRows(s.page)).filter((r) => r.includes('/')),
      [],
      'a fresh workspace should have no pair',
    );

    await runCommand(s.page, 'Quant Pairs: Add Pair');
    await answerQuickInput(s.page, /first leg/i, 'BTCUSDT');
    await answerQuickInput(s.page, /second leg/i, 'ETHUSDT');

    const row = await waitFor(
      `the tree row ${PAIR_LABEL} with z and β`,
      async () => (await treeRows(s.page)).find((r) => r.startsWith(PAIR_LABEL) && Z_BETA.test(r)),
      { timeoutMs: 90_000 },
    );
    const [, z, beta] = row.match(Z_BETA)!;
    assert.ok(Math.abs(Number(z)) < 20, `implausible z ${z}`);
    // A hedge ratio is shown. Its sign is not asserted: over 30 one-second bars of whichever stretch of the
    // recording the replay joined, BTC on ETH can fit a negative β (scenario 3 checks the value itself).
    assert.ok(Number.isFinite(Number(beta)) && Number(beta) !== 0, `no hedge ratio in "${row}"`);

    const status = await waitFor(
      'the status bar to show the pair and its z',
      async () => (await extensionStatusItems(s.page, s.extensionId)).find((i) => /BTCUSDT\/ETHUSDT z [+-]?\d+\.\d{2}/.test(i.text)),
      { timeoutMs: 30_000 },
    );
    assert.match(status.text, /z [+-]?\d+\.\d{2}/);

    await runCommand(s.page, 'Quant Pairs: Run Tests: ADF, Engle-Granger, Half-Life');
    await expandTreeRow(s.page, PAIR_LABEL);
    const verdict = await waitFor(
      'the ADF / EG row to show p-values and a verdict',
      async () => (await treeRows(s.page)).find((r) => r.startsWith('ADF / EG') && /ADF p \d\.\d{4} \((not )?stationary/.test(r)),
      { timeoutMs: 30_000 },
    );
    // Engle-Granger in both orderings (Y on X / X on Y) and the verdict of the weaker one.
    const eg = /EG p (\S+) \/ (\S+) \((not )?cointegrated/.exec(verdict);
    assert.ok(eg, `no Engle-Granger p-values in both orderings and verdict in "${verdict}"`);
    for (const p of [eg[1], eg[2]]) assert.ok(Number(p) >= 0 && Number(p) <= 1, `Engle-Granger p "${p}" is not a probability in "${verdict}"`);

    const errors = (await notifications(s.page)).filter((n) => n.severity === 'error');
    assert.deepStrictEqual(errors, [], `error notifications: ${errors.map((e) => e.label).join(' | ')}`);
  });
});
