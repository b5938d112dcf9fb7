// A seeded synthetic cointegrated pair for long soak runs: X follows a random walk, Y = a + b·X + u with u an
// AR(1) (mean-reverting) noise, both sampled at the trade times of a Poisson process. Trades are generated
// lazily as the replay asks for them and kept columnar (typed arrays); each trade is its own aggregate
// (times are strictly increasing per symbol, so Binance's aggregation would not merge any two).
import type { AggView, SymbolTape, TradeView } from './tape';
import { mulberry32 } from '../../src/engine/random';

export interface SyntheticPairOptions {
  symbols: [string, string];
  /** Trades per second per symbol. */
  tradesPerSecond: number;
  seed?: number;
  /** Time of the first trade, UTC ms. */
  startTime: number;
  /** Y = intercept + slope·X + u. */
  intercept?: number;
  slope?: number;
}

class Column {
  time = new Float64Array(1024);
  price = new Float64Array(1024);
  qty = new Float64Array(1024);
  maker = new Uint8Array(1024);
  length = 0;

  push(time: number, price: number, qty: number, maker: boolean): void {
    if (this.length === this.time.length) this.grow();
    this.time[this.length] = time;
    this.price[this.length] = price;
    this.qty[this.length] = qty;
    this.maker[this.length] = maker ? 1 : 0;
    this.length++;
  }

  private grow(): void {
    const size = this.time.length * 2;
    const copy = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.time = copy(this.time, (n) => new Float64Array(n));
    this.price = copy(this.price, (n) => new Float64Array(n));
    this.qty = copy(this.qty, (n) => new Float64Array(n));
    this.maker = copy(this.maker, (n) => new Uint8Array(n));
  }
}

const FIRST_TRADE_ID = 1_000_000;
const FIRST_AGG_ID = 500_000;
const PRICE_DECIMALS = 2;
const QTY_DECIMALS = 3;

export class SyntheticPair {
  readonly tapes: SymbolTape[];
  private readonly columns = [new Column(), new Column()];
  private readonly random: () => number;
  private spareNormal: number | undefined;
  private clock: number;
  private x = 100;
  private u = 0;
  private readonly meanGapMs: number;
  private readonly intercept: number;
  private readonly slope: number;

  constructor(private readonly options: SyntheticPairOptions) {
    this.random = mulberry32(options.seed ?? 1);
    this.clock = options.startTime;
    this.meanGapMs = 1000 / (2 * options.tradesPerSecond);
    this.intercept = options.intercept ?? 20;
    this.slope = options.slope ?? 2;
    this.tapes = options.symbols.map((symbol, k) => new SyntheticTape(symbol, this, k));
  }

  private normal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - this.random()));
    const angle = 2 * Math.PI * this.random();
    this.spareNormal = r * Math.sin(angle);
    return r * Math.cos(angle);
  }

  /** Makes sure symbol `k` has at least `count` trades. */
  ensure(k: number, count: number): Column {
    const col = this.columns[k];
    while (col.length < count) this.generateOne();
    return col;
  }

  private generateOne(): void {
    const gapMs = -Math.log(1 - this.random()) * this.meanGapMs;
    this.clock += gapMs;
    const dt = gapMs / 1000;
    this.x = Math.max(1, this.x + 0.05 * Math.sqrt(dt) * this.normal());
    const phi = Math.pow(0.98, dt);
    this.u = phi * this.u + 0.2 * Math.sqrt(1 - phi * phi) * this.normal();
    const k = this.random() < 0.5 ? 0 : 1;
    const value = k === 0 ? this.x : this.intercept + this.slope * this.x + this.u;
    const col = this.columns[k];
    const last = col.length > 0 ? col.time[col.length - 1] : -Infinity;
    const time = Math.max(Math.floor(this.clock), last + 1);
    const qty = Math.max(0.001, Math.round(Math.exp(this.normal()) * 100) / 1000);
    col.push(time, Math.round(value * 100) / 100, qty, this.random() < 0.5);
  }
}

class SyntheticTape implements SymbolTape {
  constructor(
    readonly symbol: string,
    private readonly pair: SyntheticPair,
    private readonly k: number,
  ) {}

  tradeTime(n: number): number {
    return this.pair.ensure(this.k, n + 1).time[n];
  }

  readTrade(n: number, out: TradeView): void {
    const col = this.pair.ensure(this.k, n + 1);
    out.id = FIRST_TRADE_ID + n;
    out.time = out.eventTime = col.time[n];
    out.price = col.price[n];
    out.qty = col.qty[n];
    out.priceText = out.price.toFixed(PRICE_DECIMALS);
    out.qtyText = out.qty.toFixed(QTY_DECIMALS);
    out.buyerIsMaker = col.maker[n] === 1;
  }

  aggCompletedBy(n: number): number {
    return n;
  }

  readAgg(m: number, out: AggView): void {
    const col = this.pair.ensure(this.k, m + 1);
    out.id = FIRST_AGG_ID + m;
    out.firstTradeId = out.lastTradeId = FIRST_TRADE_ID + m;
    out.time = out.eventTime = col.time[m];
    out.priceText = col.price[m].toFixed(PRICE_DECIMALS);
    out.qtyText = col.qty[m].toFixed(QTY_DECIMALS);
    out.buyerIsMaker = col.maker[m] === 1;
  }

  aggTime(m: number): number {
    return this.tradeTime(m);
  }

  aggSeqOfId(id: number): number {
    return id - FIRST_AGG_ID;
  }
}
