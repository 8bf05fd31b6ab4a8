/**
 * torch.nn modules as engine values (spec section 3a): constructor calls build a `ModuleInstance`
 * (../layers/modules), a call applies it (shapes from the module's definition; values only where
 * PyTorch's would not depend on initialised weights or on randomness), and `params`, `macs`,
 * `flops`, `activations`, `memory`, `receptive_field` ask about it.
 */
import type { Layout } from '../claims/ast';
import { addDim, constDim, dimValue, formatDim, mulDim, type Dim } from '../dims';
import {
  construct, indexSequential, isTuple, leaves, ModuleError, receptiveField, runModule, sliceSequential,
  type CtorValue, type LayerRow, type ModuleInstance, type OutTree,
} from '../layers/modules';
import { OpFailure } from './errors';
import type { Budget } from './limits';
import { softmax } from './ops/activations';
import { unary, UNARY } from './ops/elementwise';
import { pool } from './ops/nn';
import { flatten, permute } from './ops/shapeOps';
import { channelsLastAxis, channelToLastPerm, lastToChannelPerm } from '../layers/modules/layout';
import { fmt, type Shape } from './shape';
import { scalarTensor, shapeOnlyTensor, Tensor } from './tensor';
import { type Arg, type Value, describe, isTensor } from './values';

export const MODULE_QUERIES = new Set(['params', 'macs', 'flops', 'activations', 'memory', 'receptive_field']);

/** A module-ish failure, as the engine reports it (at the argument PyTorch complains about, when known). */
export function moduleFailure(e: unknown, callSpan: { start: number; end: number }, kwSpans?: Map<string, { start: number; end: number }>): never {
  if (e instanceof ModuleError) throw new OpFailure(e.message, 'operand-shapes', undefined, (e.arg && kwSpans?.get(e.arg)) || callSpan);
  throw e;
}

function toCtor(v: Value, span: { start: number; end: number }): CtorValue {
  if (isTensor(v)) {
    if (v.rank === 0 && v.data) {
      const x = v.data[0];
      return Number.isInteger(x) ? { kind: 'int', dim: constDim(x) } : { kind: 'float', value: x };
    }
    throw new OpFailure(`a module's arguments are numbers, tuples, strings and modules, not ${describe(v)}`, 'eval', undefined, span);
  }
  switch (v.kind) {
    case 'dim': return { kind: 'int', dim: v.dim };
    case 'bool': return { kind: 'bool', value: v.value };
    case 'str': return { kind: 'str', value: v.value };
    case 'none': return { kind: 'none' };
    case 'list': return { kind: 'tuple', items: v.items.map((x) => toCtor(x, span)) };
    case 'module': return { kind: 'module', module: v.module };
    case 'shape': return { kind: 'tuple', items: v.shape.map((d) => ({ kind: 'int', dim: d })) };
  }
}

export function constructModule(name: string, args: readonly Arg[], kwargs: readonly { name: string; arg: Arg }[], callSpan: { start: number; end: number }): Value {
  const spans = new Map(kwargs.map((k) => [k.name, k.arg.span] as const));
  try {
    const module = construct(name, args.map((a) => toCtor(a.v, a.span)), kwargs.map((k) => ({ name: k.name, value: toCtor(k.arg.v, k.arg.span) })));
    return { kind: 'module', module };
  } catch (e) {
    return moduleFailure(e, callSpan, spans);
  }
}

export interface Applied {
  value: Value;
  rows: LayerRow[];
  inputs: Shape[];
}

function inputTensors(m: ModuleInstance, args: readonly Arg[]): Tensor[] {
  return args.map((a) => {
    if (isTensor(a.v)) return a.v;
    if (a.v.kind === 'none') return shapeOnlyTensor([]);
    throw new OpFailure(`${m.text} is applied to tensors, not ${describe(a.v)}`, 'eval', undefined, a.span);
  });
}

const FORWARD_FLAGS = new Set(['need_weights', 'average_attn_weights']);

/**
 * `M(x, ...)`: the output (a tensor, or a tuple that must be indexed) and the per-layer rows, the
 * input and output written in `layout` (section 3b; ../layers/modules/layout.ts says how).
 */
export function applyModule(m: ModuleInstance, args: readonly Arg[], kwargs: readonly { name: string; arg: Arg }[], callSpan: { start: number; end: number }, budget: Budget, layout?: Layout): Applied {
  const xs = inputTensors(m, args);
  const kw: Record<string, boolean> = {};
  for (const k of kwargs) {
    if (!FORWARD_FLAGS.has(k.name) || m.kind !== 'MultiheadAttention') {
      throw new OpFailure(`${m.kind}.forward() got an unexpected keyword argument '${k.name}'`, 'eval', undefined, k.arg.span);
    }
    if (isTensor(k.arg.v) || k.arg.v.kind !== 'bool') throw new OpFailure(`${k.name} must be True or False`, 'eval', undefined, k.arg.span);
    kw[k.name] = k.arg.v.value;
  }
  const inputs = xs.map((x) => x.shape);
  let out: OutTree;
  let rows: LayerRow[];
  try {
    ({ out, rows } = runModule(m, inputs, kw, '', layout));
  } catch (e) {
    return moduleFailure(e, callSpan);
  }
  if (isTuple(out)) return { value: tupleValue(m, out), rows, inputs };
  const values = xs.length === 1 && xs[0].data ? valuesThrough(m, xs[0], budget, layout) : null;
  if (values) return { value: values, rows, inputs };
  const t = shapeOnlyTensor(out);
  t.missing = whyShapeOnly(m, xs);
  return { value: t, rows, inputs };
}

function tupleValue(m: ModuleInstance, o: OutTree | null): Value {
  if (o === null) return { kind: 'none' };
  if (!isTuple(o)) {
    const t = shapeOnlyTensor(o);
    t.missing = `${m.text}'s outputs depend on its initialised weights, so they have only a shape (${fmt(o)})`;
    return t;
  }
  return { kind: 'list', items: o.tuple.map((x) => tupleValue(m, x)), tuple: true, from: `${m.kind} returns the tuple ${o.names}` };
}

function whyShapeOnly(m: ModuleInstance, xs: Tensor[]): string {
  if (xs.some((x) => !x.data)) return xs.find((x) => !x.data)?.missing ?? 'the input has only a shape';
  const blocker = leaves(m).find((l) => !l.module.value)?.module;
  const what = blocker ? blocker.text : m.text;
  if (blocker?.kind === 'Dropout') return `${what} zeroes values at random (PyTorch's training mode), so its output has only a shape`;
  return `${what}'s output depends on its initialised weights, so it has only a shape`;
}

/** Values through layers that need no weights (activations, pooling, flatten); null when one needs them. */
function valuesThrough(m: ModuleInstance, x: Tensor, budget: Budget, layout: Layout | undefined): Tensor | null {
  const ls = leaves(m).map((l) => l.module);
  if (ls.some((l) => !l.value)) return null;
  let t = x;
  for (const l of ls) {
    // Under channels_last a pool takes its input's channels last: moved to PyTorch's place and back, as its shape is.
    const at = channelsLastAxis(l, [t.shape], layout);
    if (at === null) t = applyValue(l, t, budget);
    else t = permute(applyValue(l, permute(t, lastToChannelPerm(t.rank, at), budget), budget), channelToLastPerm(t.rank, at), budget);
  }
  return t;
}

function applyValue(m: ModuleInstance, x: Tensor, budget: Budget): Tensor {
  const op = m.value!;
  const k = op.kwargs;
  switch (op.fn) {
    case 'identity': return x;
    case 'relu': return unary(UNARY.relu, x, budget);
    case 'tanh': return unary(UNARY.tanh, x, budget);
    case 'sigmoid': return unary(UNARY.sigmoid, x, budget);
    case 'leaky_relu': {
      // PyTorch: x where positive, slope·x elsewhere; the gradient at exactly 0 is the slope.
      const slope = k.negative_slope as number;
      return unary({ name: 'leaky_relu', f: (v) => (v > 0 ? v : slope * v), df: (v) => (v > 0 ? 1 : slope) }, x, budget);
    }
    case 'gelu': return unary(k.approximate ? GELU_TANH : GELU, x, budget);
    case 'softmax': return softmax(x, (k.dim as number | null) ?? null, budget);
    case 'flatten': return flatten(x, k.start_dim as number, k.end_dim as number, budget);
    default: {
      const kind = op.fn.startsWith('max') ? 'max' : 'avg';
      return pool(kind, Number(op.fn.slice(-2, -1)), x, {
        kernel: k.kernel_size as number[], stride: k.stride as number[], padding: k.padding as number[],
        dilation: (k.dilation as number[] | undefined) ?? [1], ceilMode: k.ceil_mode as boolean,
        countIncludePad: (k.count_include_pad as boolean | undefined) ?? true,
      }, budget);
    }
  }
}

/**
 * erf(x): the Maclaurin series below 3 (|error| < 1e-13 there; the largest term is under e^9), and
 * Laplace's continued fraction for erfc above, which converges fast once x is not small.
 */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  if (a < 3) {
    let term = a;
    let sumS = a;
    for (let n = 1; n < 200; n++) {
      term *= (-a * a) / n;
      const add = term / (2 * n + 1);
      sumS += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sumS)) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sumS;
  }
  let frac = a;
  for (let k = 80; k >= 1; k--) frac = a + (k / 2) / frac;
  const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / frac;
  return Math.sign(x) * (1 - erfc);
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** PyTorch's GELU: x·Φ(x); its derivative Φ(x) + x·φ(x). */
const GELU = {
  name: 'gelu',
  f: (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  df: (x: number) => 0.5 * (1 + erf(x / Math.SQRT2)) + (x * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI),
};

/** GELU(approximate='tanh'): 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))). */
const GELU_TANH = {
  name: 'gelu',
  f: (x: number) => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x ** 3))),
  df: (x: number) => {
    const t = Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x ** 3));
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
  },
};

export function indexModule(m: ModuleInstance, index: { kind: 'int'; value: number } | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }, span: { start: number; end: number }): Value {
  try {
    const r = index.kind === 'int' ? indexSequential(m, index.value) : sliceSequential(m, index.start, index.stop, index.step);
    return { kind: 'module', module: r };
  } catch (e) {
    return moduleFailure(e, span);
  }
}

const BYTES: Record<string, number> = {
  float64: 8, double: 8, float32: 4, float: 4, float16: 2, half: 2, bfloat16: 2,
  int64: 8, long: 8, int32: 4, int: 4, int16: 2, short: 2, int8: 1, uint8: 1, bool: 1,
};

export function bytesOf(dtype: string, span: { start: number; end: number }): number {
  const b = BYTES[dtype.replace(/^torch\./, '')];
  if (b === undefined) throw new OpFailure(`unknown dtype '${dtype}' (known: ${Object.keys(BYTES).join(', ')})`, 'eval', undefined, span);
  return b;
}

/** A count as a value: a number when known, else a symbolic whole number. */
export function countValue(d: Dim): Value {
  const n = dimValue(d);
  return n !== undefined ? scalarTensor(n) : { kind: 'dim', dim: d, unknown: [] };
}

export interface QueryOutcome {
  value: Value;
  rows: LayerRow[] | null;
  steps: string[];
}

/**
 * `params(M)`, `macs(M, x...)`, `flops(M, x...)`, `activations(M, x...)`, `memory(x)`, `memory(M, x...)`,
 * `receptive_field(M)`. `dtype` is the name of a dtype (`'float16'`, `torch.float16`, `float16`).
 */
export function moduleQuery(name: string, args: readonly Arg[], dtype: string | null, callSpan: { start: number; end: number }, budget: Budget, layout?: Layout): QueryOutcome {
  const first = args[0];
  const moduleArg = first && !isTensor(first.v) && first.v.kind === 'module' ? first.v.module : null;
  if (name === 'memory' && !moduleArg) {
    if (args.length !== 1 || !isTensor(first.v)) throw new OpFailure('memory takes a tensor, memory(x), or a module and its input, memory(net, x)', 'eval', undefined, callSpan);
    const b = bytesOf(dtype ?? 'float32', callSpan);
    const n = mulDim(first.v.shape.reduce((p: Dim, d) => mulDim(p, d), constDim(1)), constDim(b));
    return { value: countValue(n), rows: null, steps: [`${fmt(first.v.shape)} values × ${b} bytes (${dtype ?? 'float32'})`] };
  }
  if (!moduleArg) {
    throw new OpFailure(`${name} takes a module first (${name}(net${name === 'params' || name === 'receptive_field' ? '' : ', x'})), got ${first ? describe(first.v) : 'nothing'}`, 'eval', undefined, first?.span ?? callSpan);
  }
  if (dtype !== null && name !== 'memory') throw new OpFailure(`${name} has no dtype argument`, 'eval', undefined, callSpan);
  try {
    if (name === 'params') {
      if (args.length !== 1) throw new OpFailure('params takes one module: params(net)', 'eval', undefined, args[1].span);
      const steps = moduleArg.children ? paramSteps(moduleArg) : [`${moduleArg.text}: ${moduleArg.paramNotes} = ${formatDim(moduleArg.params)}`];
      // No input, so no shapes: the hover's breakdown lists each layer's parameters only.
      const rows: LayerRow[] = leaves(moduleArg).map((l) => ({ path: l.path, module: l.module, inputs: [], out: [], params: l.module.params, macs: constDim(0), acts: constDim(0) }));
      return { value: countValue(moduleArg.params), rows: moduleArg.children ? rows : null, steps };
    }
    if (name === 'receptive_field') {
      if (args.length !== 1) throw new OpFailure('receptive_field takes one module: receptive_field(net)', 'eval', undefined, args[1].span);
      const rf = receptiveField(moduleArg);
      const steps = [...rf.steps, '1 + Σ d(k-1)·(product of the strides before), per dim'];
      const allSame = rf.dims.every((d) => formatDim(d) === formatDim(rf.dims[0]));
      // One number when every spatial dim agrees; else the field as a shape (11x7).
      if (allSame) return { value: countValue(rf.dims[0]), rows: null, steps };
      return { value: shapeOnlyTensor(rf.dims), rows: null, steps };
    }
    if (args.length < 2) throw new OpFailure(`${name} needs the module's input: ${name}(net, x)`, 'eval', undefined, callSpan);
    const xs = inputTensors(moduleArg, args.slice(1));
    const { rows } = runModule(moduleArg, xs.map((x) => x.shape), undefined, '', layout);
    const sumOf = (f: (r: LayerRow) => Dim) => rows.reduce((p: Dim, r) => addDim(p, f(r)), constDim(0));
    if (name === 'macs' || name === 'flops') {
      const macs = sumOf((r) => r.macs);
      const v = name === 'flops' ? mulDim(constDim(2), macs) : macs;
      const note = 'MACs: conv, transposed conv and linear weights (no bias), attention projections, QKᵀ and AV; pooling, norms and activations count 0' + (name === 'flops' ? '; FLOPs = 2 × MACs' : '');
      return { value: countValue(v), rows, steps: [...rows.filter((r) => dimValue(r.macs) !== 0).map((r) => `${label(r)}: ${formatDim(r.macs)} MACs`), note] };
    }
    const acts = sumOf((r) => r.acts);
    if (name === 'activations') return { value: countValue(acts), rows, steps: [`the values every layer outputs, summed (the input not included)`] };
    const b = bytesOf(dtype ?? 'float32', callSpan);
    return { value: countValue(mulDim(acts, constDim(b))), rows, steps: [`${formatDim(acts)} activations × ${b} bytes (${dtype ?? 'float32'})`] };
  } catch (e) {
    return moduleFailure(e, callSpan);
  }
}


function label(r: LayerRow): string {
  return r.path ? `[${r.path}] ${r.module.text}` : r.module.text;
}

function paramSteps(m: ModuleInstance): string[] {
  return leaves(m).filter((l) => dimValue(l.module.params) !== 0).map((l) => `[${l.path}] ${l.module.text}: ${l.module.paramNotes} = ${formatDim(l.module.params)}`);
}

export function isModuleValue(v: Value): v is { kind: 'module'; module: ModuleInstance } {
  return !isTensor(v) && v.kind === 'module';
}

export type { LayerRow, ModuleInstance };
