// The product's rules that both the extension host and the webview check: the timeframes and hedge
// methods on offer, the rolling-window limits, what a symbol looks like. Each is declared once, here.

/**
 * Bar lengths a pair can use (the engine's bar builder takes any whole number of seconds; the product offers these):
 * live bars from trades, and the kline intervals a pair scan uses, so "Add to desk" keeps the scan's interval.
 */
export const TIMEFRAMES = ['1s', '1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** How a pair's hedge ratio β is estimated. */
export const HEDGE_METHODS = ['ols', 'rolling-ols', 'huber', 'theil-sen', 'kalman'] as const;
export type HedgeMethod = (typeof HEDGE_METHODS)[number];

/**
 * A pair's rolling window, in bars, as the product accepts it: the settings schema, the Set Rolling Window
 * command and the dashboard's field. The analytics accept a wider range (analytics/pairConfig.ts).
 */
export const WINDOW_MIN = 10;
export const WINDOW_MAX = 5000;

/**
 * A well-formed exchange symbol: upper-case letters and digits, underscores inside (quarterly contracts:
 * BTCUSDT_260925), 2 to 40 characters. package.json's settings schema uses the same pattern (a test compares).
 */
export const SYMBOL_PATTERN_SOURCE = '[A-Z0-9][A-Z0-9_]{1,39}';
export const SYMBOL_PATTERN = new RegExp(`^${SYMBOL_PATTERN_SOURCE}$`);
/** A pair id, `Y/X`: two well-formed symbols; a pair of imported series is `Y/X (imported)` or `Y/X (imported 2)`. */
export const PAIR_ID_PATTERN = new RegExp(`^${SYMBOL_PATTERN_SOURCE}/${SYMBOL_PATTERN_SOURCE}(?: \\(imported(?: [1-9][0-9]{0,3})?\\))?$`);
