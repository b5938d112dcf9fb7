// Loads the statsmodels expectation vectors of test/fixtures/statsmodels (made by generate.py there)
// and the columns of statsmodels' macrodata.csv they refer to.
import { readFileSync } from 'fs';
import { join } from 'path';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'statsmodels');
export const MACRODATA_CSV = join(FIXTURES, 'macrodata.csv');

let macro: Map<string, number[]> | undefined;

export function macroColumn(name: string): number[] {
  if (!macro) {
    const lines = readFileSync(MACRODATA_CSV, 'utf8').trim().split(/\r?\n/);
    const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    macro = new Map(header.map((h, j) => [h, rows.map((r) => r[j])]));
  }
  const column = macro.get(name);
  if (!column) throw new Error(`macrodata.csv has no column ${name}`);
  return column;
}

export function loadCases<T>(file: string): T[] {
  return (JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { cases: T[] }).cases;
}
