// What a well-formed exchange symbol looks like, checked wherever a symbol enters the engine (REST
// arguments, imported files), so that nothing else (markup, paths, formulas) travels as a symbol name.
import { SYMBOL_PATTERN } from '../shared/constants';

/** The symbol upper-cased and trimmed when it is well formed, otherwise undefined. */
export function wellFormedSymbol(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  return SYMBOL_PATTERN.test(upper) ? upper : undefined;
}
