// The backtest overrides' shape check lives in src/shared/backtestOverrides.ts (the dashboard's message validator
// uses it too); re-exported for the settings model and the command.
export { parseBacktestOverrides, type BacktestOverrides } from '../shared/backtestOverrides';
