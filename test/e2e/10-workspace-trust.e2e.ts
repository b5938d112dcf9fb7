// Scenario 10: workspace trust. With trust enabled and the workspace NOT trusted, a stranger's
// `.vscode/settings.json` that points the feed at another address and the export folder out of the
// workspace changes nothing: the feed uses the user's endpoint (no connection reaches the workspace's
// address, recorded by a listening trap), and Save CSV writes into the default folder.
import assert from 'assert';
import fs from 'fs';
import net from 'net';
import path from 'path';
import { waitFor } from '../../scripts/host/wait';
import { useSession } from './harness/useSession';
import { openViewContainer, runCommand, treeRows } from './harness/workbench';
import { DEMO_PAIR, FAST_PAIR_SETTINGS, PAIR_LABEL } from './settings';

/** A loopback listener that records every TCP connection made to it and answers nothing. */
interface Trap {
  port: number;
  connections: number;
  close(): Promise<void>;
}

function startTrap(): Promise<Trap> {
  const sockets = new Set<net.Socket>();
  const trap = { port: 0, connections: 0, close: async () => undefined } as Trap;
  const server = net.createServer((socket) => {
    trap.connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      trap.port = (server.address() as net.AddressInfo).port;
      trap.close = () =>
        new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        });
      resolve(trap);
    });
  });
}

function csvFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv'));
}

describe('Scenario 10: an untrusted workspace cannot redirect the feed or the CSV writes', function () {
  let trap: Trap | undefined;
  before(async () => {
    trap = await startTrap();
  });
  after(async () => {
    await trap?.close();
  });

  const session = useSession(() => ({
    settings: {
      ...FAST_PAIR_SETTINGS,
      'quantPairs.pairs': [DEMO_PAIR],
      'security.workspace.trust.enabled': true,
      // No modal on start: the folder simply opens in Restricted Mode, as after "Don't Trust".
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'always',
    },
    workspaceFiles: {
      '.vscode/settings.json': JSON.stringify(
        {
          'quantPairs.wsBaseUrl': `ws://127.0.0.1:${trap!.port}`,
          'quantPairs.restBaseUrl': `http://127.0.0.1:${trap!.port}`,
          'quantPairs.exportFolder': '../outside',
          'quantPairs.stream': 'trade',
          // Not restricted: proves the workspace file is read at all (reported as a bad value).
          'quantPairs.dashboardUpdateMs': 7,
        },
        null,
        2,
      ),
    },
  }));

  it('runs in Restricted Mode, reads the workspace file, yet takes endpoints and export folder from the user', async function () {
    const s = session();
    await s.waitForActivation();
    // Precondition: the host really treats this folder as untrusted (otherwise the test proves nothing).
    await waitFor('the Restricted Mode indicator', async () => (await s.page.locator('.statusbar, .monaco-workbench').filter({ hasText: /Restricted Mode/ }).count()) > 0, {
      timeoutMs: 30_000,
    });

    await openViewContainer(s.page, 'Quant Pairs');
    await waitFor(`the tree to list ${PAIR_LABEL}`, async () => (await treeRows(s.page)).some((r) => r.startsWith(PAIR_LABEL)), { timeoutMs: 60_000 });
    await waitFor("the extension's log to say the feed is live", () => /Feed live/i.test(s.extensionOutput()) || undefined, { timeoutMs: 60_000 });

    const log = s.extensionOutput();
    // The workspace file is read: its unrestricted (and bad) value is reported …
    await waitFor('the bad workspace value dashboardUpdateMs to be reported', () => /quantPairs\.dashboardUpdateMs: 7\b/.test(s.extensionOutput()) || undefined, {
      timeoutMs: 15_000,
    });
    // … but its restricted values are not even read: no report about exportFolder, user endpoints in use.
    const activated = log.split('\n').find((l) => /Quant Pairs activated/.test(l));
    assert.ok(activated, `no activation line in the log:\n${log.slice(0, 2000)}`);
    assert.ok(activated.includes(s.recorder.wsBaseUrl), `feed endpoint is not the user's: ${activated}`);
    assert.ok(activated.includes(s.recorder.restBaseUrl), `REST endpoint is not the user's: ${activated}`);
    assert.ok(!activated.includes(String(trap!.port)), `the workspace's endpoint is used: ${activated}`);
    assert.ok(/\(aggTrade\)/.test(activated), `stream taken from the workspace: ${activated}`);
    assert.ok(!/quantPairs\.exportFolder/.test(log), 'the untrusted workspace exportFolder was read (it was reported)');
    assert.ok(s.recorder.requests.some((r) => r.kind === 'ws'), 'the feed did not connect to the user endpoint');

    await runCommand(s.page, 'Quant Pairs: Save CSV');
    const saved = await waitFor('a CSV in <workspace>/quant-pairs', () => {
      const files = csvFilesUnder(path.join(s.workspaceDir, 'quant-pairs'));
      return files.length ? files : undefined;
    }, { timeoutMs: 30_000 });
    assert.strictEqual(saved.length, 1);
    const outside = path.resolve(s.workspaceDir, '..', 'outside');
    assert.deepStrictEqual(csvFilesUnder(outside), [], `a CSV was written to ${outside}`);

    // Give the feed time to have tried any other endpoint (reconnects, REST backfill) before counting.
    await new Promise((r) => setTimeout(r, 3000));
    assert.strictEqual(trap!.connections, 0, `${trap!.connections} connection(s) reached the workspace's address`);
  });
});
