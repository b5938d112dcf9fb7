// Which symbols a scan covers: a watchlist / explicit list, or the top N USD-M perpetuals by 24 h quote
// volume above a liquidity floor. Non-perpetual and non-TRADING contracts never enter; they are listed
// with the reason, as are the symbols under the floor and requested names the exchange does not have.
import { EngineError } from '../errors';
import type { SymbolInfo } from '../feed/rest';
import type { ExcludedSymbol } from './align';

export type UniverseSpec =
  | { kind: 'symbols'; symbols: readonly string[] }
  | { kind: 'top'; count: number; minQuoteVolume?: number };

export interface Ticker24h {
  symbol: string;
  /** 24 h volume in the quote asset (USDT). */
  quoteVolume: number;
}

export interface Universe {
  symbols: string[];
  excluded: ExcludedSymbol[];
}

/** Parses the CLI/setting form: "top:N" or "SYM,SYM,…". */
export function parseUniverseSpec(text: string, minQuoteVolume = 0): UniverseSpec {
  const top = /^top:(\d{1,5})$/i.exec(text.trim());
  if (top) {
    const count = Number(top[1]);
    if (count < 2) throw new EngineError('BAD_ARGUMENT', `universe top:${count}: a scan needs at least 2 symbols`);
    return { kind: 'top', count, minQuoteVolume };
  }
  const symbols = text.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
  if (symbols.length < 2 || symbols.some((s) => !/^[A-Z0-9_]{2,30}$/.test(s))) {
    throw new EngineError('BAD_ARGUMENT', `universe "${text}": give top:N or at least two comma-separated symbols`);
  }
  return { kind: 'symbols', symbols };
}

function ineligibility(info: SymbolInfo): string | undefined {
  if (info.contractType !== 'PERPETUAL') return `not a perpetual (${info.contractType || 'no contract type'})`;
  if (info.status !== 'TRADING') return `not trading (${info.status})`;
  return undefined;
}

/**
 * Where a symbol's data comes from (its `quantPairs.dataSourceLabels` label, e.g. "REPLAY candles 1h
 * 2025-09-11…10-23 (rebased), …"); undefined: the exchange's own market. Symbols of different sources are
 * different real spans rebased to one clock, so a scan never aligns them as if concurrent.
 */
export type SourceOf = (symbol: string) => string | undefined;

/**
 * Keeps the symbols of one source: the one most of `symbols` have (ties: the first symbol's); the others are
 * excluded with both sources named. `symbols` come in rank order.
 */
function oneSource(symbols: readonly string[], sourceOf: SourceOf | undefined, excluded: ExcludedSymbol[]): string[] {
  if (!sourceOf || symbols.length === 0) return [...symbols];
  const count = new Map<string | undefined, number>();
  for (const s of symbols) count.set(sourceOf(s), (count.get(sourceOf(s)) ?? 0) + 1);
  let chosen = sourceOf(symbols[0]);
  for (const [source, n] of count) if (n > count.get(chosen)!) chosen = source;
  const name = (source: string | undefined) => source ?? 'the exchange\'s market';
  const kept: string[] = [];
  for (const s of symbols) {
    const source = sourceOf(s);
    if (source === chosen) kept.push(s);
    else excluded.push({ symbol: s, reason: `another data source (${name(source)}) than the scan's (${name(chosen)}): bars of different spans are never aligned` });
  }
  return kept;
}

export function selectUniverse(infos: readonly SymbolInfo[], tickers: readonly Ticker24h[], spec: UniverseSpec, sourceOf?: SourceOf): Universe {
  const excluded: ExcludedSymbol[] = [];
  const bySymbol = new Map(infos.map((i) => [i.symbol, i]));
  if (spec.kind === 'symbols') {
    const symbols: string[] = [];
    for (const s of new Set(spec.symbols)) {
      const info = bySymbol.get(s);
      const why = info ? ineligibility(info) : 'not listed by the exchange';
      if (why) excluded.push({ symbol: s, reason: why });
      else symbols.push(s);
    }
    return { symbols: oneSource(symbols, sourceOf, excluded), excluded };
  }
  for (const info of infos) {
    const why = ineligibility(info);
    if (why) excluded.push({ symbol: info.symbol, reason: why });
  }
  const volume = new Map(tickers.map((t) => [t.symbol, t.quoteVolume]));
  const floor = spec.minQuoteVolume ?? 0;
  const eligible: Array<{ symbol: string; quoteVolume: number }> = [];
  for (const info of infos) {
    if (ineligibility(info)) continue;
    const qv = volume.get(info.symbol);
    if (qv === undefined || !Number.isFinite(qv)) excluded.push({ symbol: info.symbol, reason: 'no 24 h ticker' });
    else if (qv < floor) excluded.push({ symbol: info.symbol, reason: `24 h quote volume ${Math.round(qv)} below the floor ${floor}` });
    else eligible.push({ symbol: info.symbol, quoteVolume: qv });
  }
  eligible.sort((a, b) => b.quoteVolume - a.quoteVolume || a.symbol.localeCompare(b.symbol));
  return { symbols: oneSource(eligible.map((e) => e.symbol), sourceOf, excluded).slice(0, spec.count), excluded };
}
