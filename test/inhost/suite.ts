// In-host test suite for desktop VS Code (`npm run test:desktop` via @vscode/test-electron): runs
// inside the extension host with the real `vscode` API. Bundled by scripts/test-desktop.js.
import assert from 'assert';
import Mocha from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'quant-pairs.quant-pairs';

function defineTests(): void {
  suite('Quant Pairs in desktop VS Code', () => {
    test('the extension is installed and activates without throwing', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is not installed in the development host`);
      await ext.activate();
      assert.strictEqual(ext.isActive, true);
    });

    test('every command the manifest contributes is registered', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const contributed = ((ext.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map((c) => c.command);
      assert.ok(contributed.length > 0, 'the manifest contributes no commands');
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = contributed.filter((c) => !registered.has(c));
      assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    });
  });
}

/** Entry point @vscode/test-electron calls inside the extension host. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'suite.ts', mocha);
  defineTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} desktop test(s) failed`)) : resolve()));
  });
}
