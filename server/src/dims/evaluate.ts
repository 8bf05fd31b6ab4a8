/**
 * Exact evaluation of a dim at a point, and the random-point test that decides equalities the normal
 * form cannot (floor((H-3)/2) against floor((H+1)/2)-2).
 */
import type { DimNode } from './normal';
import { hasOpaqueAtoms, isZeroNode, subNode, collectSymbols } from './normal';
import { Q, Q1, qAdd, qCeil, qDiv, qEq, qFloor, qMul, qPow } from './rational';
import { seededUniform } from '../core/random';

/** The exact value, or undefined when a symbol has no value or a division by zero happens. */
export function evalExact(d: DimNode, point: ReadonlyMap<string, number | bigint>): Q | undefined {
  if (d.error) return undefined;
  let sum: Q = { n: 0n, d: 1n };
  for (const t of d.terms) {
    let prod: Q = t.coef;
    for (const f of t.factors) {
      let base: Q | undefined;
      const atom = f.atom;
      if (atom.kind === 'sym') {
        const v = point.get(atom.name);
        if (v === undefined) return undefined;
        if (typeof v === 'bigint') base = { n: v, d: 1n };
        else {
          if (!Number.isInteger(v)) return undefined;
          base = { n: BigInt(v), d: 1n };
        }
      } else {
        const inner = evalExact(atom.arg as DimNode, point);
        if (!inner) return undefined;
        base = atom.kind === 'floor' ? qFloor(inner) : atom.kind === 'ceil' ? qCeil(inner) : qDiv(Q1, inner);
        if (!base) return undefined;
      }
      const p = qPow(base, f.exp);
      if (!p) return undefined;
      prod = qMul(prod, p);
    }
    sum = qAdd(sum, prod);
  }
  return sum;
}

/** Seeded, so that equality answers never change between runs. */
const rng = seededUniform;

/** Ranges the random points come from: small values exercise floor boundaries, large ones growth. */
const RANGES: readonly number[] = [4, 12, 40, 1000];
const POINTS_PER_RANGE = 24;

/**
 * Equal as functions of positive integer symbols? Exact when no floor/ceil/reciprocal remains in the
 * difference (the normal form of a Laurent polynomial is unique); otherwise evaluated at seeded random
 * points, where agreement at every point that is defined for both counts as equal.
 */
export function nodesEqual(a: DimNode, b: DimNode): boolean {
  if (a.error || b.error) return false;
  if (a.key === b.key) return true;
  const diff = subNode(a, b);
  if (isZeroNode(diff)) return true;
  if (!hasOpaqueAtoms(diff)) return false;
  const symbols = new Set<string>();
  collectSymbols(a, symbols);
  collectSymbols(b, symbols);
  const names = [...symbols].sort();
  const next = rng(0x5eed);
  let defined = 0;
  for (const range of RANGES) {
    for (let i = 0; i < POINTS_PER_RANGE; i++) {
      const point = new Map<string, number>();
      for (const n of names) point.set(n, 1 + Math.floor(next() * range));
      const va = evalExact(a, point);
      const vb = evalExact(b, point);
      // A point where either side divides by zero says nothing: (H-1)/(H-1)·x and x are equal dims.
      if (!va || !vb) continue;
      if (!qEq(va, vb)) return false;
      defined++;
    }
  }
  return defined > 0;
}
