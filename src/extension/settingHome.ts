// Where a `quantPairs.*` list the extension writes (the desk's pairs, the alert rules) lives, read from every
// level of `inspect()`. VS Code shows the most specific level that holds a value (workspace over user), so a
// value written to a level that a higher one overrides is silently lost: the desk must be written where it is
// read back. No `vscode` import: unit-tested in Node.

export type SettingLevel = 'default' | 'user' | 'workspace';

/** What `WorkspaceConfiguration.inspect(key)` reports (the language levels do not apply to these settings). */
export interface SettingInspection {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface SettingHome {
  /** The level written to, and read back from. */
  target: 'user' | 'workspace';
  /** The level the value in effect comes from. */
  readFrom: SettingLevel;
  /** The value in effect (what the desk starts from). */
  value: unknown;
  /** True when the value in effect is not yet at the target: the next save moves it there. */
  migrates: boolean;
  /** One line per level whose value is shadowed or moved, for the log. */
  notes: string[];
}

const count = (v: unknown) => (Array.isArray(v) ? `${v.length} entr${v.length === 1 ? 'y' : 'ies'}` : JSON.stringify(v));

/**
 * `perWorkspace`: a folder's desk is its own (the pairs), saved in the workspace's settings when a folder is
 * open, in the user's otherwise. Otherwise (the rules) the home is the level whose value is in effect:
 * the workspace when it has one, else the user's settings.
 */
export function settingHome(key: string, inspection: SettingInspection, hasFolder: boolean, perWorkspace: boolean): SettingHome {
  const { globalValue, workspaceValue, workspaceFolderValue, defaultValue } = inspection;
  const notes: string[] = [];
  const name = `quantPairs.${key}`;
  // Window-scoped settings are never read from a folder of a multi-root workspace: say so rather than ignore it quietly.
  if (hasFolder && workspaceFolderValue !== undefined && JSON.stringify(workspaceFolderValue) !== JSON.stringify(workspaceValue))
    notes.push(`${name} in a folder's settings (${count(workspaceFolderValue)}) is not read in a multi-root workspace; put it in the workspace settings.`);
  if (!hasFolder) {
    return {
      target: 'user',
      readFrom: globalValue !== undefined ? 'user' : 'default',
      value: globalValue ?? defaultValue,
      migrates: false,
      notes,
    };
  }
  if (workspaceValue !== undefined) {
    if (globalValue !== undefined && JSON.stringify(globalValue) !== JSON.stringify(workspaceValue))
      notes.push(
        `${name}: this workspace's settings (${count(workspaceValue)}) override the user settings (${count(globalValue)}); the desk is read from and saved to the workspace settings.`,
      );
    return { target: 'workspace', readFrom: 'workspace', value: workspaceValue, migrates: false, notes };
  }
  if (globalValue !== undefined) {
    if (!perWorkspace) return { target: 'user', readFrom: 'user', value: globalValue, migrates: false, notes };
    notes.push(`${name}: the desk starts from the user settings (${count(globalValue)}) and is saved to this workspace's settings from its first change.`);
    return { target: 'workspace', readFrom: 'user', value: globalValue, migrates: true, notes };
  }
  return { target: perWorkspace ? 'workspace' : 'user', readFrom: 'default', value: defaultValue, migrates: false, notes };
}
