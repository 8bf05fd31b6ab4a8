/**
 * The autodiff tape. Every op result that has values records its inputs and a backward closure
 * (`GradNode`); `grad`/`jacobian` walk that graph in reverse. Recording always is cheap for homework
 * sizes and means any tensor bound with `let` can later be differentiated through.
 */
import type { Budget } from './limits';
import { concrete, fmt, numel, type Shape } from './shape';
import { Tensor, type Backward } from './tensor';

export interface Forward {
  out: Float64Array;
  backward: Backward;
}

/**
 * Runs one op. `shape` comes from the op's shape rule; when any input is shape-only the result is
 * shape-only too (and remembers why), otherwise `forward` computes the values and their backward.
 */
export function makeOp(
  op: string,
  inputs: readonly Tensor[],
  shape: Shape,
  budget: Budget,
  forward: (vals: Float64Array[], inShapes: number[][], outShape: number[]) => Forward,
): Tensor {
  const blank = inputs.find((t) => t.data === null);
  const outDims = concrete(shape);
  if (blank || !outDims) {
    const t = new Tensor(shape, null);
    t.missing = blank?.missing ?? null;
    return t;
  }
  budget.checkElements(numel(outDims), `the result of ${op} (${fmt(shape)})`);
  budget.checkTime();
  const vals = inputs.map((t) => t.data as Float64Array);
  const { out, backward } = forward(vals, inputs.map((t) => t.dims), outDims);
  return new Tensor(shape, out, { op, inputs, backward });
}

/** A constant (no gradient flows into it), e.g. a constructor's result. */
export function constant(shape: Shape, data: Float64Array | null): Tensor {
  return new Tensor(shape, data, null);
}

/** Adds `src` into `dst` elementwise (gradient accumulation). */
export function accumulate(dst: Float64Array, src: Float64Array): void {
  for (let i = 0; i < dst.length; i++) dst[i] += src[i];
}

export const noGrad: Backward = (_g, need) => need.map(() => null);
