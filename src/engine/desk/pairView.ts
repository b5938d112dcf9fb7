// What a pair looks like to the views: a pure projection of the pair's state, its legs' feed states and silence,
// its active alert and the live preview into the PairView the tree, the status bar and the dashboard draw.
import type { AlertFiring } from '../alerts/alertEngine';
import type { PairPoint } from '../analytics/pairPoint';
import type { FeedState } from '../types';
import type { DataSource, PairConfig, PairStatus, PairView, StationarityView } from '../../shared/model';
import type { LivePreview } from './ports';
import type { PairPhase } from './pairRuntime';

/** The parts of a pair (PairRuntime) a view shows. */
export interface PairState {
  readonly id: string;
  readonly config: PairConfig;
  readonly phase: PairPhase;
  readonly source: DataSource;
  readonly sourceLabel?: string;
  readonly error?: string;
  readonly barsNeeded: number;
  readonly lastPoint?: PairPoint;
  readonly lastTradeTime?: number;
  readonly tests?: StationarityView;
  readonly liveFrom?: number;
  lastPrice(leg: 0 | 1): number | undefined;
}

export interface PairViewInputs {
  /** Feed state of each leg's symbol. */
  legStates: Record<string, FeedState>;
  /** Ms since the last trade of each silent leg (live pairs). */
  silentLegs?: Record<string, number>;
  activeAlert?: AlertFiring;
  preview?: LivePreview;
  /** Label of the live source (e.g. a replay), for live pairs. */
  liveLabel?: string;
}

export function pairView(p: PairState, inputs: PairViewInputs): PairView {
  const { legStates, activeAlert: active, preview } = inputs;
  const previewZ = preview?.z !== null && preview?.z !== undefined && Number.isFinite(preview.z) ? preview.z : undefined;
  return {
    id: p.id,
    config: { ...p.config },
    status: pairStatus(p, legStates, active !== undefined),
    barsNeeded: p.barsNeeded,
    last: p.lastPoint,
    lastYPrice: p.lastPrice(0),
    lastXPrice: p.lastPrice(1),
    previewZ,
    lastTradeTime: p.lastTradeTime,
    tests: p.tests,
    legStates,
    silentLegs: inputs.silentLegs,
    liveFrom: p.liveFrom,
    source: p.source,
    sourceLabel: p.sourceLabel ?? (p.source === 'live' && inputs.liveLabel ? inputs.liveLabel : undefined),
    error: p.error,
    activeAlert: active && { ruleId: active.ruleId, severity: active.severity, message: active.message },
  };
}

export function pairStatus(p: Pick<PairState, 'phase' | 'source' | 'barsNeeded'>, legStates: Record<string, FeedState>, alerting: boolean): PairStatus {
  if (p.phase === 'error') return 'error';
  const kinds = Object.values(legStates).map((s) => s.kind);
  // A feed error (e.g. HTTP 451: the feed stopped) outranks warming up, which would otherwise never end.
  if (p.source !== 'imported' && kinds.some((k) => k === 'error')) return 'error';
  if (alerting) return 'alert';
  if (p.phase === 'warming' || p.barsNeeded > 0) return 'warming';
  if (p.source === 'imported') return 'live';
  if (kinds.some((k) => k === 'stale' || k === 'reconnecting' || k === 'connecting' || k === 'backfilling')) return 'stale';
  if (kinds.every((k) => k === 'stopped')) return 'stopped';
  return 'live';
}
