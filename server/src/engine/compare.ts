/**
 * Comparing a computed tensor with a claimed value (spec section 5): a decimal with d digits after
 * the point matches when the computed value rounds to it (|computed - claimed| <= 0.5·10^-d); whole
 * numbers and fractions (decimals = null) must match to 1e-9.
 */
import type { NestedNumbers } from '../core/result';
import { fmt } from './shape';
import { nestedToTensor, type Tensor } from './tensor';

export interface ClaimComparison {
  matches: boolean;
  firstDiff: { index: number[]; computed: number; claimed: number } | null;
  message: string;
}

/** Short, exact-enough number text for messages: 0.2913126, 3, -1.5e-7. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const p = Number(x.toPrecision(7));
  return Math.abs(p) >= 1e-4 && Math.abs(p) < 1e7 ? String(p) : p.toExponential();
}

export function unflatten(i: number, dims: readonly number[]): number[] {
  const out = new Array<number>(dims.length);
  for (let ax = dims.length - 1; ax >= 0; ax--) {
    out[ax] = i % dims[ax];
    i = Math.floor(i / dims[ax]);
  }
  return out;
}

/** ` (to 3 decimals)`, or for a suffix or power of ten ` (to the digits written: ±50000)`. */
export function describeDigits(decimals: number | null): string {
  if (decimals === null) return '';
  if (Number.isInteger(decimals) && decimals > 0) return ` (to ${decimals} decimal${decimals === 1 ? '' : 's'})`;
  return ` (to the digits written: ±${formatNumber(0.5 * Math.pow(10, -decimals))})`;
}

export function tolerance(claimed: number, decimals: number | null): number {
  // The tiny relative slack absorbs binary rounding at exactly half a unit (0.125 vs "0.13").
  if (decimals === null) return 1e-9 * Math.max(1, Math.abs(claimed));
  return 0.5 * Math.pow(10, -decimals) + 1e-12 * Math.max(1, Math.abs(claimed));
}

function close(c: number, v: number, tol: number): boolean {
  if (Number.isNaN(c) || Number.isNaN(v)) return Number.isNaN(c) && Number.isNaN(v);
  if (!Number.isFinite(c) || !Number.isFinite(v)) return c === v;
  return Math.abs(c - v) <= tol;
}

/**
 * `decimals`: one count for every element, or each element's own (a tensor literal's elements keep the
 * digits each was written with: `[0.149780716, 0.2]` holds the second to one decimal, not nine).
 */
export function compareToClaim(computed: Tensor, claimed: NestedNumbers | number, decimals: number | null | readonly (number | null)[]): ClaimComparison {
  const parsed = nestedToTensor(claimed);
  if (!parsed.ok) return { matches: false, firstDiff: null, message: `The claimed value is not a proper tensor: ${parsed.message}` };
  const want = parsed.value;
  if (!computed.data) {
    return { matches: false, firstDiff: null, message: `No values to compare: ${computed.missing ?? `the result has only a shape (${fmt(computed.shape)})`}` };
  }
  const cd = computed.dims;
  const wd = want.dims;
  if (cd.length !== wd.length || cd.some((d, i) => d !== wd[i])) {
    const desc = (d: number[]): string => (d.length === 0 ? 'a single number' : `a tensor of shape ${d.join('×')}`);
    return { matches: false, firstDiff: null, message: `Claimed ${desc(wd)}, but the result is ${desc(cd)}` };
  }
  const c = computed.data;
  const w = want.data as Float64Array;
  const digitsOf = (i: number): number | null => (typeof decimals === 'object' && decimals !== null ? decimals[i] ?? null : decimals);
  const how = (d: number | null): string => describeDigits(d);
  let widest: number | null = null;
  for (let i = 0; i < c.length; i++) {
    const d = digitsOf(i);
    if (d !== null) widest = Math.max(widest ?? -Infinity, d);
    if (!close(c[i], w[i], tolerance(w[i], d))) {
      const index = unflatten(i, cd);
      const at = cd.length ? ` at [${index.join(', ')}]` : '';
      return {
        matches: false,
        firstDiff: { index, computed: c[i], claimed: w[i] },
        message: `Claimed ${formatNumber(w[i])}${at}, but the computed value is ${formatNumber(c[i])}${how(d)}`,
      };
    }
  }
  return {
    matches: true,
    firstDiff: null,
    message: cd.length === 0 ? `${formatNumber(c[0])} matches${how(widest)}` : `All ${c.length} values match${typeof decimals === 'object' && decimals !== null ? ' (each to the digits written)' : how(widest)}`,
  };
}
