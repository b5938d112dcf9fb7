// Tolerance checks shared by the statistics tests: relative with an absolute floor, NaN never passes.
import assert from 'node:assert/strict';

export function assertClose(actual: number, expected: number, relTol: number, absTol = 0, label = ''): void {
  const diff = Math.abs(actual - expected);
  const ok = Number.isFinite(actual) && (diff <= absTol || diff <= relTol * Math.abs(expected));
  assert.ok(ok, `${label} expected ${expected}, got ${actual} (diff ${diff}, rel ${diff / Math.abs(expected)})`);
}
