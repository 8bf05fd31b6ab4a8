/**
 * Elementwise ops with broadcasting (`+ - * / **`, unary `-`) and the pointwise math functions.
 * Each op is one table entry: the value and the partial derivatives side by side; the shared
 * broadcasting shape rule and the gradient reduction over broadcast dims live in `binary`/`unary`.
 */
import type { Budget } from '../limits';
import { broadcastShapes } from '../shape';
import { makeOp } from '../tape';
import type { Tensor } from '../tensor';
import { broadcastMap } from './broadcast';

interface BinaryDef {
  name: string;
  f: (a: number, b: number) => number;
  /** ∂f/∂a and ∂f/∂b at (a, b), given the output y. */
  da: (a: number, b: number, y: number) => number;
  db: (a: number, b: number, y: number) => number;
}

export const BINARY: Record<'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum', BinaryDef> = {
  add: { name: 'add', f: (a, b) => a + b, da: () => 1, db: () => 1 },
  sub: { name: 'sub', f: (a, b) => a - b, da: () => 1, db: () => -1 },
  mul: { name: 'mul', f: (a, b) => a * b, da: (_a, b) => b, db: (a) => a },
  div: { name: 'div', f: (a, b) => a / b, da: (_a, b) => 1 / b, db: (a, b) => -a / (b * b) },
  pow: {
    name: 'pow',
    f: (a, b) => Math.pow(a, b),
    // PyTorch's conventions: d/da is 0 when b == 0; d/db is 0 where a == 0 and b >= 0.
    da: (a, b) => (b === 0 ? 0 : b * Math.pow(a, b - 1)),
    db: (a, b, y) => (a === 0 && b >= 0 ? 0 : y * Math.log(a)),
  },
  // torch.maximum/minimum split the gradient evenly on ties.
  maximum: { name: 'maximum', f: (a, b) => Math.max(a, b), da: (a, b) => (a > b ? 1 : a === b ? 0.5 : 0), db: (a, b) => (b > a ? 1 : a === b ? 0.5 : 0) },
  minimum: { name: 'minimum', f: (a, b) => Math.min(a, b), da: (a, b) => (a < b ? 1 : a === b ? 0.5 : 0), db: (a, b) => (b < a ? 1 : a === b ? 0.5 : 0) },
};

export function binary(def: BinaryDef, a: Tensor, b: Tensor, budget: Budget): Tensor {
  const shape = broadcastShapes(def.name, a.shape, b.shape);
  return makeOp(def.name, [a, b], shape, budget, ([x, y], [sa, sb], so) => {
    const ma = broadcastMap(so, sa);
    const mb = broadcastMap(so, sb);
    const out = new Float64Array(ma.length);
    for (let i = 0; i < out.length; i++) out[i] = def.f(x[ma[i]], y[mb[i]]);
    return {
      out,
      backward: (g, need) => {
        const ga = need[0] ? new Float64Array(x.length) : null;
        const gb = need[1] ? new Float64Array(y.length) : null;
        for (let i = 0; i < g.length; i++) {
          const av = x[ma[i]];
          const bv = y[mb[i]];
          // Reduce over broadcast dims by accumulating into the shared input element.
          if (ga) ga[ma[i]] += g[i] * def.da(av, bv, out[i]);
          if (gb) gb[mb[i]] += g[i] * def.db(av, bv, out[i]);
        }
        return [ga, gb];
      },
    };
  });
}

interface UnaryDef {
  name: string;
  f: (x: number) => number;
  /** dy/dx given x and y = f(x). */
  df: (x: number, y: number) => number;
}

export const UNARY: Record<'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'sigmoid' | 'tanh' | 'relu', UnaryDef> = {
  neg: { name: 'neg', f: (x) => -x, df: () => -1 },
  exp: { name: 'exp', f: Math.exp, df: (_x, y) => y },
  log: { name: 'log', f: Math.log, df: (x) => 1 / x },
  sqrt: { name: 'sqrt', f: Math.sqrt, df: (_x, y) => 0.5 / y },
  abs: { name: 'abs', f: Math.abs, df: (x) => Math.sign(x) },
  sigmoid: { name: 'sigmoid', f: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))), df: (_x, y) => y * (1 - y) },
  tanh: { name: 'tanh', f: Math.tanh, df: (_x, y) => 1 - y * y },
  // PyTorch: the gradient of relu at exactly 0 is 0.
  relu: { name: 'relu', f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0) },
};

export function unary(def: UnaryDef, a: Tensor, budget: Budget): Tensor {
  return makeOp(def.name, [a], a.shape, budget, ([x]) => {
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = def.f(x[i]);
    return {
      out,
      backward: (g) => {
        const gx = new Float64Array(x.length);
        for (let i = 0; i < x.length; i++) gx[i] = g[i] * def.df(x[i], out[i]);
        return [gx];
      },
    };
  });
}
