// Option parsing shared by the statistics commands (adf, coint): regression/trend, autolag, maxlag.
import type { AdfOptions } from '../engine/analytics/adf';
import { EngineError } from '../engine/errors';

export function parseRegression(value: string | undefined, allowed: readonly string[], fallback: string, option: string): string {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) throw new EngineError('BAD_ARGUMENT', `--${option} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value;
}

export function parseAutolag(value: string | undefined): AdfOptions['autolag'] {
  if (value === undefined) return 'AIC';
  const lower = value.toLowerCase();
  if (lower === 'aic') return 'AIC';
  if (lower === 'bic') return 'BIC';
  if (lower === 't-stat') return 't-stat';
  if (lower === 'none') return null;
  throw new EngineError('BAD_ARGUMENT', `--autolag must be AIC, BIC, t-stat or none (got "${value}")`);
}

export function parseMaxlag(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) throw new EngineError('BAD_ARGUMENT', `--maxlag must be a whole number ≥ 0 (got "${value}")`);
  return Number(value);
}

/** Option value as a string; a bare flag where a value belongs is an error. */
export function stringOption(options: Map<string, string | true>, name: string): string | undefined {
  const v = options.get(name);
  if (v === true) throw new EngineError('BAD_ARGUMENT', `option --${name} needs a value`);
  return v;
}
