// Mini mean-reversion backtest on the spread of "Y = α + β·X + ε", bar by bar on closed bars:
// - flat and z > +entryZ → short the spread (sell Y, buy β-hedge of X); z < −entryZ → long the spread;
// - short exits when z ≤ +exitZ, long exits when z ≥ −exitZ (z crossed the exit level, default 0);
// - optional stop: short exits when z > stopZ, long when z < −stopZ; no entry while |z| ≥ stopZ;
// - fills at the bar's close prices, using the z, β of that same closed bar (known at its close:
//   no look-ahead). Position sizes are fixed at entry: |Y leg| = notional / Y price; the X leg is
//   β·(Y units) of X on raw prices, or β·notional of X (β is an elasticity) on log prices;
// - fee: feeBps basis points of each leg's traded value, charged on entry and on exit.
// P&L is in the quote currency (USDT). Equity = realised + open position marked at each close.
import { EngineError } from '../errors';

export interface BacktestConfig {
  entryZ: number;
  exitZ: number;
  stopZ?: number;
  feeBps: number;
  notional: number;
}

export const DEFAULT_BACKTEST: BacktestConfig = { entryZ: 2, exitZ: 0, feeBps: 0, notional: 10_000 };

export interface BacktestBar {
  time: number;
  /** Raw prices (not logs). */
  y: number;
  x: number;
  beta: number | null;
  z: number | null;
}

export interface BacktestTrade {
  side: 'long-spread' | 'short-spread';
  entryTime: number;
  exitTime: number;
  entryZ: number;
  exitZ: number;
  yUnits: number;
  xUnits: number;
  /** P&L after fees, quote currency. */
  pnl: number;
  fees: number;
  exitReason: 'exit' | 'stop';
}

export interface BacktestResult {
  trades: BacktestTrade[];
  /** Still open at the last bar, marked to market (not counted in winRate). */
  openTrade: Omit<BacktestTrade, 'exitTime' | 'exitZ' | 'exitReason'> | null;
  totalPnl: number;
  /** Wins / closed trades; null with no closed trade. */
  winRate: number | null;
  /** Largest peak-to-trough fall of the equity curve, quote currency (≥ 0). */
  maxDrawdown: number;
  equity: { time: number; equity: number }[];
}

export function validateBacktestConfig(c: BacktestConfig): void {
  const finite = (v: number, name: string): void => {
    if (!Number.isFinite(v)) throw new EngineError('BAD_ARGUMENT', `backtest ${name} must be a finite number, got ${v}`);
  };
  finite(c.entryZ, 'entryZ');
  finite(c.exitZ, 'exitZ');
  finite(c.feeBps, 'feeBps');
  finite(c.notional, 'notional');
  if (c.entryZ <= 0) throw new EngineError('BAD_ARGUMENT', `backtest entryZ must be > 0, got ${c.entryZ}`);
  if (c.exitZ >= c.entryZ) throw new EngineError('BAD_ARGUMENT', `backtest exitZ (${c.exitZ}) must be below entryZ (${c.entryZ})`);
  if (c.feeBps < 0) throw new EngineError('BAD_ARGUMENT', `backtest feeBps must be ≥ 0, got ${c.feeBps}`);
  if (c.notional <= 0) throw new EngineError('BAD_ARGUMENT', `backtest notional must be > 0, got ${c.notional}`);
  if (c.stopZ !== undefined) {
    finite(c.stopZ, 'stopZ');
    if (c.stopZ <= c.entryZ) throw new EngineError('BAD_ARGUMENT', `backtest stopZ (${c.stopZ}) must be above entryZ (${c.entryZ})`);
  }
}

interface Position {
  side: 1 | -1; // +1 long spread, −1 short spread
  entryTime: number;
  entryZ: number;
  yUnits: number;
  xUnits: number;
  entryY: number;
  entryX: number;
  entryFee: number;
}

export function runBacktest(bars: readonly BacktestBar[], config: BacktestConfig, logPrices = false): BacktestResult {
  validateBacktestConfig(config);
  const feeRate = config.feeBps / 10_000;
  const trades: BacktestTrade[] = [];
  const equity: { time: number; equity: number }[] = [];
  let realised = 0;
  let position: Position | null = null;
  let peak = 0;
  let maxDrawdown = 0;

  const markToMarket = (p: Position, y: number, x: number): number =>
    p.side * (p.yUnits * (y - p.entryY) - p.xUnits * (x - p.entryX));

  for (const bar of bars) {
    const { z, beta, y, x } = bar;
    if (z !== null && beta !== null) {
      if (position) {
        const stop = config.stopZ !== undefined && (position.side === -1 ? z > config.stopZ : z < -config.stopZ);
        const exit = position.side === -1 ? z <= config.exitZ : z >= -config.exitZ;
        if (stop || exit) {
          const exitFee = feeRate * (position.yUnits * y + Math.abs(position.xUnits) * x);
          const fees = position.entryFee + exitFee;
          const pnl = markToMarket(position, y, x) - fees;
          realised += pnl;
          trades.push({
            side: position.side === 1 ? 'long-spread' : 'short-spread',
            entryTime: position.entryTime,
            exitTime: bar.time,
            entryZ: position.entryZ,
            exitZ: z,
            yUnits: position.yUnits,
            xUnits: position.xUnits,
            pnl,
            fees,
            exitReason: stop ? 'stop' : 'exit',
          });
          position = null;
        }
      }
      const belowStop = config.stopZ === undefined || Math.abs(z) < config.stopZ;
      if (!position && belowStop && Math.abs(z) > config.entryZ) {
        const yUnits = config.notional / y;
        const xUnits = logPrices ? (beta * config.notional) / x : beta * yUnits;
        const entryFee = feeRate * (yUnits * y + Math.abs(xUnits) * x);
        position = { side: z > 0 ? -1 : 1, entryTime: bar.time, entryZ: z, yUnits, xUnits, entryY: y, entryX: x, entryFee };
      }
    }
    const value = realised + (position ? markToMarket(position, y, x) - position.entryFee : 0);
    equity.push({ time: bar.time, equity: value });
    if (value > peak) peak = value;
    if (peak - value > maxDrawdown) maxDrawdown = peak - value;
  }

  const last = bars[bars.length - 1];
  let openTrade: BacktestResult['openTrade'] = null;
  if (position && last) {
    openTrade = {
      side: position.side === 1 ? 'long-spread' : 'short-spread',
      entryTime: position.entryTime,
      entryZ: position.entryZ,
      yUnits: position.yUnits,
      xUnits: position.xUnits,
      pnl: markToMarket(position, last.y, last.x) - position.entryFee,
      fees: position.entryFee,
    };
  }
  const wins = trades.filter((t) => t.pnl > 0).length;
  return {
    trades,
    openTrade,
    totalPnl: equity.length ? equity[equity.length - 1].equity : 0,
    winRate: trades.length ? wins / trades.length : null,
    maxDrawdown,
    equity,
  };
}
