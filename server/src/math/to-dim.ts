/**
 * A side of a relation as a symbolic size (../dims), when it is one: sums, products, quotients, whole
 * powers, floor and ceil of numbers and symbols. Sizes are whole positive numbers, so an identity
 * between two such sides with floor or ceil is decided over whole numbers, exactly where the dims'
 * normal form and residue split can (`\lfloor (H+2-3)/2 \rfloor + 1 = \lceil H/2 \rceil` holds for
 * every whole H, although it fails at H = 2.25).
 */
import { addDim, ceilDim, divDim, floorDim, mulDim, negDim, rationalDim, subDim, symDim, type Dim } from '../dims';
import type { MathNode } from './ast';
import type { Bindings } from './evaluate';
import { fromDecimal, isExact } from './value';

/** Whether floor or ceil appears anywhere in the node: then its free symbols are sizes, whole numbers. */
export function hasRounding(node: MathNode): boolean {
  switch (node.type) {
    case 'num':
    case 'sym':
      return false;
    case 'sum':
      return node.terms.some((t) => hasRounding(t.node));
    case 'prod':
      return node.factors.some((f) => hasRounding(f.node));
    case 'neg':
      return hasRounding(node.arg);
    case 'pow':
      return hasRounding(node.base) || hasRounding(node.exp);
    case 'frac':
      return hasRounding(node.num) || hasRounding(node.den);
    case 'call':
      return node.fn === 'floor' || node.fn === 'ceil' || node.args.some(hasRounding);
    case 'bigop':
      return hasRounding(node.body);
    default:
      return false;
  }
}

/** The side as a dim, or null when it uses anything a size formula does not (exp, a float binding). */
export function toDim(node: MathNode, bound: Bindings): Dim | null {
  switch (node.type) {
    case 'num': {
      const v = fromDecimal(node.raw);
      return v && isExact(v) ? rationalDim(v.n, v.d) : null;
    }
    case 'sym': {
      const v = bound.get(node.name);
      if (v) return isExact(v) ? rationalDim(v.n, v.d) : null;
      if (node.name === 'e' || node.name === 'pi') return null;
      return symDim(node.name);
    }
    case 'sum': {
      let acc: Dim = rationalDim(0n, 1n);
      for (const t of node.terms) {
        const d = toDim(t.node, bound);
        if (!d) return null;
        acc = t.sign < 0 ? subDim(acc, d) : addDim(acc, d);
      }
      return acc;
    }
    case 'prod': {
      let acc: Dim = rationalDim(1n, 1n);
      for (const f of node.factors) {
        const d = toDim(f.node, bound);
        if (!d) return null;
        acc = f.op === '/' ? divDim(acc, d) : mulDim(acc, d);
      }
      return acc;
    }
    case 'neg': {
      const d = toDim(node.arg, bound);
      return d ? negDim(d) : null;
    }
    case 'frac': {
      const n = toDim(node.num, bound);
      const d = toDim(node.den, bound);
      return n && d ? divDim(n, d) : null;
    }
    case 'pow': {
      if (node.exp.type !== 'num' || !/^\d$/.test(node.exp.raw)) return null;
      const b = toDim(node.base, bound);
      if (!b) return null;
      let acc: Dim = rationalDim(1n, 1n);
      for (let i = 0; i < Number(node.exp.raw); i++) acc = mulDim(acc, b);
      return acc;
    }
    case 'call': {
      if ((node.fn !== 'floor' && node.fn !== 'ceil') || node.args.length !== 1) return null;
      const a = toDim(node.args[0], bound);
      if (!a) return null;
      return node.fn === 'floor' ? floorDim(a) : ceilDim(a);
    }
    default:
      return null;
  }
}
