/**
 * Constructors: zeros, ones, randn, arange, eye. Sizes may be symbolic, in which case the result is
 * shape-only (and says which symbol needs a value). The element limit is checked before allocating.
 */
import { ceilDim, constDim, divDim, dimValue, subDim } from '../../dims';
import { fail } from '../errors';
import type { Budget } from '../limits';
import { concrete, fmt, numel, shapeSymbols, type Dim, type Shape } from '../shape';
import { Tensor } from '../tensor';

function symbolic(op: string, shape: Shape): Tensor {
  const t = new Tensor(shape, null);
  const syms = [...shapeSymbols(shape)];
  t.missing = `${op}(…) has the symbolic shape ${fmt(shape)}; give ${syms.join(', ')} a value with \`let ${syms[0] ?? 'n'} = ...\``;
  return t;
}

function filled(op: string, shape: Shape, budget: Budget, fill: (i: number) => number): Tensor {
  for (const d of shape) {
    const v = dimValue(d);
    if (v !== undefined && (v < 0 || !Number.isInteger(v))) fail(`${op}: sizes must be non-negative whole numbers, got ${fmt(shape)}`);
  }
  const dims = concrete(shape);
  if (!dims) return symbolic(op, shape);
  budget.checkElements(numel(dims), `${op}(${dims.join(', ')})`);
  const data = new Float64Array(numel(dims));
  for (let i = 0; i < data.length; i++) data[i] = fill(i);
  return new Tensor(shape, data);
}

export const zeros = (shape: Shape, budget: Budget): Tensor => filled('zeros', shape, budget, () => 0);
export const ones = (shape: Shape, budget: Budget): Tensor => filled('ones', shape, budget, () => 1);
export const randn = (shape: Shape, normal: () => number, budget: Budget): Tensor => filled('randn', shape, budget, () => normal());

/** arange(end), arange(start, end), arange(start, end, step): ceil((end - start) / step) values. */
export function arange(start: Dim, end: Dim, step: number, budget: Budget): Tensor {
  if (step === 0 || !Number.isFinite(step)) fail('arange: step must be a non-zero number');
  const s = dimValue(start);
  const e = dimValue(end);
  if (s === undefined || e === undefined) {
    return symbolic('arange', [ceilDim(divDim(subDim(end, start), constDim(step)))]);
  }
  const n = Math.max(0, Math.ceil((e - s) / step));
  budget.checkElements(n, `arange(${s}, ${e}, ${step})`);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = s + i * step;
  return new Tensor([constDim(n)], data);
}

export function eye(n: Dim, m: Dim, budget: Budget): Tensor {
  const cols = dimValue(m);
  return filled('eye', [n, m], budget, (i) => (cols !== undefined && Math.floor(i / cols) === i % cols ? 1 : 0));
}
