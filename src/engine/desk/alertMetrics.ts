// The values alert rules are evaluated on, from what the desk holds: a closed bar's point (and the
// stationarity tests when a rule needs them), or the live preview of the bar in progress.
import type { MetricValues } from '../alerts/alertEngine';
import type { PairPoint } from '../analytics/pairPoint';
import type { LivePreview } from './ports';
import type { StationarityView } from '../../shared/model';

/** Every metric of a closed bar; the test metrics only when the tests ran on it. */
export function barMetrics(point: PairPoint, tests: StationarityView | undefined): MetricValues {
  return {
    z: point.z,
    spread: point.spread,
    correlation: point.corrReturns,
    beta: point.beta,
    price: point.y,
    adfPValue: tests?.adf?.pValue ?? null,
    // The weaker ordering's (larger) p: the ordering changes the answer, the verdict is the weaker one's.
    egPValue: tests?.egWeaker?.pValue ?? tests?.eg?.pValue ?? null,
    halfLife: tests?.halfLifeBars ?? null,
  };
}

/** The metrics known between bar closes (LIVE_ALERT_METRICS): z and spread of the tick prices, the Y price. */
export function liveMetrics(preview: LivePreview, yPrice: number): MetricValues {
  return { z: preview.z, spread: preview.spread, price: yPrice };
}
