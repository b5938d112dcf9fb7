// Reads numeric series for the statistics commands (adf, coint): either one number per line, or a CSV
// with a header row whose columns are picked by name or by 0-based index. Text where a number should
// be is a PARSE_ERROR naming the line and the column, never a silent NaN.
import { EngineError } from '../engine/errors';
import { readLines } from '../engine/import/lines';

export interface NumericTable {
  /** Column names from the header, or null when the file is bare numbers. */
  header: string[] | null;
  rows: string[][];
  /** 1-based line number of each row, for error messages. */
  lineNumbers: number[];
}

function splitCsv(line: string): string[] {
  return line.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
}

function isNumber(field: string): boolean {
  return field !== '' && Number.isFinite(Number(field));
}

export async function readNumericTable(path: string): Promise<NumericTable> {
  let header: string[] | null | undefined;
  const rows: string[][] = [];
  const lineNumbers: number[] = [];
  let lineNumber = 0;
  for await (const line of readLines(path)) {
    lineNumber++;
    if (line.trim() === '') continue;
    const fields = splitCsv(line);
    if (header === undefined) {
      header = fields.every(isNumber) ? null : fields;
      if (header) continue;
    }
    rows.push(fields);
    lineNumbers.push(lineNumber);
  }
  return { header: header ?? null, rows, lineNumbers };
}

/** Resolves NAME or a 0-based INDEX to a column index; `undefined` means "the only column". */
export function columnIndex(table: NumericTable, selector: string | undefined, what: string): number {
  const width = table.header?.length ?? table.rows[0]?.length ?? 0;
  if (selector === undefined) {
    if (width === 1) return 0;
    const names = table.header ? table.header.join(', ') : `0..${width - 1}`;
    throw new EngineError('BAD_ARGUMENT', `the file has ${width} columns: choose ${what} (columns: ${names})`);
  }
  const byName = table.header?.indexOf(selector) ?? -1;
  if (byName >= 0) return byName;
  if (/^\d+$/.test(selector) && Number(selector) < width) return Number(selector);
  const names = table.header ? table.header.join(', ') : `0..${width - 1}`;
  throw new EngineError('BAD_ARGUMENT', `no column "${selector}" for ${what} (columns: ${names})`);
}

export function numericColumn(table: NumericTable, index: number): Float64Array {
  const name = table.header ? table.header[index] : String(index);
  const values = new Float64Array(table.rows.length);
  table.rows.forEach((row, i) => {
    const field = row[index];
    if (field === undefined || !isNumber(field)) {
      throw new EngineError(
        'PARSE_ERROR',
        `line ${table.lineNumbers[i]}, column ${name}: ${field === undefined || field === '' ? 'missing value' : `"${field}" is not a number`}`,
      );
    }
    values[i] = Number(field);
  });
  return values;
}
