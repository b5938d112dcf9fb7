// Number formatting shared by the tree, the status bar and the dashboard's tables, so a figure reads the
// same everywhere. A missing or non-finite value is an em dash.

/** Fixed decimals; very large or very small magnitudes in exponent form (3 digits) so they stay readable. */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-4)) return value.toExponential(3);
  return value.toFixed(digits);
}

/** Signed with an explicit + so the sign is readable at a glance; a value that rounds to zero is unsigned. */
export function formatSigned(value: number | null | undefined, digits = 2): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : text;
}

/** A price with the decimals its size needs: 2 from 1000, 4 from 1, else 5 significant digits. */
export function formatPrice(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return value >= 1000 ? value.toFixed(2) : value >= 1 ? value.toFixed(4) : value.toPrecision(5);
}
