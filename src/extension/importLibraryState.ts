// The library of imported files and the pairs made of them survive Reload Window: the workspace's state keeps
// the file paths and the pairs (never quantPairs.pairs, which holds live pairs only); activation reads the files
// again in the background, and says which file is gone and which pair could not come back.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ImportedPairSpec } from '../engine/desk/importLibrary';
import { errorMessage } from '../shared/errorMessage';
import { HEDGE_METHODS, TIMEFRAMES, WINDOW_MAX, WINDOW_MIN } from '../shared/constants';
import type { HostContext } from './hostContext';

const STATE_KEY = 'quantPairs.importLibrary';

interface SavedLibrary {
  /** The files of each import, in order: read again together, they give the same series and keys. */
  imports: string[][];
  pairs: ImportedPairSpec[];
}

export async function saveImportLibrary(c: Pick<HostContext, 'desk' | 'workspaceState'>): Promise<void> {
  const saved: SavedLibrary = { imports: c.desk.library.imports(), pairs: c.desk.importedPairs().map(({ y, x, timeframe, window, hedge }) => ({ y, x, timeframe, window, hedge })) };
  await c.workspaceState.update(STATE_KEY, saved);
}

/** What was saved, with anything malformed left out (the state is ours, but a downgrade may have written it). */
export function readSavedLibrary(value: unknown): SavedLibrary {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof SavedLibrary, unknown>>;
  const imports = (Array.isArray(v.imports) ? v.imports : [])
    .map((files) => (Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f)) : []))
    .filter((files) => files.length > 0);
  const pairs = (Array.isArray(v.pairs) ? v.pairs : []).filter((p): p is ImportedPairSpec => {
    const q = p as Partial<ImportedPairSpec>;
    return (
      typeof q.y === 'string' &&
      typeof q.x === 'string' &&
      TIMEFRAMES.includes(q.timeframe!) &&
      HEDGE_METHODS.includes(q.hedge!) &&
      Number.isInteger(q.window) &&
      q.window! >= WINDOW_MIN &&
      q.window! <= WINDOW_MAX
    );
  });
  return { imports, pairs };
}

/** Reads the saved files again and puts their pairs back; a file that is gone is named, with the pairs it held. */
export async function restoreImportLibrary(c: HostContext): Promise<void> {
  const saved = readSavedLibrary(c.workspaceState.get(STATE_KEY));
  if (saved.imports.length === 0) return;
  const files = saved.imports.flat();
  const gone = files.filter((f) => !fs.existsSync(f));
  const problems = gone.map((f) => `${path.basename(f)} is gone (${f})`);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Quant Pairs: reading imported files' }, async () => {
    for (const group of saved.imports) {
      const present = group.filter((f) => !gone.includes(f));
      if (present.length === 0) continue;
      const result = await c.desk.library.importFiles(present);
      for (const f of result.failed) problems.push(`${path.basename(f.path)} could not be read again: ${f.error.message}`);
    }
  });
  const lost: string[] = [];
  for (const spec of saved.pairs) {
    if (!c.desk.library.has(spec.y) || !c.desk.library.has(spec.x)) {
      lost.push(`${spec.y} / ${spec.x}`);
      continue;
    }
    try {
      c.desk.addImportedPair(spec);
    } catch (err) {
      lost.push(`${spec.y} / ${spec.x} (${errorMessage(err)})`);
    }
  }
  c.log.info(`Imported library restored: ${c.desk.library.list().length} series from ${files.length - gone.length} file(s), ${saved.pairs.length - lost.length} pair(s)`);
  if (problems.length || lost.length) {
    const message = `Quant Pairs: ${problems.join('; ')}${lost.length ? `${problems.length ? '; ' : ''}imported pair${lost.length === 1 ? '' : 's'} not restored: ${lost.join(', ')}` : ''}. Import the file again to get it back.`;
    c.log.warn(message);
    void vscode.window.showWarningMessage(message);
  }
  await saveImportLibrary(c);
}
