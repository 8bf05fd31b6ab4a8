/**
 * Basic indexing with Python's rules: integers (negative from the end) drop a dim, slices keep it
 * (`start:stop:step`, clamped like Python; PyTorch allows only positive steps), `None` inserts a dim
 * of size 1 and `...` stands for the dims not otherwise indexed. Index values are plain numbers here:
 * the evaluator has already turned `j` or `2*k+3` into numbers.
 */
import { addDim, ceilDim, constDim, dimValue, divDim, subDim } from '../../dims';
import { fail } from '../errors';
import { stridedMap } from './broadcast';
import type { Budget } from '../limits';
import { fmt, intOf, stridesOf, type Dim } from '../shape';
import { makeOp } from '../tape';
import type { Tensor } from '../tensor';

export type IndexSpec =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }
  | { kind: 'newaxis' }
  | { kind: 'ellipsis' };

/** One output dim (or a dropped one) and where it reads from. */
interface Plan {
  /** Input dim consumed, or -1 for `None`. */
  inDim: number;
  /** Output dim size; null when the dim is dropped (integer index). */
  size: Dim | null;
  start: number;
  step: number;
}

/** Python's `slice.indices` for a concrete length and positive step. */
function sliceIndices(len: number, start: number | null, stop: number | null, step: number): [number, number, number] {
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    const w = v < 0 ? v + len : v;
    return Math.min(Math.max(w, 0), len);
  };
  const s = clamp(start, 0);
  const e = clamp(stop, len);
  const n = e > s ? Math.ceil((e - s) / step) : 0;
  return [s, e, n];
}

function planIndex(x: Tensor, items: readonly IndexSpec[]): Plan[] {
  const consuming = items.filter((i) => i.kind === 'int' || i.kind === 'slice').length;
  const ellipses = items.filter((i) => i.kind === 'ellipsis').length;
  if (ellipses > 1) fail('an index can only have a single ellipsis (...)');
  if (consuming > x.rank) {
    fail(`too many indices for a tensor of shape ${fmt(x.shape)}: ${consuming} given, ${x.rank} dim${x.rank === 1 ? '' : 's'}`, 'operand-shapes');
  }
  const full: IndexSpec = { kind: 'slice', start: null, stop: null, step: null };
  const expanded: IndexSpec[] = [];
  for (const it of items) {
    if (it.kind === 'ellipsis') for (let k = 0; k < x.rank - consuming; k++) expanded.push(full);
    else expanded.push(it);
  }
  if (ellipses === 0) for (let k = consuming; k < x.rank; k++) expanded.push(full);

  const plans: Plan[] = [];
  let d = 0;
  for (const it of expanded) {
    if (it.kind === 'newaxis') {
      plans.push({ inDim: -1, size: constDim(1), start: 0, step: 0 });
      continue;
    }
    const len = x.shape[d];
    const n = intOf(len);
    if (it.kind === 'int') {
      if (!Number.isInteger(it.value)) fail(`index ${it.value} is not a whole number`);
      let v = it.value;
      if (n !== undefined) {
        if (v < -n || v >= n) {
          fail(`index ${it.value} is out of range for dim ${d} of size ${n} (shape ${fmt(x.shape)})`, 'operand-shapes');
        }
        if (v < 0) v += n;
      }
      plans.push({ inDim: d, size: null, start: v, step: 0 });
    } else if (it.kind === 'slice') {
      const step = it.step ?? 1;
      if (!Number.isInteger(step) || step <= 0) fail(`slice step must be a positive whole number (PyTorch has no negative steps), got ${step}`);
      for (const b of [it.start, it.stop]) if (b !== null && !Number.isInteger(b)) fail(`slice bound ${b} is not a whole number`);
      if (n !== undefined) {
        const [s, , size] = sliceIndices(n, it.start, it.stop, step);
        plans.push({ inDim: d, size: constDim(size), start: s, step });
      } else {
        // A symbolic length: assume the bounds fall inside the dim (x[1:] on p rows has p-1).
        const at = (v: number | null, dflt: Dim): Dim => (v === null ? dflt : v < 0 ? addDim(len, constDim(v)) : constDim(v));
        const size = ceilDim(divDim(subDim(at(it.stop, len), at(it.start, constDim(0))), constDim(step)));
        const sv = dimValue(size);
        plans.push({ inDim: d, size: sv !== undefined ? constDim(Math.max(0, sv)) : size, start: 0, step });
      }
    }
    d++;
  }
  return plans;
}

export function index(x: Tensor, items: readonly IndexSpec[], budget: Budget): Tensor {
  const plans = planIndex(x, items);
  const shape = plans.flatMap((p) => (p.size === null ? [] : [p.size]));
  return makeOp('index', [x], shape, budget, ([v], [s], outDims) => {
    const inStr = stridesOf(s);
    let base = 0;
    const str: number[] = [];
    for (const p of plans) {
      if (p.inDim >= 0) base += p.start * inStr[p.inDim];
      if (p.size !== null) str.push(p.inDim >= 0 ? inStr[p.inDim] * p.step : 0);
    }
    const map = stridedMap(outDims, str, base);
    const n = map.length;
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = v[map[k]];
    return {
      out,
      backward: (g) => {
        const gx = new Float64Array(v.length);
        for (let k = 0; k < n; k++) gx[map[k]] += g[k];
        return [gx];
      },
    };
  });
}

