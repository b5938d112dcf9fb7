// Number formatting shared by the tree, the status bar and the dashboard's tables, so a figure reads the
// same everywhere, and the CSV's number cells. A missing or non-finite value is an em dash.

/**
 * Fixed decimals; very large or very small magnitudes in exponent form (3 digits) so they stay readable.
 * A value at or below `noise` (the rounding noise of the data it comes from, see residueFloor) is 0, and
 * a value that rounds to zero is unsigned: "0.0000", never "-1.455e-11" or "-0.0000".
 */
export function formatNumber(value: number | null | undefined, digits = 4, noise = 0): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs <= noise) return (0).toFixed(digits);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-4)) return value.toExponential(3);
  const text = value.toFixed(digits);
  return text === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : text;
}

/** Signed with an explicit + so the sign is readable at a glance; a value that rounds to zero is unsigned. */
export function formatSigned(value: number | null | undefined, digits = 2): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : text;
}

/** Money with its unit, "-1.54 USDT" (2 decimals, signed when asked), so a P&L is never a bare number. */
export function formatMoney(value: number | null | undefined, currency: string, signed = false): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  return `${signed ? formatSigned(value, 2) : formatNumber(value, 2)} ${currency}`;
}

/** A price with the decimals its size needs: 2 from 1000, 4 from 1, else 5 significant digits. */
export function formatPrice(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return value >= 1000 ? value.toFixed(2) : value >= 1 ? value.toFixed(4) : value.toPrecision(5);
}

/**
 * Floating-point rounding noise of figures computed from data of magnitude `scale` (window sums of doubles
 * keep about 1e-12 of their inputs' size; 1e-9 leaves a margin and stays far below any price tick).
 * A spread mean of −1.455e-11 on prices of 3000 is noise, not a figure.
 */
export const RESIDUE_FRACTION = 1e-9;

export function residueFloor(...scales: (number | null | undefined)[]): number {
  let m = 0;
  for (const s of scales) if (typeof s === 'number' && Number.isFinite(s)) m = Math.max(m, Math.abs(s));
  return m * RESIDUE_FRACTION;
}

/**
 * Decimals the data was written with: the fewest (up to `max`) that give every value back, allowing for
 * floating residue (2043.6290000000013 has 3). Prices recorded at a tick of 0.01 give 2.
 */
export function dataDecimals(values: Iterable<number | null | undefined>, max = 10): number {
  let decimals = 0;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const tolerance = Math.max(Math.abs(v), 1) * 1e-12;
    while (decimals < max && Math.abs(Number(v.toFixed(decimals)) - v) > tolerance) decimals++;
    if (decimals === max) break;
  }
  return decimals;
}

/**
 * The shortest plain decimal (never exponent form) of `value` rounded to `decimals`: 2043.6290000000013 at 3
 * is "2043.629", 64005.50 at 2 is "64005.5", a value that rounds to zero is "0" (never "-0").
 */
export function decimalAt(value: number, decimals: number): string {
  const text = value.toFixed(Math.max(0, Math.min(20, decimals)));
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return /^-0$/.test(trimmed) ? '0' : trimmed;
}

/**
 * The shortest plain decimal with `significant` digits (for statistics without a unit of the data: β, z,
 * correlation); exponent form only below 1e-20 or from 1e21. Values at or below `noise` are 0.
 */
export function decimalSignificant(value: number, significant = 10, noise = 0): string {
  if (Math.abs(value) <= noise || value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = significant - 1 - magnitude;
  // Beyond what toFixed can write (20 decimals, or 1e21 and up): the rounded double in its own shortest form.
  if (decimals > 20 || magnitude >= 21) return String(Number(value.toPrecision(significant)));
  return decimalAt(value, Math.max(0, decimals));
}

/** "2026-12-01 07:54:56 UTC": a bar or tooltip time for people, always UTC. */
export function formatUtcTime(time: number): string {
  if (!Number.isFinite(time)) return '—';
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
