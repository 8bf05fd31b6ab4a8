/**
 * Python-style argument binding for the claim language's functions (the table is in functions.ts),
 * and typed accessors whose errors point at the argument that is wrong.
 */
import type { Span } from '../core/span';
import { gradOf, isInGraph, jacobianOf } from './autodiff';
import { OpFailure } from './errors';
import type { Budget } from './limits';
import { fmt } from './shape';
import type { Tensor } from './tensor';
import {
  type Arg, type Value, describe, isNone, isTensor, toBool, toDim, toInt, toInts, toNumber, toSizes, toStr, toTensor,
} from './values';

export interface Ctx {
  budget: Budget;
  normal: () => number;
}

export type Handler = (a: Bound, cx: Ctx) => Value;

export interface Builtin {
  /** Parameter names in order; `name=` marks an optional one, `*name` collects the remaining positionals. */
  sig: string[];
  run: Handler;
}

/** Arguments bound to parameter names, with typed accessors that report errors at the argument. */
export class Bound {
  constructor(
    readonly fn: string,
    readonly callSpan: Span,
    private readonly byName: Map<string, Arg>,
    readonly rest: Arg[],
    readonly budget: Budget,
  ) {}

  arg(name: string): Arg | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    const a = this.byName.get(name);
    return a !== undefined && !isNone(a.v);
  }

  private need(name: string): Arg {
    const a = this.byName.get(name);
    if (!a) throw new OpFailure(`${this.fn}: missing the argument '${name}'`, 'eval', undefined, this.callSpan);
    return a;
  }

  /** Runs a coercion so that its error points at the argument. */
  private at<T>(a: Arg, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof OpFailure && !e.span) throw new OpFailure(e.message, e.code, undefined, a.span);
      throw e;
    }
  }

  tensor(name: string): Tensor {
    const a = this.need(name);
    return this.at(a, () => toTensor(a.v, a.span, this.budget));
  }

  optTensor(name: string): Tensor | null {
    return this.has(name) ? this.tensor(name) : null;
  }

  int(name: string, dflt: number): number {
    const a = this.arg(name);
    return a && !isNone(a.v) ? this.at(a, () => toInt(a.v, a.span, `${this.fn}: ${name}`)) : dflt;
  }

  optInt(name: string): number | null {
    const a = this.arg(name);
    return a && !isNone(a.v) ? this.at(a, () => toInt(a.v, a.span, `${this.fn}: ${name}`)) : null;
  }

  /** An int or a tuple of ints (a dim list for sum, a stride tuple). */
  ints(name: string, dflt: number[]): number[] {
    const a = this.arg(name);
    return a && !isNone(a.v) ? this.at(a, () => toInts(a.v, a.span, `${this.fn}: ${name}`)) : dflt;
  }

  optInts(name: string): number[] | null {
    return this.has(name) ? this.ints(name, []) : null;
  }

  number(name: string, dflt: number): number {
    const a = this.arg(name);
    return a && !isNone(a.v) ? this.at(a, () => toNumber(a.v, a.span, `${this.fn}: ${name}`)) : dflt;
  }

  bool(name: string, dflt: boolean): boolean {
    const a = this.arg(name);
    return a ? this.at(a, () => toBool(a.v, a.span, `${this.fn}: ${name}`)) : dflt;
  }

  str(name: string, dflt: string): string {
    const a = this.arg(name);
    return a && !isNone(a.v) ? this.at(a, () => toStr(a.v, a.span, `${this.fn}: ${name}`)) : dflt;
  }

  isStr(name: string): boolean {
    const a = this.arg(name);
    return a !== undefined && !isTensor(a.v) && a.v.kind === 'str';
  }

  dim(name: string): ReturnType<typeof toDim> {
    const a = this.need(name);
    return this.at(a, () => toDim(a.v, a.span, `${this.fn}: ${name}`));
  }

  /** The remaining positionals as ints; one tuple/list stands for all of them (`permute(x, (1, 0))`). */
  restInts(): number[] {
    return this.rest.flatMap((r) => this.at(r, () => toInts(r.v, r.span, `${this.fn}: dims`)));
  }

  sizes(): ReturnType<typeof toSizes> {
    return toSizes(this.rest, `${this.fn}: size`);
  }

  /** A list argument's items as tensors (`cat([a, b])`), or the remaining positionals. */
  tensorList(name: string): Tensor[] {
    const a = this.need(name);
    if (isTensor(a.v) || a.v.kind !== 'list') {
      throw new OpFailure(`${this.fn}: expected a list of tensors like [a, b], got ${describe(a.v)}`, 'eval', undefined, a.span);
    }
    return a.v.items.map((v) => this.at(a, () => toTensor(v, a.span, this.budget)));
  }

  fail(name: string, message: string, code: OpFailure['code'] = 'eval'): never {
    const a = this.arg(name);
    throw new OpFailure(message, code, undefined, a?.span ?? this.callSpan);
  }
}

/** Python's argument binding: positionals in order, then keywords; unknown or repeated names are errors. */
export function bind(fn: string, b: Builtin, callSpan: Span, positional: Arg[], kwargs: { name: string; arg: Arg }[], budget: Budget): Bound {
  const byName = new Map<string, Arg>();
  const names = b.sig.filter((p) => !p.startsWith('*')).map((p) => p.replace(/=.*$/, ''));
  const star = b.sig.findIndex((p) => p.startsWith('*'));
  const rest: Arg[] = [];
  const beforeStar = star < 0 ? names.length : star;
  positional.forEach((a, i) => {
    if (i < beforeStar) byName.set(names[i], a);
    else if (star >= 0) rest.push(a);
    else throw new OpFailure(`${fn} takes at most ${names.length} positional argument${names.length === 1 ? '' : 's'}, but ${positional.length} were given`, 'eval', undefined, a.span);
  });
  for (const { name, arg } of kwargs) {
    if (!names.includes(name)) {
      throw new OpFailure(`${fn} has no argument named '${name}' (its arguments: ${b.sig.join(', ')})`, 'eval', undefined, arg.span);
    }
    if (byName.has(name)) throw new OpFailure(`${fn}: '${name}' is given twice`, 'eval', undefined, arg.span);
    byName.set(name, arg);
  }
  b.sig.forEach((p) => {
    if (!p.includes('=') && !p.startsWith('*') && !byName.has(p)) {
      throw new OpFailure(`${fn}: missing the argument '${p}' (${fn}(${b.sig.join(', ')}))`, 'eval', undefined, callSpan);
    }
  });
  return new Bound(fn, callSpan, byName, rest, budget);
}

/** grad(l, x): d l / d x. `xIsName`: a name absent from l's graph gets a zero gradient. */
export function runGrad(l: Tensor, x: Tensor, xIsName: boolean, cx: Ctx, jac: boolean): Tensor {
  const op = jac ? 'jacobian' : 'grad';
  if (l.data && x.data && !isInGraph(l, x) && !xIsName) {
    throw new OpFailure(`${op}: the second argument (${fmt(x.shape)}) does not appear in the first; pass a name, or a subexpression written exactly as it appears in the first argument`, 'eval', 1);
  }
  return jac ? jacobianOf(l, x, cx.budget) : gradOf(l, x, cx.budget);
}

