// Mean-reversion backtest of the spread "Y = α + β·X + ε" on closed bars; every rule is written down in
// docs/backtest.md so that anyone can recompute a result from the z series `analyze` prints:
// - signal on bar t's close: flat and z > entry → short the spread, z < −entry → long the spread;
//   open short closes when z ≤ exit, open long when z ≥ −exit; |z| ≥ stop closes with reason "stop" and
//   locks new entries until |z| < entry again (|z| ≥ stop while flat locks too); maxHold signal bars after
//   the entry signal close with reason "max-hold". Priority stop > exit > max-hold. A bar that raises an
//   exit signal raises no entry signal (no flip);
// - fill "next" (default, no look-ahead): at bar t+1's close; "same": at bar t's close (research only).
//   An entry whose fill would be the last bar is not taken; a position open at the end closes at the last
//   close, reason "end";
// - sizing at the fill: qtyY = ±notional / Y close; β-neutral qtyX = −β·qtyY (β of the signal bar, signed,
//   frozen; with log prices β is an elasticity: X notional = β × Y notional); dollar-neutral X notional =
//   Y notional on the side the sign of β gives;
// - slippage moves every fill price against the trade; fees are feeBp of each leg's slipped notional per
//   fill; funding at time t is paid for a position whose entry fill bar < bar containing t ≤ exit fill bar:
//   −qty × that bar's close × rate per leg (long pays a positive rate, short receives it).
// Money is in the quote currency; equity is marked at each bar's close (unslipped).
import { EngineError } from '../errors';

export type BacktestSizing = 'beta' | 'dollar';
export type BacktestFill = 'next' | 'same';
export type BacktestExitReason = 'exit' | 'stop' | 'max-hold' | 'end';

export interface BacktestParams {
  /** |z| beyond which a position opens (> 0). */
  entry: number;
  /** Exit level, −entry < exit < entry: a short closes at z ≤ exit, a long at z ≥ −exit. */
  exit: number;
  /** |z| at which a position is stopped (> entry), or null for none. */
  stop: number | null;
  /** Signal bars after the entry signal at which the position closes (≥ 1), or null for none. */
  maxHold: number | null;
  /** Y leg notional per trade, quote currency. */
  notional: number;
  sizing: BacktestSizing;
  /** Fee, basis points of each leg's traded notional per fill. */
  feeBp: number;
  /** Slippage, basis points moving each fill price against the trade. */
  slippageBp: number;
  fill: BacktestFill;
}

export const DEFAULT_BACKTEST_PARAMS: Readonly<BacktestParams> = {
  entry: 2,
  exit: 0.5,
  stop: 4,
  maxHold: null,
  notional: 10_000,
  sizing: 'beta',
  // Binance USD-M taker fee, VIP 0, no BNB discount (0.05 %): without costs every mean-reverting pair looks tradeable.
  feeBp: 5,
  slippageBp: 0,
  fill: 'next',
};

/** Full parameters from the ones given; the default stop (4) applies only when it is above entry, else none. */
export function backtestParams(given: Partial<BacktestParams> = {}): BacktestParams {
  const entry = given.entry ?? DEFAULT_BACKTEST_PARAMS.entry;
  const defaultStop = DEFAULT_BACKTEST_PARAMS.stop !== null && DEFAULT_BACKTEST_PARAMS.stop > entry ? DEFAULT_BACKTEST_PARAMS.stop : null;
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<BacktestParams>;
  return { ...DEFAULT_BACKTEST_PARAMS, stop: defaultStop, ...defined, entry };
}

/** One closed bar of the pair as the pipeline reports it (PairPoint has these fields). */
export interface BacktestBar {
  /** Bar open time, epoch ms. */
  time: number;
  /** Raw close prices (not logs). */
  y: number;
  x: number;
  beta: number | null;
  z: number | null;
}

export interface FundingRate {
  /** Funding time, epoch ms. */
  time: number;
  rate: number;
}

export interface BacktestInput {
  bars: readonly BacktestBar[];
  intervalMs: number;
  /** The regression is on log prices: β is an elasticity. */
  logPrices?: boolean;
  funding?: { y: readonly FundingRate[]; x: readonly FundingRate[] };
}

export interface BacktestTrade {
  /** Fill bars' open times, epoch ms. */
  entryTime: number;
  exitTime: number;
  side: 'long' | 'short';
  /** Fill prices after slippage. */
  entryY: number;
  entryX: number;
  exitY: number;
  exitX: number;
  /** Signed quantities, positive long. */
  qtyY: number;
  qtyX: number;
  fees: number;
  /** Received (+) or paid (−) funding. */
  funding: number;
  /** gross − fees + funding. */
  pnl: number;
  exitReason: BacktestExitReason;
  /** Signed β of the entry signal bar, used for the hedge. */
  beta: number;
  entryZ: number;
  /** z of the exit signal bar (of the last bar for "end"). */
  exitZ: number | null;
  /** Bars between the entry fill and the exit fill. */
  bars: number;
  /** Σ |qty| × fill price over both legs and both fills. */
  turnover: number;
}

export interface EquityPoint {
  time: number;
  equity: number;
}

export interface BacktestRun {
  params: BacktestParams;
  trades: BacktestTrade[];
  /** One point per bar from the first bar with a z (the backtest period), quote currency, from 0. */
  equity: EquityPoint[];
  /** Index in `bars` of the first bar of the period (bars.length when no bar has a z). */
  startIndex: number;
  intervalMs: number;
}

const finite = (v: number, name: string): void => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new EngineError('BAD_ARGUMENT', `backtest ${name} must be a finite number, got ${String(v)}`);
};

export function validateBacktestParams(p: BacktestParams): void {
  finite(p.entry, 'entry');
  finite(p.exit, 'exit');
  finite(p.notional, 'notional');
  finite(p.feeBp, 'fee (bp)');
  finite(p.slippageBp, 'slippage (bp)');
  if (p.entry <= 0) throw new EngineError('BAD_ARGUMENT', `backtest entry must be > 0, got ${p.entry}`);
  if (!(p.exit < p.entry && p.exit > -p.entry)) throw new EngineError('BAD_ARGUMENT', `backtest exit (${p.exit}) must lie strictly between −entry and entry (${p.entry})`);
  if (p.stop !== null) {
    finite(p.stop, 'stop');
    if (p.stop <= p.entry) throw new EngineError('BAD_ARGUMENT', `backtest stop (${p.stop}) must be above entry (${p.entry})`);
  }
  if (p.maxHold !== null && !(Number.isInteger(p.maxHold) && p.maxHold >= 1)) {
    throw new EngineError('BAD_ARGUMENT', `backtest max-hold must be a whole number of bars ≥ 1, got ${p.maxHold}`);
  }
  if (p.notional <= 0) throw new EngineError('BAD_ARGUMENT', `backtest notional must be > 0, got ${p.notional}`);
  if (p.feeBp < 0) throw new EngineError('BAD_ARGUMENT', `backtest fee must be ≥ 0 bp, got ${p.feeBp}`);
  if (p.slippageBp < 0 || p.slippageBp >= 10_000) throw new EngineError('BAD_ARGUMENT', `backtest slippage must be in [0, 10000) bp, got ${p.slippageBp}`);
  if (p.sizing !== 'beta' && p.sizing !== 'dollar') throw new EngineError('BAD_ARGUMENT', `backtest sizing must be beta or dollar, got ${String(p.sizing)}`);
  if (p.fill !== 'next' && p.fill !== 'same') throw new EngineError('BAD_ARGUMENT', `backtest fill must be next or same, got ${String(p.fill)}`);
}

interface OpenPosition {
  side: 1 | -1;
  signalIndex: number;
  entryIndex: number;
  beta: number;
  entryZ: number;
  qtyY: number;
  qtyX: number;
  entryY: number;
  entryX: number;
  entryFees: number;
  entryTurnover: number;
  funding: number;
}

type Pending = { kind: 'entry'; side: 1 | -1; beta: number; z: number; signalIndex: number } | { kind: 'exit'; reason: BacktestExitReason; z: number | null };

/** Index of the bar containing each funding time (the last bar opened at or before it), rates summed per bar. */
function fundingByBar(bars: readonly BacktestBar[], intervalMs: number, rates: readonly FundingRate[] | undefined): Map<number, number> {
  const out = new Map<number, number>();
  if (!rates || bars.length === 0) return out;
  const last = bars.length - 1;
  for (const { time, rate } of rates) {
    if (time < bars[0].time || time >= bars[last].time + intervalMs) continue;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bars[mid].time <= time) lo = mid;
      else hi = mid - 1;
    }
    out.set(lo, (out.get(lo) ?? 0) + rate);
  }
  return out;
}

export function runBacktest(input: BacktestInput, params: BacktestParams): BacktestRun {
  validateBacktestParams(params);
  const { bars, intervalMs } = input;
  if (!(Number.isInteger(intervalMs) && intervalMs > 0)) throw new EngineError('BAD_TIMEFRAME', `backtest bar length must be a positive whole number of ms, got ${intervalMs}`);
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i];
    if (!(b.y > 0 && b.x > 0 && Number.isFinite(b.y) && Number.isFinite(b.x))) throw new EngineError('BAD_ARGUMENT', `backtest bar ${i}: prices must be positive numbers`);
    if (i > 0 && !(b.time > bars[i - 1].time)) throw new EngineError('BAD_ARGUMENT', `backtest bar ${i}: time ${b.time} is not after ${bars[i - 1].time}`);
  }
  const fundingY = fundingByBar(bars, intervalMs, input.funding?.y);
  const fundingX = fundingByBar(bars, intervalMs, input.funding?.x);
  const feeRate = params.feeBp / 10_000;
  const slip = params.slippageBp / 10_000;
  const fillPrice = (close: number, tradedQty: number): number => close * (tradedQty > 0 ? 1 + slip : 1 - slip);

  const trades: BacktestTrade[] = [];
  const equity: EquityPoint[] = [];
  let startIndex = bars.findIndex((b) => b.z !== null && b.beta !== null);
  if (startIndex < 0) startIndex = bars.length;
  const lastIndex = bars.length - 1;
  let realised = 0;
  let pos: OpenPosition | null = null;
  let pending: Pending | null = null;
  let locked = false;

  const open = (i: number, side: 1 | -1, beta: number, z: number, signalIndex: number): void => {
    const { y, x } = bars[i];
    const qtyY = (side * params.notional) / y;
    const hedgeSign = beta < 0 ? -1 : 1;
    let qtyX: number;
    if (params.sizing === 'dollar') qtyX = (-hedgeSign * qtyY * y) / x;
    else if (input.logPrices) qtyX = (-beta * qtyY * y) / x;
    else qtyX = -beta * qtyY;
    const entryY = fillPrice(y, qtyY);
    const entryX = fillPrice(x, qtyX);
    const entryTurnover = Math.abs(qtyY) * entryY + Math.abs(qtyX) * entryX;
    pos = { side, signalIndex, entryIndex: i, beta, entryZ: z, qtyY, qtyX, entryY, entryX, entryFees: feeRate * entryTurnover, entryTurnover, funding: 0 };
  };

  const close = (p: OpenPosition, i: number, reason: BacktestExitReason, z: number | null): void => {
    const { y, x } = bars[i];
    const exitY = fillPrice(y, -p.qtyY);
    const exitX = fillPrice(x, -p.qtyX);
    const exitTurnover = Math.abs(p.qtyY) * exitY + Math.abs(p.qtyX) * exitX;
    const fees = p.entryFees + feeRate * exitTurnover;
    const gross = p.qtyY * (exitY - p.entryY) + p.qtyX * (exitX - p.entryX);
    const pnl = gross - fees + p.funding;
    realised += pnl;
    trades.push({
      entryTime: bars[p.entryIndex].time,
      exitTime: bars[i].time,
      side: p.side === 1 ? 'long' : 'short',
      entryY: p.entryY,
      entryX: p.entryX,
      exitY,
      exitX,
      qtyY: p.qtyY,
      qtyX: p.qtyX,
      fees,
      funding: p.funding,
      pnl,
      exitReason: reason,
      beta: p.beta,
      entryZ: p.entryZ,
      exitZ: z,
      bars: i - p.entryIndex,
      turnover: p.entryTurnover + exitTurnover,
    });
    pos = null;
  };

  for (let i = startIndex; i <= lastIndex; i++) {
    const bar = bars[i];
    const current = pos as OpenPosition | null;
    // Funding of bar i is owed by a position opened on an earlier bar and still open at bar i's close.
    if (current && current.entryIndex < i) {
      current.funding -= current.qtyY * bar.y * (fundingY.get(i) ?? 0) + current.qtyX * bar.x * (fundingX.get(i) ?? 0);
    }
    if (pending) {
      const p: Pending = pending;
      pending = null;
      if (p.kind === 'exit' && current) close(current, i, p.reason, p.z);
      else if (p.kind === 'entry' && i < lastIndex) open(i, p.side, p.beta, p.z, p.signalIndex);
    }

    const { z, beta } = bar;
    if (locked && z !== null && Math.abs(z) < params.entry) locked = false;
    const held = pos as OpenPosition | null;
    if (held && i > held.signalIndex) {
      let reason: BacktestExitReason | null = null;
      if (z !== null && params.stop !== null && Math.abs(z) >= params.stop) reason = 'stop';
      else if (z !== null && (held.side === -1 ? z <= params.exit : z >= -params.exit)) reason = 'exit';
      else if (params.maxHold !== null && i - held.signalIndex >= params.maxHold) reason = 'max-hold';
      if (reason === 'stop') locked = true;
      if (reason) {
        if (params.fill === 'same') close(held, i, reason, z);
        else pending = { kind: 'exit', reason, z };
      }
    } else if (!held && z !== null && beta !== null) {
      if (params.stop !== null && Math.abs(z) >= params.stop) locked = true;
      else if (!locked && Math.abs(z) > params.entry) {
        const side: 1 | -1 = z > 0 ? -1 : 1;
        if (params.fill === 'same') {
          if (i < lastIndex) open(i, side, beta, z, i);
        } else pending = { kind: 'entry', side, beta, z, signalIndex: i };
      }
    }

    const atEnd = pos as OpenPosition | null;
    if (i === lastIndex && atEnd) close(atEnd, i, 'end', z);
    const marked = pos as OpenPosition | null;
    const openValue = marked
      ? marked.qtyY * (bar.y - marked.entryY) + marked.qtyX * (bar.x - marked.entryX) - marked.entryFees + marked.funding
      : 0;
    equity.push({ time: bar.time, equity: realised + openValue });
  }
  return { params: { ...params }, trades, equity, startIndex, intervalMs };
}
