// What a CSV cell's text is, for telling file layouts apart (formats.ts) and reading them (visionCsv.ts).
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;

export function isNumberText(text: string): boolean {
  return NUMBER.test(text.trim());
}

export function isBooleanText(text: string): boolean {
  return BOOLEAN.test(text.trim());
}
