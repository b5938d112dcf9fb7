// Checks a pair's two symbols against exchangeInfo before anything is subscribed.
import { EngineError } from '../errors';
import type { SymbolInfo } from './ports';

export function isTradablePerpetual(info: SymbolInfo): boolean {
  return info.status === 'TRADING' && info.contractType === 'PERPETUAL';
}

/** Throws BAD_SYMBOL / BAD_ARGUMENT with a message the user can act on. */
export function validatePairSymbols(y: string, x: string, symbols: readonly SymbolInfo[]): void {
  const yName = y.trim().toUpperCase();
  const xName = x.trim().toUpperCase();
  if (!yName || !xName) throw new EngineError('BAD_ARGUMENT', 'Both legs of the pair need a symbol.');
  if (yName === xName) throw new EngineError('BAD_ARGUMENT', `A pair needs two different symbols; ${yName} was chosen twice.`);
  validateSymbol(yName, symbols);
  validateSymbol(xName, symbols);
}

/** One leg against the exchangeInfo list, checked as soon as it is chosen (no network): BAD_SYMBOL if unusable. */
export function validateSymbol(symbol: string, symbols: readonly SymbolInfo[]): void {
  const name = symbol.trim().toUpperCase();
  if (!name) throw new EngineError('BAD_ARGUMENT', 'Both legs of the pair need a symbol.');
  const info = symbols.find((s) => s.symbol === name);
  if (!info) throw new EngineError('BAD_SYMBOL', `${name} is not a Binance USD-M futures symbol.`);
  if (info.contractType !== 'PERPETUAL') throw new EngineError('BAD_SYMBOL', `${name} is a ${info.contractType.toLowerCase()} contract, not a perpetual.`);
  if (info.status !== 'TRADING') throw new EngineError('BAD_SYMBOL', `${name} is not trading (status ${info.status}).`);
}
