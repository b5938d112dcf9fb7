// Scenario 1: activation. A workspace that already holds a pair opens; the Quant Pairs view is there,
// no error notification appears, and the feed connects to the local exchange on the routed /market path.
import assert from 'assert';
import { waitFor } from '../../scripts/host/wait';
import { useSession } from './harness/useSession';
import { notifications, openViewContainer, treeRows } from './harness/workbench';
import { DEMO_PAIR, FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

describe('Scenario 1: activation in a real VS Code host', function () {
  const session = useSession({ settings: { ...FAST_PAIR_SETTINGS, 'quantPairs.pairs': [DEMO_PAIR] } });

  it('shows the Quant Pairs view with the pair, raises no error, and connects on /market', async function () {
    const s = session();
    await s.waitForActivation();
    await openViewContainer(s.page, 'Quant Pairs');
    const header = s.page.locator('.sidebar .pane-header', { hasText: 'Pairs' }).first();
    await header.waitFor({ state: 'visible', timeout: 20_000 });
    await waitFor(`the tree to list ${PAIR_LABEL}`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL)), { timeoutMs: 60_000 });

    // The feed must use the 2026 routed path: /market for aggTrade (the legacy /ws and /stream are silent).
    const feedLog = await waitFor("the extension's log to say the feed is live", () => s.extensionOutput().split('\n').find((l) => /Feed live/i.test(l)), {
      timeoutMs: 60_000,
    });
    const sockets = await waitFor('the feed to open a WebSocket', () => {
      const ws = s.recorder.requests.filter((r) => r.kind === 'ws');
      return ws.length ? ws : undefined;
    }, { timeoutMs: 60_000 });
    for (const ws of sockets) assert.match(ws.path, /^\/market\/(stream\?streams=|ws\/)/, `feed socket not on the /market route: ${ws.path} (log: ${feedLog})`);
    assert.ok(sockets.some((ws) => /aggTrade/.test(ws.path)), `no aggTrade stream requested: ${sockets.map((w) => w.path).join(', ')}`);
    assert.ok(s.exchange.sentTradeCount(DEMO_PAIR.y) > 0, 'the exchange has sent no BTCUSDT trade');

    const errors = (await notifications(s.page)).filter((n) => n.severity === 'error');
    assert.deepStrictEqual(errors, [], `error notifications: ${errors.map((e) => e.label).join(' | ')}`);
    assert.ok(!/Activating extension 'quant-pairs\.quant-pairs' failed/.test(s.extensionHostLog()), 'the extension host reports a failed activation');
  });
});
