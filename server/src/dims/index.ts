/**
 * Symbolic dims: exact rational arithmetic over symbols that stand for positive integers.
 *
 * Errors: nothing here throws. Division by zero (or a non-finite number) yields an *error dim*, a
 * poison value like NaN: every operation propagates it, `dimValue` gives undefined, `dimsEqual` is
 * false, `formatDim` prints `undefined`, and `dimError(d)` returns its message ("division by zero").
 * Callers that can divide by zero check `dimError` on the result and report it with their own Span.
 */
import type { DimAst } from '../claims/ast';
import { nodesEqual, evalExact } from './evaluate';
import { formatBare, formatInShape } from './format';
import {
  DimNode, addNode, ceilNode, constNode, collectSymbols, constantOf, divNode, floorNode, hasOpaqueAtoms, isIntegralNode,
  mapSymbols, mulNode, negNode, numberNode, subNode, symNode,
} from './normal';
import { q, qIsInt, qToNumber } from './rational';
import { decideByResidues } from './residues';

export type Dim = DimNode;
export type Shape = readonly Dim[];

export function constDim(n: number): Dim {
  return numberNode(n);
}

export function symDim(name: string): Dim {
  return symNode(name);
}

export const addDim = (a: Dim, b: Dim): Dim => addNode(a, b);
export const subDim = (a: Dim, b: Dim): Dim => subNode(a, b);
export const mulDim = (a: Dim, b: Dim): Dim => mulNode(a, b);
export const negDim = (a: Dim): Dim => negNode(a);
/** Exact rational division: (H-K)/S stays a fraction; dividing by zero gives an error dim. */
export const divDim = (a: Dim, b: Dim): Dim => divNode(a, b);
export const floorDim = (a: Dim): Dim => floorNode(a);
export const ceilDim = (a: Dim): Dim => ceilNode(a);
export const floorDivDim = (a: Dim, b: Dim): Dim => floorNode(divNode(a, b));

/** The message of an error dim (division by zero, ...), undefined for a good dim. */
export function dimError(d: Dim): string | undefined {
  return d.error;
}

/** The number when no symbol is left (possibly a fraction such as 3.5). */
export function dimValue(d: Dim): number | undefined {
  const c = constantOf(d);
  return c ? qToNumber(c) : undefined;
}

export function isConcrete(d: Dim): boolean {
  return constantOf(d) !== undefined;
}

/**
 * Concrete: whether the value is whole. Symbolic: true when integer-valued for every integer
 * assignment (integer coefficients, no division, floors allowed); otherwise unknown (undefined).
 */
export function isIntegerValued(d: Dim): boolean | undefined {
  if (d.error) return false;
  const c = constantOf(d);
  if (c) return qIsInt(c);
  return isIntegralNode(d) ? true : undefined;
}

/** Equal as expressions: 2*m == m+m, (H-K+1) == H-(K-1), floor((2m)/2) == m. */
export function dimsEqual(a: Dim, b: Dim): boolean {
  return nodesEqual(a, b);
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => dimsEqual(d, b[i]));
}

/** Replaces the symbols that have a value; floors and fractions fold where they become concrete. */
export function substituteDim(d: Dim, values: ReadonlyMap<string, number>): Dim {
  if (d.error) return d;
  const syms = freeSymbols(d);
  if (![...syms].some((s) => values.has(s))) return d;
  return mapSymbols(d, (name) => {
    const v = values.get(name);
    return v === undefined ? symNode(name) : numberNode(v);
  });
}

export function freeSymbols(d: Dim): Set<string> {
  const out = new Set<string>();
  collectSymbols(d, out);
  return out;
}

/** Canonical, no spaces, parenthesized when compound so it can stand in a shape: '4', 'm', '(n+2)'. */
export function formatDim(d: Dim): string {
  return formatInShape(d);
}

/** The dim with no outer parentheses, for formulas and messages: 'floor((H-K)/S)+1'. */
export function formatDimBare(d: Dim): string {
  return formatBare(d);
}

/** canonical '4x5', 'mxn', '()' for a scalar; pretty '4×5', 'm×n', '() (scalar)'. */
export function formatShape(s: Shape, style: 'canonical' | 'pretty' = 'canonical'): string {
  if (s.length === 0) return style === 'pretty' ? '() (scalar)' : '()';
  return s.map(formatDim).join(style === 'pretty' ? '×' : 'x');
}

/** Builds a dim from the claim syntax tree; symbols with a value in `values` become numbers. */
export function dimFromAst(ast: DimAst, values?: ReadonlyMap<string, number>): Dim {
  switch (ast.type) {
    case 'int':
      return numberNode(ast.value);
    case 'sym': {
      const v = values?.get(ast.name);
      return v === undefined ? symNode(ast.name) : numberNode(v);
    }
    case 'neg':
      return negNode(dimFromAst(ast.arg, values));
    case 'fn': {
      const arg = dimFromAst(ast.arg, values);
      return ast.name === 'floor' ? floorNode(arg) : ceilNode(arg);
    }
    case 'op': {
      const l = dimFromAst(ast.left, values);
      const r = dimFromAst(ast.right, values);
      switch (ast.op) {
        case '+': return addNode(l, r);
        case '-': return subNode(l, r);
        case '*': return mulNode(l, r);
        case '/': return divNode(l, r);
        case '//': return floorNode(divNode(l, r));
      }
    }
  }
  // Unreachable for a well-typed tree; a malformed one is an error dim, not an exception.
  return numberNode(NaN);
}

/** The value at a point (every free symbol must have one), or undefined (missing symbol, 1/0). */
export function evalDimAt(d: Dim, point: ReadonlyMap<string, number>): number | undefined {
  const v = evalExact(d, point);
  return v ? qToNumber(v) : undefined;
}

/** True when the dim holds floor/ceil or division by a polynomial (equality falls back to sampling). */
export function hasOpaqueParts(d: Dim): boolean {
  return hasOpaqueAtoms(d);
}

/**
 * Whether two dims agree at every assignment of whole positive numbers to their symbols, decided
 * exactly (normal form, then residues of the divisors: residues.ts), with a point where they differ;
 * undefined when it cannot be decided exactly (division by a symbol inside a floor).
 */
export function wholeIdentity(a: Dim, b: Dim): { equal: true } | { equal: false; at: Map<string, bigint> } | undefined {
  if (a.error || b.error) return undefined;
  const r = decideByResidues(subNode(a, b));
  if (!r) return undefined;
  return r.zero ? { equal: true } : { equal: false, at: r.witness };
}

/** The exact rational n/d as a dim (d ≠ 0). */
export function rationalDim(n: bigint, d: bigint): Dim {
  return d === 0n ? divNode(numberNode(1), numberNode(0)) : constNode(q(n, d));
}
