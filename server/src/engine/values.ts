/**
 * The evaluator's values. Most are tensors, but an argument can also be a list/tuple (`cat([a, b])`,
 * `stride=(1, 2)`), a string (einsum, `padding='same'`), a bool, `None`, a symbolic whole number
 * (`n` with no value, `x.shape[0]` of a symbolic shape) or a shape (`x.shape`). The coercions here
 * turn them into what an op needs and report precisely what was wrong.
 */
import type { Expr } from '../claims/ast';
import type { ModuleInstance } from '../layers/modules';
import type { Span } from '../core/span';
import { addDim, constDim, dimValue, freeSymbols, mulDim, negDim, subDim } from '../dims';
import { clipName, OpFailure } from './errors';
import type { Budget } from './limits';
import { concrete, fmt, intOf, type Dim, type Shape } from './shape';
import { scalarTensor, Tensor, valuesOf } from './tensor';
import { stack } from './ops/shapeOps';
import { constant } from './tape';

export type Value =
  | Tensor
  /** `from`: a module call's tuple (`LSTM returns the tuple (output, (h_n, c_n))`), which must be indexed. */
  | { kind: 'list'; items: Value[]; tuple: boolean; from?: string }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  /** A whole number that may be symbolic; `unknown` lists names that were never defined. */
  | { kind: 'dim'; dim: Dim; unknown: string[] }
  | { kind: 'shape'; shape: Shape }
  /** A torch.nn module (spec section 3a). */
  | { kind: 'module'; module: ModuleInstance };

/** An evaluated argument with where it was written. */
export interface Arg {
  v: Value;
  span: Span;
  expr: Expr;
}

export const isTensor = (v: Value): v is Tensor => v instanceof Tensor;

function failAt(span: Span, message: string, code: OpFailure['code'] = 'eval'): never {
  throw new OpFailure(message, code, undefined, span);
}

export function describe(v: Value): string {
  if (isTensor(v)) return `a tensor of shape ${fmt(v.shape)}`;
  switch (v.kind) {
    case 'list': return v.tuple ? 'a tuple' : 'a list';
    case 'str': return `the string '${v.value}'`;
    case 'bool': return v.value ? 'True' : 'False';
    case 'none': return 'None';
    case 'dim': return `the symbolic number ${fmt([v.dim])}`;
    case 'shape': return `a shape (${fmt(v.shape)})`;
    case 'module': return `the module ${v.module.text}`;
  }
}

function dimNeedsValue(a: { dim: Dim; unknown: string[] }, span: Span): never {
  if (a.unknown.length) failAt(span, `unknown name '${clipName(a.unknown[0])}' (not defined by a let)`, 'unknown-name');
  const syms = [...freeSymbols(a.dim)];
  failAt(span, `${clipName(fmt([a.dim]), 60)} has no value; give ${clipName(syms.join(', '), 60)} a value with \`let ${clipName(syms[0])} = ...\` to compute this`, 'needs-values');
}

/** Any value as a tensor: numbers, bools, lists (stacked; ragged is an error), concrete dims and shapes. */
export function toTensor(v: Value, span: Span, budget: Budget): Tensor {
  if (isTensor(v)) return v;
  switch (v.kind) {
    case 'bool': return scalarTensor(v.value ? 1 : 0);
    case 'dim': {
      const n = dimValue(v.dim);
      if (n === undefined || v.unknown.length) dimNeedsValue(v, span);
      return scalarTensor(n);
    }
    case 'shape': {
      const c = concrete(v.shape);
      if (!c) failAt(span, `the shape ${fmt(v.shape)} is symbolic and cannot be used as numbers`, 'needs-values');
      return constant([constDim(c.length)], Float64Array.from(c));
    }
    case 'module':
      return failAt(span, `${v.module.text} is a module, not a tensor: apply it to an input (net(x)), or ask for params(net), macs(net, x), receptive_field(net)`);
    case 'list': {
      if (v.from) failAt(span, `${v.from}, not a tensor: index it, as in lstm(x)[0] for the output`);
      if (v.items.length === 0) return constant([constDim(0)], new Float64Array(0));
      const items = v.items.map((x) => toTensor(x, span, budget));
      const first = items[0].shape;
      items.forEach((t, i) => {
        if (t.rank !== first.length || !t.shape.every((d, j) => fmt([d]) === fmt([first[j]]))) {
          failAt(span, `ragged list: item ${i} has shape ${fmt(t.shape)} but item 0 has shape ${fmt(first)}`, 'operand-shapes');
        }
      });
      // Constant literals become one tensor directly; otherwise stack keeps gradients flowing.
      if (items.every((t) => t.data && !t.node)) {
        const n = items.reduce((a, t) => a + (t.data as Float64Array).length, 0);
        budget.checkElements(n, 'the list');
        const data = new Float64Array(n);
        let k = 0;
        for (const t of items) {
          data.set(t.data as Float64Array, k);
          k += (t.data as Float64Array).length;
        }
        return constant([constDim(items.length), ...first], data);
      }
      return stack(items, 0, budget);
    }
    case 'str': return failAt(span, `expected a tensor or a number, got the string '${v.value}'`);
    case 'none': return failAt(span, 'expected a tensor or a number, got None');
  }
}

/** A single number: a one-element tensor with values, a bool or a concrete dim. */
export function toNumber(v: Value, span: Span, what: string): number {
  if (isTensor(v)) {
    if (v.rank > 0 && !(v.data && v.data.length === 1)) {
      failAt(span, `${what} must be a single number, got a tensor of shape ${fmt(v.shape)}`, 'operand-shapes');
    }
    return valuesOf(v, what)[0] ?? failAt(span, `${what} must be a single number`);
  }
  if (v.kind === 'bool') return v.value ? 1 : 0;
  if (v.kind === 'dim') {
    const n = dimValue(v.dim);
    if (n === undefined || v.unknown.length) dimNeedsValue(v, span);
    return n;
  }
  return failAt(span, `${what} must be a number, got ${describe(v)}`);
}

export function toInt(v: Value, span: Span, what: string): number {
  const n = toNumber(v, span, what);
  if (!Number.isInteger(n)) failAt(span, `${what} must be a whole number, got ${n}`);
  return n;
}

/** An int or a tuple/list of ints (stride=2, stride=(2, 1)). */
export function toInts(v: Value, span: Span, what: string): number[] {
  if (!isTensor(v) && v.kind === 'list') return v.items.map((x) => toInt(x, span, what));
  if (!isTensor(v) && v.kind === 'shape') return v.shape.map((d) => toInt({ kind: 'dim', dim: d, unknown: [] }, span, what));
  if (isTensor(v) && v.rank === 1 && v.data) return Array.from(v.data, (x) => (Number.isInteger(x) ? x : failAt(span, `${what} must hold whole numbers`)));
  return [toInt(v, span, what)];
}

export function toBool(v: Value, span: Span, what: string): boolean {
  if (!isTensor(v) && v.kind === 'bool') return v.value;
  if (!isTensor(v) && v.kind === 'none') return false;
  return toNumber(v, span, what) !== 0;
}

export function toStr(v: Value, span: Span, what: string): string {
  if (!isTensor(v) && v.kind === 'str') return v.value;
  return failAt(span, `${what} must be a string, got ${describe(v)}`);
}

/** One size: a whole number, possibly symbolic. */
export function toDim(v: Value, span: Span, what: string): Dim {
  if (!isTensor(v) && v.kind === 'dim') return v.dim;
  const n = toNumber(v, span, what);
  if (!Number.isInteger(n)) failAt(span, `${what} must be a whole number, got ${n}`);
  return constDim(n);
}

/** Sizes given as `2, 3`, `(2, 3)`, `[2, 3]` or `x.shape`, possibly symbolic. */
export function toSizes(args: readonly Arg[], what: string): Dim[] {
  if (args.length === 1) {
    const v = args[0].v;
    if (!isTensor(v) && v.kind === 'shape') return [...v.shape];
    if (!isTensor(v) && v.kind === 'list') return v.items.map((x) => toDim(x, args[0].span, what));
    if (isTensor(v) && v.rank === 1 && v.data) return toInts(v, args[0].span, what).map((n) => constDim(n));
  }
  return args.flatMap((a) => (!isTensor(a.v) && a.v.kind === 'shape' ? [...a.v.shape] : [toDim(a.v, a.span, what)]));
}

export function isNone(v: Value | undefined): boolean {
  return v === undefined || (!isTensor(v) && v.kind === 'none');
}

/** A value usable as a whole number in dim arithmetic (`2*n`), or undefined. */
export function asDimOperand(v: Value): { dim: Dim; unknown: string[] } | undefined {
  if (!isTensor(v)) return v.kind === 'dim' ? v : undefined;
  if (v.rank === 0 && v.data && Number.isInteger(v.data[0]) && !v.node) return { dim: constDim(v.data[0]), unknown: [] };
  return undefined;
}

export function dimArith(op: string, a: { dim: Dim; unknown: string[] }, b: { dim: Dim; unknown: string[] }): Value | undefined {
  const unknown = [...a.unknown, ...b.unknown];
  switch (op) {
    case '+': return { kind: 'dim', dim: addDim(a.dim, b.dim), unknown };
    case '-': return { kind: 'dim', dim: subDim(a.dim, b.dim), unknown };
    case '*': return { kind: 'dim', dim: mulDim(a.dim, b.dim), unknown };
    default: return undefined;
  }
}

export function negateDim(a: { dim: Dim; unknown: string[] }): Value {
  return { kind: 'dim', dim: negDim(a.dim), unknown: a.unknown };
}

export { intOf };
