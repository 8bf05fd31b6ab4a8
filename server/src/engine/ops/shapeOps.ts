/**
 * Ops that move or regroup elements without arithmetic: permute/transpose/`.T`, reshape (with -1),
 * flatten, squeeze/unsqueeze, cat and stack.
 */
import {
  addDim, constDim, dimError, dimValue, dimsEqual, divDim, isIntegerValued, mulDim,
} from '../../dims';
import { fail, shapeFail } from '../errors';
import type { Budget } from '../limits';
import { fmt, normDim, stridesOf, type Dim, type Shape } from '../shape';
import { makeOp } from '../tape';
import { stridedMap } from './broadcast';
import type { Tensor } from '../tensor';

export function productDim(s: Shape): Dim {
  return s.reduce<Dim>((acc, d) => mulDim(acc, d), constDim(1));
}

// ---------- permute, transpose, .T ----------

/** For each output element, the flat input index when the dims are permuted by `perm`. */
function permuteMap(dims: readonly number[], perm: readonly number[]): Int32Array {
  const inStr = stridesOf(dims);
  const outDims = perm.map((p) => dims[p]);
  const str = perm.map((p) => inStr[p]);
  return stridedMap(outDims, str);
}

export function permute(x: Tensor, perm: readonly number[], budget: Budget, op = 'permute'): Tensor {
  if (perm.length !== x.rank) shapeFail(`${op}: expected ${x.rank} dims for a tensor of shape ${fmt(x.shape)}, got ${perm.length}`);
  const norm = perm.map((p) => normDim(p, x.rank, op));
  if (new Set(norm).size !== norm.length) fail(`${op}: repeated dim in (${perm.join(', ')})`);
  if (norm.every((p, i) => p === i)) return x;
  return makeOp(op, [x], norm.map((p) => x.shape[p]), budget, ([v], [s]) => {
    const map = permuteMap(s, norm);
    const out = new Float64Array(v.length);
    for (let i = 0; i < map.length; i++) out[i] = v[map[i]];
    return {
      out,
      backward: (g) => {
        const gx = new Float64Array(v.length);
        for (let i = 0; i < map.length; i++) gx[map[i]] = g[i];
        return [gx];
      },
    };
  });
}

export function transpose(x: Tensor, d0: number, d1: number, budget: Budget): Tensor {
  if (x.rank === 0) {
    normDim(d0, 0, 'transpose');
    normDim(d1, 0, 'transpose');
    return x;
  }
  const a = normDim(d0, x.rank, 'transpose');
  const b = normDim(d1, x.rank, 'transpose');
  const perm = x.shape.map((_, i) => i);
  perm[a] = b;
  perm[b] = a;
  return permute(x, perm, budget, 'transpose');
}

/** `x.T` reverses all dims, as PyTorch does (a 1-D or 0-d tensor is unchanged). */
export function reverseDims(x: Tensor, budget: Budget): Tensor {
  return permute(x, x.shape.map((_, i) => x.rank - 1 - i), budget, 'T');
}

// ---------- reshape family ----------

/** A reshape target: dims, with at most one `-1` (`infer`) whose size is worked out. */
export type ReshapeEntry = Dim | 'infer';

export function reshapeTarget(op: string, x: Shape, target: readonly ReshapeEntry[]): Shape {
  const total = productDim(x);
  const inferAt = target.flatMap((d, i) => (d === 'infer' ? [i] : []));
  if (inferAt.length > 1) fail(`${op}: only one dim can be -1`);
  const known = target.filter((d): d is Dim => d !== 'infer');
  for (const d of known) {
    const v = dimValue(d);
    if (v !== undefined && (v < 0 || !Number.isInteger(v))) fail(`${op}: invalid size ${v} in the new shape`);
  }
  const knownProd = productDim(known);
  const shown = target.map((d) => (d === 'infer' ? '-1' : fmt([d]))).join('×');
  if (inferAt.length === 0) {
    if (!dimsEqual(knownProd, total)) {
      shapeFail(`${op}: cannot reshape ${fmt(x)} (${fmt([total])} elements) into ${fmt(known)} (${fmt([knownProd])} elements)`);
    }
    return known;
  }
  const inferred = divDim(total, knownProd);
  if (dimError(inferred) !== undefined || dimValue(knownProd) === 0 || isIntegerValued(inferred) !== true) {
    shapeFail(`${op}: cannot reshape ${fmt(x)} (${fmt([total])} elements) into ${shown}: ${fmt([total])} is not a multiple of ${fmt([knownProd])}`);
  }
  return target.map((d) => (d === 'infer' ? inferred : d));
}

/** Same elements, new shape. The data array is shared: tensors are never mutated. */
export function reshapeTo(x: Tensor, shape: Shape, budget: Budget, op = 'reshape'): Tensor {
  return makeOp(op, [x], shape, budget, ([v]) => ({ out: v, backward: (g) => [g] }));
}

export function reshape(x: Tensor, target: readonly ReshapeEntry[], budget: Budget, op = 'reshape'): Tensor {
  return reshapeTo(x, reshapeTarget(op, x.shape, target), budget, op);
}

export function flatten(x: Tensor, startDim: number, endDim: number, budget: Budget): Tensor {
  if (x.rank === 0) {
    normDim(startDim, 0, 'flatten');
    normDim(endDim, 0, 'flatten');
    return reshapeTo(x, [constDim(1)], budget, 'flatten');
  }
  const s = normDim(startDim, x.rank, 'flatten');
  const e = normDim(endDim, x.rank, 'flatten');
  if (s > e) fail(`flatten: start_dim (${startDim}) comes after end_dim (${endDim})`);
  const shape = [...x.shape.slice(0, s), productDim(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshapeTo(x, shape, budget, 'flatten');
}

export function unsqueeze(x: Tensor, d: number, budget: Budget): Tensor {
  const at = normDim(d, x.rank + 1, 'unsqueeze');
  const shape = [...x.shape.slice(0, at), constDim(1), ...x.shape.slice(at)];
  return reshapeTo(x, shape, budget, 'unsqueeze');
}

export function squeeze(x: Tensor, d: number | null, budget: Budget): Tensor {
  if (d === null) return reshapeTo(x, x.shape.filter((s) => dimValue(s) !== 1), budget, 'squeeze');
  if (x.rank === 0) return x;
  const at = normDim(d, x.rank, 'squeeze');
  if (dimValue(x.shape[at]) !== 1) return x;
  return reshapeTo(x, x.shape.filter((_, i) => i !== at), budget, 'squeeze');
}

// ---------- cat, stack ----------

export function cat(xs: readonly Tensor[], d: number, budget: Budget, op = 'cat'): Tensor {
  if (xs.length === 0) fail(`${op}: expected a non-empty list of tensors`);
  const rank = xs[0].rank;
  if (rank === 0) shapeFail(`${op}: zero-dimensional tensors cannot be concatenated; use stack`);
  const at = normDim(d, rank, op);
  let size = xs[0].shape[at];
  xs.forEach((t, k) => {
    if (t.rank !== rank) shapeFail(`${op}: tensor ${k} has shape ${fmt(t.shape)}, but tensor 0 has ${fmt(xs[0].shape)} (different number of dims)`, 0);
    t.shape.forEach((s, i) => {
      if (i !== at && !dimsEqual(s, xs[0].shape[i])) {
        shapeFail(`${op}: tensor ${k} has shape ${fmt(t.shape)}, but tensor 0 has ${fmt(xs[0].shape)} (dim ${i} differs)`, 0);
      }
    });
    if (k > 0) size = addDim(size, t.shape[at]);
  });
  const shape = xs[0].shape.map((s, i) => (i === at ? size : s));
  return makeOp(op, xs, shape, budget, (vals, shapes) => {
    const outer = shapes[0].slice(0, at).reduce((a, b) => a * b, 1);
    const inner = shapes[0].slice(at + 1).reduce((a, b) => a * b, 1);
    const chunks = shapes.map((s) => s[at] * inner);
    const row = chunks.reduce((a, b) => a + b, 0);
    const out = new Float64Array(outer * row);
    for (let o = 0; o < outer; o++) {
      let pos = o * row;
      vals.forEach((v, k) => {
        out.set(v.subarray(o * chunks[k], (o + 1) * chunks[k]), pos);
        pos += chunks[k];
      });
    }
    return {
      out,
      backward: (g, need) =>
        vals.map((v, k) => {
          if (!need[k]) return null;
          const gx = new Float64Array(v.length);
          const start = chunks.slice(0, k).reduce((a, b) => a + b, 0);
          for (let o = 0; o < outer; o++) gx.set(g.subarray(o * row + start, o * row + start + chunks[k]), o * chunks[k]);
          return gx;
        }),
    };
  });
}

export function stack(xs: readonly Tensor[], d: number, budget: Budget): Tensor {
  if (xs.length === 0) fail('stack: expected a non-empty list of tensors');
  xs.forEach((t, k) => {
    if (t.rank !== xs[0].rank || !t.shape.every((s, i) => dimsEqual(s, xs[0].shape[i]))) {
      shapeFail(`stack: all tensors must have the same shape, but tensor ${k} is ${fmt(t.shape)} and tensor 0 is ${fmt(xs[0].shape)}`, 0);
    }
  });
  const at = normDim(d, xs[0].rank + 1, 'stack');
  return cat(xs.map((t) => unsqueeze(t, at, budget)), at, budget, 'stack');
}
