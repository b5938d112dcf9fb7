// What an import did: how many lines, ticks or bars, lines skipped on purpose (depth frames, headers),
// and bad lines with the line number and reason of the first few.
import type { ImportFormat } from './formats';

export const MAX_REPORTED_ERRORS = 5;

export interface ImportLineError {
  line: number;
  message: string;
}

export interface ImportReport {
  path: string;
  /** Undefined until the import has started and detected the format. */
  format: ImportFormat | undefined;
  lines: number;
  /** Ticks (importTicks) or bars (importBars) produced. */
  records: number;
  /** Lines that are valid but carry no trade: depth / bookTicker frames, snapshots, headers, blank lines. */
  skipped: number;
  /** Lines that could not be read; the first few are in firstErrors. */
  bad: number;
  firstErrors: ImportLineError[];
}

export function newImportReport(path: string): ImportReport {
  return { path, format: undefined, lines: 0, records: 0, skipped: 0, bad: 0, firstErrors: [] };
}

export function recordBadLine(report: ImportReport, line: number, message: string): void {
  report.bad++;
  if (report.firstErrors.length < MAX_REPORTED_ERRORS) report.firstErrors.push({ line, message });
}

/** One line for people: "3 bad lines (line 4: price "x" is not a number; line 9: …)". */
export function describeBadLines(report: ImportReport): string {
  const first = report.firstErrors.map((e) => `line ${e.line}: ${e.message}`).join('; ');
  const more = report.bad > report.firstErrors.length ? '; …' : '';
  return `${report.bad} bad line${report.bad === 1 ? '' : 's'} skipped (${first}${more})`;
}
