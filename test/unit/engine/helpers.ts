/**
 * Test helpers: build claim-language ASTs without the parser (so engine tests do not depend on it),
 * evaluate with default limits, and compare numbers.
 */
import type { Expr, IndexItem } from '../../../server/src/claims/ast';
import { constDim, symDim } from '../../../server/src/dims';
import {
  defaultLimits, evaluate, fromData, shapeOnlyTensor, type EvalEnv, type Tensor,
} from '../../../server/src/engine';

const S = { start: 0, end: 0 };

export const num = (v: number): Expr =>
  v < 0 ? { type: 'unary', op: '-', arg: { type: 'num', value: -v, raw: String(-v), span: S }, span: S } : { type: 'num', value: v, raw: String(v), span: S };
export const name = (n: string): Expr => ({ type: 'name', name: n, span: S });
export const str = (v: string): Expr => ({ type: 'str', value: v, span: S });
export const list = (items: Expr[]): Expr => ({ type: 'list', items, span: S });
export const tuple = (items: Expr[]): Expr => ({ type: 'tuple', items, span: S });
export const bin = (op: '+' | '-' | '*' | '/' | '**' | '@', left: Expr, right: Expr): Expr => ({ type: 'binary', op, left, right, opSpan: S, span: S });
export const neg = (arg: Expr): Expr => ({ type: 'unary', op: '-', arg, span: S });
export const call = (callee: string, args: Expr[], kwargs: Record<string, Expr> = {}, object: Expr | null = null): Expr => ({
  type: 'call', callee, calleeSpan: S, object, args, kwargs: Object.entries(kwargs).map(([n, value]) => ({ name: n, value, span: S })), span: S,
});
export const attr = (object: Expr, n: string): Expr => ({ type: 'attr', object, name: n, nameSpan: S, span: S });
export const index = (object: Expr, items: IndexItem[]): Expr => ({ type: 'index', object, items, span: S });

/** JSON argument descriptions of tools/golden/ops.py to AST nodes. */
export type JsonArg = number | string | boolean | null | { t: string } | { tuple: JsonArg[] } | { list: JsonArg[] } | { index: unknown[] };

export function argToExpr(a: JsonArg): Expr {
  if (a === null) return { type: 'none', span: S };
  if (typeof a === 'number') return num(a);
  if (typeof a === 'string') return str(a);
  if (typeof a === 'boolean') return { type: 'bool', value: a, span: S };
  if ('t' in a) return name(a.t);
  if ('tuple' in a) return tuple(a.tuple.map(argToExpr));
  if ('list' in a) return list(a.list.map(argToExpr));
  throw new Error(`unexpected argument ${JSON.stringify(a)}`);
}

export function indexItems(items: unknown[]): IndexItem[] {
  return items.map((it): IndexItem => {
    if (it === 'none') return { type: 'newaxis', span: S };
    if (it === 'ellipsis') return { type: 'ellipsis', span: S };
    const o = it as { int?: number; slice?: (number | null)[] };
    if (o.int !== undefined) return { type: 'expr', expr: num(o.int), span: S };
    const [a, b, c] = o.slice as (number | null)[];
    const e = (v: number | null): Expr | null => (v === null ? null : num(v));
    return { type: 'slice', start: e(a), stop: e(b), step: e(c), span: S };
  });
}

/** The expression a golden case describes. */
export function caseExpr(op: string, args: JsonArg[], kwargs: Record<string, JsonArg>): Expr {
  const kw = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [k, argToExpr(v)]));
  if (['+', '-', '*', '/', '**', '@'].includes(op)) return bin(op as '+', argToExpr(args[0]), argToExpr(args[1]));
  if (op === 'unary-') return neg(argToExpr(args[0]));
  if (op.startsWith('attr:')) return attr(argToExpr(args[0]), op.slice(5));
  if (op === 'index') return index(argToExpr(args[0]), indexItems((args[1] as { index: unknown[] }).index));
  if (op.startsWith('method:')) return call(op.slice(7), args.slice(1).map(argToExpr), kw, argToExpr(args[0]));
  return call(op, args.map(argToExpr), kw);
}

export function tensor(shape: number[], data: number[]): Tensor {
  return fromData(shape, Float64Array.from(data));
}

export function shapeOnly(...dims: (number | string)[]): Tensor {
  return shapeOnlyTensor(dims.map((d) => (typeof d === 'number' ? constDim(d) : symDim(d))));
}

export function env(tensors: Record<string, Tensor>, symbols: Record<string, number> = {}): EvalEnv {
  return { tensors: new Map(Object.entries(tensors)), symbols: new Map(Object.entries(symbols)) };
}

export function run(e: Expr, en: EvalEnv) {
  return evaluate(e, en, defaultLimits(20_000));
}

/** Agreement to 1e-9 relative; tiny values (after cancellation) are judged against the tensor's scale. */
export function closeTo(a: ArrayLike<number>, b: ArrayLike<number>, rel = 1e-9): number {
  if (a.length !== b.length) return 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < b.length; i++) {
    const tol = rel * Math.max(Math.abs(b[i]), 1e-3 * scale) + 1e-12;
    if (!(Math.abs(a[i] - b[i]) <= tol)) return i;
  }
  return -1;
}
