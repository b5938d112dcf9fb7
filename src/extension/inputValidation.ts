// Validation of what users type into input boxes and pick in QuickPicks. Pure, so it is unit-tested;
// each function returns the message shown inline, or undefined when the value is acceptable.
import { rearmProblem, type AlertOperator } from '../engine/alerts/alertRule';
import type { SymbolInfo } from '../engine/desk/ports';
import { isTradablePerpetual } from '../engine/desk/validatePair';
import { SYMBOL_PATTERN_SOURCE, WINDOW_MAX, WINDOW_MIN } from '../shared/constants';

export function validateWindowInput(text: string): string | undefined {
  const t = text.trim();
  if (!t) return 'Enter the number of bars in the rolling window.';
  if (!/^\d+$/.test(t)) return `"${t}" is not a whole number of bars.`;
  const n = Number(t);
  if (n < WINDOW_MIN) return `A window needs at least ${WINDOW_MIN} bars.`;
  if (n > WINDOW_MAX) return `At most ${WINDOW_MAX} bars.`;
  return undefined;
}

export function validateThresholdInput(text: string, mustBePositive: boolean): string | undefined {
  const t = text.trim();
  if (!t) return 'Enter a threshold, e.g. 2.';
  const n = Number(t);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || !Number.isFinite(n)) return `"${t}" is not a number.`;
  if (mustBePositive && n <= 0) return 'The threshold of |x| must be above 0.';
  if (Math.abs(n) > 1e9) return 'That threshold is out of range.';
  return undefined;
}

/** The re-arm level typed after the threshold: a number on the quiet side of it. */
export function validateRearmInput(text: string, operator: AlertOperator, threshold: number): string | undefined {
  const t = text.trim();
  const n = Number(t);
  if (!t || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || !Number.isFinite(n)) return `"${t}" is not a number.`;
  return rearmProblem(operator, threshold, n);
}

export function validateCooldownInput(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'Enter the cooldown in whole seconds (0 for none).';
  if (Number(t) > 86_400) return 'At most one day (86400 s).';
  return undefined;
}

export interface SymbolPick {
  label: string;
  description: string;
  symbol: string;
}

/** Symbols offered in Add Pair: trading USD-M perpetuals, USDT first, alphabetical; `exclude` is the first leg. */
export function symbolPicks(symbols: readonly SymbolInfo[], exclude?: string): SymbolPick[] {
  return symbols
    .filter((s) => isTradablePerpetual(s) && s.symbol !== exclude)
    .sort((a, b) => (a.quoteAsset === 'USDT' ? 0 : 1) - (b.quoteAsset === 'USDT' ? 0 : 1) || a.symbol.localeCompare(b.symbol))
    .map((s) => ({ label: s.symbol, description: `${s.quoteAsset} perpetual`, symbol: s.symbol }));
}

/** A symbol typed by hand into the QuickPick (not picked from the list). */
export function normaliseTypedSymbol(text: string): string {
  return text.trim().toUpperCase().replace(/[^A-Z0-9_]/g, '');
}

/**
 * The symbol an accepted symbol QuickPick stands for: the highlighted item when it contains what was typed
 * ("btc" → BTCUSDT), else the typed text itself, so a full name that is not listed is refused by name rather
 * than swapped for a fuzzy match. Empty when nothing was chosen.
 */
export function pickedSymbol(highlighted: string | undefined, typed: string): string {
  const text = normaliseTypedSymbol(typed);
  if (highlighted !== undefined && highlighted.includes(text)) return highlighted;
  return text;
}

/** Two symbols in either case, separated by `/`, `-`, `:` or spaces. */
const PAIR_ARGUMENT = new RegExp(`^\\s*(${SYMBOL_PATTERN_SOURCE})\\s*[/\\-: ]\\s*(${SYMBOL_PATTERN_SOURCE})\\s*$`, 'i');

/** `BTCUSDT/ETHUSDT` (or with spaces / a dash) from a command argument or a tree item, or undefined. */
export function parsePairArgument(arg: unknown): string | undefined {
  const text = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && typeof (arg as { pairId?: unknown }).pairId === 'string' ? (arg as { pairId: string }).pairId : undefined;
  if (!text) return undefined;
  const m = PAIR_ARGUMENT.exec(text);
  return m ? `${m[1].toUpperCase()}/${m[2].toUpperCase()}` : undefined;
}

/** A fresh rule id that is not in `taken`. */
export function newRuleId(taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) if (!taken.has(`rule-${i}`)) return `rule-${i}`;
}
