// The host↔webview protocol of the Pair Scanner panel, declared once and imported by both sides. Same
// envelope and MessageHandler as the dashboard's (./protocol); its own messages, since it shows a scan, not a pair.
import type { ScanPairResult } from '../engine/scan/scanner';
import { SYMBOL_PATTERN, TIMEFRAMES, type Timeframe } from './constants';

/** One tested pair as the table shows it: y is regressed on x (the ordering with the smaller Engle-Granger p). */
export type ScannerRow = Pick<
  ScanPairResult,
  'y' | 'x' | 'corr' | 'beta' | 'p' | 'q' | 'qAll' | 'johansenTrace' | 'johansenCrit95' | 'halfLife' | 'hurst' | 'crossingsPer100' | 'oosP' | 'passes'
> & {
  /** The spread ln y − β ln x over the lookback, demeaned, as (min, max) per time bucket; absent past the first rows. */
  spark?: number[];
};

/** The heatmap: k symbols in clustering order, two k×k matrices (row-major) over them. */
export interface ScannerHeatmap {
  symbols: string[];
  corr: (number | null)[];
  /** −log10 q of the tested pair (either ordering); null where the pair was screened out. */
  negLog10Q: (number | null)[];
  /** How the k symbols were chosen from the universe (the UI says so). */
  note: string;
}

export interface ScannerView {
  /** When the scan finished (ms since epoch). */
  finishedAt: number;
  interval: Timeframe;
  bars: number;
  universe: string;
  /** Where the klines came from: the REST base and the symbols' data-source label ("REPLAY candles 1h …"), if any. */
  source: string;
  symbols: number;
  excluded: { symbol: string; reason: string }[];
  pairsTotal: number;
  screened: number;
  passRule: string;
  seconds: number;
  workers: number;
  rows: ScannerRow[];
  heatmap: ScannerHeatmap;
}

// ---- host → webview ----
export type ToScannerMessage = { type: 'results'; view: ScannerView } | { type: 'empty'; message: string } | { type: 'added'; pairId: string };

// ---- webview → host ----
export type FromScannerMessage = { type: 'ready' } | { type: 'addToDesk'; y: string; x: string } | { type: 'saveCsv' } | { type: 'rescan' };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a message body from the scanner webview; returns the typed message or a reason it was rejected. */
export function validateFromScanner(body: unknown): { ok: true; message: FromScannerMessage } | { ok: false; reason: string } {
  if (!isRecord(body) || typeof body.type !== 'string') return { ok: false, reason: 'message has no type' };
  switch (body.type) {
    case 'ready':
    case 'saveCsv':
    case 'rescan':
      return { ok: true, message: { type: body.type } };
    case 'addToDesk':
      if (typeof body.y !== 'string' || typeof body.x !== 'string' || !SYMBOL_PATTERN.test(body.y) || !SYMBOL_PATTERN.test(body.x) || body.y === body.x)
        return { ok: false, reason: 'addToDesk needs two different symbols' };
      return { ok: true, message: { type: 'addToDesk', y: body.y, x: body.x } };
    default:
      return { ok: false, reason: `unknown message type "${String(body.type).slice(0, 40)}"` };
  }
}

/** The scan intervals the desk can also show (a scan's interval is a kline interval, never 1s). */
export const SCAN_INTERVALS = TIMEFRAMES.filter((t): t is Exclude<Timeframe, '1s'> => t !== '1s');
