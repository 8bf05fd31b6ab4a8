/**
 * When a relation holds between two values. `=` is exact between rationals and within 1e-9 relative
 * otherwise (plus 1e-12 absolute, so `\sin(\pi) = 0` holds despite float64); `\approx` within 1%.
 */
import type { Relation } from './ast';
import { compare, isExact, toNumber } from './value';
import type { Value } from './value';

export const EQ_RELATIVE = 1e-9;
export const EQ_ABSOLUTE = 1e-12;
export const APPROX_RELATIVE = 0.01;

function close(a: Value, b: Value, relative: number): boolean {
  if (isExact(a) && isExact(b) && relative === EQ_RELATIVE) return compare(a, b) === 0;
  const x = toNumber(a);
  const y = toNumber(b);
  const diff = Math.abs(x - y);
  return diff <= relative * Math.max(Math.abs(x), Math.abs(y)) || diff <= EQ_ABSOLUTE;
}

export function equalValues(a: Value, b: Value): boolean {
  return close(a, b, EQ_RELATIVE);
}

export function holds(rel: Relation, a: Value, b: Value): boolean {
  switch (rel) {
    case '=':
      return equalValues(a, b);
    case '\\approx':
      return close(a, b, APPROX_RELATIVE);
    case '\\neq':
      return !equalValues(a, b);
    case '<':
      return compare(a, b) < 0 && !equalValues(a, b);
    case '\\le':
      return compare(a, b) <= 0 || equalValues(a, b);
    case '>':
      return compare(a, b) > 0 && !equalValues(a, b);
    case '\\ge':
      return compare(a, b) >= 0 || equalValues(a, b);
  }
}

/** Relations after which a broken step can be skipped over: the step was meant to be the same value. */
export function isEquality(rel: Relation): boolean {
  return rel === '=' || rel === '\\approx';
}
