// Public entry of the local Binance-compatible exchange.
export { startExchange, BINANCE_LIMITS, SHIFT_UNIT_MS } from './server';
export type { ExchangeLimits, ExchangeOptions, FaultSwitches, LocalExchange } from './types';
export type { ExchangeTraffic } from './traffic';
