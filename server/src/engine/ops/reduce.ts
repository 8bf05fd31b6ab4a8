/**
 * Reductions: sum, mean, max, min over the whole tensor or over `dim` (an int or a list of ints for
 * sum/mean), with `keepdim`. max/min with a dim return the values only (PyTorch also returns the
 * indices as a second result; the claim language has no tuples of results).
 */
import { constDim } from '../../dims';
import { fail } from '../errors';
import type { Budget } from '../limits';
import { normDim, stridesOf, type Dim, type Shape } from '../shape';
import { makeOp } from '../tape';
import type { Tensor } from '../tensor';

export type Axes = number[] | null;

function reducedShape(op: string, shape: Shape, axes: Axes, keepdim: boolean): { shape: Shape; axes: Set<number> } {
  const set = new Set<number>();
  if (axes === null) for (let i = 0; i < shape.length; i++) set.add(i);
  else {
    for (const a of axes) {
      const d = normDim(a, shape.length, op);
      if (set.has(d)) fail(`${op}: dim ${a} appears more than once`);
      set.add(d);
    }
  }
  const out: Dim[] = [];
  shape.forEach((d, i) => {
    if (!set.has(i)) out.push(d);
    else if (keepdim) out.push(constDim(1));
  });
  // Reducing a 0-d tensor over dim 0/-1 is allowed by PyTorch and changes nothing.
  if (shape.length === 0) set.clear();
  return { shape: axes === null && !keepdim ? [] : out, axes: set };
}

/** For each input element, the flat index of the output element it reduces into. */
function reduceMap(dims: readonly number[], axes: Set<number>): { map: Int32Array; outSize: number; count: number } {
  const kept = dims.map((d, i) => (axes.has(i) ? 1 : d));
  const outStr = stridesOf(kept);
  const n = dims.reduce((a, b) => a * b, 1);
  const map = new Int32Array(n);
  const idx = new Array<number>(dims.length).fill(0);
  for (let k = 0; k < n; k++) {
    let o = 0;
    for (let ax = 0; ax < dims.length; ax++) if (!axes.has(ax)) o += idx[ax] * outStr[ax];
    map[k] = o;
    for (let ax = dims.length - 1; ax >= 0; ax--) {
      if (++idx[ax] < dims[ax]) break;
      idx[ax] = 0;
    }
  }
  let count = 1;
  dims.forEach((d, i) => {
    if (axes.has(i)) count *= d;
  });
  return { map, outSize: kept.reduce((a, b) => a * b, 1), count };
}

export function sum(x: Tensor, axes: Axes, keepdim: boolean, budget: Budget, mean = false): Tensor {
  const op = mean ? 'mean' : 'sum';
  const r = reducedShape(op, x.shape, axes, keepdim);
  return makeOp(op, [x], r.shape, budget, ([v], [s]) => {
    const { map, outSize, count } = reduceMap(s, r.axes);
    const scale = mean ? 1 / count : 1;
    const out = new Float64Array(outSize);
    for (let i = 0; i < v.length; i++) out[map[i]] += v[i];
    if (mean) for (let i = 0; i < out.length; i++) out[i] *= scale;
    return {
      out,
      backward: (g) => {
        const gx = new Float64Array(v.length);
        for (let i = 0; i < v.length; i++) gx[i] = g[map[i]] * scale;
        return [gx];
      },
    };
  });
}

/**
 * max/min. Over the whole tensor the gradient is shared evenly between tied extremes (PyTorch's
 * rule); along a dim it goes to the first extreme, the index PyTorch would return.
 */
export function extreme(x: Tensor, dim: number | null, keepdim: boolean, budget: Budget, isMax: boolean): Tensor {
  const op = isMax ? 'max' : 'min';
  const r = reducedShape(op, x.shape, dim === null ? null : [dim], keepdim);
  return makeOp(op, [x], r.shape, budget, ([v], [s]) => {
    if (v.length === 0) fail(`${op}: the tensor is empty`);
    const { map, outSize } = reduceMap(s, r.axes);
    const better = (a: number, b: number): boolean => (isMax ? a > b : a < b) || (Number.isNaN(a) && !Number.isNaN(b));
    const out = new Float64Array(outSize).fill(NaN);
    const arg = new Int32Array(outSize).fill(-1);
    for (let i = 0; i < v.length; i++) {
      const o = map[i];
      if (arg[o] < 0 || better(v[i], out[o])) {
        out[o] = v[i];
        arg[o] = i;
      }
    }
    const whole = dim === null;
    return {
      out,
      backward: (g) => {
        const gx = new Float64Array(v.length);
        if (!whole) {
          for (let o = 0; o < outSize; o++) gx[arg[o]] += g[o];
          return [gx];
        }
        let ties = 0;
        for (let i = 0; i < v.length; i++) if (v[i] === out[0] || Object.is(v[i], out[0])) ties++;
        for (let i = 0; i < v.length; i++) if (v[i] === out[0] || Object.is(v[i], out[0])) gx[i] = g[0] / ties;
        return [gx];
      },
    };
  });
}
