// A live pair's start: the history it needs before its first live bar, from REST (klines, then the aggTrades
// tail of the bar in progress up to the first live tick) or from the tick store (a timeframe change); when the
// worker ingests, the tail goes into the worker's store and the bars come back from it. These functions fetch
// and plan; the caller inserts what they return into the pair (PairRuntime.finishWarmup, startFromBars).
import { barOpenTime } from '../bars/timeframe';
import type { Bar, Tick, Timeframe } from '../types';
import { TIMEFRAME_MS } from '../types';
import type { DeskRest, StoredBars, StoredSeries, WorkerStore } from './ports';

/** Most klines one REST call returns. */
export const MAX_KLINES = 1500;
/** A 1-second pair warms from trades only: at most this much of them. */
export const ONE_SECOND_TAIL_MAX_MS = 10 * 60_000;

export interface WarmStartPlan {
  /** Open time of the bar in progress when the warm start began: bars before it are history. */
  liveFrom: number;
  /**
   * Klines to ask per leg (closed bars before `liveFrom`); undefined for 1-second bars (no such klines). Two
   * windows and 50: the first window only fills the fit, the second gives as many bars of β, spread and z to
   * chart and backtest (with window + 50, a 500-bar pair showed z on its last 50 bars only).
   */
  klineLimit?: number;
  /** Start of the aggTrades tail. */
  tailStart: number;
}

export function warmStartPlan(timeframe: Timeframe, window: number, serverTime: number): WarmStartPlan {
  const ms = TIMEFRAME_MS[timeframe];
  const liveFrom = barOpenTime(serverTime, ms);
  if (timeframe === '1s') return { liveFrom, tailStart: liveFrom - Math.min(ONE_SECOND_TAIL_MAX_MS, (window + 30) * 1000) };
  return { liveFrom, klineLimit: Math.min(MAX_KLINES, 2 * window + 50), tailStart: liveFrom };
}

export interface WarmStartInputs {
  rest: DeskRest;
  symbols: readonly [string, string];
  config: { timeframe: Timeframe; window: number };
  /** Exchange time when the warm start began (`rest.serverTime()`). */
  serverTime: number;
  /** Exchange time now. */
  exchangeNow: () => number;
  /** Time of the first live tick received for a leg, if any: the tail stops just before it. */
  firstLiveTime: (leg: 0 | 1) => number | undefined;
  /** Wall-clock ms to wait for both legs' first live tick (0: no feed, do not wait). */
  firstTickWaitMs: number;
  /** False once waiting is pointless (the feed stopped, the desk was disposed). */
  keepWaiting: () => boolean;
}

export interface WarmStartData extends WarmStartPlan {
  /** Closed klines of each leg before `liveFrom`. */
  history: [Bar[], Bar[]];
  /** Each leg's aggTrades from `tailStart` to just before its first live tick (or now). */
  tail: [Tick[], Tick[]];
}

/** Fetches a live pair's history over REST, in the order that leaves no gap or double count with the live ticks. */
export async function fetchWarmStart(inputs: WarmStartInputs): Promise<WarmStartData> {
  const { rest, symbols, serverTime } = inputs;
  const { timeframe, window } = inputs.config;
  const plan = warmStartPlan(timeframe, window, serverTime);
  const ms = TIMEFRAME_MS[timeframe];
  const closed = (bars: Bar[]) => bars.filter((b) => b.openTime + ms <= plan.liveFrom);
  const limit = plan.klineLimit;
  const history: [Bar[], Bar[]] =
    limit === undefined
      ? [[], []]
      : await Promise.all([rest.klines(symbols[0], timeframe, limit, plan.liveFrom - 1).then(closed), rest.klines(symbols[1], timeframe, limit, plan.liveFrom - 1).then(closed)]);
  // Wait briefly for the first live tick per leg, so the REST tail can stop exactly where live data begins.
  await waitForFirstTicks(inputs);
  const end = (leg: 0 | 1) => Math.max(plan.tailStart, (inputs.firstLiveTime(leg) ?? inputs.exchangeNow()) - 1);
  const tail: [Tick[], Tick[]] = await Promise.all([rest.aggTradesBetween(symbols[0], plan.tailStart, end(0)), rest.aggTradesBetween(symbols[1], plan.tailStart, end(1))]);
  return { ...plan, history, tail };
}

async function waitForFirstTicks(inputs: WarmStartInputs): Promise<void> {
  // Wall-clock wait (the exchange clock may be a test's fixed time).
  const deadline = Date.now() + inputs.firstTickWaitMs;
  while (Date.now() < deadline && inputs.keepWaiting()) {
    if (inputs.firstLiveTime(0) !== undefined && inputs.firstLiveTime(1) !== undefined) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Open time from which the tick store holds every trade of both legs, when that covers `window` closed bars
 * before the bar in progress at `exchangeNow`; undefined otherwise (the pair then starts from REST).
 */
export function storeStartFrom(firstStoredTimes: readonly (number | undefined)[], timeframe: Timeframe, window: number, exchangeNow: number): number | undefined {
  const ms = TIMEFRAME_MS[timeframe];
  if (firstStoredTimes.some((t) => t === undefined)) return undefined;
  // A symbol's first stored tick may have had same-bar predecessors before it: bars after that tick's bar are whole.
  const fromOpen = Math.max(...firstStoredTimes.map((t) => barOpenTime(t!, ms) + ms));
  const inProgress = barOpenTime(exchangeNow, ms);
  return (inProgress - fromOpen) / ms < window ? undefined : fromOpen;
}

/** What a live pair starts from after a store answered (StoredBars): history bars, then the store's bars up to each leg's handover. */
export interface BarsStart {
  /** Closed klines of each leg before `liveFrom` (rows marked history). */
  history: [Bar[], Bar[]];
  /** Each leg's bars from the store, up to its handover. */
  bars: [Bar[], Bar[]];
  /** Open time from which each leg's bars are the shared series'; undefined while the worker holds no trade of it. */
  handovers: [number | undefined, number | undefined];
  liveFrom: number;
  /** Each leg's newest stored trade, when the store knows it (StoredSeries.lastTrade). */
  lastTrades?: [StoredSeries['lastTrade'], StoredSeries['lastTrade']];
}

/**
 * A live pair's start when the worker ingests: klines and the aggTrades tail as above, the tail reaching the
 * newest live trade the worker has reported (`firstLiveTime`: any live trade will do, the worker's store keeps
 * only the trades its live stream does not already hold); the tail goes into the worker's store, and each leg's
 * bars from the tail's start to its handover come back resampled from that store.
 */
export async function fetchWorkerStart(inputs: WarmStartInputs & { store: WorkerStore }): Promise<BarsStart & { tailStart: number; trades: number }> {
  const data = await fetchWarmStart(inputs);
  const { store, symbols } = inputs;
  await Promise.all([store.insertHistory(symbols[0], data.tail[0]), store.insertHistory(symbols[1], data.tail[1])]);
  const ms = TIMEFRAME_MS[inputs.config.timeframe];
  // 1-second bars start at the tail (their history is trades), longer ones at the bar in progress.
  const fromOpen = inputs.config.timeframe === '1s' ? data.tailStart : data.liveFrom;
  const [y, x] = await Promise.all([store.resample(symbols[0], ms, fromOpen), store.resample(symbols[1], ms, fromOpen)]);
  return { history: data.history, bars: [y.bars, x.bars], handovers: [y.takeoverFrom, x.takeoverFrom], liveFrom: data.liveFrom, tailStart: data.tailStart, trades: data.tail[0].length + data.tail[1].length };
}

/**
 * A timeframe change from stored ticks, the desk's or the worker's (no REST), or undefined when they do not cover
 * the window (see storeStartFrom). Subscribe the pair to the shared series first.
 */
export async function storedTicksStart(store: StoredBars, symbols: readonly [string, string], config: { timeframe: Timeframe; window: number }, exchangeNow: () => number): Promise<BarsStart | undefined> {
  const ms = TIMEFRAME_MS[config.timeframe];
  const [y, x] = await Promise.all([store.resample(symbols[0], ms), store.resample(symbols[1], ms)]);
  const fromOpen = storeStartFrom([y.firstTime, x.firstTime], config.timeframe, config.window, exchangeNow());
  if (fromOpen === undefined || y.takeoverFrom === undefined || x.takeoverFrom === undefined) return undefined;
  const from = (bars: Bar[]) => bars.filter((b) => b.openTime >= fromOpen);
  return { history: [[], []], bars: [from(y.bars), from(x.bars)], handovers: [y.takeoverFrom, x.takeoverFrom], liveFrom: Math.min(y.takeoverFrom, x.takeoverFrom), lastTrades: [y.lastTrade, x.lastTrade] };
}
