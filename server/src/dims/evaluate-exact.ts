/** Exact evaluation of a dim at a point where every symbol has a whole value. */
import type { DimNode } from './normal';
import { Q, Q1, qAdd, qCeil, qDiv, qFloor, qMul, qPow } from './rational';

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

