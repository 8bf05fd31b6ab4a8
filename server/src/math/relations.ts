/**
 * When a relation holds between two values. `=` is exact between rationals and within 1e-9 relative
 * otherwise (plus 1e-12 absolute, so `\sin(\pi) = 0` holds despite float64); `\approx` within 1%.
 */
import type { Relation } from './ast';
import type { MathNode } from './ast';
import { add, compare, isExact, neg, rat, toNumber } from './value';
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

/** Digits after the point of a side written as a decimal literal (`0.659`, `-0.5`); null otherwise. */
export function writtenDecimals(node: MathNode): number | null {
  if (node.type === 'neg') return writtenDecimals(node.arg);
  // `-0.417` at the start of a side parses as a one-term sum.
  if (node.type === 'sum' && node.terms.length === 1) return writtenDecimals(node.terms[0].node);
  if (node.type !== 'num') return null;
  const dot = node.raw.indexOf('.');
  return dot < 0 ? null : node.raw.length - dot - 1;
}

/**
 * Section 5's digits-written rule: `value` rounds to `literal` written with `digits` decimals when
 * |value - literal| <= 0.5·10^-digits (exact between rationals; a float gets a hair of slack).
 */
export function roundsTo(value: Value, literal: Value, digits: number): boolean {
  const half = rat(5n, 10n ** BigInt(digits + 1));
  const diff = add(value, neg(literal));
  if (isExact(diff)) {
    const abs = compare(diff, rat(0n)) < 0 ? neg(diff) : diff;
    return compare(abs, half) <= 0;
  }
  return Math.abs(toNumber(diff)) <= toNumber(half) * (1 + 1e-9);
}
