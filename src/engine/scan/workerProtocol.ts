// Messages between the scanner (calling thread) and its workers. The price and correlation matrices and
// the cancel flag live in SharedArrayBuffers, so a task message carries only indices.
import type { PairStatistics } from './pairTest';

export interface InitMessage {
  kind: 'init';
  scanId: number;
  symbols: number;
  bars: number;
  /** ln(close), symbols × bars, row-major. */
  logPrices: SharedArrayBuffer;
  /** Standardised returns, symbols × (bars − 1). */
  returns: SharedArrayBuffer;
  /** Correlation matrix, symbols × symbols (upper triangle filled by the workers). */
  corr: SharedArrayBuffer;
  /** Int32 [0]: non-zero once the scan is cancelled; workers stop between pairs. */
  cancel: SharedArrayBuffer;
  inSampleShare: number;
  johansenLags: number;
}

export interface CorrelationTask {
  kind: 'corr';
  taskId: number;
  scanId: number;
  fromRow: number;
  toRow: number;
}

export interface PairsTask {
  kind: 'pairs';
  taskId: number;
  scanId: number;
  first: Int32Array;
  second: Int32Array;
  corr: Float64Array;
}

export type ToWorker = InitMessage | CorrelationTask | PairsTask;

export type FromWorker =
  | { kind: 'done'; taskId: number; results?: PairStatistics[]; cancelled?: boolean }
  | { kind: 'failed'; taskId: number; message: string };
