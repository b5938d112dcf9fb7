// A seeded synthetic universe of perpetuals for the pair scanner: log prices = scale + market factor +
// sector factor + heavy-tailed idiosyncratic random walk, prices from 0.001 to 100,000, and K planted
// cointegrated pairs y = c + β·x + u with u a stationary AR(1) of known half-life. Half-lives are drawn
// where a correct test can find them at the default lookback (the out-of-sample third must show the
// reversion): the statistics are never loosened to make a planted pair pass.
import { mulberry32 } from '../../src/engine/random';

export interface SyntheticUniverseOptions {
  symbols?: number;
  bars?: number;
  intervalMs?: number;
  plantedPairs?: number;
  sectors?: number;
  seed?: number;
  /** Half-lives of the planted spreads are drawn uniformly in [min, max] bars. */
  halfLifeRange?: [number, number];
  /** Open time of the last (still open) bar; default: the bar holding now. */
  lastOpenTime?: number;
}

export interface PlantedPair {
  y: string;
  x: string;
  beta: number;
  halfLife: number;
}

export interface UniverseSymbol {
  symbol: string;
  contractType: 'PERPETUAL' | 'CURRENT_QUARTER';
  status: 'TRADING' | 'SETTLING';
  pricePrecision: number;
  quoteVolume24h: number;
  /** Candles, ascending open time; the last one is the bar still open. */
  openTimes: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Quote volume and trade count per candle, when the source has them (Binance's native files do). */
  quoteVolume?: Float64Array;
  trades?: Float64Array;
}

export interface SyntheticUniverse {
  intervalMs: number;
  symbols: UniverseSymbol[];
  planted: PlantedPair[];
  /** True when the newest candle is the one still open (synthetic); false when every candle is closed (files). */
  lastCandleOpen: boolean;
}

/** Student-t with ν = 4, scaled to unit variance: fat tails (kurtosis ∞ at ν ≤ 4) like real returns. */
function studentT4(rand: () => number): () => number {
  const normal = () => {
    const u = 1 - rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  return () => {
    let chi = 0;
    for (let i = 0; i < 4; i++) chi += normal() ** 2;
    return (normal() / Math.sqrt(chi / 4)) * Math.SQRT1_2;
  };
}

function decimalsFor(price: number): number {
  return Math.max(0, Math.min(8, 5 - Math.floor(Math.log10(price))));
}

export function syntheticUniverse(options: SyntheticUniverseOptions = {}): SyntheticUniverse {
  const m = options.symbols ?? 400;
  const bars = options.bars ?? 1500;
  const intervalMs = options.intervalMs ?? 3_600_000;
  const k = Math.min(options.plantedPairs ?? 40, Math.floor(m / 2));
  const sectors = options.sectors ?? 12;
  const [hlMin, hlMax] = options.halfLifeRange ?? [1.5, 8];
  const rand = mulberry32(options.seed ?? 13);
  const t4 = studentT4(rand);
  const lastOpen = options.lastOpenTime ?? Math.floor(Date.now() / intervalMs) * intervalMs;
  const firstOpen = lastOpen - (bars - 1) * intervalMs;

  const market = new Float64Array(bars);
  const sector = Array.from({ length: sectors }, () => new Float64Array(bars));
  for (let t = 1; t < bars; t++) {
    market[t] = market[t - 1] + 0.006 * t4();
    for (const s of sector) s[t] = s[t - 1] + 0.004 * t4();
  }
  const logPrice: Float64Array[] = [];
  for (let i = 0; i < m; i++) {
    const scale = Math.log(0.001) + rand() * (Math.log(100_000) - Math.log(0.001));
    const beta = 0.6 + 0.8 * rand();
    const gamma = 0.5 + rand();
    const sigma = 0.004 + 0.008 * rand();
    const s = sector[i % sectors];
    const lp = new Float64Array(bars);
    let idio = 0;
    for (let t = 0; t < bars; t++) {
      if (t > 0) idio += sigma * t4();
      lp[t] = scale + beta * market[t] + gamma * s[t] + idio;
    }
    logPrice.push(lp);
  }
  // Planted pairs on disjoint, shuffled symbols: y replaces its own path by c + β·x + u.
  const order = Array.from({ length: m }, (_, i) => i);
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const names = Array.from({ length: m }, (_, i) => `SYN${String(i).padStart(3, '0')}USDT`);
  const planted: PlantedPair[] = [];
  for (let p = 0; p < k; p++) {
    const yi = order[2 * p];
    const xi = order[2 * p + 1];
    const halfLife = hlMin + (hlMax - hlMin) * rand();
    const beta = 0.5 + 1.5 * rand();
    const phi = Math.pow(0.5, 1 / halfLife);
    // Innovations of 30–50 bp per bar (below the legs' ~110 bp returns, so stage 1 ranks the pair high);
    // the stationary σ of u is then 40–150 bp depending on the half-life.
    const innovation = 0.003 + 0.002 * rand();
    const spreadSigma = innovation / Math.sqrt(1 - phi * phi);
    const c = logPrice[yi][0] - beta * logPrice[xi][0];
    let u = spreadSigma * t4();
    for (let t = 0; t < bars; t++) {
      if (t > 0) u = phi * u + innovation * t4();
      logPrice[yi][t] = c + beta * logPrice[xi][t] + u;
    }
    planted.push({ y: names[yi], x: names[xi], beta, halfLife });
  }

  const symbols: UniverseSymbol[] = logPrice.map((lp, i) => candles(names[i], lp, firstOpen, intervalMs, rand));
  // Contracts a scan must leave out: a quarterly delivery contract and one that is settling.
  symbols.push({ ...candles('SYNQTRUSDT_261225', logPrice[0], firstOpen, intervalMs, rand), contractType: 'CURRENT_QUARTER' });
  symbols.push({ ...candles('SYNSETTLEUSDT', logPrice[1], firstOpen, intervalMs, rand), status: 'SETTLING' });
  return { intervalMs, symbols, planted, lastCandleOpen: true };
}

function candles(symbol: string, lp: Float64Array, firstOpen: number, intervalMs: number, rand: () => number): UniverseSymbol {
  const n = lp.length;
  const price0 = Math.exp(lp[n - 1]);
  const decimals = decimalsFor(price0);
  const round = (v: number) => Number(v.toFixed(decimals));
  const quoteVolume24h = Math.exp(Math.log(2e7) + 1.5 * (rand() + rand() + rand() - 1.5));
  const u: UniverseSymbol = {
    symbol,
    contractType: 'PERPETUAL',
    status: 'TRADING',
    pricePrecision: decimals,
    quoteVolume24h,
    openTimes: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let t = 0; t < n; t++) {
    const close = Math.max(round(Math.exp(lp[t])), 10 ** -decimals);
    const open = t === 0 ? close : u.close[t - 1];
    const wick = 1 + 0.002 * rand();
    u.openTimes[t] = firstOpen + t * intervalMs;
    u.open[t] = open;
    u.close[t] = close;
    u.high[t] = round(Math.max(open, close) * wick);
    u.low[t] = Math.max(round(Math.min(open, close) / wick), 10 ** -decimals);
    u.volume[t] = Number(((quoteVolume24h / 24 / close) * (0.5 + rand())).toFixed(3));
  }
  // Rounding can put the wick inside the body at coarse ticks: widen it back.
  for (let t = 0; t < n; t++) {
    u.high[t] = Math.max(u.high[t], u.open[t], u.close[t]);
    u.low[t] = Math.min(u.low[t], u.open[t], u.close[t]);
  }
  return u;
}
