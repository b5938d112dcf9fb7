// Binance's two "not from here" answers, named once: HTTP 451 (restricted location: the US and several cloud
// regions) and HTTP 403 (its WAF). REST and the WebSocket upgrade both turn the status into this error, so the
// tree, the status bar and the log show the same sentence.
import { EngineError } from '../errors';

export type RefusalStatus = 451 | 403;

const REASONS: Record<RefusalStatus, { code: 'RESTRICTED_LOCATION' | 'FORBIDDEN'; reason: string }> = {
  451: { code: 'RESTRICTED_LOCATION', reason: 'restricted location' },
  403: { code: 'FORBIDDEN', reason: "refused by Binance's firewall" },
};

export class BinanceRefusedError extends EngineError {
  constructor(readonly status: RefusalStatus) {
    super(REASONS[status].code, `Binance futures is not available from this network (HTTP ${status}: ${REASONS[status].reason})`);
  }
}

/** The refusal error for a 451 / 403 status, or undefined for any other status. */
export function refusalOf(status: number): BinanceRefusedError | undefined {
  return status === 451 || status === 403 ? new BinanceRefusedError(status) : undefined;
}
