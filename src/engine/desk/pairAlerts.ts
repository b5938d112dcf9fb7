// The pairs' alert rules, evaluated at two moments on one rule state (a crossing fires once): on each closed
// live bar at its close time (p-value / half-life rules run the tests then, only when such a rule watches the
// pair), and on the throttled live preview, so the status bar reacts when |z| crosses during a bar.
import type { AlertFiring } from '../alerts/alertEngine';
import { LIVE_ALERT_METRICS } from '../alerts/alertRule';
import type { PairBarRow } from '../../shared/model';
import { errorMessage } from '../../shared/errorMessage';
import { barMetrics, liveMetrics } from './alertMetrics';
import type { DeskAlerts } from './ports';
import type { PairRuntime } from './pairRuntime';

export interface AlertSink {
  /** After the firing was logged. */
  fired: (firing: AlertFiring) => void;
  log: (level: 'warn' | 'error', message: string) => void;
}

export class PairAlerts {
  constructor(
    readonly engine: DeskAlerts,
    private readonly sink: AlertSink,
  ) {}

  onBarClosed(runtime: PairRuntime, row: PairBarRow): void {
    if (!row.point || row.history) return;
    if (this.engine.wants(runtime.id)) {
      try {
        runtime.setTests(runtime.analytics.runTests());
      } catch (err) {
        this.sink.log('warn', `Tests on ${runtime.id} for alert rules failed: ${errorMessage(err)}`);
      }
    }
    // A bar's values are known when it closes: evaluated at its close time, on the same clock as the live preview.
    this.report(this.engine.evaluate(runtime.id, barMetrics(row.point, runtime.tests), row.time + runtime.intervalMs));
  }

  /** Live z / spread / price rules on the pair's preview at `exchangeNow` (live pairs, at most every updateMs). */
  onPreview(runtime: PairRuntime, exchangeNow: number): void {
    const preview = runtime.preview();
    const yPrice = runtime.lastPrice(0);
    if (!preview || runtime.phase !== 'live' || yPrice === undefined || !this.engine.wants(runtime.id, LIVE_ALERT_METRICS)) return;
    this.report(this.engine.evaluate(runtime.id, liveMetrics(preview, yPrice), exchangeNow));
  }

  private report(firings: AlertFiring[]): void {
    for (const firing of firings) {
      this.sink.log(firing.severity === 'error' ? 'error' : 'warn', `Alert ${firing.ruleId} on ${firing.pairId}: ${firing.message}`);
      this.sink.fired(firing);
    }
  }
}
