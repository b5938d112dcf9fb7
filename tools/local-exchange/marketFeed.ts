// Turns the replay's trades into Binance stream events: raw trade, aggTrade, kline, markPrice and 24hrTicker.
// Decides which subscriptions carry data (route rules, known symbols) and builds each event's JSON once.
import type { StreamHub, Subscriber } from './hub';
import type { StreamRegistry } from './connection';
import type { AggView, SymbolTape, TradeView } from './tape';
import { KLINE_INTERVAL_MS, parseStreamName, routeDelivers } from './streams';
import { aggTradeEvent, klineEvent, markPriceEvent, tradeEvent, type KlineState } from './wireFormat';
import { addTradeToKline, emptyKline, klineAt } from './klines';
import { BOOK_TICKER, type BookTape } from './bookTape';
import { fundingRateAt, nextFundingTime } from './fundingRates';
import { RollingTicker, tickerEvent } from './tickerStats';

/** Diff-depth stream names a recorded depthUpdate is delivered on (the recording is the 0 ms stream). */
const DIFF_DEPTH_SUFFIXES = ['@depth', '@depth@0ms', '@depth@100ms', '@depth@250ms', '@depth@500ms'];

interface LiveKline {
  stream: string;
  intervalMs: number;
  interval: string;
  state: KlineState | undefined;
  dirty: boolean;
}

interface MarkPriceStream {
  stream: string;
  periodMs: number;
}

interface SymbolStreams {
  tape: SymbolTape;
  tradeStream: string;
  aggStream: string;
  lastPrice: number;
  klines: Map<string, LiveKline>;
  markPrices: Map<string, MarkPriceStream>;
  tickerStream: string;
  ticker: RollingTicker;
  qtyDecimals: number;
  quoteDecimals: number;
  priceDecimals: number;
}

const KLINE_PUSH_MS = 250;
/** `<symbol>@ticker` update speed (Binance: 2000 ms). */
const TICKER_PUSH_MS = 2000;

export interface ReplayProgress {
  /** Trades of tape i emitted so far. */
  emittedTrades(tapeIndex: number): number;
  clockNow(): number;
}

export class MarketFeed implements StreamRegistry {
  private readonly symbols: SymbolStreams[];
  private readonly indexBySymbol = new Map<string, number>();
  private lastMarkSecond = -1;
  private lastTickerPush = -1;
  private lastKlinePush = -Infinity;
  progress: ReplayProgress | undefined;
  private readonly bookStreams = new Set<string>();
  private books: readonly BookTape[] = [];
  private depthNames: string[][] = [];
  private bookTickerNames: string[] = [];
  /** Called on the first order-book subscription: the book tapes are loaded only when someone wants them. */
  onBooksNeeded: (() => void) | undefined;

  constructor(
    tapes: readonly SymbolTape[],
    private readonly hub: StreamHub,
    decimalsOf: (symbol: string) => { qty: number; quote: number; price?: number },
  ) {
    this.symbols = tapes.map((tape, i) => {
      this.indexBySymbol.set(tape.symbol, i);
      const lower = tape.symbol.toLowerCase();
      const d = decimalsOf(tape.symbol);
      return {
        tape,
        tradeStream: `${lower}@trade`,
        aggStream: `${lower}@aggTrade`,
        lastPrice: NaN,
        klines: new Map(),
        markPrices: new Map(),
        tickerStream: `${lower}@ticker`,
        ticker: new RollingTicker(tape),
        qtyDecimals: d.qty,
        quoteDecimals: d.quote,
        priceDecimals: d.price ?? 2,
      };
    });
  }

  attachBooks(books: readonly BookTape[]): void {
    this.books = books;
    this.depthNames = books.map((b) => DIFF_DEPTH_SUFFIXES.map((suffix) => b.symbol.toLowerCase() + suffix));
    this.bookTickerNames = books.map((b) => `${b.symbol.toLowerCase()}@bookTicker`);
  }

  /** Listeners of order-book streams (the replay only walks the book tapes while there are some). */
  get bookListenerCount(): number {
    let count = 0;
    for (const stream of this.bookStreams) if (this.hub.hasListeners(stream)) count++;
    return count;
  }

  listen(stream: string, sub: Subscriber): void {
    const parsed = parseStreamName(stream);
    if (!parsed || !routeDelivers(sub.route, parsed.kind)) return; // acknowledged, silent
    if (parsed.kind === 'bookTicker' || parsed.kind === 'depth') {
      const lower = parsed.symbol.toLowerCase();
      const known = stream === `${lower}@bookTicker` || DIFF_DEPTH_SUFFIXES.some((suffix) => stream === lower + suffix);
      if (!known || !this.indexBySymbol.has(parsed.symbol)) return;
      this.bookStreams.add(stream);
      this.onBooksNeeded?.();
      this.hub.add(stream, sub);
      return;
    }
    const i = this.indexBySymbol.get(parsed.symbol);
    if (i === undefined) return;
    const s = this.symbols[i];
    if (parsed.kind === 'kline' && parsed.interval && !s.klines.has(stream)) {
      s.klines.set(stream, { stream, interval: parsed.interval, intervalMs: KLINE_INTERVAL_MS[parsed.interval], state: undefined, dirty: false });
    }
    if (parsed.kind === 'markPrice' && parsed.periodMs) s.markPrices.set(stream, { stream, periodMs: parsed.periodMs });
    this.hub.add(stream, sub);
  }

  unlisten(stream: string, sub: Subscriber): void {
    this.hub.remove(stream, sub);
    if (this.hub.hasListeners(stream)) return;
    for (const s of this.symbols) {
      s.klines.delete(stream);
      s.markPrices.delete(stream);
    }
  }

  /** The last price before the replay joined the wall clock (markPrice follows it until the next trade). */
  primeLastPrice(i: number, price: number): void {
    this.symbols[i].lastPrice = price;
  }

  onTrade(i: number, t: TradeView, suppressed: boolean): void {
    const s = this.symbols[i];
    s.lastPrice = t.price;
    if (s.klines.size > 0) this.updateKlines(s, t);
    if (!suppressed && this.hub.hasListeners(s.tradeStream)) this.hub.publish(s.tradeStream, tradeEvent(s.tape.symbol, t), t.id);
  }

  onAgg(i: number, a: AggView, suppressed: boolean): void {
    const s = this.symbols[i];
    if (!suppressed && this.hub.hasListeners(s.aggStream)) this.hub.publish(s.aggStream, aggTradeEvent(s.tape.symbol, a), a.id);
  }

  /** A recorded order-book event `n` of book tape `j`. */
  onBook(j: number, kind: number, n: number): void {
    if (kind === BOOK_TICKER) {
      const stream = this.bookTickerNames[j];
      if (this.hub.hasListeners(stream)) this.hub.publish(stream, this.books[j].data(n));
      return;
    }
    let data: string | undefined;
    for (const stream of this.depthNames[j]) {
      if (this.hub.hasListeners(stream)) this.hub.publish(stream, (data ??= this.books[j].data(n)));
    }
  }

  /**
   * Clock-driven events: markPrice each second (every 3 s without @1s), kline pushes every 250 ms, bar closes,
   * 24hrTicker every 2 s.
   */
  onClock(clock: number): void {
    const second = Math.floor(clock / 1000);
    if (second !== this.lastMarkSecond) {
      this.lastMarkSecond = second;
      this.publishMarkPrices(second * 1000);
    }
    const tickerSlot = Math.floor(clock / TICKER_PUSH_MS);
    if (tickerSlot !== this.lastTickerPush) {
      this.lastTickerPush = tickerSlot;
      this.publishTickers(tickerSlot * TICKER_PUSH_MS);
    }
    if (clock - this.lastKlinePush >= KLINE_PUSH_MS) {
      this.lastKlinePush = clock;
      for (const s of this.symbols) for (const k of s.klines.values()) this.pushKline(s, k, clock);
    }
  }

  private publishMarkPrices(time: number): void {
    for (const s of this.symbols) {
      if (s.markPrices.size === 0 || Number.isNaN(s.lastPrice)) continue;
      const nextFunding = nextFundingTime(s.tape.symbol, time);
      const rate = fundingRateAt(s.tape.symbol, nextFunding);
      for (const m of s.markPrices.values()) {
        if (m.periodMs === 1000 || (time / 1000) % 3 === 0) {
          this.hub.publish(m.stream, markPriceEvent(s.tape.symbol, time, s.lastPrice, nextFunding, rate));
        }
      }
    }
  }

  private publishTickers(time: number): void {
    if (!this.progress) return;
    for (let i = 0; i < this.symbols.length; i++) {
      const s = this.symbols[i];
      if (!this.hub.hasListeners(s.tickerStream)) continue;
      const figures = s.ticker.at(time, this.progress.emittedTrades(i));
      if (!figures) continue;
      const decimals = { price: s.priceDecimals, qty: s.qtyDecimals, quote: s.quoteDecimals };
      this.hub.publish(s.tickerStream, tickerEvent(s.tape.symbol, time, figures, decimals));
    }
  }

  /** The live bar of a kline stream, started from history when the stream is first listened to. */
  private liveState(s: SymbolStreams, k: LiveKline, time: number): KlineState | undefined {
    if (k.state) return k.state;
    const open = Math.floor(time / k.intervalMs) * k.intervalMs;
    const available = this.progress ? this.progress.emittedTrades(this.indexBySymbol.get(s.tape.symbol) ?? 0) : 0;
    k.state = klineAt(s.tape, available, open, k.intervalMs, k.interval);
    return k.state;
  }

  private updateKlines(s: SymbolStreams, t: TradeView): void {
    for (const k of s.klines.values()) {
      let state = this.liveState(s, k, t.time);
      if (state && t.time > state.closeTime) {
        state.closed = true;
        this.hub.publish(k.stream, klineEvent(s.tape.symbol, t.eventTime, state, s.qtyDecimals, s.quoteDecimals));
        state = undefined;
      }
      if (!state) {
        const open = Math.floor(t.time / k.intervalMs) * k.intervalMs;
        state = k.state = emptyKline(open, k.intervalMs, k.interval, t.priceText);
      }
      // liveState may already include this trade when it was built from history just now.
      if (state.lastTradeId < t.id) addTradeToKline(state, t.id, t.priceText, t.price, t.qty, t.buyerIsMaker);
      k.dirty = true;
    }
  }

  private pushKline(s: SymbolStreams, k: LiveKline, clock: number): void {
    const state = this.liveState(s, k, clock);
    if (!state) return;
    if (clock > state.closeTime) {
      state.closed = true;
      this.hub.publish(k.stream, klineEvent(s.tape.symbol, clock, state, s.qtyDecimals, s.quoteDecimals));
      const open = Math.floor(clock / k.intervalMs) * k.intervalMs;
      k.state = emptyKline(open, k.intervalMs, k.interval, state.close);
      k.dirty = true;
    }
    if (k.dirty && k.state) {
      k.dirty = false;
      this.hub.publish(k.stream, klineEvent(s.tape.symbol, clock, k.state, s.qtyDecimals, s.quoteDecimals));
    }
  }
}
