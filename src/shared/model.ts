// The data the host shows and the webview draws: the desk's published views, alert rules and firings.
// Type-only re-exports, so the webview bundle gets no engine code; the webview imports them from here.
export type { BacktestView, PairBarRow, PairView, StationarityView } from '../engine/desk/types';
export type { AlertRule } from '../engine/alerts/alertRule';
export type { AlertFiring } from '../engine/alerts/alertEngine';
