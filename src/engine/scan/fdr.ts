// Benjamini–Hochberg (1995) step-up q-values: q_(i) = min_{j ≥ i} min(1, p_(j)·m / j) over p sorted
// ascending. `m` may exceed the number of p-values given: the missing tests count as p = 1 (they rank
// last, so they only enlarge m), which is how the scan reports qAll over every pair of the universe.
import { EngineError } from '../errors';

export function benjaminiHochberg(pValues: ArrayLike<number>, m: number = pValues.length): Float64Array {
  const k = pValues.length;
  if (!Number.isInteger(m) || m < k) throw new EngineError('BAD_ARGUMENT', `BH: m (${m}) must be a whole number ≥ the ${k} p-values given`);
  for (let i = 0; i < k; i++) {
    const p = pValues[i];
    if (!(p >= 0 && p <= 1)) throw new EngineError('BAD_ARGUMENT', `BH: p-value ${i + 1} (${p}) is not in [0, 1]`);
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const q = new Float64Array(k);
  let running = 1;
  for (let rank = k; rank >= 1; rank--) {
    const i = order[rank - 1];
    running = Math.min(running, (pValues[i] * m) / rank);
    q[i] = running;
  }
  return q;
}
