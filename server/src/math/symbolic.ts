/**
 * A link whose sides still hold free symbols is checked at random points: it holds when the relation
 * holds at every one of them (for `\neq`: when the sides differ somewhere). Points are small positive
 * rationals, so polynomial identities compare exactly; a point where either side is undefined (a zero
 * denominator, the log of a negative) is skipped and another drawn.
 */
import type { MathNode, Relation } from './ast';
import { MathEvalError, evaluate } from './evaluate';
import type { Bindings, EvalEnv } from './evaluate';
import { equalValues, holds } from './relations';
import { rat } from './value';
import type { Value } from './value';

export const RANDOM_POINTS = 20;
/** Whole-number points for sides with floor/ceil: more of them, from small to large ranges. */
export const WHOLE_POINTS = 60;
const WHOLE_RANGES = [8, 64, 1000];
const MAX_ATTEMPTS = 200;
/** Fewer defined points than this and the check says it could not evaluate, rather than guess. */
const MIN_POINTS = 5;

export type SymbolicVerdict =
  | { kind: 'holds'; points: number; free: string[] }
  | { kind: 'breaks'; point: Map<string, Value>; left: Value; right: Value; free: string[] }
  | { kind: 'identical'; points: number; free: string[] }
  | { kind: 'undefined'; error: MathEvalError };

export function checkSymbolic(
  left: MathNode,
  right: MathNode,
  rel: Relation,
  bound: Bindings,
  rng: () => number,
  budget: { left: number },
  /** Sizes with floor/ceil are whole numbers: try them at whole positive points, not at 2.25. */
  whole = false,
): SymbolicVerdict {
  const wanted = whole ? WHOLE_POINTS : RANDOM_POINTS;
  let good = 0;
  let differs = false;
  let lastError: MathEvalError | null = null;
  const names = new Set<string>();
  for (let attempt = 0; attempt < MAX_ATTEMPTS && good < wanted; attempt++) {
    const point = new Map<string, Value>();
    const env: EvalEnv = {
      bound,
      budget,
      free: (name) => {
        let v = point.get(name);
        if (!v) {
          v = whole
            ? rat(BigInt(1 + Math.floor(rng() * WHOLE_RANGES[attempt % WHOLE_RANGES.length])))
            : rat(BigInt(1 + Math.floor(rng() * 60)), BigInt(1 + Math.floor(rng() * 9)));
          point.set(name, v);
          names.add(name);
        }
        return v;
      },
    };
    let l: Value;
    let r: Value;
    try {
      l = evaluate(left, env);
      r = evaluate(right, env);
    } catch (e) {
      if (e instanceof MathEvalError && !e.limit) {
        lastError = e;
        continue;
      }
      throw e;
    }
    good++;
    if (rel === '\\neq') {
      if (!equalValues(l, r)) differs = true;
    } else if (!holds(rel, l, r)) {
      return { kind: 'breaks', point, left: l, right: r, free: [...names].sort() };
    }
  }
  if (good < MIN_POINTS && lastError) return { kind: 'undefined', error: lastError };
  if (rel === '\\neq' && !differs) return { kind: 'identical', points: good, free: [...names].sort() };
  return { kind: 'holds', points: good, free: [...names].sort() };
}
