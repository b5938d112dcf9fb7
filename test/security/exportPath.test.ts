// Where Save CSV may write: only inside the workspace. The `exportFolder` setting is refused when it climbs
// out (`..`) or is absolute, and the real Save CSV command (fake vscode, real files) writes nothing outside.
import { strict as assert } from 'assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parseSettings } from '../../src/extension/settingsModel';
import { FakeUri, installFakeVscode, ui } from './fakeVscode';

function exportFolderOf(value: unknown): { folder: string; problems: string[] } {
  const { settings, problems } = parseSettings((key) => (key === 'exportFolder' ? value : undefined));
  return { folder: settings.exportFolder, problems };
}

describe('security: export folder setting', () => {
  const refused = ['..', '../outside', 'a/../../b', 'quant-pairs/..', '..\\outside', '/etc', '/tmp/x', 'C:\\Users\\x', 'c:/x', '\\\\server\\share', '', '   ', 42, null, ['x']];
  for (const value of refused) {
    it(`refuses ${JSON.stringify(value)} with a clear message and keeps quant-pairs`, () => {
      const { folder, problems } = exportFolderOf(value);
      assert.equal(folder, 'quant-pairs');
      assert.equal(problems.length, 1);
      assert.match(problems[0], /quantPairs\.exportFolder: .* must be a folder inside the workspace; using "quant-pairs"/);
    });
  }

  it('accepts a nested relative folder', () => {
    assert.deepEqual(exportFolderOf('data/exports'), { folder: 'data/exports', problems: [] });
  });
});

describe('security: Save CSV writes only inside the workspace (real command, fake vscode)', () => {
  let root: string;
  let workspace: string;
  let outside: string;
  let exportPairCsv: typeof import('../../src/extension/commands/exportCommand').exportPairCsv;

  const pair = { id: 'BTCUSDT/ETHUSDT', source: 'live', config: { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 50, hedge: 'ols' } };
  const context = (exportFolder: string) =>
    ({
      desk: { get: (id: string) => (id === pair.id ? pair : undefined), rows: () => [] },
      settings: { value: { exportFolder, openAfterExport: false, stream: 'aggTrade', wsBaseUrl: 'wss://x', restBaseUrl: 'https://x', dataSourceLabel: '' } },
      alertLog: { all: [] },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    }) as never;

  before(() => {
    installFakeVscode();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exportPairCsv = (require('../../src/extension/commands/exportCommand') as typeof import('../../src/extension/commands/exportCommand')).exportPairCsv;
    root = mkdtempSync(path.join(tmpdir(), 'qp-sec-export-'));
    workspace = path.join(root, 'workspace');
    outside = path.join(root, 'outside');
    mkdirSync(workspace);
    mkdirSync(outside);
    ui.workspaceFolder = FakeUri.file(workspace);
  });
  after(() => {
    ui.workspaceFolder = undefined;
    rmSync(root, { recursive: true, force: true });
  });
  beforeEach(() => {
    ui.errors.length = 0;
    ui.infos.length = 0;
  });

  it('writes the default folder inside the workspace', async () => {
    const written = await exportPairCsv(context('quant-pairs'), pair.id);
    assert.ok(written && written.startsWith(path.join(workspace, 'quant-pairs') + path.sep), `wrote ${written}`);
    assert.equal(readdirSync(path.join(workspace, 'quant-pairs')).filter((f) => f.endsWith('.csv')).length, 1);
  });

  it('an absolute folder that reached the command still lands inside the workspace', async () => {
    const written = await exportPairCsv(context(outside), pair.id);
    assert.ok(written === undefined || written.startsWith(workspace + path.sep), `wrote ${written}`);
    assert.deepEqual(readdirSync(outside), []);
  });
});


describe('security: Save CSV refuses an export folder that leads out of the workspace', () => {
  let root: string;
  let workspace: string;
  let outside: string;
  let exportPairCsv: typeof import('../../src/extension/commands/exportCommand').exportPairCsv;
  const pair = { id: 'BTCUSDT/ETHUSDT', source: 'live', config: { y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1m', window: 50, hedge: 'ols' } };
  const context = (exportFolder: string) =>
    ({
      desk: { get: (id: string) => (id === pair.id ? pair : undefined), rows: () => [] },
      settings: { value: { exportFolder, openAfterExport: false, stream: 'aggTrade', wsBaseUrl: 'wss://x', restBaseUrl: 'https://x', dataSourceLabel: '' } },
      alertLog: { all: [] },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    }) as never;

  before(() => {
    installFakeVscode();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exportPairCsv = (require('../../src/extension/commands/exportCommand') as typeof import('../../src/extension/commands/exportCommand')).exportPairCsv;
    root = mkdtempSync(path.join(tmpdir(), 'qp-sec-escape-'));
    workspace = path.join(root, 'workspace');
    outside = path.join(root, 'outside');
    mkdirSync(workspace);
    mkdirSync(outside);
    ui.workspaceFolder = FakeUri.file(workspace);
  });
  after(() => {
    ui.workspaceFolder = undefined;
    rmSync(root, { recursive: true, force: true });
  });
  beforeEach(() => (ui.errors.length = 0));

  it('a workspace folder that is a symlink to outside: nothing written, a clear error', async () => {
    symlinkSync(outside, path.join(workspace, 'quant-pairs'));
    const written = await exportPairCsv(context('quant-pairs'), pair.id);
    assert.equal(written, undefined);
    assert.deepEqual(readdirSync(outside), []);
    assert.equal(ui.errors.length, 1);
    assert.match(ui.errors[0], /export folder "quant-pairs" leads outside the workspace/);
  });

  it('a symlink deeper in the path (folder not yet created below it) is refused too', async () => {
    symlinkSync(outside, path.join(workspace, 'linked'));
    const written = await exportPairCsv(context('linked/new/deeper'), pair.id);
    assert.equal(written, undefined);
    assert.deepEqual(readdirSync(outside), []);
    assert.match(ui.errors[0] ?? '', /leads outside the workspace/);
  });

  it('a `..` that got past the settings parser (e.g. " ../outside", trimmed after the check) is refused at write time', async () => {
    const written = await exportPairCsv(context('../outside'), pair.id);
    assert.equal(written, undefined);
    assert.deepEqual(readdirSync(outside), []);
    assert.match(ui.errors[0] ?? '', /leads outside the workspace/);
  });

  it('a symlink that stays inside the workspace is fine', async () => {
    mkdirSync(path.join(workspace, 'real-exports'));
    symlinkSync(path.join(workspace, 'real-exports'), path.join(workspace, 'exports-link'));
    const written = await exportPairCsv(context('exports-link'), pair.id);
    assert.ok(written, `errors: ${ui.errors.join(' | ')}`);
    assert.equal(readdirSync(path.join(workspace, 'real-exports')).filter((f) => f.endsWith('.csv')).length, 1);
  });
});
