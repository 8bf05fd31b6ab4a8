/**
 * Shape helpers over the symbolic dims algebra: concreteness, element counts, broadcasting and the
 * way shapes are printed in messages.
 */
import {
  constDim, dimValue, dimsEqual, formatShape, freeSymbols, substituteDim, type Dim, type Shape,
} from '../dims';
import { shapeFail } from './errors';

export type { Dim, Shape };

export const dim = (n: number): Dim => constDim(n);
export const shapeOf = (ns: readonly number[]): Shape => ns.map((n) => constDim(n));

/** `2×5`; a scalar prints as `()`, which reads well inside messages and traces. */
export function fmt(s: Shape): string {
  return s.length === 0 ? '()' : formatShape(s, 'pretty');
}

/** The whole-number value of a dim, or undefined when symbolic (or fractional). */
export function intOf(d: Dim): number | undefined {
  const v = dimValue(d);
  return v !== undefined && Number.isInteger(v) ? v : undefined;
}

/** The numbers of a shape when every dim is a whole number. */
export function concrete(s: Shape): number[] | null {
  const out: number[] = [];
  for (const d of s) {
    const v = intOf(d);
    if (v === undefined) return null;
    out.push(v);
  }
  return out;
}

export function numel(s: readonly number[]): number {
  let n = 1;
  for (const d of s) n *= d;
  return n;
}

export function stridesOf(s: readonly number[]): number[] {
  const st = new Array<number>(s.length);
  let acc = 1;
  for (let i = s.length - 1; i >= 0; i--) {
    st[i] = acc;
    acc *= s[i];
  }
  return st;
}

export function shapeSymbols(s: Shape): Set<string> {
  const out = new Set<string>();
  for (const d of s) for (const n of freeSymbols(d)) out.add(n);
  return out;
}

export function substituteShape(s: Shape, values: ReadonlyMap<string, number>): Shape {
  if (values.size === 0) return s;
  return s.map((d) => substituteDim(d, values));
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => dimsEqual(d, b[i]));
}

function isOne(d: Dim): boolean {
  return dimValue(d) === 1;
}

/**
 * NumPy/PyTorch broadcasting. A symbolic dim broadcasts only against an equal dim or a literal 1:
 * `p` against `3` could be either a mismatch or a broadcast, so we refuse rather than guess.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): Shape {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i];
    const db = b[b.length - n + i];
    if (da === undefined) out.push(db);
    else if (db === undefined) out.push(da);
    else if (dimsEqual(da, db)) out.push(da);
    else if (isOne(da)) out.push(db);
    else if (isOne(db)) out.push(da);
    else {
      shapeFail(`${op}: cannot broadcast ${fmt(a)} with ${fmt(b)} (dims ${fmt([da])} and ${fmt([db])} differ)`);
    }
  }
  return out;
}

/** Python's rule for a dim argument: -1 is the last; out of range is an error. */
export function normDim(d: number, rank: number, op: string, arg?: number): number {
  const r = Math.max(rank, 1);
  if (!Number.isInteger(d) || d < -r || d >= r) {
    shapeFail(`${op}: dim ${d} is out of range for a tensor with ${rank} dim${rank === 1 ? '' : 's'} (expected -${r} to ${r - 1})`, arg);
  }
  return d < 0 ? d + r : d;
}
