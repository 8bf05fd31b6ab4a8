/**
 * matmul (`@`) with PyTorch's rules: 1-D operands get a dim prepended (left) or appended (right)
 * that is removed again afterwards, and leading batch dims broadcast. Also dot and outer.
 */
import { dimsEqual } from '../../dims';
import { shapeFail } from '../errors';
import type { Budget } from '../limits';
import { broadcastShapes, fmt, type Dim, type Shape } from '../shape';
import { makeOp } from '../tape';
import type { Tensor } from '../tensor';
import { broadcastMap } from './broadcast';

export function matmulShape(a: Shape, b: Shape, op = 'matmul'): Shape {
  if (a.length === 0 || b.length === 0) {
    shapeFail(`${op}: both operands need at least 1 dim, got ${fmt(a)} and ${fmt(b)}`);
  }
  const A = a.length === 1 ? [a[0], a[0]] : a; // only the last two matter below
  const k1 = A[A.length - 1];
  const k2 = b.length === 1 ? b[0] : b[b.length - 2];
  if (!dimsEqual(k1, k2)) {
    shapeFail(`${op}: cannot multiply ${fmt(a)} by ${fmt(b)} (inner dims ${fmt([k1])} and ${fmt([k2])} differ)`);
  }
  const batchA = a.length > 2 ? a.slice(0, -2) : [];
  const batchB = b.length > 2 ? b.slice(0, -2) : [];
  let batch: Shape;
  try {
    batch = broadcastShapes(op, batchA, batchB);
  } catch {
    shapeFail(`${op}: the batch dims of ${fmt(a)} and ${fmt(b)} do not broadcast (${fmt(batchA)} vs ${fmt(batchB)})`);
  }
  const out: Dim[] = [...batch];
  if (a.length >= 2) out.push(a[a.length - 2]);
  if (b.length >= 2) out.push(b[b.length - 1]);
  return out;
}

export function matmul(a: Tensor, b: Tensor, budget: Budget, op = 'matmul'): Tensor {
  const shape = matmulShape(a.shape, b.shape, op);
  return makeOp(op, [a, b], shape, budget, ([x, y], [sa, sb], so) => {
    // Treat 1-D operands as 1×k and k×1: the same memory layout.
    const A = sa.length === 1 ? [1, sa[0]] : sa;
    const B = sb.length === 1 ? [sb[0], 1] : sb;
    const n = A[A.length - 2];
    const k = A[A.length - 1];
    const m = B[B.length - 1];
    const batchA = A.slice(0, -2);
    const batchB = B.slice(0, -2);
    // The output starts with the broadcast batch dims.
    const batch = so.slice(0, Math.max(batchA.length, batchB.length));
    const ma = broadcastMap(batch, batchA);
    const mb = broadcastMap(batch, batchB);
    const nb = ma.length;
    const out = new Float64Array(nb * n * m);
    for (let bi = 0; bi < nb; bi++) {
      const ao = ma[bi] * n * k;
      const bo = mb[bi] * k * m;
      const oo = bi * n * m;
      for (let i = 0; i < n; i++) {
        for (let p = 0; p < k; p++) {
          const av = x[ao + i * k + p];
          if (av === 0) continue;
          const brow = bo + p * m;
          const orow = oo + i * m;
          for (let j = 0; j < m; j++) out[orow + j] += av * y[brow + j];
        }
        budget.tick(k * m);
      }
    }
    return {
      out,
      backward: (g, need) => {
        const ga = need[0] ? new Float64Array(x.length) : null;
        const gb = need[1] ? new Float64Array(y.length) : null;
        for (let bi = 0; bi < nb; bi++) {
          const ao = ma[bi] * n * k;
          const bo = mb[bi] * k * m;
          const oo = bi * n * m;
          for (let i = 0; i < n; i++) {
            for (let p = 0; p < k; p++) {
              let s = 0;
              const av = x[ao + i * k + p];
              for (let j = 0; j < m; j++) {
                const gv = g[oo + i * m + j];
                s += gv * y[bo + p * m + j];
                if (gb) gb[bo + p * m + j] += av * gv;
              }
              if (ga) ga[ao + i * k + p] += s;
            }
            budget.tick(k * m);
          }
        }
        return [ga, gb];
      },
    };
  });
}

export function dot(a: Tensor, b: Tensor, budget: Budget): Tensor {
  if (a.rank !== 1 || b.rank !== 1) shapeFail(`dot: both operands must be 1-D, got ${fmt(a.shape)} and ${fmt(b.shape)}`);
  if (!dimsEqual(a.shape[0], b.shape[0])) {
    shapeFail(`dot: the operands have different lengths (${fmt(a.shape)} and ${fmt(b.shape)})`);
  }
  return matmul(a, b, budget, 'dot');
}

export function outer(a: Tensor, b: Tensor, budget: Budget): Tensor {
  if (a.rank !== 1 || b.rank !== 1) shapeFail(`outer: both operands must be 1-D, got ${fmt(a.shape)} and ${fmt(b.shape)}`);
  return makeOp('outer', [a, b], [a.shape[0], b.shape[0]], budget, ([x, y]) => {
    const n = x.length;
    const m = y.length;
    const out = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = x[i] * y[j];
    return {
      out,
      backward: (g) => {
        const ga = new Float64Array(n);
        const gb = new Float64Array(m);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < m; j++) {
            ga[i] += g[i * m + j] * y[j];
            gb[j] += g[i * m + j] * x[i];
          }
        }
        return [ga, gb];
      },
    };
  });
}
