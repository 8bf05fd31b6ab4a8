/**
 * Exact decision of size identities with floor and ceil, by splitting each symbol by its residues.
 *
 * Sizes are whole positive numbers. When every floor/ceil argument is a polynomial with rational
 * coefficients (no division by a symbol), write each symbol H as L·t + r, where L is the least common
 * multiple of the denominators H meets inside a floor and r runs over 0..L-1. For whole t,
 * floor((p/q)(L·t + r) + c) = (p·L/q)·t + floor((p/q)·r + c): the floor leaves the t part, and what
 * remains is a polynomial in t, whose normal form is unique. So `floor((H-1)/64) = floor(H/64)` is
 * decided for all 64 residues of H, and fails at H ≡ 0 mod 64 (where 24 random points below 1000 can
 * miss it). Nested floors unfold one level per round. Division by a symbol (`floor(H/S)`) is not
 * periodic in this way: the caller falls back to sampling, and `undefined` says so.
 */
import type { DimNode } from './normal';
import { addNode, collectSymbols, constNode, hasOpaqueAtoms, isZeroNode, mapSymbols, mulNode, symNode } from './normal';
import { evalExact } from './evaluate-exact';
import { lcm, q, qEq } from './rational';
import { seededUniform } from '../core/random';

/** Most residue cases one decision may visit (over all rounds): beyond it, sampling decides. */
export const MAX_RESIDUE_CASES = 4096;
const MAX_ROUNDS = 6;

export type ResidueVerdict =
  | { zero: true }
  /** `witness` gives each original symbol a whole positive value where the difference is not zero. */
  | { zero: false; witness: Map<string, bigint> };

/**
 * For each symbol, the lcm of the denominators of the coefficients it meets inside the outermost
 * floor/ceil atoms; undefined when an atom divides by a symbol or holds a reciprocal.
 */
function periods(d: DimNode): Map<string, bigint> | undefined {
  const out = new Map<string, bigint>();
  for (const t of d.terms) {
    for (const f of t.factors) {
      if (f.atom.kind === 'sym') continue;
      if (f.atom.kind === 'inv') return undefined;
      const arg = f.atom.arg as DimNode;
      for (const u of arg.terms) {
        for (const g of u.factors) {
          if (g.atom.kind === 'inv' || g.exp < 0) return undefined;
          if (g.atom.kind !== 'sym') continue; // an inner floor: unfolded in a later round
          out.set(g.atom.name, lcm(out.get(g.atom.name) ?? 1n, u.coef.d));
        }
      }
      // Symbols only inside an inner floor get their period when that floor is outermost.
      if (![...arg.terms].some((u) => u.factors.some((g) => g.atom.kind === 'sym'))) {
        const inner = periods(arg);
        if (!inner) return undefined;
        for (const [k, v] of inner) out.set(k, lcm(out.get(k) ?? 1n, v));
      }
    }
  }
  return out;
}

/** A point where a non-zero polynomial (no opaque atoms) is not zero; every symbol at least 1. */
function nonZeroPoint(d: DimNode): Map<string, bigint> | undefined {
  const names = new Set<string>();
  collectSymbols(d, names);
  const sorted = [...names].sort();
  const next = seededUniform(0x0dd5);
  for (let i = 0; i < 200; i++) {
    const point = new Map<string, bigint>();
    // Small values first (a student checks those by hand), then larger ones.
    const range = i < 50 ? 6 : 1000;
    for (const n of sorted) point.set(n, BigInt(1 + Math.floor(next() * range)));
    const v = evalExact(d, point);
    if (v && !qEq(v, q(0n))) return point;
  }
  return undefined;
}

/**
 * Decides whether `diff` is zero for every assignment of whole positive numbers to its symbols, when
 * the residue split can (see the file comment); undefined when it cannot.
 */
export function decideByResidues(diff: DimNode): ResidueVerdict | undefined {
  if (diff.error) return undefined;
  const budget = { cases: MAX_RESIDUE_CASES };
  const names = new Set<string>();
  collectSymbols(diff, names);
  const identity = new Map<string, DimNode>([...names].map((n) => [n, symNode(n)]));
  return decide(diff, identity, 0, budget);
}

function decide(d: DimNode, origin: Map<string, DimNode>, round: number, budget: { cases: number }): ResidueVerdict | undefined {
  if (!hasOpaqueAtoms(d)) {
    if (isZeroNode(d)) return { zero: true };
    const p = nonZeroPoint(d);
    if (!p) return undefined;
    // A symbol that vanished from d may take any value: 1 keeps every original symbol positive.
    const rest = new Set<string>();
    for (const e of origin.values()) collectSymbols(e, rest);
    for (const n of rest) if (!p.has(n)) p.set(n, 1n);
    const witness = new Map<string, bigint>();
    for (const [name, expr] of origin) {
      const v = evalExact(expr, p);
      if (!v || v.d !== 1n) return undefined;
      witness.set(name, v.n);
    }
    return { zero: false, witness };
  }
  if (round >= MAX_ROUNDS) return undefined;
  const per = periods(d);
  if (!per) return undefined;
  const split = [...per].filter(([, L]) => L > 1n).sort(([a], [b]) => (a < b ? -1 : 1));
  if (split.length === 0) return undefined;
  let cases = 1n;
  for (const [, L] of split) cases *= L;
  if (cases > BigInt(budget.cases)) return undefined;
  budget.cases -= Number(cases);
  // Enumerate every residue combination; t-symbols are named so they cannot clash with a student's.
  const residues = split.map(() => 0n);
  for (;;) {
    const sub = new Map<string, DimNode>();
    split.forEach(([name, L], i) => {
      sub.set(name, addNode(mulNode(constNode(q(L)), symNode(`${name}#${round}`)), constNode(q(residues[i]))));
    });
    const next = mapSymbols(d, (n) => sub.get(n) ?? symNode(n));
    const nextOrigin = new Map<string, DimNode>();
    for (const [k, e] of origin) nextOrigin.set(k, mapSymbols(e, (n) => sub.get(n) ?? symNode(n)));
    // t ≥ 1 keeps every original symbol positive; a polynomial in t zero for all t ≥ 1 is zero.
    const r = decide(next, nextOrigin, round + 1, budget);
    if (r === undefined || !r.zero) return r;
    let i = 0;
    while (i < split.length) {
      residues[i]++;
      if (residues[i] < split[i][1]) break;
      residues[i] = 0n;
      i++;
    }
    if (i === split.length) return { zero: true };
  }
}
