// Exact rational arithmetic on doubles (every double is m·2^e), for tests that must show a quantity is
// exactly 0 rather than trust a floating-point computation of it.

/** A double as an exact fraction num / 2^shift. */
interface Dyadic {
  num: bigint;
  shift: bigint;
}

function toDyadic(v: number): Dyadic {
  if (!Number.isFinite(v)) throw new Error(`not finite: ${v}`);
  if (v === 0) return { num: 0n, shift: 0n };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const e = (exponent === 0 ? 1 : exponent) - 1075; // v = mantissa · 2^e
  return e >= 0 ? { num: sign * mantissa * (1n << BigInt(e)), shift: 0n } : { num: sign * mantissa, shift: BigInt(-e) };
}

/** The values as integers over one common power of two: value_i = ints[i] / 2^shift, exactly. */
export function commonScale(values: ArrayLike<number>): bigint[] {
  const d = Array.from(values, toDyadic);
  const shift = d.reduce((m, v) => (v.shift > m ? v.shift : m), 0n);
  return d.map((v) => v.num << (shift - v.shift));
}

/** n²·Σ(x − x̄)² scaled by 2^(2·shift): zero exactly when the values are all equal. */
export function exactScaledSumSq(values: ArrayLike<number>): bigint {
  const ints = commonScale(values);
  const n = BigInt(ints.length);
  const sum = ints.reduce((a, b) => a + b, 0n);
  const sumSq = ints.reduce((a, b) => a + b * b, 0n);
  return n * sumSq - sum * sum; // = n·Σ(x − x̄)² in the common scale
}

/**
 * Sign-exact residual sum of squares of the OLS line of y on x (with intercept), up to a positive factor:
 * (n·Syy)(n·Sxx) − (n·Sxy)², zero exactly when y is an exact line in x.
 */
export function exactScaledResidualSumSq(x: ArrayLike<number>, y: ArrayLike<number>): bigint {
  const both = commonScale([...Array.from(x), ...Array.from(y)]);
  const xi = both.slice(0, x.length);
  const yi = both.slice(x.length);
  const n = BigInt(xi.length);
  const sx = xi.reduce((a, b) => a + b, 0n);
  const sy = yi.reduce((a, b) => a + b, 0n);
  let sxx = 0n;
  let syy = 0n;
  let sxy = 0n;
  for (let i = 0; i < xi.length; i++) {
    sxx += xi[i] * xi[i];
    syy += yi[i] * yi[i];
    sxy += xi[i] * yi[i];
  }
  const nSxx = n * sxx - sx * sx;
  const nSyy = n * syy - sy * sy;
  const nSxy = n * sxy - sx * sy;
  return nSyy * nSxx - nSxy * nSxy;
}
