// Seeded synthetic funding rates for every symbol, the figures `GET /fapi/v1/fundingRate`, `/fapi/v1/premiumIndex`,
// `/fapi/v1/fundingInfo` and the markPrice stream share. Binance's rate is F = P + clamp(I − P, −0.05 %, +0.05 %)
// with I the interest rate (0.01 % per 8 h): a premium P near zero gives exactly I, which is why most real
// rates read 0.00010000. P here is an AR(1) series per symbol, counter-based (any funding time is computed
// on its own, no state), so history is the same whatever is asked first. BTCUSDT and ETHUSDT settle every
// 8 h, as on Binance; about a fifth of other symbols every 4 h (listed by fundingInfo, as Binance lists its
// adjusted symbols).
import { mulberry32 } from '../../src/engine/random';

const HOUR_MS = 3_600_000;
const INTEREST_PER_8H = 0.0001;
const CLAMP = 0.0005;
/** Rate cap and floor of the listed majors (Binance: ±0.3 % for BTCUSDT/ETHUSDT, ±2 % for most others). */
const CAP_MAJOR = 0.003;
const CAP_OTHER = 0.02;
const PREMIUM_PERSISTENCE = 0.8;
/** Innovation sd of the premium per funding period: a few rates in ten leave 0.0001, as on quiet days. */
const PREMIUM_SD = 0.00025;
const AR_TERMS = 40;
const EIGHT_HOUR_SYMBOLS: ReadonlySet<string> = new Set(['BTCUSDT', 'ETHUSDT']);

function symbolSeed(symbol: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < symbol.length; i++) h = Math.imul(h ^ symbol.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function fundingIntervalHours(symbol: string): 4 | 8 {
  if (EIGHT_HOUR_SYMBOLS.has(symbol)) return 8;
  return symbolSeed(symbol) % 5 === 0 ? 4 : 8;
}

export function fundingCap(symbol: string): number {
  return EIGHT_HOUR_SYMBOLS.has(symbol) ? CAP_MAJOR : CAP_OTHER;
}

export function interestRate(symbol: string): number {
  return (INTEREST_PER_8H * fundingIntervalHours(symbol)) / 8;
}

function intervalMs(symbol: string): number {
  return fundingIntervalHours(symbol) * HOUR_MS;
}

/** The first funding time strictly after `time` (settlements are on whole UTC hours, multiples of the interval). */
export function nextFundingTime(symbol: string, time: number): number {
  const step = intervalMs(symbol);
  return Math.floor(time / step) * step + step;
}

/** Standard normal innovation number `k` of a symbol (seeded by symbol and k only). */
function innovation(seed: number, k: number): number {
  const random = mulberry32((seed ^ Math.imul(k | 0, 0x9e3779b1)) >>> 0);
  const u = random();
  const v = random();
  return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
}

/** The rate settled at funding time `time` (a multiple of the symbol's interval), rounded to 8 decimals as Binance prints it. */
export function fundingRateAt(symbol: string, time: number): number {
  const seed = symbolSeed(symbol);
  const k = Math.round(time / intervalMs(symbol));
  let premium = 0;
  let weight = 1;
  for (let j = 0; j < AR_TERMS; j++, weight *= PREMIUM_PERSISTENCE) premium += weight * PREMIUM_SD * innovation(seed, k - j);
  const interest = interestRate(symbol);
  const rate = premium + Math.min(CLAMP, Math.max(-CLAMP, interest - premium));
  const cap = fundingCap(symbol);
  return Math.round(Math.min(cap, Math.max(-cap, rate)) * 1e8) / 1e8;
}

export interface FundingQuery {
  startTime?: number;
  endTime?: number;
  limit: number;
}

/**
 * Funding times of one symbol as `GET /fapi/v1/fundingRate` selects them, ascending, none after `clock`:
 * from startTime (`limit` of them, not past endTime); without startTime the last `limit` up to endTime or now.
 */
export function fundingTimes(symbol: string, clock: number, q: FundingQuery): number[] {
  const step = intervalMs(symbol);
  const last = Math.floor(Math.min(clock, q.endTime ?? Infinity) / step) * step;
  const first = q.startTime !== undefined ? Math.ceil(q.startTime / step) * step : last - (q.limit - 1) * step;
  const out: number[] = [];
  for (let t = first; t <= last && out.length < q.limit; t += step) out.push(t);
  return out;
}
