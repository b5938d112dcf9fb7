// Typed errors: every failure the engine reports carries a stable code the UI and CLI can act on.

export type EngineErrorCode =
  | 'FILE_UNREADABLE'
  | 'UNKNOWN_FORMAT'
  | 'BAD_TIMEFRAME'
  | 'BAD_ARGUMENT'
  | 'BAD_SYMBOL'
  | 'PARSE_ERROR'
  | 'TOO_FEW_OBSERVATIONS'
  | 'CONSTANT_SERIES'
  | 'SINGULAR_MATRIX'
  | 'NETWORK'
  | 'RATE_LIMITED'
  /** HTTP 451: Binance refuses this network's location. */
  | 'RESTRICTED_LOCATION'
  /** HTTP 403: Binance's firewall (WAF) refused the request. */
  | 'FORBIDDEN'
  | 'WRITE_FAILED'
  /** The caller cancelled (AbortSignal). */
  | 'CANCELLED';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError;
}
