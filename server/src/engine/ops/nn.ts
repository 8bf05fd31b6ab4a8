/**
 * Neural-network layers as ops: convolution, transposed convolution, max/avg pooling and linear.
 * The shape rules here work on symbolic dims with PyTorch's formulas; the numbers come from the
 * kernels in ../kernels, which always take a batch dim (an unbatched input gets one here).
 */
import {
  addDim, constDim, dimValue, dimsEqual, floorDivDim, mulDim, subDim,
} from '../../dims';
import {
  KernelAborted, avgPoolBackward, avgPoolForward, convBackward, convForward, convTransposeBackward,
  convTransposeForward, maxPoolBackward, maxPoolForward, poolOutputSize, samePadding,
  type ConvParams, type ConvTParams, type PoolParams,
} from '../kernels';
import { fail, OpFailure, shapeFail } from '../errors';
import type { Budget } from '../limits';
import { fmt, intOf, type Dim, type Shape } from '../shape';
import { makeOp } from '../tape';
import type { Tensor } from '../tensor';
import { binary, BINARY } from './elementwise';
import { matmul } from './matmul';
import { reverseDims } from './shapeOps';

/** Runs a kernel, turning its exceptions into engine errors. */
function runKernel<T>(op: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof KernelAborted) throw new OpFailure(`${op}: evaluation took too long and was stopped (time limit)`, 'limit');
    if (e instanceof OpFailure) throw e;
    throw new OpFailure(`${op}: ${e instanceof Error ? e.message : String(e)}`, 'eval');
  }
}

/** An int or a tuple for each of `nd` spatial dims, as PyTorch's `_pair`/`_triple` accept. */
export function expandParam(op: string, name: string, v: readonly number[], nd: number, min: number): number[] {
  const out = v.length === 1 ? new Array<number>(nd).fill(v[0]) : [...v];
  if (out.length !== nd) fail(`${op}: ${name} needs 1 or ${nd} values, got ${v.length} (${v.join(', ')})`);
  for (const x of out) {
    if (!Number.isInteger(x) || x < min) fail(`${op}: ${name} must be ${min === 0 ? 'a non-negative' : 'a positive'} whole number, got ${x}`);
  }
  return out;
}

function checkRank(op: string, x: Tensor, nd: number, what = 'input'): boolean {
  if (x.rank === nd + 1) return false;
  if (x.rank === nd + 2) return true;
  shapeFail(`${op}: expected a ${nd + 1}-D (unbatched) or ${nd + 2}-D (batched) ${what}, got shape ${fmt(x.shape)}`, 0);
}

function tooSmall(op: string, x: Shape, i: number, size: Dim, detail: string): void {
  const v = dimValue(size);
  if (v !== undefined && v < 1) {
    shapeFail(`${op}: the input ${fmt(x)} is too small: spatial dim ${i} gives output size ${v} (${detail})`, 0);
  }
}

const batchedDims = (dims: readonly number[], batched: boolean): number[] => (batched ? [...dims] : [1, ...dims]);

// ---------- convolution ----------

export interface ConvOptions {
  stride: number[];
  padding: number[] | 'same' | 'valid';
  dilation: number[];
  groups: number;
}

export function conv(nd: number, x: Tensor, w: Tensor, b: Tensor | null, o: ConvOptions, budget: Budget): Tensor {
  const op = `conv${nd}d`;
  const batched = checkRank(op, x, nd);
  if (w.rank !== nd + 2) shapeFail(`${op}: the weight must be ${nd + 2}-D (out_channels, in_channels/groups, kernel...), got ${fmt(w.shape)}`, 1);
  const stride = expandParam(op, 'stride', o.stride, nd, 1);
  const dilation = expandParam(op, 'dilation', o.dilation, nd, 1);
  const groups = o.groups;
  if (!Number.isInteger(groups) || groups < 1) fail(`${op}: groups must be a positive whole number, got ${groups}`);
  const cin = x.shape[batched ? 1 : 0];
  const cout = w.shape[0];
  if (!dimsEqual(mulDim(w.shape[1], constDim(groups)), cin)) {
    shapeFail(
      `${op}: the input ${fmt(x.shape)} has ${fmt([cin])} channels, but the weight ${fmt(w.shape)} expects ${fmt([mulDim(w.shape[1], constDim(groups))])}` +
        (groups > 1 ? ` (${fmt([w.shape[1]])} per group × groups=${groups})` : ''),
    );
  }
  const coutN = intOf(cout);
  if (coutN !== undefined && coutN % groups !== 0) shapeFail(`${op}: out_channels ${coutN} is not divisible by groups=${groups}`, 1);
  if (b && (b.rank !== 1 || !dimsEqual(b.shape[0], cout))) {
    shapeFail(`${op}: the bias must have shape ${fmt([cout])} (one per output channel), got ${fmt(b.shape)}`, 2);
  }
  let pad: number[] | 'same';
  if (o.padding === 'same') {
    if (stride.some((s) => s !== 1)) fail(`${op}: padding='same' needs stride 1 (PyTorch does not support it for strided convolutions)`);
    pad = 'same';
  } else pad = o.padding === 'valid' ? new Array<number>(nd).fill(0) : expandParam(op, 'padding', o.padding, nd, 0);

  const spatial = x.shape.slice(x.rank - nd);
  const ks = w.shape.slice(2);
  const outSpatial = spatial.map((L, i) => {
    if (pad === 'same') return L;
    // floor((L + 2p - d(k-1) - 1)/s) + 1
    const span = addDim(mulDim(constDim(dilation[i]), subDim(ks[i], constDim(1))), constDim(1));
    const size = addDim(floorDivDim(subDim(addDim(L, constDim(2 * pad[i])), span), constDim(stride[i])), constDim(1));
    tooSmall(op, x.shape, i, size, `kernel ${fmt([ks[i]])}, stride ${stride[i]}, padding ${pad[i]}, dilation ${dilation[i]}`);
    return size;
  });
  const shape = [...(batched ? [x.shape[0]] : []), cout, ...outSpatial];
  const inputs = b ? [x, w, b] : [x, w];
  return makeOp(op, inputs, shape, budget, (vals, shapes, outDims) => {
    const xs = batchedDims(shapes[0], batched);
    const kDims = shapes[1].slice(2);
    const padLo: number[] = [];
    const padHi: number[] = [];
    kDims.forEach((k, i) => {
      if (pad === 'same') {
        const sp = samePadding(k, dilation[i]);
        padLo.push(sp.lo);
        padHi.push(sp.hi);
      } else {
        padLo.push(pad[i]);
        padHi.push(pad[i]);
      }
    });
    const p: ConvParams = { stride, padLo, padHi, dilation, groups };
    const stop = (): boolean => budget.expired();
    const r = runKernel(op, () => convForward(vals[0], xs, vals[1], shapes[1], b ? vals[2] : null, p, stop));
    const oDims = batchedDims(outDims, batched);
    return {
      out: r.out,
      backward: (g) => {
        const gr = runKernel(op, () => convBackward(g, oDims, vals[0], xs, vals[1], shapes[1], p, b !== null, stop));
        return b ? [gr.gx, gr.gw, gr.gb] : [gr.gx, gr.gw];
      },
    };
  });
}

export interface ConvTOptions {
  stride: number[];
  padding: number[];
  outputPadding: number[];
  groups: number;
  dilation: number[];
}

export function convTranspose(nd: number, x: Tensor, w: Tensor, b: Tensor | null, o: ConvTOptions, budget: Budget): Tensor {
  const op = `conv_transpose${nd}d`;
  const batched = checkRank(op, x, nd);
  if (w.rank !== nd + 2) shapeFail(`${op}: the weight must be ${nd + 2}-D (in_channels, out_channels/groups, kernel...), got ${fmt(w.shape)}`, 1);
  const stride = expandParam(op, 'stride', o.stride, nd, 1);
  const padding = expandParam(op, 'padding', o.padding, nd, 0);
  const outPad = expandParam(op, 'output_padding', o.outputPadding, nd, 0);
  const dilation = expandParam(op, 'dilation', o.dilation, nd, 1);
  const groups = o.groups;
  if (!Number.isInteger(groups) || groups < 1) fail(`${op}: groups must be a positive whole number, got ${groups}`);
  outPad.forEach((v, i) => {
    if (v >= stride[i] && v >= dilation[i]) {
      fail(`${op}: output_padding (${v}) must be smaller than either stride (${stride[i]}) or dilation (${dilation[i]})`);
    }
  });
  const cin = x.shape[batched ? 1 : 0];
  if (!dimsEqual(w.shape[0], cin)) {
    shapeFail(`${op}: the input ${fmt(x.shape)} has ${fmt([cin])} channels, but the weight ${fmt(w.shape)} expects ${fmt([w.shape[0]])} (its first dim)`);
  }
  const cinN = intOf(cin);
  if (cinN !== undefined && cinN % groups !== 0) shapeFail(`${op}: in_channels ${cinN} is not divisible by groups=${groups}`, 1);
  const cout = mulDim(w.shape[1], constDim(groups));
  if (b && (b.rank !== 1 || !dimsEqual(b.shape[0], cout))) {
    shapeFail(`${op}: the bias must have shape ${fmt([cout])} (one per output channel), got ${fmt(b.shape)}`, 2);
  }
  const spatial = x.shape.slice(x.rank - nd);
  const ks = w.shape.slice(2);
  const outSpatial = spatial.map((L, i) => {
    // (L-1)s - 2p + d(k-1) + op + 1
    const size = addDim(
      addDim(mulDim(subDim(L, constDim(1)), constDim(stride[i])), mulDim(constDim(dilation[i]), subDim(ks[i], constDim(1)))),
      constDim(outPad[i] + 1 - 2 * padding[i]),
    );
    tooSmall(op, x.shape, i, size, `kernel ${fmt([ks[i]])}, stride ${stride[i]}, padding ${padding[i]}, output_padding ${outPad[i]}, dilation ${dilation[i]}`);
    return size;
  });
  const shape = [...(batched ? [x.shape[0]] : []), cout, ...outSpatial];
  const inputs = b ? [x, w, b] : [x, w];
  return makeOp(op, inputs, shape, budget, (vals, shapes, outDims) => {
    const xs = batchedDims(shapes[0], batched);
    const p: ConvTParams = { stride, padding, outputPadding: outPad, dilation, groups };
    const stop = (): boolean => budget.expired();
    const r = runKernel(op, () => convTransposeForward(vals[0], xs, vals[1], shapes[1], b ? vals[2] : null, p, stop));
    const oDims = batchedDims(outDims, batched);
    return {
      out: r.out,
      backward: (g) => {
        const gr = runKernel(op, () => convTransposeBackward(g, oDims, vals[0], xs, vals[1], shapes[1], p, b !== null, stop));
        return b ? [gr.gx, gr.gw, gr.gb] : [gr.gx, gr.gw];
      },
    };
  });
}

// ---------- pooling ----------

export interface PoolOptions {
  kernel: number[];
  /** null: the kernel size (PyTorch's default). */
  stride: number[] | null;
  padding: number[];
  dilation: number[];
  ceilMode: boolean;
  countIncludePad: boolean;
}

export function pool(kind: 'max' | 'avg', nd: number, x: Tensor, o: PoolOptions, budget: Budget): Tensor {
  const op = `${kind}_pool${nd}d`;
  const batched = checkRank(op, x, nd);
  const k = expandParam(op, 'kernel_size', o.kernel, nd, 1);
  const s = o.stride === null || o.stride.length === 0 ? k : expandParam(op, 'stride', o.stride, nd, 1);
  const p = expandParam(op, 'padding', o.padding, nd, 0);
  const d = expandParam(op, 'dilation', o.dilation, nd, 1);
  if (kind === 'avg' && d.some((v) => v !== 1)) fail(`${op}: avg pooling has no dilation`);
  p.forEach((v, i) => {
    if (v > Math.floor(k[i] / 2)) fail(`${op}: padding should be at most half of the kernel size, got padding=${v} and kernel_size=${k[i]}`);
  });
  const spatial = x.shape.slice(x.rank - nd);
  const outSpatial = spatial.map((L, i) => {
    const n = intOf(L);
    const detail = `kernel ${k[i]}, stride ${s[i]}, padding ${p[i]}${kind === 'max' ? `, dilation ${d[i]}` : ''}${o.ceilMode ? ', ceil_mode' : ''}`;
    if (n !== undefined) {
      const size = constDim(poolOutputSize(n, k[i], s[i], p[i], d[i], o.ceilMode));
      tooSmall(op, x.shape, i, size, detail);
      return size;
    }
    // Symbolic: the formula only. In ceil mode PyTorch drops a last window that starts in the right
    // padding, which cannot be decided without the number; we use the plain ceil formula.
    const num = subDim(addDim(L, constDim(2 * p[i] + (o.ceilMode ? s[i] - 1 : 0))), constDim(d[i] * (k[i] - 1) + 1));
    return addDim(floorDivDim(num, constDim(s[i])), constDim(1));
  });
  const shape = [...x.shape.slice(0, x.rank - nd), ...outSpatial];
  const params: PoolParams = { kernel: k, stride: s, padding: p, dilation: d, ceilMode: o.ceilMode, countIncludePad: o.countIncludePad };
  return makeOp(op, [x], shape, budget, ([v], [xsRaw], outDims) => {
    const xs = batchedDims(xsRaw, batched);
    const oDims = batchedDims(outDims, batched);
    const stop = (): boolean => budget.expired();
    if (kind === 'max') {
      const r = runKernel(op, () => maxPoolForward(v, xs, params, stop));
      return { out: r.out, backward: (g) => [runKernel(op, () => maxPoolBackward(g, r.argmax, xs, stop))] };
    }
    const r = runKernel(op, () => avgPoolForward(v, xs, params, stop));
    return { out: r.out, backward: (g) => [runKernel(op, () => avgPoolBackward(g, oDims, xs, params, stop))] };
  });
}

// ---------- linear ----------

/** linear(x, W, b) = x @ W.T + b, with W of shape (out_features, in_features) as in PyTorch. */
export function linear(x: Tensor, w: Tensor, b: Tensor | null, budget: Budget): Tensor {
  if (x.rank === 0) shapeFail(`linear: the input must have at least 1 dim, got ${fmt(x.shape)}`, 0);
  if (w.rank !== 1 && w.rank !== 2) shapeFail(`linear: the weight must be (out_features, in_features), got ${fmt(w.shape)}`, 1);
  const inF = x.shape[x.rank - 1];
  const wIn = w.shape[w.rank - 1];
  if (!dimsEqual(inF, wIn)) {
    shapeFail(`linear: the input ${fmt(x.shape)} has ${fmt([inF])} features, but the weight ${fmt(w.shape)} expects ${fmt([wIn])}`);
  }
  const y = matmul(x, reverseDims(w, budget), budget, 'linear');
  if (!b) return y;
  try {
    return binary(BINARY.add, y, b, budget);
  } catch {
    shapeFail(`linear: the bias ${fmt(b.shape)} does not match the output ${fmt(y.shape)}`, 2);
  }
}
