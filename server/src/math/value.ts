/**
 * Numbers of a derivation: exact rationals while the arithmetic allows (`\frac{10-3}{2}+1` is 9/2 and
 * equals `4.5` exactly), float64 once a function leaves the rationals (sqrt of 2, exp, log, sigma).
 * A rational that grows past MAX_BITS turns into a float rather than eating memory.
 */

export type Value = { k: 'q'; n: bigint; d: bigint } | { k: 'f'; v: number };

const MAX_BITS = 4096n;
const MAX_MAGNITUDE = 1n << MAX_BITS;

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function bitLength(n: bigint): bigint {
  return BigInt((n < 0n ? -n : n).toString(2).length);
}

export function float(v: number): Value {
  return { k: 'f', v };
}

/** n/d in lowest terms (d ≠ 0), or a float when it is too large to stay exact. */
export function rat(n: bigint, d: bigint = 1n): Value {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d !== 1n) {
    const g = gcd(n, d);
    if (g > 1n) {
      n /= g;
      d /= g;
    }
  }
  if (n >= MAX_MAGNITUDE || -n >= MAX_MAGNITUDE || d >= MAX_MAGNITUDE) return float(bigRatio(n, d));
  return { k: 'q', n, d };
}

function bigRatio(n: bigint, d: bigint): number {
  // Number(n)/Number(d) is Infinity/Infinity for huge operands: drop the same low bits from both.
  const shift = (bitLength(n) > bitLength(d) ? bitLength(n) : bitLength(d)) - 1000n;
  if (shift > 0n) {
    n >>= shift;
    d >>= shift;
    if (d === 0n) return n === 0n ? 0 : n > 0n ? Infinity : -Infinity;
  }
  return Number(n) / Number(d);
}

export function toNumber(a: Value): number {
  return a.k === 'f' ? a.v : bigRatio(a.n, a.d);
}

/** Exact decimal literal: `4.5` is 9/2, not the float nearest to it. */
export function fromDecimal(raw: string): Value | null {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(raw.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const frac = m[3] ?? '';
  let n = BigInt((m[2] || '0') + frac);
  let d = 10n ** BigInt(frac.length);
  const e = m[4] ? Number(m[4]) : 0;
  if (Math.abs(e) > 400) return null;
  if (e > 0) n *= 10n ** BigInt(e);
  if (e < 0) d *= 10n ** BigInt(-e);
  return rat(m[1] === '-' ? -n : n, d);
}

/** A binding's value, exact when its shortest decimal form is (`0.1` binds 1/10). */
export function fromNumber(v: number): Value {
  if (!Number.isFinite(v)) return float(v);
  if (Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) return rat(BigInt(v));
  return fromDecimal(String(v)) ?? float(v);
}

export const isExact = (a: Value): a is { k: 'q'; n: bigint; d: bigint } => a.k === 'q';

export function add(a: Value, b: Value): Value {
  if (isExact(a) && isExact(b)) {
    if (a.d === 1n && b.d === 1n) return rat(a.n + b.n);
    return rat(a.n * b.d + b.n * a.d, a.d * b.d);
  }
  return float(toNumber(a) + toNumber(b));
}

export function neg(a: Value): Value {
  return isExact(a) ? { k: 'q', n: -a.n, d: a.d } : float(-a.v);
}

export function mul(a: Value, b: Value): Value {
  if (isExact(a) && isExact(b)) return rat(a.n * b.n, a.d * b.d);
  return float(toNumber(a) * toNumber(b));
}

export function isZero(a: Value): boolean {
  return isExact(a) ? a.n === 0n : a.v === 0;
}

/** a/b; the caller checks b for zero. */
export function div(a: Value, b: Value): Value {
  if (isExact(a) && isExact(b)) return rat(a.n * b.d, a.d * b.n);
  return float(toNumber(a) / toNumber(b));
}

/** -1, 0 or 1; exact for rationals. */
export function compare(a: Value, b: Value): number {
  if (isExact(a) && isExact(b)) {
    const l = a.n * b.d;
    const r = b.n * a.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function floor(a: Value): Value {
  if (!isExact(a)) return float(Math.floor(a.v));
  const q = a.n / a.d;
  return rat(a.n < 0n && q * a.d !== a.n ? q - 1n : q);
}

export function ceil(a: Value): Value {
  return neg(floor(neg(a)));
}

export function isInteger(a: Value): boolean {
  return isExact(a) ? a.d === 1n : Number.isInteger(a.v);
}

/** The exact k-th root of a non-negative bigint, or null when it is not a perfect power. */
function exactRoot(n: bigint, k: number): bigint | null {
  if (n < 0n) return null;
  if (n < 2n) return n;
  const guess = BigInt(Math.round(Math.pow(Number(n), 1 / k)));
  for (const r of [guess - 1n, guess, guess + 1n]) if (r >= 0n && r ** BigInt(k) === n) return r;
  return null;
}

/** The k-th root of a non-negative value, exact for perfect powers (`\sqrt{16}` is 4). */
export function root(a: Value, k: number): Value {
  if (isExact(a) && k <= 64 && bitLength(a.n) < 1000n && bitLength(a.d) < 1000n) {
    const n = exactRoot(a.n, k);
    const d = exactRoot(a.d, k);
    if (n !== null && d !== null) return rat(n, d);
  }
  return float(Math.pow(toNumber(a), 1 / k));
}

/**
 * a^b, or a string saying why it has no real value. Integer powers of rationals stay exact while the
 * result is small; rational exponents p/q take exact roots when they exist.
 */
export function pow(a: Value, b: Value): Value | string {
  if (isExact(b) && b.d === 1n) {
    if (isZero(a) && b.n < 0n) return 'division by zero (0 to a negative power)';
    if (isExact(a)) {
      const e = b.n < 0n ? -b.n : b.n;
      const bits = (bitLength(a.n) > bitLength(a.d) ? bitLength(a.n) : bitLength(a.d)) * e;
      if (bits <= MAX_BITS) {
        const r = rat(a.n ** e, a.d ** e);
        return b.n < 0n ? div(rat(1n), r) : r;
      }
    }
    return float(Math.pow(toNumber(a), toNumber(b)));
  }
  const sign = compare(a, rat(0n));
  if (isExact(b) && b.d <= 64n) {
    const k = Number(b.d);
    if (sign < 0 && k % 2 === 0) return 'a negative number to a fractional power has no real value';
    const r = root(sign < 0 ? neg(a) : a, k);
    const signed = sign < 0 ? neg(r) : r;
    return pow(signed, rat(b.n));
  }
  if (sign < 0) return 'a negative number to a non-integer power has no real value';
  return float(Math.pow(toNumber(a), toNumber(b)));
}
