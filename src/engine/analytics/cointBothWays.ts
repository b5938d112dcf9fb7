// Engle-Granger in both orderings. OLS of Y on X and of X on Y give different residuals, so the test
// can call a pair cointegrated one way and not the other; the honest verdict is the weaker one (the
// larger p-value). Both results are kept so a view can show them side by side.
import { isEngineError } from '../errors';
import { coint, type CointOptions, type CointResult } from './coint';

export type CointOrdering = 'y-on-x' | 'x-on-y';

export interface CointBothWays {
  yOnX: CointResult | null;
  xOnY: CointResult | null;
  /** The ordering with the larger p-value; null unless both tests ran. */
  weaker: CointOrdering | null;
  /** p-value of the weaker ordering; null unless both tests ran. */
  pValue: number | null;
  /** Why an ordering has no result ("X on Y: …"). */
  notes: string[];
}

function attempt(label: string, notes: string[], swapped: boolean, run: () => CointResult): CointResult | null {
  try {
    return run();
  } catch (err) {
    if (!isEngineError(err)) throw err;
    let message = err.message.replace(/^coint:\s*/, '');
    // coint names its arguments Y and X; in the reversed regression they are the pair's X and Y.
    if (swapped) message = message.replace(/\b[XY]\b/g, (side) => (side === 'X' ? 'Y' : 'X'));
    notes.push(`${label}: ${message}`);
    return null;
  }
}

export function engleGrangerBothWays(y: ArrayLike<number>, x: ArrayLike<number>, options: CointOptions = {}): CointBothWays {
  const notes: string[] = [];
  const yOnX = attempt('Y on X', notes, false, () => coint(y, x, options));
  const xOnY = attempt('X on Y', notes, true, () => coint(x, y, options));
  if (!yOnX || !xOnY) return { yOnX, xOnY, weaker: null, pValue: null, notes };
  const weaker: CointOrdering = xOnY.pValue > yOnX.pValue ? 'x-on-y' : 'y-on-x';
  return { yOnX, xOnY, weaker, pValue: Math.max(yOnX.pValue, xOnY.pValue), notes };
}
