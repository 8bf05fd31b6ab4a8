/**
 * Exact rationals over bigint. Dims must compare exactly ((H-K)/S with H=10, K=3, S=2 is 7/2, not
 * 3.4999999), so no float ever enters the normal form.
 */
export interface Q {
  /** Numerator; the sign lives here. */
  readonly n: bigint;
  /** Denominator, always > 0, coprime with n. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function lcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  const g = gcd(a, b);
  const r = (a / g) * b;
  return r < 0n ? -r : r;
}

/** Normalizes n/d; d must not be zero (callers check with `isZero` first). */
export function q(n: bigint, d: bigint = 1n): Q {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const Q0: Q = { n: 0n, d: 1n };
export const Q1: Q = { n: 1n, d: 1n };

// Whole numbers (most dims) skip the gcd: n/1 is already in lowest terms.
export const qAdd = (a: Q, b: Q): Q => (a.d === 1n && b.d === 1n ? { n: a.n + b.n, d: 1n } : q(a.n * b.d + b.n * a.d, a.d * b.d));
export const qSub = (a: Q, b: Q): Q => (a.d === 1n && b.d === 1n ? { n: a.n - b.n, d: 1n } : q(a.n * b.d - b.n * a.d, a.d * b.d));
export const qMul = (a: Q, b: Q): Q => (a.d === 1n && b.d === 1n ? { n: a.n * b.n, d: 1n } : q(a.n * b.n, a.d * b.d));
export const qNeg = (a: Q): Q => ({ n: -a.n, d: a.d });
export const qIsZero = (a: Q): boolean => a.n === 0n;
export const qIsInt = (a: Q): boolean => a.d === 1n;
export const qEq = (a: Q, b: Q): boolean => a.n === b.n && a.d === b.d;

/** 1/a; undefined for zero. */
export function qInv(a: Q): Q | undefined {
  return a.n === 0n ? undefined : q(a.d, a.n);
}

export function qDiv(a: Q, b: Q): Q | undefined {
  return b.n === 0n ? undefined : q(a.n * b.d, a.d * b.n);
}

export function qPow(a: Q, e: number): Q | undefined {
  if (e === 0) return Q1;
  if (e < 0) {
    const inv = qInv(a);
    return inv && qPow(inv, -e);
  }
  const k = BigInt(e);
  return { n: a.n ** k, d: a.d ** k };
}

/** Floor division on bigint, rounding toward minus infinity. */
function floorDivBig(n: bigint, d: bigint): bigint {
  const t = n / d;
  return (n % d !== 0n && (n < 0n) !== (d < 0n)) ? t - 1n : t;
}

export function qFloor(a: Q): Q {
  return { n: floorDivBig(a.n, a.d), d: 1n };
}

export function qCeil(a: Q): Q {
  return { n: -floorDivBig(-a.n, a.d), d: 1n };
}

export function qToNumber(a: Q): number {
  if (a.d === 1n) return Number(a.n);
  return Number(a.n) / Number(a.d);
}

/**
 * The exact rational a student meant by a JS number: integers exactly, otherwise the simplest fraction
 * with a small denominator that rounds to the same double (0.1 → 1/10, not 3602879701896397/2^55).
 * Undefined for NaN and infinities.
 */
export function qFromNumber(x: number): Q | undefined {
  if (!Number.isFinite(x)) return undefined;
  if (Number.isInteger(x)) return { n: BigInt(x), d: 1n };
  // Continued fractions: the first convergent equal to x as a double.
  let h0 = 0, h1 = 1, k0 = 1, k1 = 0;
  let r = x;
  for (let i = 0; i < 40; i++) {
    const a = Math.floor(r);
    const h2 = a * h1 + h0;
    const k2 = a * k1 + k0;
    if (!Number.isSafeInteger(h2) || !Number.isSafeInteger(k2)) break;
    if (h2 / k2 === x) return q(BigInt(h2), BigInt(k2));
    h0 = h1; h1 = h2; k0 = k1; k1 = k2;
    const frac = r - a;
    if (frac === 0) break;
    r = 1 / frac;
  }
  // Exact binary expansion: every finite double is a dyadic rational.
  let d = 1n;
  let y = x;
  while (!Number.isInteger(y)) {
    y *= 2;
    d *= 2n;
  }
  return q(BigInt(y), d);
}

export function qToString(a: Q): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}

export function qCompare(a: Q, b: Q): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
