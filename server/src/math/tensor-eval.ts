/**
 * Tensor-valued math (spec section 6a). A chain whose sides use tensors (a `let` with a shape, a
 * `bmatrix`, `^\top`, `\odot`, a norm, a derivative) is evaluated with the engine's ops, so derivatives
 * come from its reverse-mode autodiff (`grad` for a scalar, `jacobian` otherwise), never from symbolic
 * rules or finite differences.
 *
 * Linear algebra as it is written: a 1-D tensor is a column vector. `x^\top` is a row, so `x^\top y` is
 * a number and `\delta h^\top` an outer product; juxtaposition, `\cdot` and `\times` between tensors are
 * the matrix product, `\odot`/`\circ` elementwise. An n×1 result and a 1-D tensor of n agree.
 *
 * Shape-only tensors get random values in several trials, as for `==` (the engine's TrialWorld): a
 * `let L = sum((X @ w - y)**2)` over shape-only X, w, y is recomputed from the random X, w, y of each
 * trial, and `\frac{\partial L}{\partial w}` differentiates that recomputation.
 */
import type { Span } from '../core/span';
import { defaultLimits, Tensor, type EngineLimits } from '../engine';
import { gradOf, jacobianOf } from '../engine/autodiff';
import { OpFailure } from '../engine/errors';
import { TrialWorld } from '../engine/identity';
import { Budget } from '../engine/limits';
import { softmax } from '../engine/ops/activations';
import { eye } from '../engine/ops/constructors';
import { binary, BINARY, unary, UNARY } from '../engine/ops/elementwise';
import { dot, matmul, outer } from '../engine/ops/matmul';
import { sum } from '../engine/ops/reduce';
import { reshapeTo, reverseDims, stack } from '../engine/ops/shapeOps';
import { normalSampler, seededUniform } from '../engine/rng';
import { concrete, fmt, shapeOf, shapeSymbols } from '../engine/shape';
import { scalarTensor } from '../engine/tensor';
import type { MathNode } from './ast';
import { MathEvalError } from './evaluate';
import type { Bindings } from './evaluate';
import { fromDecimal, toNumber } from './value';

/** What tensor math can read: the `let` tensors by name, and how a math symbol finds its `let`. */
export interface TensorEnv {
  tensors: ReadonlyMap<string, Tensor>;
  symbols: ReadonlyMap<string, number>;
  limits: EngineLimits;
  /** The `let` name a math symbol stands for (section 6a's spelling rules), or undefined. */
  resolve: (name: string) => string | undefined;
}

/** A value of tensor math: the tensor, and whether a 1-D one stands as a row (after `^\top`). */
export interface TV {
  t: Tensor;
  row: boolean;
}

/** Random trials for links over shape-only tensors, as for `==`. */
export const TENSOR_TRIALS = 3;

const ABS = 1e-12;
const REL = 1e-9;

/** Where a node's value comes from: a `let` tensor (possibly randomized for a trial) or a macro. */
export interface TensorScope {
  env: TensorEnv;
  bound: Bindings;
  /** Tensor-valued names defined earlier in the same math (`\delta_2 = ...`), read as their formula. */
  macros: Map<string, MathNode>;
  budget: Budget;
  /** The tensor a trial uses in place of a `let` tensor (identity when every value is known). */
  world: (t: Tensor, name: string) => Tensor;
}

function fail(message: string, span: Span): never {
  throw new MathEvalError(message, span);
}

/** Shape in linear-algebra words: `3` is a column of 3 (3×1), a row is 1×3. */
export function mathShape(v: TV): string {
  if (v.t.rank === 0) return 'a number';
  if (v.t.rank === 1) return `${v.row ? `1×${fmt(v.t.shape)}` : `${fmt(v.t.shape)}×1`} (a ${v.row ? 'row' : 'column'} vector)`;
  return fmt(v.t.shape);
}

/** Whether the node needs tensor math: tensor syntax, or a name bound to a tensor (or shape-only). */
export function isTensorish(node: MathNode, env: TensorEnv, macros: ReadonlyMap<string, MathNode>): boolean {
  switch (node.type) {
    case 'matrix':
    case 'transpose':
    case 'norm':
    case 'deriv':
    case 'fnprime':
      return true;
    case 'sym': {
      if (macros.has(node.name)) return true;
      const n = env.resolve(node.name);
      const t = n === undefined ? undefined : env.tensors.get(n);
      return t !== undefined && (t.rank > 0 || t.data === null);
    }
    case 'num':
    case 'error':
      return false;
    case 'sum':
      return node.terms.some((x) => isTensorish(x.node, env, macros));
    case 'prod':
      return node.factors.some((f) => f.op === 'o' || isTensorish(f.node, env, macros));
    case 'neg':
      return isTensorish(node.arg, env, macros);
    case 'pow':
      return isTensorish(node.base, env, macros) || isTensorish(node.exp, env, macros);
    case 'frac':
      return isTensorish(node.num, env, macros) || isTensorish(node.den, env, macros);
    case 'call':
      return node.fn === 'diag' || node.fn === 'tr' || node.fn === 'softmax' || node.args.some((a) => isTensorish(a, env, macros));
    case 'bigop':
      return isTensorish(node.body, env, macros);
  }
}

/** Runs an engine op, turning its failure into a math error at `span`. */
function op<T>(span: Span, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof OpFailure) throw new MathEvalError(e.message, span, e.code === 'limit');
    throw e;
  }
}

export function evalTensor(node: MathNode, sc: TensorScope): TV {
  sc.budget.checkTime();
  const col = (t: Tensor): TV => ({ t, row: false });
  switch (node.type) {
    case 'num': {
      const v = fromDecimal(node.raw);
      if (!v) fail(`cannot read the number ${node.raw}`, node.span);
      return col(scalarTensor(toNumber(v)));
    }
    case 'sym':
      return lookup(node, sc);
    case 'sum': {
      let acc: TV | null = null;
      for (const term of node.terms) {
        const v = evalTensor(term.node, sc);
        const x = term.sign < 0 ? op(term.node.span, () => unary(UNARY.neg, v.t, sc.budget)) : v.t;
        if (!acc) acc = { t: x, row: v.row };
        else {
          const a: TV = acc;
          if (a.t.rank === 1 && v.t.rank === 1 && a.row !== v.row)
            fail(`cannot add ${mathShape(a)} and ${mathShape(v)}: transpose one of them`, term.node.span);
          acc = { t: op(node.span, () => binary(BINARY.add, a.t, x, sc.budget)), row: a.row || v.row };
        }
      }
      return acc as TV;
    }
    case 'neg': {
      const v = evalTensor(node.arg, sc);
      return { t: op(node.span, () => unary(UNARY.neg, v.t, sc.budget)), row: v.row };
    }
    case 'prod': {
      let acc = evalTensor(node.factors[0].node, sc);
      for (const f of node.factors.slice(1)) {
        const v = evalTensor(f.node, sc);
        const a = acc;
        if (f.op === '/') {
          if (v.t.rank > 0) fail(`dividing by a tensor (${mathShape(v)}) is not defined; multiply by its inverse`, f.node.span);
          acc = { t: op(f.node.span, () => binary(BINARY.div, a.t, v.t, sc.budget)), row: a.row };
        } else if (f.op === 'o') {
          acc = { t: op(f.node.span, () => binary(BINARY.mul, a.t, v.t, sc.budget)), row: a.row || v.row };
        } else acc = product(a, v, { start: node.factors[0].node.span.start, end: f.node.span.end }, sc);
      }
      return acc;
    }
    case 'frac': {
      const n = evalTensor(node.num, sc);
      const d = evalTensor(node.den, sc);
      if (d.t.rank > 0) fail(`dividing by a tensor (${mathShape(d)}) is not defined`, node.den.span);
      return { t: op(node.span, () => binary(BINARY.div, n.t, d.t, sc.budget)), row: n.row };
    }
    case 'pow': {
      const b = evalTensor(node.base, sc);
      if (node.base.type === 'sym' && node.base.name === 'e' && !sc.env.resolve('e') && !sc.bound.has('e')) {
        const x = evalTensor(node.exp, sc);
        return { t: op(node.span, () => unary(UNARY.exp, x.t, sc.budget)), row: x.row };
      }
      const e = evalTensor(node.exp, sc);
      if (e.t.rank > 0) fail('an exponent must be a number', node.exp.span);
      if (b.t.rank === 2 && e.t.data && e.t.data[0] === -1) return { t: inverse(b.t, node.span, sc), row: false };
      return { t: op(node.span, () => binary(BINARY.pow, b.t, e.t, sc.budget)), row: b.row };
    }
    case 'transpose': {
      const v = evalTensor(node.arg, sc);
      if (v.t.rank <= 1) return { t: v.t, row: v.t.rank === 1 ? !v.row : false };
      return { t: op(node.span, () => reverseDims(v.t, sc.budget)), row: false };
    }
    case 'norm': {
      const v = evalTensor(node.arg, sc);
      const sq = op(node.span, () => binary(BINARY.mul, v.t, v.t, sc.budget));
      return col(op(node.span, () => unary(UNARY.sqrt, sum(sq, null, false, sc.budget), sc.budget)));
    }
    case 'matrix':
      return matrixLiteral(node, sc);
    case 'deriv':
      return derivative(node, sc);
    case 'fnprime': {
      const x = evalTensor(node.arg, sc);
      // d/dx f(x) elementwise is the gradient of sum(f(x)) at x: autodiff, as for \frac{\partial}{\partial x}.
      const y = applyFn(node.fn, x, node.span, sc);
      const g = op(node.span, () => gradOf(sum(y.t, null, false, sc.budget), x.t, sc.budget));
      return { t: g, row: x.row };
    }
    case 'call':
      return callTensor(node, sc);
    case 'bigop':
      fail('\\sum and \\prod over tensors are not checked; write the sum with the engine (`sum(...)`) in a claim', node.span);
      break;
    case 'error':
      fail(node.message, node.errorSpan);
  }
  fail('cannot evaluate this', node.span);
}

function lookup(node: MathNode & { type: 'sym' }, sc: TensorScope): TV {
  const macro = sc.macros.get(node.name);
  if (macro) return evalTensor(macro, sc);
  const name = sc.env.resolve(node.name);
  const t = name === undefined ? undefined : sc.env.tensors.get(name);
  if (t && name !== undefined) return { t: sc.world(t, name), row: false };
  const v = sc.bound.get(node.name);
  if (v) return { t: scalarTensor(toNumber(v)), row: false };
  if (node.name === 'e') return { t: scalarTensor(Math.E), row: false };
  if (node.name === 'pi') return { t: scalarTensor(Math.PI), row: false };
  fail(`${node.name} has no value: bind it with \`let ${node.name} = ...\` (or \`let ${node.name} : SHAPE\`) above the math`, node.span);
}

/** The matrix product as linear algebra writes it, with 1-D tensors as columns (rows after `^\top`). */
function product(a: TV, b: TV, span: Span, sc: TensorScope): TV {
  const ra = a.t.rank;
  const rb = b.t.rank;
  if (ra === 0 || rb === 0) return { t: op(span, () => binary(BINARY.mul, a.t, b.t, sc.budget)), row: ra === 0 ? b.row : a.row };
  const bad = (): never => fail(`cannot multiply ${mathShape(a)} by ${mathShape(b)}`, span);
  if (ra === 1 && rb === 1) {
    if (a.row && !b.row) return { t: op(span, () => dot(a.t, b.t, sc.budget)), row: false };
    if (!a.row && b.row) return { t: op(span, () => outer(a.t, b.t, sc.budget)), row: false };
    return bad();
  }
  if (ra === 1) {
    if (!a.row) return bad();
    return { t: op(span, () => matmul(a.t, b.t, sc.budget)), row: true };
  }
  if (rb === 1) {
    if (b.row) return bad();
    return { t: op(span, () => matmul(a.t, b.t, sc.budget)), row: false };
  }
  return { t: op(span, () => matmul(a.t, b.t, sc.budget)), row: false };
}

function applyFn(fn: string, x: TV, span: Span, sc: TensorScope): TV {
  const un = (name: keyof typeof UNARY): TV => ({ t: op(span, () => unary(UNARY[name], x.t, sc.budget)), row: x.row });
  switch (fn) {
    case 'exp': return un('exp');
    case 'log':
    case 'ln': return un('log');
    case 'sqrt': return un('sqrt');
    case 'abs': return un('abs');
    case 'sigmoid': return un('sigmoid');
    case 'tanh': return un('tanh');
    case 'relu': return un('relu');
    case 'softplus': {
      const e = op(span, () => unary(UNARY.exp, x.t, sc.budget));
      const one = scalarTensor(1);
      return { t: op(span, () => unary(UNARY.log, binary(BINARY.add, one, e, sc.budget), sc.budget)), row: x.row };
    }
  }
  fail(`\`${fn}\` is not defined on tensors here (exp, log, sqrt, abs, sigma, tanh, ReLU, softplus, softmax, diag, tr are)`, span);
}

function callTensor(node: MathNode & { type: 'call' }, sc: TensorScope): TV {
  if (node.base) fail('a logarithm with a base is not defined on tensors here', node.span);
  const args = node.args.map((a) => evalTensor(a, sc));
  const x = args[0];
  switch (node.fn) {
    case 'max':
    case 'min': {
      let acc = x;
      for (const y of args.slice(1)) {
        const a = acc;
        acc = { t: op(node.span, () => binary(node.fn === 'max' ? BINARY.maximum : BINARY.minimum, a.t, y.t, sc.budget)), row: a.row || y.row };
      }
      return acc;
    }
    case 'softmax':
      return { t: op(node.span, () => softmax(x.t, -1, sc.budget)), row: x.row };
    case 'diag': {
      const n = x.t.shape[0];
      if (x.t.rank === 1) return { t: op(node.span, () => binary(BINARY.mul, eye(n, n, sc.budget), x.t, sc.budget)), row: false };
      if (x.t.rank === 2) {
        const masked = op(node.span, () => binary(BINARY.mul, x.t, eye(n, x.t.shape[1], sc.budget), sc.budget));
        return { t: op(node.span, () => sum(masked, [1], false, sc.budget)), row: false };
      }
      return fail(`diag of ${mathShape(x)}: a vector gives a matrix, a matrix its diagonal`, node.span);
    }
    case 'tr': {
      if (x.t.rank !== 2) fail(`the trace needs a matrix, not ${mathShape(x)}`, node.span);
      const masked = op(node.span, () => binary(BINARY.mul, x.t, eye(x.t.shape[0], x.t.shape[1], sc.budget), sc.budget));
      return { t: op(node.span, () => sum(masked, null, false, sc.budget)), row: false };
    }
    default:
      return applyFn(node.fn, x, node.span, sc);
  }
}

function matrixLiteral(node: MathNode & { type: 'matrix' }, sc: TensorScope): TV {
  const cells: Tensor[] = [];
  for (const row of node.rows) {
    for (const e of row) {
      const v = evalTensor(e, sc);
      if (v.t.rank !== 0) fail(`a matrix entry must be a number, not ${mathShape(v)}`, e.span);
      cells.push(v.t);
    }
  }
  const rows = node.rows.length;
  const cols = node.rows[0].length;
  const flat = op(node.span, () => stack(cells, 0, sc.budget));
  // A column (n×1) is a vector, as in section 5; a single row is that vector as a row.
  if (cols === 1) return { t: flat, row: false };
  if (rows === 1) return { t: flat, row: true };
  return { t: op(node.span, () => reshapeTo(flat, shapeOf([rows, cols]), sc.budget)), row: false };
}

function derivative(node: MathNode & { type: 'deriv' }, sc: TensorScope): TV {
  const y = evalTensor(node.of, sc);
  const x = lookup(node.wrt, sc);
  const dims = concrete(y.t.shape);
  const scalar = y.t.rank === 0 || (dims !== null && dims.reduce((a, b) => a * b, 1) === 1);
  const g = op(node.span, () => (scalar ? gradOf(y.t, x.t, sc.budget) : jacobianOf(y.t, x.t, sc.budget)));
  if (!g.data && !y.t.data) fail(`${y.t.missing ?? 'the function has no values'}`, node.of.span);
  return { t: g, row: false };
}

/** A square matrix's inverse by Gauss-Jordan with partial pivoting; its gradient is -A^-T G A^-T. */
function inverse(a: Tensor, span: Span, sc: TensorScope): Tensor {
  const dims = concrete(a.shape);
  if (!dims || dims[0] !== dims[1]) fail(`only a square matrix has an inverse, not ${fmt(a.shape)}`, span);
  if (!a.data) {
    const t = new Tensor(a.shape, null);
    t.missing = a.missing;
    return t;
  }
  const n = dims[0];
  const m = Array.from({ length: n }, (_, i) => [...a.data!.slice(i * n, i * n + n), ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    if (Math.abs(m[p][c]) < 1e-12) fail('the matrix is singular: it has no inverse', span);
    [m[c], m[p]] = [m[p], m[c]];
    const piv = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      if (f !== 0) for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inv[i * n + j] = m[i][n + j];
  sc.budget.checkTime();
  return new Tensor(a.shape, inv, {
    op: 'inverse',
    inputs: [a],
    backward: (g, need) => {
      if (!need[0]) return [null];
      // dL/dA = -A^{-T} G A^{-T}
      const out = new Float64Array(n * n);
      const t1 = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += inv[k * n + i] * g[k * n + j];
        t1[i * n + j] = s;
      }
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += t1[i * n + k] * inv[j * n + k];
        out[i * n + j] = -s;
      }
      return [out];
    },
  });
}

/** Names a node reads (with macros expanded), resolved to `let` names. */
function letNames(node: MathNode, sc: { env: TensorEnv; macros: ReadonlyMap<string, MathNode> }, out: Set<string>, seen = new Set<string>()): void {
  const visit = (n: MathNode): void => letNames(n, sc, out, seen);
  switch (node.type) {
    case 'sym': {
      const m = sc.macros.get(node.name);
      if (m && !seen.has(node.name)) {
        seen.add(node.name);
        visit(m);
        return;
      }
      const r = sc.env.resolve(node.name);
      if (r !== undefined && sc.env.tensors.has(r)) out.add(r);
      return;
    }
    case 'deriv':
      visit(node.of);
      visit(node.wrt);
      return;
    default:
      for (const c of childrenOf(node)) visit(c);
  }
}

export function childrenOf(node: MathNode): MathNode[] {
  switch (node.type) {
    case 'num':
    case 'sym':
    case 'error':
      return [];
    case 'sum':
      return node.terms.map((t) => t.node);
    case 'prod':
      return node.factors.map((f) => f.node);
    case 'neg':
    case 'transpose':
    case 'norm':
      return [node.arg];
    case 'pow':
      return [node.base, node.exp];
    case 'frac':
      return [node.num, node.den];
    case 'call':
      return node.base ? [...node.args, node.base] : node.args;
    case 'bigop':
      return [node.from, node.to, node.body];
    case 'matrix':
      return node.rows.flat();
    case 'deriv':
      return [node.of, node.wrt];
    case 'fnprime':
      return [node.arg];
  }
}

/** Digits written after the point, per element, when the side is a literal (`0.5`, a bmatrix of decimals). */
function writtenDigits(node: MathNode): (number | null)[] | null {
  const one = (n: MathNode): number | null | undefined => {
    if (n.type === 'neg') return one(n.arg);
    if (n.type === 'sum' && n.terms.length === 1) return one(n.terms[0].node);
    if (n.type !== 'num') return undefined;
    const dot = n.raw.indexOf('.');
    return dot < 0 ? null : n.raw.length - dot - 1;
  };
  if (node.type === 'matrix') {
    const out = node.rows.flat().map(one);
    return out.some((d) => d === undefined) ? null : (out as (number | null)[]);
  }
  const d = one(node);
  return d === undefined ? null : [d];
}

export type TensorVerdict =
  | { holds: true; message: string; value: TV | null }
  | { holds: false; message: string; value: TV | null };

/** Squeezed dims: an n×1 result and a 1-D tensor of n agree (section 6a). */
function squeezed(t: Tensor): number[] | null {
  const d = concrete(t.shape);
  return d ? d.filter((n) => n !== 1) : null;
}

/**
 * A vector laid out as a row (1-D after `^\top`, or 1×n with n > 1), as against a column: the gradient
 * of a scalar has its variable's shape, so `(Xw - y)^\top X` is not `\nabla_w L` (a column).
 */
function isRow(v: TV): boolean {
  const d = concrete(v.t.shape);
  if (!d) return false;
  if (v.t.rank === 1) return v.row && d[0] > 1;
  return v.t.rank === 2 && d[0] === 1 && d[1] > 1;
}

function short(x: number): string {
  return String(Number(x.toPrecision(7)));
}

/**
 * Compares the two sides of an `=` link: shapes (up to dims of 1), then every element, to the digits
 * written when a side is a literal, else within 1e-9 relative. Shape-only tensors get random values in
 * TENSOR_TRIALS trials.
 */
export function compareTensorSides(
  left: MathNode,
  right: MathNode,
  env: TensorEnv,
  bound: Bindings,
  macros: Map<string, MathNode>,
  rel: string,
): TensorVerdict {
  const budget = new Budget(env.limits ?? defaultLimits(2000));
  const names = new Set<string>();
  const base = { env, macros };
  letNames(left, base, names);
  letNames(right, base, names);
  const tensors = [...names].map((n) => env.tensors.get(n) as Tensor);
  const random = tensors.some((t) => t.data === null);
  const freeSizes = new Set<string>();
  for (const t of tensors) for (const s of shapeSymbols(t.shape)) if (!env.symbols.has(s)) freeSizes.add(s);
  const digits = writtenDigits(right) ?? writtenDigits(left);
  const trials = random ? TENSOR_TRIALS : 1;
  let lastValue: TV | null = null;
  for (let k = 0; k < trials; k++) {
    const rng = seededUniform(0x6a + 7919 * k);
    const symbols = new Map(env.symbols);
    for (const s of [...freeSizes].sort()) symbols.set(s, 2 + Math.floor(rng() * 4));
    const world = random ? new TrialWorld(symbols, normalSampler(rng), budget, rng) : null;
    const sc: TensorScope = {
      env, bound, macros, budget,
      world: (t, name) => (world ? op({ start: 0, end: 0 }, () => world.randomized(t, name)) : t),
    };
    const a = evalTensor(left, sc);
    const b = evalTensor(right, sc);
    lastValue = b;
    if (!a.t.data || !b.t.data) {
      const t = a.t.data ? b.t : a.t;
      throw new MathEvalError(t.missing ?? 'this side has no values', (a.t.data ? right : left).span);
    }
    if (rel !== '=' && rel !== '\\approx') {
      // Inequalities compare numbers (`|x^\top y| \le \|x\| \|y\|`), in every trial.
      if (a.t.data.length !== 1 || b.t.data.length !== 1)
        throw new MathEvalError(`${rel} compares numbers, not ${mathShape(a.t.data.length === 1 ? b : a)}`, { start: left.span.start, end: right.span.end });
      const x = a.t.data[0];
      const y = b.t.data[0];
      const tol = ABS + REL * Math.max(Math.abs(x), Math.abs(y));
      const ok = rel === '<' ? x < y - tol : rel === '>' ? x > y + tol : rel === '\\le' ? x <= y + tol : rel === '\\ge' ? x >= y - tol : Math.abs(x - y) > tol;
      if (!ok) return { holds: false, message: `left ${short(x)}, right ${short(y)}${random ? ` (trial ${k + 1} of ${trials}, with random values for the shape-only tensors)` : ''}`, value: b };
      continue;
    }
    const sa = squeezed(a.t);
    const sb = squeezed(b.t);
    if (!sa || !sb || sa.join('x') !== sb.join('x') || isRow(a) !== isRow(b)) {
      const flipped = sa && sb && sa.length === 2 && sa.join('x') === [...sb].reverse().join('x');
      const hint = isRow(a) !== isRow(b) ? ' (a row is not a column: transpose one side)' : flipped ? ' (the right side is shaped as the transpose of the left)' : '';
      return { holds: false, message: `the sides have different shapes: ${mathShape(a)} on the left, ${mathShape(b)} on the right${hint}`, value: b };
    }
    const how = random ? ` (trial ${k + 1} of ${trials}, with random values for the shape-only tensors)` : '';
    const dims = concrete(b.t.shape) ?? [];
    for (let i = 0; i < a.t.data.length; i++) {
      const x = a.t.data[i];
      const y = b.t.data[i];
      const d = digits ? digits[digits.length === 1 ? 0 : i] : null;
      const ok = rel === '\\approx'
        ? Math.abs(x - y) <= 0.01 * Math.max(Math.abs(x), Math.abs(y)) + ABS
        : d !== null && d !== undefined
          ? Math.abs(x - y) <= 0.5 * 10 ** -d * (1 + 1e-9)
          : Math.abs(x - y) <= ABS + REL * Math.max(Math.abs(x), Math.abs(y));
      if (!ok) {
        const at = a.t.data.length > 1 ? ` at [${unflat(i, dims).join(', ')}]` : '';
        const tol = d !== null && d !== undefined ? ` (${d} decimal${d === 1 ? '' : 's'} written: within ±0.${'0'.repeat(d)}5)` : '';
        return { holds: false, message: `the sides differ${at}: left ${short(x)}, right ${short(y)}${tol}${how}`, value: b };
      }
    }
  }
  const shape = lastValue ? mathShape(lastValue) : '';
  return { holds: true, message: `holds: the sides agree (${shape})${random ? ` in ${trials} random trials` : ''}`, value: lastValue };
}

function unflat(i: number, dims: number[]): number[] {
  const out: number[] = [];
  for (let k = dims.length - 1; k >= 0; k--) {
    out.unshift(i % dims[k]);
    i = Math.floor(i / dims[k]);
  }
  return out;
}
