// In-host test suite: runs inside a real extension host with the `vscode` API. Two runners load it:
// `npm test` in code-server's Node extension host (test/inhost/run.ts, through the workbench's
// extension-test payload) and `npm run test:desktop` in desktop VS Code (@vscode/test-electron).
// The workspace it is given has the local exchange in its settings (see run.ts), so the desk is live.
import assert from 'assert';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { QuantPairsApi } from '../../src/extension/extension';

const EXTENSION_ID = 'quant-pairs.quant-pairs';
/** Set by the runner's self-check only: proves a failing in-host test fails the run. */
const DELIBERATE_FAILURE = process.env.QUANT_PAIRS_INHOST_DELIBERATE_FAILURE === '1';

async function api(): Promise<QuantPairsApi> {
  const ext = vscode.extensions.getExtension<QuantPairsApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this host`);
  return ext.isActive ? ext.exports : ext.activate();
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function dashboardTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('quantPairs.dashboard'));
}

function defineTests(): void {
  suite('Quant Pairs in a real extension host', () => {
    test('the extension activates and returns its API with the desk', async () => {
      const quantPairs = await api();
      assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
      assert.strictEqual(typeof quantPairs.desk.list, 'function');
    });

    test('every command the manifest contributes is registered', async () => {
      await api();
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const contributed = ((ext.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map((c) => c.command);
      assert.ok(contributed.length > 10, `the manifest contributes only ${contributed.length} commands`);
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = contributed.filter((c) => !registered.has(c));
      assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    });

    test('the pair in the settings is on the desk and gets live bars from the feed', async () => {
      const { desk } = await api();
      const pair = await until('BTCUSDT/ETHUSDT on the desk', () => desk.list().find((p) => p.config.y === 'BTCUSDT' && p.config.x === 'ETHUSDT'));
      assert.ok(pair.id);
      await until('a closed bar of the pair', () => desk.rows(pair.id).length > 0, 60_000);
      const row = desk.rows(pair.id).at(-1)!;
      assert.ok(Number.isFinite(row.yClose) && row.yClose > 0, `Y close ${row.yClose}`);
      assert.ok(Number.isFinite(row.xClose) && row.xClose > 0, `X close ${row.xClose}`);
    });

    test('a setting written to the workspace reads back from the workspace, and is removed again', async () => {
      await api();
      const config = () => vscode.workspace.getConfiguration('quantPairs');
      const before = config().inspect<number>('bandK')?.workspaceValue;
      await config().update('bandK', 2.5, vscode.ConfigurationTarget.Workspace);
      try {
        assert.strictEqual(config().inspect<number>('bandK')?.workspaceValue, 2.5);
        assert.strictEqual(config().get<number>('bandK'), 2.5);
      } finally {
        await config().update('bandK', before, vscode.ConfigurationTarget.Workspace);
      }
      assert.strictEqual(config().inspect<number>('bandK')?.workspaceValue, before);
    });

    test('every contributed setting is known to the host with the default the manifest declares', async () => {
      await api();
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const properties = (ext.packageJSON as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } }).contributes
        .configuration.properties;
      const names = Object.keys(properties);
      assert.ok(names.length > 10);
      for (const name of names) {
        const inspected = vscode.workspace.getConfiguration().inspect(name);
        assert.ok(inspected, `${name} is not known to the configuration service`);
        assert.deepStrictEqual(inspected.defaultValue, properties[name].default, `${name} default`);
      }
    });

    test('Open Dashboard opens one dashboard webview tab, and a second call reuses it', async () => {
      await api();
      await vscode.commands.executeCommand('quantPairs.openDashboard');
      await until('a dashboard tab', () => dashboardTabs().length === 1 || undefined);
      await vscode.commands.executeCommand('quantPairs.openDashboard');
      await new Promise((r) => setTimeout(r, 500));
      assert.strictEqual(dashboardTabs().length, 1, 'a second Open Dashboard opened another tab');
      await vscode.window.tabGroups.close(dashboardTabs());
      assert.strictEqual(dashboardTabs().length, 0);
    });

    test('the dashboard draws: the webview reports a drawn trade time back to the host', async () => {
      const quantPairs = await api();
      await vscode.commands.executeCommand('quantPairs.openDashboard');
      const drawn = await until('the dashboard to report a drawn update', () => quantPairs.dashboardDrawnTradeTime(), 60_000);
      assert.ok(drawn > Date.UTC(2020, 0, 1), `drawn trade time ${drawn}`);
      await vscode.window.tabGroups.close(dashboardTabs());
    });

    test("the extension's keybindings collide with none of VS Code's default keybindings", async () => {
      await api();
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const ours = ((ext.packageJSON as { contributes: { keybindings?: { command: string; key: string; mac?: string }[] } }).contributes.keybindings ?? []);
      assert.ok(ours.length >= 4, `only ${ours.length} keybindings contributed`);
      await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
      const doc = await until('the default keybindings document', () => {
        const d = vscode.window.activeTextEditor?.document;
        return d && /keybindings/i.test(d.uri.toString()) ? d : undefined;
      });
      const defaults = JSON.parse(doc.getText().replace(/^\s*\/\/.*$/gm, '')) as { key: string; command: string }[];
      assert.ok(defaults.length > 300, `only ${defaults.length} default keybindings read`);
      const norm = (key: string) => key.toLowerCase().split(/\s+/).map((chord) => chord.split('+').sort().join('+')).join(' ');
      const platformKey = (b: { key: string; mac?: string }) => (process.platform === 'darwin' && b.mac ? b.mac : b.key);
      const taken = new Map(defaults.filter((d) => !d.command.startsWith('quantPairs.')).map((d) => [norm(d.key), d.command]));
      const clashes = ours.filter((b) => taken.has(norm(platformKey(b)))).map((b) => `${platformKey(b)} (${b.command}) is ${taken.get(norm(platformKey(b)))}`);
      assert.deepStrictEqual(clashes, []);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    test('the walkthrough opens', async () => {
      await api();
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#quantPairs.getStarted`, false);
      await until('the walkthrough editor', () => vscode.window.tabGroups.activeTabGroup.activeTab?.label.match(/Welcome|Walkthrough|Get started/i) ?? undefined);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    if (DELIBERATE_FAILURE) {
      test('deliberate failure (runner self-check)', () => {
        assert.fail('this in-host test fails on purpose');
      });
    }
  });
}

/** Entry point the extension host calls (extensionTestsPath). Reports each result on the console. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 90_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'suite.ts', mocha);
  defineTests();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`[inhost] ${passed} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} in-host test(s) failed`));
      else resolve();
    });
    let passed = 0;
    runner.on('pass', (t) => {
      passed++;
      console.log(`[inhost] pass: ${t.fullTitle()}`);
    });
    runner.on('fail', (t, err: Error) => console.log(`[inhost] FAIL: ${t.fullTitle()}: ${err.message}`));
  });
}
