/**
 * Loss functions: mse_loss and cross_entropy (class-index targets; also class-probability targets
 * of the input's shape, as PyTorch ≥ 1.10 accepts).
 */
import { constDim } from '../../dims';
import { fail, shapeFail } from '../errors';
import type { Budget } from '../limits';
import { fmt, sameShape } from '../shape';
import { makeOp } from '../tape';
import type { Tensor } from '../tensor';
import { binary, BINARY } from './elementwise';
import { sum } from './reduce';

export type Reduction = 'mean' | 'sum' | 'none';

export function checkReduction(op: string, r: string): Reduction {
  if (r === 'mean' || r === 'sum' || r === 'none') return r;
  return fail(`${op}: reduction must be 'mean', 'sum' or 'none', got '${r}'`);
}

export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction, budget: Budget): Tensor {
  let d: Tensor;
  try {
    d = binary(BINARY.sub, input, target, budget);
  } catch {
    shapeFail(`mse_loss: the input ${fmt(input.shape)} and the target ${fmt(target.shape)} do not broadcast`, 1);
  }
  const sq = binary(BINARY.mul, d, d, budget);
  return reduction === 'none' ? sq : sum(sq, null, false, budget, reduction === 'mean');
}

/**
 * Input (C) with a 0-d target, or (N, C) with target (N); or probability targets of the input's shape.
 * Per sample: loss = logsumexp(x) - x[t]; its gradient is softmax(x) - onehot(t).
 */
export function crossEntropy(input: Tensor, target: Tensor, reduction: Reduction, budget: Budget): Tensor {
  const op = 'cross_entropy';
  if (input.rank !== 1 && input.rank !== 2) {
    shapeFail(`${op}: expected an input of shape (C) or (N, C), got ${fmt(input.shape)}`, 0);
  }
  const probs = sameShape(input.shape, target.shape);
  if (!probs) {
    const want = input.rank === 2 ? [input.shape[0]] : [];
    if (!sameShape(target.shape, want)) {
      shapeFail(
        `${op}: an input of shape ${fmt(input.shape)} needs class indices of shape ${fmt(want)} (or probabilities of shape ${fmt(input.shape)}), got ${fmt(target.shape)}`,
        1,
      );
    }
  }
  const batch = input.rank === 2 ? input.shape[0] : constDim(1);
  const shape = reduction === 'none' ? (input.rank === 2 ? [batch] : []) : [];
  return makeOp(op, [input, target], shape, budget, ([x, t], [xs]) => {
    const N = xs.length === 2 ? xs[0] : 1;
    const C = xs[xs.length - 1];
    if (!probs) {
      for (let n = 0; n < N; n++) {
        const c = t[n];
        if (!Number.isInteger(c) || c < 0 || c >= C) {
          fail(`${op}: target ${c}${N > 1 ? ` (sample ${n})` : ''} is not a class index in 0..${C - 1}`, 'eval', 1);
        }
      }
    }
    const losses = new Float64Array(N);
    const logp = new Float64Array(N * C);
    for (let n = 0; n < N; n++) {
      let m = -Infinity;
      for (let c = 0; c < C; c++) m = Math.max(m, x[n * C + c]);
      let z = 0;
      for (let c = 0; c < C; c++) z += Math.exp(x[n * C + c] - m);
      const lse = m + Math.log(z);
      for (let c = 0; c < C; c++) logp[n * C + c] = x[n * C + c] - lse;
      if (probs) {
        let l = 0;
        for (let c = 0; c < C; c++) l -= t[n * C + c] * logp[n * C + c];
        losses[n] = l;
      } else losses[n] = -logp[n * C + t[n]];
    }
    const scale = reduction === 'mean' ? 1 / N : 1;
    const out = reduction === 'none' ? losses : Float64Array.of(losses.reduce((a, b) => a + b, 0) * scale);
    return {
      out,
      backward: (g, need) => {
        const gx = new Float64Array(x.length);
        const gt = probs && need[1] ? new Float64Array(t.length) : null;
        for (let n = 0; n < N; n++) {
          const gn = (reduction === 'none' ? g[n] : g[0]) * scale;
          let tsum = 1;
          if (probs) {
            tsum = 0;
            for (let c = 0; c < C; c++) tsum += t[n * C + c];
          }
          for (let c = 0; c < C; c++) {
            const k = n * C + c;
            const onehot = probs ? t[k] : c === t[n] ? 1 : 0;
            gx[k] = gn * (Math.exp(logp[k]) * tsum - onehot);
            if (gt) gt[k] = -gn * logp[k];
          }
        }
        // Class indices are not differentiable (PyTorch requires an integer tensor there).
        return [gx, gt];
      },
    };
  });
}
