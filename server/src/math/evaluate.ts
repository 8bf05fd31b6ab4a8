/**
 * Evaluates one side of a relation. Symbols resolve, in order: a `\sum`/`\prod` index, the bound
 * values (`let`, the `math` bindings, names defined earlier in the same math), then the constants
 * `e` and `\pi` (a binding of the same name wins), and last the caller's `free` hook, which either
 * refuses (a concrete check) or hands out random values (a symbolic one).
 */
import type { Span } from '../core/span';
import type { MathNode } from './ast';
import * as V from './value';
import type { Value } from './value';

export class MathEvalError {
  constructor(
    readonly message: string,
    readonly span: Span,
    /** True when a limit stopped the evaluation, not the math: no other random point will do better. */
    readonly limit: boolean = false,
  ) {}
}

/** A symbol with no value in a concrete evaluation: the caller checks the link symbolically instead. */
export class FreeSymbol {
  constructor(readonly name: string) {}
}

/** Values by flattened name; a lookup may be recorded, to tell the student which bindings were used. */
export interface Bindings {
  get(name: string): Value | undefined;
  has(name: string): boolean;
}

export interface EvalEnv {
  bound: Bindings;
  /** Called for a symbol with no value; returns one, or throws MathEvalError. */
  free: (name: string, span: Span) => Value;
  /**
   * Node visits left before the check gives up: a bound on `\sum` of `\sum` and on huge inputs; and
   * the claim block's deadline (`Date.now()` ms), read every 64 visits: one visit of exact arithmetic
   * on huge numbers (`(x+1)(x+1)...` at a random point) can take long, whatever the count.
   */
  budget: { left: number; deadline?: number };
}

/** The most terms one `\sum`/`\prod` may have. */
export const MAX_TERMS = 100_000;

const ZERO = V.rat(0n);
const ONE = V.rat(1n);

function finite(v: Value, span: Span): Value {
  if (v.k === 'f' && !Number.isFinite(v.v)) throw new MathEvalError(Number.isNaN(v.v) ? 'the value is undefined (NaN)' : 'the value overflows float64', span);
  return v;
}

export function evaluate(node: MathNode, env: EvalEnv, indices: ReadonlyMap<string, Value> = new Map()): Value {
  if (--env.budget.left < 0) throw new MathEvalError('the math takes too long to evaluate', node.span, true);
  if ((env.budget.left & 63) === 0 && env.budget.deadline !== undefined && Date.now() > env.budget.deadline) {
    throw new MathEvalError("the math took longer than its claim block's time limit", node.span, true);
  }
  switch (node.type) {
    case 'num': {
      const v = V.fromDecimal(node.raw);
      if (!v) throw new MathEvalError(`cannot read the number ${node.raw}`, node.span);
      return finite(v, node.span);
    }
    case 'sym':
      return lookup(node, env, indices);
    case 'sum': {
      let acc = ZERO;
      for (const t of node.terms) {
        const v = evaluate(t.node, env, indices);
        acc = V.add(acc, t.sign < 0 ? V.neg(v) : v);
      }
      return finite(acc, node.span);
    }
    case 'prod': {
      let acc = ONE;
      for (const f of node.factors) {
        const v = evaluate(f.node, env, indices);
        if (f.op === '/') {
          // (`o`, elementwise, is a product between numbers.)
          if (V.isZero(v)) throw new MathEvalError('division by zero', f.node.span);
          acc = V.div(acc, v);
        } else acc = V.mul(acc, v);
      }
      return finite(acc, node.span);
    }
    case 'neg':
      return V.neg(evaluate(node.arg, env, indices));
    case 'frac': {
      const num = evaluate(node.num, env, indices);
      const den = evaluate(node.den, env, indices);
      if (V.isZero(den)) throw new MathEvalError('division by zero', node.den.span);
      return finite(V.div(num, den), node.span);
    }
    case 'pow': {
      const exp = evaluate(node.exp, env, indices);
      if (node.base.type === 'sym' && node.base.name === 'e' && isEuler(node.base, env, indices))
        return finite(V.float(Math.exp(V.toNumber(exp))), node.span);
      const base = evaluate(node.base, env, indices);
      const r = V.pow(base, exp);
      if (typeof r === 'string') throw new MathEvalError(r, node.span);
      return finite(r, node.span);
    }
    case 'call':
      return finite(call(node, env, indices), node.span);
    case 'bigop':
      return finite(bigop(node, env, indices), node.span);
    case 'error':
      throw new MathEvalError(node.message, node.errorSpan);
    case 'transpose':
      // A number is its own transpose.
      return evaluate(node.arg, env, indices);
    case 'norm': {
      const v = evaluate(node.arg, env, indices);
      return V.compare(v, ZERO) < 0 ? V.neg(v) : v;
    }
    case 'matrix':
    case 'deriv':
    case 'fnprime':
      // Links with these are checked by tensor-eval.ts; reaching here means no tensor values were given.
      throw new MathEvalError('this needs tensor values (a `let` above the math)', node.span);
  }
}

function isEuler(node: MathNode & { type: 'sym' }, env: EvalEnv, indices: ReadonlyMap<string, Value>): boolean {
  return !indices.has(node.name) && !env.bound.has(node.name);
}

function lookup(node: MathNode & { type: 'sym' }, env: EvalEnv, indices: ReadonlyMap<string, Value>): Value {
  const idx = indices.get(node.name);
  if (idx) return idx;
  let name = node.name;
  // `x_k` inside `\sum_{k=0}^{2}` is x_0, x_1, x_2.
  if (node.sub !== null) {
    const k = indices.get(node.sub);
    if (k && V.isInteger(k)) name = `${node.base}_${V.toNumber(k)}`;
  }
  const v = env.bound.get(name);
  if (v) return v;
  if (name === 'e') return V.float(Math.E);
  if (name === 'pi') return V.float(Math.PI);
  return env.free(name, node.span);
}

function call(node: MathNode & { type: 'call' }, env: EvalEnv, indices: ReadonlyMap<string, Value>): Value {
  const args = node.args.map((a) => evaluate(a, env, indices));
  const x = args[0];
  const num = V.toNumber(x);
  const domain = (what: string): never => {
    throw new MathEvalError(what, node.span);
  };
  switch (node.fn) {
    case 'sqrt': {
      let k = 2;
      if (node.base) {
        const idx = evaluate(node.base, env, indices);
        if (!V.isInteger(idx) || V.toNumber(idx) < 1 || V.toNumber(idx) > 1000) domain('the index of \\sqrt[n] must be a whole number from 1 to 1000');
        k = V.toNumber(idx);
      }
      if (V.compare(x, ZERO) < 0) {
        if (k % 2 === 0) domain('the square root of a negative number has no real value');
        return V.neg(V.root(V.neg(x), k));
      }
      return V.root(x, k);
    }
    case 'exp':
      return V.float(Math.exp(num));
    case 'log':
    case 'ln': {
      if (!(num > 0)) domain(`the logarithm of ${num} has no real value`);
      if (!node.base) return V.float(Math.log(num));
      const b = V.toNumber(evaluate(node.base, env, indices));
      if (!(b > 0) || b === 1) domain(`a logarithm to base ${b} has no value`);
      return V.float(Math.log(num) / Math.log(b));
    }
    case 'tanh':
      return V.float(Math.tanh(num));
    case 'sinh':
      return V.float(Math.sinh(num));
    case 'cosh':
      return V.float(Math.cosh(num));
    case 'sin':
      return V.float(Math.sin(num));
    case 'cos':
      return V.float(Math.cos(num));
    case 'tan':
      return V.float(Math.tan(num));
    case 'arctan':
      return V.float(Math.atan(num));
    case 'sigmoid':
      return V.float(1 / (1 + Math.exp(-num)));
    case 'softplus':
      return V.float(num > 30 ? num + Math.log1p(Math.exp(-num)) : Math.log1p(Math.exp(num)));
    case 'relu':
      return V.compare(x, ZERO) > 0 ? x : ZERO;
    case 'abs':
      return V.compare(x, ZERO) < 0 ? V.neg(x) : x;
    case 'sgn':
      return V.rat(BigInt(V.compare(x, ZERO)));
    case 'floor':
      return V.floor(x);
    case 'ceil':
      return V.ceil(x);
    case 'diag':
    case 'tr':
      // Of a number: the number itself.
      return x;
    case 'softmax':
      return ONE;
    case 'max':
      return args.reduce((a, b) => (V.compare(b, a) > 0 ? b : a));
    case 'min':
      return args.reduce((a, b) => (V.compare(b, a) < 0 ? b : a));
  }
}

function bigop(node: MathNode & { type: 'bigop' }, env: EvalEnv, indices: ReadonlyMap<string, Value>): Value {
  const from = evaluate(node.from, env, indices);
  const to = evaluate(node.to, env, indices);
  if (!V.isInteger(from) || !V.isInteger(to))
    throw new MathEvalError(`the bounds of \\${node.op} must be whole numbers (got ${V.toNumber(from)} and ${V.toNumber(to)})`, node.span);
  const lo = V.toNumber(from);
  const hi = V.toNumber(to);
  if (Math.abs(lo) > 1e9 || Math.abs(hi) > 1e9) throw new MathEvalError(`the bounds of \\${node.op} are too large`, node.span);
  if (hi - lo + 1 > MAX_TERMS) throw new MathEvalError(`\\${node.op} has more than ${MAX_TERMS} terms`, node.span, true);
  let acc = node.op === 'sum' ? ZERO : ONE;
  const inner = new Map(indices);
  for (let k = lo; k <= hi; k++) {
    inner.set(node.index, V.rat(BigInt(k)));
    const v = evaluate(node.body, env, inner);
    acc = node.op === 'sum' ? V.add(acc, v) : V.mul(acc, v);
  }
  return acc;
}
