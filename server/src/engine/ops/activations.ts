/**
 * softmax and log_softmax along one dim (the pointwise activations sigmoid/tanh/relu are in
 * elementwise.ts). Both subtract the max before exponentiating, as PyTorch does, for stability.
 */
import { fail } from '../errors';
import type { Budget } from '../limits';
import { normDim } from '../shape';
import { makeOp } from '../tape';
import type { Tensor } from '../tensor';

/** (outer, n, inner) view of a shape around `dim`; a 0-d tensor is one row of one element. */
export function around(dims: readonly number[], dim: number): { outer: number; n: number; inner: number } {
  if (dims.length === 0) return { outer: 1, n: 1, inner: 1 };
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < dim; i++) outer *= dims[i];
  for (let i = dim + 1; i < dims.length; i++) inner *= dims[i];
  return { outer, n: dims[dim], inner };
}

/** PyTorch needs `dim` for softmax; we infer it only where there is no choice (0-d and 1-d). */
export function softmaxDim(op: string, x: Tensor, dim: number | null): number {
  if (dim === null) {
    if (x.rank <= 1) return 0;
    fail(`${op}: give the dim to normalize over, e.g. ${op}(x, dim=-1) (x has shape with ${x.rank} dims)`);
  }
  return normDim(dim, x.rank, op);
}

export function softmax(x: Tensor, dimArg: number | null, budget: Budget, log = false): Tensor {
  const op = log ? 'log_softmax' : 'softmax';
  const dim = softmaxDim(op, x, dimArg);
  return makeOp(op, [x], x.shape, budget, ([v], [s]) => {
    const { outer, n, inner } = around(s, dim);
    const out = new Float64Array(v.length);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * n * inner + i;
        let m = -Infinity;
        for (let j = 0; j < n; j++) m = Math.max(m, v[base + j * inner]);
        if (m === -Infinity) m = 0;
        let z = 0;
        for (let j = 0; j < n; j++) z += Math.exp(v[base + j * inner] - m);
        const lz = Math.log(z);
        for (let j = 0; j < n; j++) {
          const k = base + j * inner;
          out[k] = log ? v[k] - m - lz : Math.exp(v[k] - m) / z;
        }
      }
      budget.tick(n * inner);
    }
    return {
      out,
      backward: (g) => {
        const gx = new Float64Array(v.length);
        for (let o = 0; o < outer; o++) {
          for (let i = 0; i < inner; i++) {
            const base = o * n * inner + i;
            let s2 = 0;
            // softmax: gx = y (g - Σ g y); log_softmax: gx = g - softmax Σ g.
            for (let j = 0; j < n; j++) {
              const k = base + j * inner;
              s2 += log ? g[k] : g[k] * out[k];
            }
            for (let j = 0; j < n; j++) {
              const k = base + j * inner;
              gx[k] = log ? g[k] - Math.exp(out[k]) * s2 : out[k] * (g[k] - s2);
            }
          }
        }
        return [gx];
      },
    };
  });
}
