import { strict as assert } from 'assert';
import { settingHome } from '../../src/extension/settingHome';

const demoPair = [{ y: 'BTCUSDT', x: 'ETHUSDT', timeframe: '1s', window: 60 }];
const userPairs = [{ y: 'BTCUSDT', x: 'ETHUSDT' }, { y: 'SOLUSDT', x: 'BTCUSDT' }];

describe('settingHome (where the desk is written and read back)', () => {
  it('a folder with pairs in .vscode/settings.json: read from and written to the workspace, the user list is shadowed and said so', () => {
    const home = settingHome('pairs', { defaultValue: [], globalValue: userPairs, workspaceValue: demoPair }, true, true);
    assert.equal(home.target, 'workspace');
    assert.equal(home.readFrom, 'workspace');
    assert.deepEqual(home.value, demoPair);
    assert.equal(home.migrates, false);
    assert.equal(home.notes.length, 1);
    assert.match(home.notes[0], /workspace's settings \(1 entry\) override the user settings \(2 entries\)/);
  });

  it('a folder without a workspace value: the desk starts from the user list and moves to the workspace on its first save', () => {
    const home = settingHome('pairs', { defaultValue: [], globalValue: userPairs }, true, true);
    assert.deepEqual([home.target, home.readFrom, home.migrates], ['workspace', 'user', true]);
    assert.deepEqual(home.value, userPairs);
    assert.match(home.notes[0], /saved to this workspace's settings from its first change/);
  });

  it('no folder: the user settings are the home', () => {
    const home = settingHome('pairs', { defaultValue: [], globalValue: userPairs, workspaceValue: undefined }, false, true);
    assert.deepEqual([home.target, home.readFrom, home.migrates], ['user', 'user', false]);
    assert.deepEqual(home.value, userPairs);
  });

  it('nothing set anywhere: the default, written to the workspace when a folder is open (user settings without one)', () => {
    assert.deepEqual(settingHome('pairs', { defaultValue: [] }, true, true), { target: 'workspace', readFrom: 'default', value: [], migrates: false, notes: [] });
    assert.equal(settingHome('pairs', { defaultValue: [] }, false, true).target, 'user');
  });

  it('an emptied workspace desk ([]) still wins over the user list (removed pairs do not come back)', () => {
    const home = settingHome('pairs', { defaultValue: [], globalValue: userPairs, workspaceValue: [] }, true, true);
    assert.deepEqual(home.value, []);
    assert.equal(home.target, 'workspace');
  });

  it('rules (not per workspace) stay in the user settings unless the workspace has its own', () => {
    const rules = [{ id: 'r1' }];
    assert.deepEqual(settingHome('alertRules', { defaultValue: [], globalValue: rules }, true, false).target, 'user');
    assert.deepEqual(settingHome('alertRules', { defaultValue: [], globalValue: [], workspaceValue: rules }, true, false).target, 'workspace');
    assert.deepEqual(settingHome('alertRules', { defaultValue: [] }, true, false).target, 'user');
  });

  it('a folder-level value (multi-root) that VS Code does not read for this setting is reported', () => {
    const home = settingHome('pairs', { defaultValue: [], workspaceFolderValue: demoPair }, true, true);
    assert.match(home.notes[0], /folder's settings \(1 entry\) is not read in a multi-root workspace/);
  });
});
