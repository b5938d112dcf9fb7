// Pure view models: what the tree rows and the status bar show for a pair. No `vscode` import, so the
// texts, icons and colours are unit-tested; the providers only copy these into TreeItems / StatusBarItems.
import type { AlertFiring } from '../engine/alerts/alertEngine';
import { isMuted } from '../engine/alerts/alertMute';
import { describeCondition, LIVE_ALERT_METRICS, TEST_ALERT_METRICS, type AlertRule } from '../engine/alerts/alertRule';
import type { PairStatus, PairView } from '../shared/model';
import type { FeedState } from '../engine/types';
import { formatNumber, formatPrice, formatSigned, residueFloor } from '../shared/format';
import { historyText, silenceText, sourceName } from '../shared/dataSource';
import { engleGrangerVerdict, stationarityVerdict, warningLines } from '../shared/testRows';

export interface IconModel {
  /** ThemeIcon id (codicon). */
  id: string;
  /** ThemeColor id, if any. */
  color?: string;
}

export interface RowModel {
  /** Stable key, also the TreeItem id. */
  key: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: IconModel;
  contextValue?: string;
}

export interface PairRowModel extends RowModel {
  children: RowModel[];
}

const STATUS_ICONS: Record<PairStatus, IconModel> = {
  live: { id: 'pulse', color: 'testing.iconPassed' },
  warming: { id: 'loading~spin', color: 'charts.yellow' },
  stale: { id: 'debug-disconnect', color: 'list.warningForeground' },
  alert: { id: 'bell-dot', color: 'list.errorForeground' },
  error: { id: 'error', color: 'errorForeground' },
  stopped: { id: 'circle-slash', color: 'disabledForeground' },
};

export function statusIcon(pair: PairView): IconModel {
  if (pair.status === 'alert' && pair.activeAlert?.severity === 'warning') return { id: 'bell-dot', color: 'list.warningForeground' };
  return STATUS_ICONS[pair.status];
}


/** The z shown live: the tick preview when there is one, else the last bar's. */
export function currentZ(pair: PairView): number | undefined {
  return pair.previewZ ?? pair.last?.z ?? undefined;
}

export function statusText(pair: PairView): string {
  switch (pair.status) {
    case 'live':
      return pair.source === 'imported' ? `imported${pair.sourceLabel ? ` (${pair.sourceLabel})` : ''}` : sourceName(pair);
    case 'warming': {
      const text = `warming up: needs ${pair.barsNeeded} more bar${pair.barsNeeded === 1 ? '' : 's'}`;
      // A leg the feed never trades (e.g. a symbol the replay does not hold) is why it cannot warm: say so.
      const silent = silentLegsText(pair);
      if (silent) return `${text}; ${silent}`;
      // A feed that cannot connect (e.g. HTTP 403, retried in minutes) is why the warm-up does not progress: say so.
      const trouble = Object.values(pair.legStates).find((st) => st.kind === 'reconnecting');
      return trouble ? `${text}; feed ${feedStateText(trouble)}` : text;
    }
    case 'stale': {
      const s = Object.values(pair.legStates).find((st) => st.kind !== 'live');
      return s ? feedStateText(s) : 'stale';
    }
    case 'alert':
      return `alert: ${pair.activeAlert?.message ?? 'threshold crossed'}`;
    case 'error': {
      const feed = Object.values(pair.legStates).find((st) => st.kind === 'error');
      return `error: ${pair.error ?? (feed?.kind === 'error' ? feed.message : 'feed error')}`;
    }
    case 'stopped':
      return 'disconnected';
  }
}

/** "no trades on SOLUSDT for 42 s", or undefined when every leg trades. */
export function silentLegsText(pair: PairView): string | undefined {
  const silent = Object.entries(pair.silentLegs ?? {});
  if (!silent.length) return undefined;
  return silent.map(([symbol, ms]) => `${symbol} subscribed, ${silenceText(ms)}`).join('; ');
}

/** `liveName` replaces "live" (the configured label of the feed, e.g. "REPLAY 2024-07-18 recording"). */
export function feedStateText(state: FeedState, liveName = 'live'): string {
  switch (state.kind) {
    case 'connecting':
      return 'connecting';
    case 'live':
      return liveName;
    case 'stale':
      return `stale: silent for ${Math.round(state.silentForMs / 1000)} s`;
    case 'backfilling':
      return `backfilling ids ${state.fromId}–${state.toId}`;
    case 'reconnecting':
      return `reconnecting (attempt ${state.attempt}): ${state.reason}`;
    case 'error':
      return `error: ${state.message}`;
    case 'stopped':
      return 'disconnected';
  }
}

export function pairRow(pair: PairView): PairRowModel {
  const [y, x] = [pair.config.y, pair.config.x];
  const z = currentZ(pair);
  const beta = pair.last?.beta;
  const silent = pair.source === 'live' && pair.status === 'warming' ? silentLegsText(pair) : undefined;
  const description =
    pair.status === 'warming'
      ? `needs ${pair.barsNeeded} more bars${silent ? ` · ${silent}` : ''}`
      : `z ${formatSigned(z)}  β ${formatNumber(beta, 3)}${pair.status === 'stale' ? '  (stale)' : ''}`;
  const p = pair.last;
  const children: RowModel[] = [
    {
      key: `${pair.id}#prices`,
      label: 'Prices',
      description: `${y} ${formatPrice(pair.lastYPrice)} · ${x} ${formatPrice(pair.lastXPrice)}`,
      icon: { id: 'graph-line' },
    },
    {
      key: `${pair.id}#spread`,
      label: 'Spread',
      // In y's price units: floating residue of that size (a mean of −1.455e-11 on 3000) reads as 0.
      description: p ? `${formatNumber(p.spread, 4, residueFloor(p.y))} (mean ${formatNumber(p.spreadMean, 4, residueFloor(p.y))}, σ ${formatNumber(p.spreadStd, 4, residueFloor(p.y))})` : '—',
      icon: { id: 'arrow-both' },
    },
    {
      key: `${pair.id}#hedge`,
      label: 'Hedge',
      description: p ? `β ${formatNumber(p.beta)} · α ${formatNumber(p.alpha, 4, residueFloor(p.y))}` : '—',
      icon: { id: 'symbol-operator' },
    },
    {
      key: `${pair.id}#correlation`,
      label: 'Correlation',
      description: p ? `returns ${formatNumber(p.corrReturns, 3)} · prices ${formatNumber(p.corrPrices, 3)}` : '—',
      icon: { id: 'git-compare' },
    },
    stationarityRow(pair),
    {
      key: `${pair.id}#halfLife`,
      label: 'Half-life',
      description: !pair.tests
        ? 'run ADF to compute'
        : pair.tests.halfLifeBars !== null
          ? `${pair.tests.halfLifeBars.toFixed(1)} bars`
          : 'no mean reversion',
      icon: { id: 'history' },
    },
    {
      key: `${pair.id}#params`,
      label: 'Parameters',
      description: `${pair.config.timeframe} bars · window ${pair.config.window} · ${pair.config.hedge}`,
      icon: { id: 'settings-gear' },
    },
    ...[y, x].map((symbol) => {
      const st = pair.legStates[symbol];
      return {
        key: `${pair.id}#feed-${symbol}`,
        label: `Feed ${symbol}`,
        description:
          pair.source === 'imported'
            ? sourceName(pair)
            : st?.kind === 'live' && pair.silentLegs?.[symbol] !== undefined
              ? `subscribed, ${silenceText(pair.silentLegs[symbol])} (${sourceName(pair)})`
              : st
                ? feedStateText(st, sourceName(pair))
                : '—',
        icon: st?.kind === 'live' && pair.silentLegs?.[symbol] !== undefined ? { id: 'warning', color: 'list.warningForeground' } : feedIcon(st, pair.source === 'imported'),
      };
    }),
  ];
  if (pair.liveFrom !== undefined && pair.source === 'live')
    children.push({
      key: `${pair.id}#history`,
      label: 'History',
      description: `REST ${historyText(pair, isoMinute)}`,
      icon: { id: 'database' },
    });
  return {
    key: pair.id,
    // The id, spaced: "BTCUSDT / ETHUSDT", or "BTCUSDT / ETHUSDT (imported)" for the imported pair beside it.
    label: pair.id.replace('/', ' / '),
    description,
    tooltip: `${pair.id.replace('/', ' / ')}: ${statusText(pair)}`,
    icon: statusIcon(pair),
    contextValue: `pair.${pair.status}`,
    children,
  };
}

function isoMinute(time: number): string {
  return new Date(time).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

function stationarityRow(pair: PairView): RowModel {
  const t = pair.tests;
  const key = `${pair.id}#adf`;
  if (!t) return { key, label: 'ADF / EG', description: 'not run yet', icon: { id: 'beaker' } };
  if (!t.adf && !t.eg) return { key, label: 'ADF / EG', description: t.notes[0] ?? 'not enough data', tooltip: t.notes.join('\n'), icon: { id: 'beaker' } };
  const parts: string[] = [];
  if (t.adf) parts.push(`ADF p ${t.adf.pValue.toFixed(4)} (${stationarityVerdict(t.adf.pValue, 'stationary')})`);
  // Engle-Granger in both orderings (Y on X / X on Y): the ordering changes the answer, the verdict is the weaker's.
  const eg = engleGrangerVerdict(t);
  if (eg) parts.push(`EG p ${t.eg ? formatNumber(t.eg.pValue) : '—'} / ${t.egReverse ? formatNumber(t.egReverse.pValue) : '—'} (${stationarityVerdict(eg.pValue, 'cointegrated')})`);
  const warnings = warningLines(t);
  if (warnings.length) parts.push(`${warnings.length} warning${warnings.length > 1 ? 's' : ''}`);
  const good = (eg ?? t.adf)!.pValue < 0.05 && warnings.length === 0;
  const tooltip = [
    t.adf
      ? `ADF statistic ${t.adf.statistic.toFixed(4)} (1% ${t.adf.critical['1%'].toFixed(3)}, 5% ${t.adf.critical['5%'].toFixed(3)}, 10% ${t.adf.critical['10%'].toFixed(3)}), lag ${t.adf.usedLag}, ${t.adf.nobs} obs`
      : '',
    t.eg ? `Engle-Granger Y on X: statistic ${t.eg.statistic.toFixed(4)}, p ${formatNumber(t.eg.pValue)}, lag ${t.eg.usedLag}` : '',
    t.egReverse ? `Engle-Granger X on Y: statistic ${t.egReverse.statistic.toFixed(4)}, p ${formatNumber(t.egReverse.pValue)}, lag ${t.egReverse.usedLag}` : '',
    eg ? `Engle-Granger verdict: ${eg.text}` : '',
    ...warnings,
    ...t.notes,
  ].filter(Boolean);
  return {
    key,
    label: 'ADF / EG',
    description: parts.join(' · '),
    tooltip: tooltip.join('\n'),
    icon: good ? { id: 'pass', color: 'testing.iconPassed' } : { id: 'circle-slash', color: 'list.warningForeground' },
  };
}

export { stationarityVerdict } from '../shared/testRows';

function feedIcon(state: FeedState | undefined, imported: boolean): IconModel {
  if (imported) return { id: 'file' };
  switch (state?.kind) {
    case 'live':
      return { id: 'broadcast', color: 'testing.iconPassed' };
    case 'error':
      return { id: 'error', color: 'errorForeground' };
    case 'stale':
    case 'reconnecting':
    case 'connecting':
    case 'backfilling':
      return { id: 'sync', color: 'list.warningForeground' };
    default:
      return { id: 'circle-slash' };
  }
}

export function ruleText(rule: AlertRule): string {
  return `${describeCondition(rule)} on ${rule.pair === '*' ? 'every pair' : rule.pair}`;
}

/** When the rule is evaluated, for the tooltip. */
function ruleTiming(rule: AlertRule): string {
  if (TEST_ALERT_METRICS.includes(rule.metric)) return 'on bar close (the tests run then)';
  if (LIVE_ALERT_METRICS.includes(rule.metric)) return 'live and on bar close';
  return 'on bar close';
}

export function ruleRow(rule: AlertRule, now = Date.now()): RowModel {
  const muted = rule.enabled && isMuted(rule, now) ? ` · muted until ${new Date(rule.mutedUntil!).toISOString().slice(11, 16)} UTC` : '';
  const rearm = rule.operator === '|x|>' ? `|${rule.metric}| < ${rule.rearm}` : `${rule.metric} ${rule.operator === '>' ? '<' : '>'} ${rule.rearm}`;
  return {
    key: `rule:${rule.id}`,
    label: ruleText(rule),
    description: `${rule.severity}${rule.enabled ? '' : ' · disabled'}${muted}`,
    tooltip: `Rule ${rule.id}: evaluated ${ruleTiming(rule)}; re-arms at ${rearm}; cooldown ${Math.round(rule.cooldownMs / 1000)} s${
      muted ? `; muted until ${new Date(rule.mutedUntil!).toISOString().replace('T', ' ').slice(0, 16)} UTC (ends by itself)` : ''
    }`,
    icon: muted ? { id: 'bell-slash', color: 'list.warningForeground' } : rule.enabled ? { id: 'bell', color: rule.severity === 'error' ? 'list.errorForeground' : 'list.warningForeground' } : { id: 'bell-slash', color: 'disabledForeground' },
    contextValue: muted ? 'alertRule.muted' : rule.enabled ? 'alertRule.enabled' : 'alertRule.disabled',
  };
}

export function firingRow(firing: AlertFiring, index: number): RowModel {
  return {
    key: `firing:${firing.time}:${firing.ruleId}:${firing.pairId}:${index}`,
    label: `${firing.pairId} ${firing.message}`,
    description: new Date(firing.time).toISOString().slice(11, 19) + ' UTC',
    tooltip: `${new Date(firing.time).toISOString()} — rule ${firing.ruleId}: value ${firing.value.toFixed(3)}, threshold ${firing.threshold}`,
    icon: { id: firing.severity === 'error' ? 'error' : 'warning', color: firing.severity === 'error' ? 'list.errorForeground' : 'list.warningForeground' },
    contextValue: 'alertFiring',
  };
}

export interface StatusBarModel {
  text: string;
  /** Markdown tooltip. */
  tooltip: string;
  background?: 'statusBarItem.warningBackground' | 'statusBarItem.errorBackground';
}

const STATUS_BAR_ICONS: Partial<Record<PairStatus, string>> = {
  alert: '$(bell-dot)',
  warming: '$(loading~spin)',
  stale: '$(debug-disconnect)',
  error: '$(error)',
};

export function statusBarModel(pair: PairView | undefined): StatusBarModel {
  if (!pair) return { text: '$(graph-line) Quant Pairs', tooltip: 'No pair on the desk. Click to add one.' };
  const z = currentZ(pair);
  const icon = STATUS_BAR_ICONS[pair.status] ?? '$(graph-line)';
  const text =
    (pair.status === 'warming' ? `${icon} ${pair.config.y}/${pair.config.x} warming (${pair.barsNeeded})` : `${icon} ${pair.config.y}/${pair.config.x} z ${formatSigned(z)}`) +
    // The text itself names a labelled feed (a replay is never shown as live), not only the tooltip.
    (pair.source === 'live' && pair.sourceLabel ? ` · ${pair.sourceLabel}` : '');
  const p = pair.last;
  const rows = [
    `**${pair.config.y} / ${pair.config.x}** — ${statusText(pair)}`,
    '',
    '| | |',
    '|---|---|',
    `| z | ${formatSigned(z, 3)} |`,
    `| β | ${formatNumber(p?.beta)} |`,
    `| α | ${formatNumber(p?.alpha, 4, residueFloor(p?.y))} |`,
    `| spread | ${formatNumber(p?.spread, 4, residueFloor(p?.y))} |`,
    `| corr (returns) | ${formatNumber(p?.corrReturns, 3)} |`,
    `| ADF p | ${pair.tests?.adf ? pair.tests.adf.pValue.toFixed(4) : '—'} |`,
    `| EG p (Y on X / X on Y) | ${pair.tests?.eg ? pair.tests.eg.pValue.toFixed(4) : '—'} / ${pair.tests?.egReverse ? pair.tests.egReverse.pValue.toFixed(4) : '—'} |`,
    `| half-life | ${pair.tests?.halfLifeBars != null ? pair.tests.halfLifeBars.toFixed(1) + ' bars' : '—'} |`,
    `| bars | ${pair.config.timeframe}, window ${pair.config.window}, ${pair.config.hedge} |`,
    '',
    'Click to open the dashboard.',
  ];
  const background =
    pair.activeAlert?.severity === 'error' ? 'statusBarItem.errorBackground' : pair.activeAlert ? 'statusBarItem.warningBackground' : undefined;
  return { text, tooltip: rows.join('\n'), background };
}
