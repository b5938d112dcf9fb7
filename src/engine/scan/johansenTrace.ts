// The Johansen trace test the scan reports per pair: H0 rank 0 against rank ≥ 1 (cointegrated) at 95%
// when trace > crit95; statsmodels coint_johansen([log y, log x], det_order 0, k_ar_diff = lags).
import { johansen } from '../analytics/johansen';
import type { JohansenTraceTest } from './pairTest';

export function johansenTraceTest(lags: number): JohansenTraceTest {
  return (y, x) => {
    const r = johansen([y, x], 0, lags);
    return { trace: r.trace[0], crit95: r.traceCrit[0][1] };
  };
}
