// What a well-formed exchange symbol looks like, checked wherever a symbol enters the engine (REST
// arguments, imported files), so that nothing else (markup, paths, formulas) travels as a symbol name.

/** Upper-case letters and digits, underscores inside (quarterly contracts: BTCUSDT_260925), 2 to 40 characters. */
const WELL_FORMED_SYMBOL = /^[A-Z0-9][A-Z0-9_]{1,39}$/;

/** The symbol upper-cased and trimmed when it is well formed, otherwise undefined. */
export function wellFormedSymbol(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  return WELL_FORMED_SYMBOL.test(upper) ? upper : undefined;
}
