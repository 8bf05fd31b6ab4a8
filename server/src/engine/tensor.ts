/**
 * The engine's value: a float64 tensor whose shape may hold symbols. `data` (row-major) is present
 * only when the values are known, which needs a concrete shape; a tensor declared with `let x : 2x5`
 * is shape-only and flows through shape rules alone.
 */
import type { NestedNumbers } from '../core/result';
import { OpFailure } from './errors';
import { concrete, fmt, numel, shapeOf, type Shape } from './shape';

/** Gradients of an op's inputs given the gradient of its output; `need[i]` false may give null. */
export type Backward = (g: Float64Array, need: readonly boolean[]) => (Float64Array | null)[];

export interface GradNode {
  op: string;
  inputs: readonly Tensor[];
  backward: Backward;
}

export class Tensor {
  /**
   * For a shape-only tensor: why it has no values, as the start of a sentence
   * ("x has only a shape (2×5); give it values with `let x = ...`"). Ops pass it on to their results.
   */
  missing: string | null = null;

  constructor(
    readonly shape: Shape,
    readonly data: Float64Array | null,
    /** How this tensor was computed, for reverse-mode autodiff; null for leaves and constants. */
    readonly node: GradNode | null = null,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  /** The concrete dims; throws when symbolic, so call it only on tensors that have data. */
  get dims(): number[] {
    const c = concrete(this.shape);
    if (!c) throw new OpFailure(`internal: shape ${fmt(this.shape)} is not concrete`);
    return c;
  }
}

export function shapeOnlyTensor(shape: Shape): Tensor {
  return new Tensor(shape, null);
}

export function fromData(dims: readonly number[], data: Float64Array, node: GradNode | null = null): Tensor {
  return new Tensor(shapeOf(dims), data, node);
}

export function scalarTensor(v: number): Tensor {
  return new Tensor([], Float64Array.of(v));
}

/** The values, or a needs-values error that says which tensor has only a shape. */
export function valuesOf(t: Tensor, what?: string, arg?: number): Float64Array {
  if (t.data) return t.data;
  throw new OpFailure(needsValuesMessage(t, what), 'needs-values', arg);
}

export function needsValuesMessage(t: Tensor, what?: string): string {
  const why = t.missing ?? `this has only a shape (${fmt(t.shape)}); give its inputs values with \`let name = ...\``;
  return `${why} to compute ${what ?? 'this'}`;
}

/**
 * Nested arrays to a tensor. Ragged input is a RangeError naming the first bad position; use
 * `nestedToTensor` for a result value instead of an exception.
 */
export function tensorFromNested(v: NestedNumbers | number): Tensor {
  const r = nestedToTensor(v);
  if (!r.ok) throw new RangeError(r.message);
  return r.value;
}

export function nestedToTensor(v: NestedNumbers | number): { ok: true; value: Tensor } | { ok: false; message: string } {
  if (typeof v === 'number') return { ok: true, value: scalarTensor(v) };
  const dims: number[] = [];
  let probe: unknown = v;
  while (Array.isArray(probe)) {
    dims.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const out = new Float64Array(numel(dims));
  let k = 0;
  const walk = (x: unknown, depth: number, path: number[]): string | null => {
    if (depth === dims.length) {
      if (typeof x !== 'number') return `ragged list: the item at [${path.join(', ')}] is a list where a number was expected`;
      out[k++] = x;
      return null;
    }
    if (!Array.isArray(x)) return `ragged list: the item at [${path.join(', ')}] is a number where a list of ${dims[depth]} was expected`;
    if (x.length !== dims[depth]) {
      return `ragged list: the list at [${path.join(', ')}] has ${x.length} items, but ${dims[depth]} were expected`;
    }
    for (let i = 0; i < x.length; i++) {
      const e = walk(x[i], depth + 1, [...path, i]);
      if (e) return e;
    }
    return null;
  };
  const err = walk(v, 0, []);
  if (err) return { ok: false, message: err };
  return { ok: true, value: fromData(dims, out) };
}

/** A tensor's values as nested arrays (a plain number for a 0-d tensor); null when shape-only. */
export function toNested(t: Tensor): number | NestedNumbers {
  const data = t.data;
  const dims = concrete(t.shape);
  if (!data || !dims) throw new RangeError(needsValuesMessage(t, 'its values'));
  if (dims.length === 0) return data[0];
  let k = 0;
  const build = (depth: number): NestedNumbers => {
    const n = dims[depth];
    if (depth === dims.length - 1) {
      const row: number[] = [];
      for (let i = 0; i < n; i++) row.push(data[k++]);
      return row;
    }
    const rows: NestedNumbers[] = [];
    for (let i = 0; i < n; i++) rows.push(build(depth + 1));
    return rows as NestedNumbers;
  };
  return build(0);
}
