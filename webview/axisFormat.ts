// Axis and tooltip labels of the dashboard charts. Decimals follow the span of the data on the axis
// (about 4 significant digits of the span), so every tick of an axis has the same precision and
// neighbouring ticks never print alike; floating-point residue (a spread mean of −1.39e-17 on a
// spread of ±3) prints as 0, and −0 as 0.

import { RESIDUE_FRACTION } from '../src/shared/format';

export interface AxisRange {
  min: number;
  max: number;
}

const SIGNIFICANT = 4;
const MAX_DECIMALS = 12;
/** Below this fraction of the axis scale a value is rounding noise (the one rule of src/shared/format.ts). */
const ZERO_FRACTION = RESIDUE_FRACTION;

/** Smallest / largest finite value over the series (undefined when there is none). */
export function rangeOf(series: readonly (readonly (readonly [number, number | null])[])[]): AxisRange | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const points of series) {
    for (const [, v] of points) {
      if (v === null || !Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : undefined;
}

/** Decimals for an axis over `range`: enough for SIGNIFICANT digits of its span (of its magnitude when flat). */
export function axisDecimals(range: AxisRange | undefined): number {
  if (!range) return 2;
  const span = range.max - range.min;
  const scale = span > 0 ? span : Math.max(Math.abs(range.min), Math.abs(range.max));
  if (!(scale > 0) || !Number.isFinite(scale)) return 0;
  return Math.min(MAX_DECIMALS, Math.max(0, SIGNIFICANT - 1 - Math.floor(Math.log10(scale))));
}

/** A label for `value` on an axis over `range`: fixed decimals from the span, trailing zeros trimmed, noise as 0. */
export function formatAxisValue(value: number, range: AxisRange | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const magnitude = range ? Math.max(Math.abs(range.min), Math.abs(range.max), range.max - range.min) : Math.abs(value);
  if (Math.abs(value) <= magnitude * ZERO_FRACTION) return '0';
  if (magnitude >= 1e9) return trimExponent(value.toExponential(SIGNIFICANT - 1));
  const text = value.toFixed(axisDecimals(range));
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

function trimExponent(text: string): string {
  return text.replace(/\.?0+e/, 'e');
}
