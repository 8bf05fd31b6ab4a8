/**
 * Exact evaluation of a dim at a point, and the random-point test that decides equalities the normal
 * form cannot (floor((H-3)/2) against floor((H+1)/2)-2).
 */
import type { DimNode } from './normal';
import { hasOpaqueAtoms, isZeroNode, subNode, collectSymbols } from './normal';
import { qEq } from './rational';
import { evalExact } from './evaluate-exact';
import { decideByResidues } from './residues';
import { seededUniform } from '../core/random';

export { evalExact };

/** Seeded, so that equality answers never change between runs. */
const rng = seededUniform;

/** Ranges the random points come from: small values exercise floor boundaries, large ones growth. */
const RANGES: readonly number[] = [4, 12, 40, 1000];
const POINTS_PER_RANGE = 24;

/** The small-value grid tried before random points: every symbol from 1 to GRID_MAX, at most GRID_POINTS points. */
const GRID_MAX = 8;
const GRID_POINTS = 512;

/**
 * Equal as functions of positive integer symbols? Exact when no floor/ceil/reciprocal remains in the
 * difference (the normal form of a Laurent polynomial is unique), and exact when floors and ceils
 * divide by numbers only (residues.ts: every residue of every divisor). Otherwise (division by a
 * symbol, `floor(H/S)`) evaluated on a grid of small values, where floor boundaries sit, and at seeded
 * random points; agreement at every point that is defined for both counts as equal.
 */
export function nodesEqual(a: DimNode, b: DimNode): boolean {
  if (a.error || b.error) return false;
  if (a.key === b.key) return true;
  const diff = subNode(a, b);
  if (isZeroNode(diff)) return true;
  if (!hasOpaqueAtoms(diff)) return false;
  const exact = decideByResidues(diff);
  if (exact) return exact.zero;
  const symbols = new Set<string>();
  collectSymbols(a, symbols);
  collectSymbols(b, symbols);
  const names = [...symbols].sort();
  const next = rng(0x5eed);
  let defined = 0;
  const total = GRID_MAX ** names.length;
  for (let i = 0; i < Math.min(total, GRID_POINTS); i++) {
    const point = new Map<string, number>();
    let k = total > GRID_POINTS ? Math.floor(next() * total) : i;
    for (const n of names) {
      point.set(n, 1 + (k % GRID_MAX));
      k = Math.floor(k / GRID_MAX);
    }
    const va = evalExact(a, point);
    const vb = evalExact(b, point);
    if (!va || !vb) continue;
    if (!qEq(va, vb)) return false;
    defined++;
  }
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
