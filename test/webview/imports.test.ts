// The webview is browser code: it reaches the engine's data only through src/shared/ (model types,
// constants, formatters, the protocol), never by importing src/engine, so no engine code lands in its bundle.
import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

/** Every module specifier of a file, with whether the import/export is type-only. */
function specifiers(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found: { spec: string; typeOnly: boolean }[] = [];
  const re = /\b(import|export)\s+(type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) found.push({ spec: m[3] ?? m[4] ?? m[5], typeOnly: m[2] !== undefined });
  return found;
}

function resolvesIntoEngine(file: string, spec: string): boolean {
  if (!spec.startsWith('.')) return false;
  const rel = path.relative(root, path.resolve(path.dirname(file), spec)).split(path.sep).join('/');
  return rel === 'src/engine' || rel.startsWith('src/engine/');
}

const tsFiles = (dir: string) => readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, dir, f));

describe('webview imports', () => {
  it('the scanner sees imports (control: a file that imports the engine is caught)', () => {
    const protocol = path.join(root, 'src/shared/model.ts');
    assert.ok(specifiers(protocol).some((s) => resolvesIntoEngine(protocol, s.spec)), 'model.ts re-exports engine types, the scanner must see it');
  });

  it('no webview file imports anything from src/engine', () => {
    const offenders = [...tsFiles('webview'), ...tsFiles('webview/scanner')].flatMap((file) =>
      specifiers(file)
        .filter((s) => resolvesIntoEngine(file, s.spec))
        .map((s) => `${path.basename(file)}: ${s.spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('src/shared takes only types from the engine (erased at build), so the webview bundle holds no engine code', () => {
    const offenders = tsFiles('src/shared').flatMap((file) =>
      specifiers(file)
        .filter((s) => resolvesIntoEngine(file, s.spec) && !s.typeOnly)
        .map((s) => `${path.basename(file)}: ${s.spec}`),
    );
    assert.deepEqual(offenders, []);
  });
});
