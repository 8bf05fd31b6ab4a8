/**
 * Evaluates a claim expression (the AST of ../claims/ast.ts) to a tensor, recording a human trace of
 * the shapes through it for hovers.
 *
 * The same subexpression evaluates to the same tensor object within one evaluation (a memo keyed by
 * structure; calls to `randn` are never shared). That is what lets `grad(l, x)` take any
 * subexpression of `l` as `x`: `grad(sum(exp(b)), exp(b))` differentiates with respect to the very
 * `exp(b)` node inside `l`.
 */
import type { Expr, IndexItem, Layout } from '../claims/ast';
import type { Span } from '../core/span';
import { constDim, dimValue, symDim } from '../dims';
import { runGrad, bind, type Ctx } from './builtins';
import { clipName, EngineError, OpFailure } from './errors';
import { lookupFunction } from './functions';
import { Budget, type EngineLimits } from './limits';
import { binary, BINARY, unary, UNARY } from './ops/elementwise';
import { index as indexOp, type IndexSpec } from './ops/indexing';
import { matmul } from './ops/matmul';
import { productDim, reverseDims, transpose } from './ops/shapeOps';
import { containsCall, exprKey, shortExpr } from './print';
import { DEFAULT_SEED, normalSampler, seededUniform } from './rng';
import { fmt, shapeSymbols, substituteShape } from './shape';
import { scalarTensor, Tensor } from './tensor';
import { isModuleName, MODULE_NAMES, type LayerRow, type ModuleInstance } from '../layers/modules';
import type { Shape } from './shape';
import { applyModule, constructModule, indexModule, isModuleValue, moduleQuery, MODULE_QUERIES } from './modules';
import {
  type Arg, type Value, asDimOperand, describe, dimArith, isNone, isTensor, negateDim, toInt, toTensor,
} from './values';

export interface EvalEnv {
  tensors: ReadonlyMap<string, Tensor>;
  /** Symbols with a value (`let m = 4`): usable as numbers, and substituted into shapes. */
  symbols: ReadonlyMap<string, number>;
  /** Uniform [0, 1) source for randn; a fixed seed when absent, so results are reproducible. */
  rng?: () => number;
  /** Modules bound by `let net = nn.Sequential(...)` (spec section 3a). */
  modules?: ReadonlyMap<string, ModuleInstance>;
  /** How modules read and write shapes (`layout channels_last`, section 3b); channels_first when absent. */
  layout?: Layout;
}

/** The layers of the last module application or query (the outermost, as calls evaluate inside out). */
export interface ModuleBreakdown {
  module: ModuleInstance;
  inputs: Shape[];
  rows: LayerRow[];
}

export type EvalOutcome =
  | { ok: true; value: Tensor; trace: string[]; breakdown?: ModuleBreakdown }
  | { ok: false; error: EngineError };

/**
 * How a shape-only tensor bound by `let y = EXPR` was computed, so that an identity claim can
 * recompute it from random values of its inputs instead of treating it as independent.
 */
const sources = new WeakMap<Tensor, { expr: Expr; env: EvalEnv }>();

export function sourceOf(t: Tensor): { expr: Expr; env: EvalEnv } | undefined {
  return sources.get(t);
}

const RANDOM_FNS = new Set(['randn']);
const NAMESPACES = new Set(['torch', 'F', 'nn', 'functional', 'torch.nn', 'torch.nn.functional', 'nn.functional']);

/** `torch`, `F`, `torch.nn.functional`: a function call, not a method of a tensor. */
function namespaceOf(e: Expr | null): string | null {
  if (!e) return null;
  if (e.type === 'name') return NAMESPACES.has(e.name) ? e.name : null;
  if (e.type === 'attr') {
    const inner = namespaceOf(e.object);
    const full = inner ? `${inner}.${e.name}` : null;
    return full && NAMESPACES.has(full) ? full : null;
  }
  return null;
}

export class Evaluator {
  readonly trace: string[] = [];
  breakdown: ModuleBreakdown | undefined;
  private readonly memo = new Map<string, Value>();
  private readonly substituted = new Map<Tensor, Tensor>();
  private shapeSyms: Set<string> | null = null;
  readonly cx: Ctx;

  constructor(
    readonly env: EvalEnv,
    readonly budget: Budget,
  ) {
    this.cx = { budget, normal: normalSampler(env.rng ?? seededUniform(DEFAULT_SEED)) };
  }

  /** Evaluates and converts the result to a tensor (a number, a concrete shape, a list...). */
  tensor(e: Expr): Tensor {
    return this.at(e.span, () => toTensor(this.eval(e), e.span, this.budget));
  }

  eval(e: Expr): Value {
    this.budget.checkTime();
    const cacheable = e.type !== 'num' && e.type !== 'name' && e.type !== 'str' && !containsCall(e, RANDOM_FNS);
    const key = cacheable ? exprKey(e) : '';
    if (cacheable) {
      const hit = this.memo.get(key);
      if (hit !== undefined) return hit;
    }
    const v = this.at(e.span, () => this.evalNode(e));
    if (cacheable) this.memo.set(key, v);
    return v;
  }

  /** Gives an OpFailure without a span the span of this node; inner spans win. */
  private at<T>(span: Span, f: () => T): T {
    try {
      return f();
    } catch (err) {
      if (err instanceof OpFailure) {
        if (err.span) throw err;
        throw new OpFailure(err.message, err.code, undefined, span);
      }
      if (err instanceof RangeError && /call stack/i.test(err.message)) {
        throw new OpFailure('the expression is nested too deeply to evaluate', 'limit', undefined, span);
      }
      throw new OpFailure(`internal error: ${err instanceof Error ? err.message : String(err)}`, 'eval', undefined, span);
    }
  }

  /** One trace line; literal numbers (dims, strides) are left out of the input shapes. */
  private note(e: Expr, inputs: readonly (Value | Arg)[], out: Value): void {
    if (!isTensor(out)) return;
    const shapes: string[] = [];
    for (const i of inputs) {
      const v = 'v' in i && 'expr' in i ? (i as Arg).v : (i as Value);
      const ex = 'v' in i && 'expr' in i ? (i as Arg).expr : null;
      if (!isTensor(v)) continue;
      if (ex && (ex.type === 'num' || (ex.type === 'unary' && ex.arg.type === 'num'))) continue;
      shapes.push(fmt(v.shape));
    }
    const from = shapes.length === 0 ? '' : shapes.length === 1 ? `${shapes[0]} ` : `(${shapes.join(', ')}) `;
    this.trace.push(`${shortExpr(e)}: ${from}→ ${fmt(out.shape)}`);
  }

  private evalNode(e: Expr): Value {
    switch (e.type) {
      case 'num': return scalarTensor(e.value);
      case 'bool': return { kind: 'bool', value: e.value };
      case 'none': return { kind: 'none' };
      case 'str': return { kind: 'str', value: e.value };
      case 'name': return this.lookup(e.name);
      case 'list':
      case 'tuple': return { kind: 'list', items: e.items.map((x) => this.eval(x)), tuple: e.type === 'tuple' };
      case 'unary': {
        const v = this.eval(e.arg);
        if (e.op === '+') return v;
        const d = !isTensor(v) && v.kind === 'dim' ? v : undefined;
        if (d) return negateDim(d);
        const t = toTensor(v, e.arg.span, this.budget);
        // Fold `-1` to a constant: it is a literal (a dim, an index), not a computation.
        if (e.arg.type === 'num') return scalarTensor(-e.arg.value);
        return unary(UNARY.neg, t, this.budget);
      }
      case 'binary': return this.binaryNode(e);
      case 'call': return this.callNode(e);
      case 'attr': return this.attrNode(e);
      case 'index': return this.indexNode(e);
    }
  }

  private lookup(name: string): Value {
    const m = this.env.modules?.get(name);
    if (m) return { kind: 'module', module: m };
    const t = this.env.tensors.get(name);
    if (t) {
      if (!t.data && t.missing === null) {
        t.missing = `${clipName(name)} has only a shape (${clipName(fmt(t.shape), 60)}); give it values with \`let ${clipName(name)} = ...\``;
      }
      return this.withSymbols(t);
    }
    const s = this.env.symbols.get(name);
    if (s !== undefined) return scalarTensor(s);
    if (name === 'pi') return scalarTensor(Math.PI);
    // A name with no value can still be a size (`zeros(n, 3)`); used as a number it is an error.
    if (!this.shapeSyms) {
      this.shapeSyms = new Set();
      for (const x of this.env.tensors.values()) for (const n of shapeSymbols(x.shape)) this.shapeSyms.add(n);
    }
    return { kind: 'dim', dim: symDim(name), unknown: this.shapeSyms.has(name) ? [] : [name] };
  }

  /** A shape-only tensor with `m×n` when `let m = 4` gives m a value: the same object every time. */
  private withSymbols(t: Tensor): Tensor {
    if (t.data || this.env.symbols.size === 0) return t;
    const cached = this.substituted.get(t);
    if (cached) return cached;
    const shape = substituteShape(t.shape, this.env.symbols);
    let out = t;
    if (fmt(shape) !== fmt(t.shape)) {
      out = new Tensor(shape, null);
      out.missing = t.missing;
      const src = sources.get(t);
      if (src) sources.set(out, src);
    }
    this.substituted.set(t, out);
    return out;
  }

  private binaryNode(e: Extract<Expr, { type: 'binary' }>): Value {
    const l = this.eval(e.left);
    const r = this.eval(e.right);
    // Whole-number arithmetic on symbolic sizes (`zeros(2*n)`): stays symbolic.
    const dl = asDimOperand(l);
    const dr = asDimOperand(r);
    if (dl && dr && (!isTensor(l) || !isTensor(r))) {
      const v = dimArith(e.op, dl, dr);
      if (v) return v;
    }
    const a = this.argTensor(l, e.left);
    const b = this.argTensor(r, e.right);
    let out: Tensor;
    switch (e.op) {
      case '@': out = matmul(a, b, this.budget); break;
      case '+': out = binary(BINARY.add, a, b, this.budget); break;
      case '-': out = binary(BINARY.sub, a, b, this.budget); break;
      case '*': out = binary(BINARY.mul, a, b, this.budget); break;
      case '/': out = binary(BINARY.div, a, b, this.budget); break;
      case '**': out = binary(BINARY.pow, a, b, this.budget); break;
    }
    this.note(e, [a, b], out);
    return out;
  }

  private argTensor(v: Value, e: Expr): Tensor {
    return this.at(e.span, () => toTensor(v, e.span, this.budget));
  }

  private callNode(e: Extract<Expr, { type: 'call' }>): Value {
    const ns = namespaceOf(e.object);
    const method = e.object && !ns ? e.object : null;
    const name = e.callee;
    if (name === '__call__' && method) return this.applyNode(e, this.eval(method));
    if (!method && (ns === null || ns.includes('nn')) && isModuleName(name)) {
      const { positional, kwargs } = this.callArgs(e, null);
      return constructModule(name, positional, kwargs, e.span);
    }
    if (!method && ns?.includes('nn') && /^[A-Z]/.test(name)) {
      throw new OpFailure(`nn.${clipName(name)} is not a module the checker knows; it knows ${MODULE_NAMES.join(', ')}`, 'unknown-name', undefined, e.calleeSpan);
    }
    if (!method && ns === null && MODULE_QUERIES.has(name)) return this.queryNode(e);
    if (!method && ns === null && this.env.modules?.has(name)) return this.applyNode(e, this.lookup(name));
    if (!method && (name === 'grad' || name === 'jacobian')) return this.gradNode(e);
    if (method) {
      const special = this.tensorMethod(e, method);
      if (special !== undefined) return special;
    }
    const b = lookupFunction(name);
    if (!b) {
      throw new OpFailure(`unknown function '${clipName(name)}'${method ? ' (as a method)' : ''}`, 'unknown-name', undefined, e.calleeSpan);
    }
    const positional: Arg[] = [];
    if (method) positional.push({ v: this.eval(method), span: method.span, expr: method });
    for (const a of e.args) positional.push({ v: this.eval(a), span: a.span, expr: a });
    const kwargs = e.kwargs.map((k) => ({ name: k.name, arg: { v: this.eval(k.value), span: k.value.span, expr: k.value } }));
    const bound = bind(name, b, e.span, positional, kwargs, this.budget);
    let out: Value;
    try {
      out = b.run(bound, this.cx);
    } catch (err) {
      if (err instanceof OpFailure && !err.span && err.arg !== undefined && positional[err.arg]) {
        throw new OpFailure(err.message, err.code, undefined, positional[err.arg].span);
      }
      throw err;
    }
    this.note(e, [...positional, ...kwargs.map((k) => k.arg)], out);
    return out;
  }

  private callArgs(e: Extract<Expr, { type: 'call' }>, method: Expr | null): { positional: Arg[]; kwargs: { name: string; arg: Arg }[] } {
    const positional: Arg[] = [];
    if (method) positional.push({ v: this.eval(method), span: method.span, expr: method });
    for (const a of e.args) positional.push({ v: this.eval(a), span: a.span, expr: a });
    const kwargs = e.kwargs.map((k) => ({ name: k.name, arg: { v: this.eval(k.value), span: k.value.span, expr: k.value } }));
    return { positional, kwargs };
  }

  /** `net(x)`, `nn.ReLU()(x)`, `net[:3](x)`: a module applied; a tuple result must be indexed. */
  private applyNode(e: Extract<Expr, { type: 'call' }>, callee: Value): Value {
    if (!isModuleValue(callee)) {
      throw new OpFailure(`${describe(callee)} cannot be called: only a module or a function can`, 'eval', undefined, e.object?.span ?? e.calleeSpan);
    }
    const { positional, kwargs } = this.callArgs(e, null);
    const out = applyModule(callee.module, positional, kwargs, e.span, this.budget, this.env.layout);
    this.breakdown = { module: callee.module, inputs: out.inputs, rows: out.rows };
    this.layoutNote(out.rows);
    this.note(e, positional, out.value);
    return out.value;
  }

  /** params(M), macs(M, x), flops, activations, memory, receptive_field. */
  private queryNode(e: Extract<Expr, { type: 'call' }>): Value {
    let dtype: string | null = null;
    for (const k of e.kwargs) {
      if (k.name !== 'dtype' || e.callee !== 'memory') throw new OpFailure(`${e.callee} has no argument named '${clipName(k.name)}'`, 'eval', undefined, k.span);
      const v = k.value;
      dtype = v.type === 'str' ? v.value : v.type === 'name' ? v.name : v.type === 'attr' ? v.name : null;
      if (dtype === null) throw new OpFailure(`dtype must be a name such as torch.float16 or 'float16'`, 'eval', undefined, v.span);
    }
    const positional = e.args.map((a) => ({ v: this.eval(a), span: a.span, expr: a }));
    const out = moduleQuery(e.callee, positional, dtype, e.span, this.budget, this.env.layout);
    const first = positional[0]?.v;
    if (out.rows && first && isModuleValue(first)) {
      this.breakdown = { module: first.module, inputs: positional.slice(1).map((p) => (isTensor(p.v) ? p.v.shape : [])), rows: out.rows };
      if (e.callee !== 'params') this.layoutNote(out.rows);
    }
    for (const step of out.steps) this.trace.push(step);
    return out.value;
  }

  /** Under `layout channels_last`, a module with layers that read channels says how it read them (once). */
  private layoutNote(rows: readonly LayerRow[]): void {
    if (this.env.layout !== 'channels_last' || !rows.some((r) => r.module.channelDim)) return;
    const note = 'layout: channels_last (conv, pool and norm layers read and write H×W×C)';
    if (!this.trace.includes(note)) this.trace.push(note);
  }

  /** Methods that are not functions: x.size(d), x.dim(), x.numel(), x.item(). */
  private tensorMethod(e: Extract<Expr, { type: 'call' }>, obj: Expr): Value | undefined {
    if (!['size', 'dim', 'numel', 'item', 'ndimension'].includes(e.callee)) return undefined;
    const t = this.tensor(obj);
    switch (e.callee) {
      case 'size': {
        if (e.args.length === 0) return { kind: 'shape', shape: t.shape };
        const d = toInt(this.eval(e.args[0]), e.args[0].span, 'size: dim');
        const i = d < 0 ? d + t.rank : d;
        if (i < 0 || i >= t.rank) throw new OpFailure(`size: dim ${d} is out of range for shape ${fmt(t.shape)}`, 'operand-shapes', undefined, e.args[0].span);
        return { kind: 'dim', dim: t.shape[i], unknown: [] };
      }
      case 'dim':
      case 'ndimension': return scalarTensor(t.rank);
      case 'numel': return { kind: 'dim', dim: productDim(t.shape), unknown: [] };
      case 'item': {
        if (t.data && t.data.length !== 1) throw new OpFailure(`item: the tensor has shape ${fmt(t.shape)}, not a single number`, 'operand-shapes');
        return t;
      }
    }
    return undefined;
  }

  private gradNode(e: Extract<Expr, { type: 'call' }>): Value {
    const jac = e.callee === 'jacobian';
    const names = jac ? ['y', 'x'] : ['l', 'x'];
    if (e.args.length !== 2 || e.kwargs.length) {
      throw new OpFailure(`${e.callee} takes two arguments: ${e.callee}(${names.join(', ')})`, 'eval', undefined, e.span);
    }
    const l = this.tensor(e.args[0]);
    const x = this.tensor(e.args[1]);
    const out = this.at(e.span, () => {
      try {
        return runGrad(l, x, e.args[1].type === 'name', this.cx, jac);
      } catch (err) {
        if (err instanceof OpFailure && err.arg !== undefined) throw new OpFailure(err.message, err.code, undefined, e.args[err.arg].span);
        throw err;
      }
    });
    this.note(e, [l, x], out);
    return out;
  }

  private attrNode(e: Extract<Expr, { type: 'attr' }>): Value {
    if (namespaceOf(e.object)?.includes('nn') && isModuleName(e.name)) {
      throw new OpFailure(`nn.${e.name} is a class: call it to build the module, as in nn.${e.name}(${e.name === 'Sequential' ? '...' : ''})`, 'eval', undefined, e.span);
    }
    const v = this.eval(e.object);
    if (!isTensor(v) && v.kind === 'shape' && e.name === 'numel') return v;
    const t = this.argTensor(v, e.object);
    let out: Value;
    switch (e.name) {
      case 'T': out = reverseDims(t, this.budget); break;
      case 'mT': out = transpose(t, -2, -1, this.budget); break;
      case 'shape': return { kind: 'shape', shape: t.shape };
      case 'ndim': return scalarTensor(t.rank);
      default:
        throw new OpFailure(`unknown attribute '.${clipName(e.name)}' (known: .T, .mT, .shape, .ndim)`, 'unknown-name', undefined, e.nameSpan);
    }
    this.note(e, [t], out);
    return out;
  }

  private indexValue(x: Expr, what: string): number {
    const v = this.eval(x);
    if (isTensor(v) && v.rank > 0) {
      throw new OpFailure(`${what}: indexing with a tensor of shape ${fmt(v.shape)} (advanced indexing) is not supported; use integers and slices`, 'eval', undefined, x.span);
    }
    return this.at(x.span, () => toInt(v, x.span, what));
  }

  private indexNode(e: Extract<Expr, { type: 'index' }>): Value {
    const obj = this.eval(e.object);
    if (!isTensor(obj) && obj.kind === 'shape') return this.indexShape(obj.shape, e);
    if (!isTensor(obj) && (obj.kind === 'module' || (obj.kind === 'list' && obj.from))) return this.indexContainer(obj, e);
    const t = this.argTensor(obj, e.object);
    const items: IndexSpec[] = e.items.map((it: IndexItem): IndexSpec => {
      switch (it.type) {
        case 'ellipsis': return { kind: 'ellipsis' };
        case 'newaxis': return { kind: 'newaxis' };
        case 'expr': {
          if (it.expr.type === 'none') return { kind: 'newaxis' };
          return { kind: 'int', value: this.indexValue(it.expr, 'index') };
        }
        case 'slice': {
          const b = (x: Expr | null): number | null => (x === null || x.type === 'none' ? null : this.indexValue(x, 'slice bound'));
          return { kind: 'slice', start: b(it.start), stop: b(it.stop), step: b(it.step) };
        }
      }
    });
    const out = indexOp(t, items, this.budget);
    this.note(e, [t], out);
    return out;
  }

  /** `net[2]`, `net[:3]` on a Sequential; `lstm(x)[0]`, `lstm(x)[1][0]` on a module's tuple. */
  private indexContainer(obj: Value, e: Extract<Expr, { type: 'index' }>): Value {
    if (e.items.length !== 1 || (e.items[0].type !== 'expr' && e.items[0].type !== 'slice')) {
      throw new OpFailure('a module or a tuple takes a single index or slice', 'eval', undefined, e.span);
    }
    const it = e.items[0];
    const bound = (x: Expr | null): number | null => (x === null || x.type === 'none' ? null : this.indexValue(x, 'slice bound'));
    if (isModuleValue(obj)) {
      return it.type === 'expr'
        ? indexModule(obj.module, { kind: 'int', value: this.indexValue(it.expr, 'index') }, e.span)
        : indexModule(obj.module, { kind: 'slice', start: bound(it.start), stop: bound(it.stop), step: bound(it.step) }, e.span);
    }
    const list = obj as Extract<Value, { kind: 'list' }>;
    if (it.type !== 'expr') throw new OpFailure(`${list.from}: take one item with an index, as in lstm(x)[0]`, 'eval', undefined, it.span);
    const i = this.indexValue(it.expr, 'index');
    const n = list.items.length;
    if (i < -n || i >= n) throw new OpFailure(`tuple index ${i} out of range: ${list.from}, ${n} items`, 'operand-shapes', undefined, it.span);
    return list.items[i < 0 ? i + n : i];
  }

  /** `x.shape[0]` is a (possibly symbolic) number; `x.shape[1:]` a shape. */
  private indexShape(shape: readonly ReturnType<typeof constDim>[], e: Extract<Expr, { type: 'index' }>): Value {
    if (e.items.length !== 1) throw new OpFailure('a shape takes a single index', 'eval', undefined, e.span);
    const it = e.items[0];
    if (it.type === 'expr') {
      const i = this.indexValue(it.expr, 'index');
      const j = i < 0 ? i + shape.length : i;
      if (j < 0 || j >= shape.length) throw new OpFailure(`index ${i} is out of range for a shape with ${shape.length} dims`, 'operand-shapes', undefined, it.span);
      return { kind: 'dim', dim: shape[j], unknown: [] };
    }
    if (it.type === 'slice') {
      const b = (x: Expr | null): number | undefined => (x === null ? undefined : this.indexValue(x, 'slice bound'));
      const step = b(it.step) ?? 1;
      if (step <= 0) throw new OpFailure('slice step must be positive', 'eval', undefined, it.span);
      const picked = shape.slice(b(it.start), b(it.stop)).filter((_, k) => k % step === 0);
      return { kind: 'shape', shape: picked };
    }
    throw new OpFailure('a shape takes an integer or a slice', 'eval', undefined, it.span);
  }
}

export function toEngineError(err: unknown, fallback: Span): EngineError {
  if (err instanceof OpFailure) return new EngineError(err.message, err.span ?? fallback, err.code);
  if (err instanceof EngineError) return err;
  return new EngineError(`internal error: ${err instanceof Error ? err.message : String(err)}`, fallback, 'eval');
}

/** Evaluates `expr` to a tensor; never throws. */
export function evaluate(expr: Expr, env: EvalEnv, limits: EngineLimits): EvalOutcome {
  const ev = new Evaluator(env, new Budget(limits));
  try {
    const value = ev.tensor(expr);
    const own = [...env.tensors.values()].includes(value);
    // Snapshot the bindings: a later `let` may shadow a name this value was computed from.
    if (!value.data && !own && !sources.has(value)) sources.set(value, { expr, env: { ...env, tensors: new Map(env.tensors) } });
    return ev.breakdown ? { ok: true, value, trace: ev.trace, breakdown: ev.breakdown } : { ok: true, value, trace: ev.trace };
  } catch (err) {
    return { ok: false, error: toEngineError(err, expr.span) };
  }
}


/** Evaluates `expr` to a module (`let net = nn.Sequential(...)`), or says why it is not one; never throws. */
export function evaluateModule(expr: Expr, env: EvalEnv, limits: EngineLimits): { ok: true; module: ModuleInstance } | { ok: false; error: EngineError } {
  const ev = new Evaluator(env, new Budget(limits));
  try {
    const v = ev.eval(expr);
    if (isModuleValue(v)) return { ok: true, module: v.module };
    return { ok: false, error: new EngineError(`expected a module, got ${describe(v)}`, expr.span, 'eval') };
  } catch (err) {
    return { ok: false, error: toEngineError(err, expr.span) };
  }
}
