/**
 * Values and relations as a student reads them in a message or a hover: `9/2 = 4.5`, `0.7310585786`.
 */
import type { Relation } from './ast';
import { fromDecimal, isExact, toNumber } from './value';
import type { Value } from './value';

/** A decimal with at most 10 significant digits and no trailing zeros. */
export function decimal(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (x !== 0 && (Math.abs(x) >= 1e15 || Math.abs(x) < 1e-6)) return x.toExponential(9).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(10)));
}

/** The decimal that is exactly this rational, when it has one of at most 15 significant digits. */
function exactDecimal(v: Value & { k: 'q' }): string | null {
  const s = String(toNumber(v));
  if (/e/.test(s)) return null;
  const back = fromDecimal(s);
  return back && isExact(back) && back.n === v.n && back.d === v.d ? s : null;
}

/** The value as one short number: `4.5`, `4`, `1.41421356237` (a literal as written), `0.3333333333`. */
export function shortValue(v: Value): string {
  return (isExact(v) && exactDecimal(v)) || decimal(toNumber(v));
}

/** The value with its exact form when that says more: `9/2 = 4.5`, `1/3 ≈ 0.3333333333`, `4`. */
export function fullValue(v: Value): string {
  const dec = shortValue(v);
  if (!isExact(v) || v.d === 1n) return dec;
  const frac = `${v.n}/${v.d}`;
  const exact = exactDecimal(v) !== null;
  // 141421356237/100000000000 says nothing that 1.41421356237 does not.
  if (frac.length > 40 || (exact && frac.length > dec.length + 4)) return dec;
  return `${frac} ${exact ? '=' : '≈'} ${dec}`;
}

/** How a relation is printed in prose. */
export const REL_TEXT: Record<Relation, string> = {
  '=': '=',
  '\\approx': '≈',
  '<': '<',
  '\\le': '≤',
  '>': '>',
  '\\ge': '≥',
  '\\neq': '≠',
};

/**
 * What holds instead when `left REL right` is false, written from the right side's point of view
 * ("the next side 4 ≠ 4.5", "the next side 3 ≤ 5" for a broken `5 < 3`).
 */
export const BROKEN_TEXT: Record<Relation, string> = {
  '=': '≠',
  '\\approx': 'is more than 1% away from',
  '<': '≤',
  '\\le': '<',
  '>': '≥',
  '\\ge': '>',
  '\\neq': '=',
};

/** Whitespace-collapsed source text. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
