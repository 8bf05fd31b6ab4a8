/** Dim arithmetic and PyTorch-style shape wording shared by the module definitions. */
import { addDim, constDim, dimValue, formatDim, formatShape, mulDim, type Dim, type Shape } from '../../dims';
import { ModuleError } from './types';

export const D = constDim;
export const ZERO = constDim(0);

export function prod(ds: readonly Dim[]): Dim {
  return ds.reduce((a, b) => mulDim(a, b), constDim(1));
}

export function sum(ds: readonly Dim[]): Dim {
  return ds.reduce((a, b) => addDim(a, b), constDim(0));
}

export const numel = (s: Shape): Dim => prod(s);

/** Both known and different: only then is a mismatch PyTorch's error (a symbol may be anything). */
export function differ(a: Dim, b: Dim): boolean {
  const x = dimValue(a);
  const y = dimValue(b);
  return x !== undefined && y !== undefined && x !== y;
}

/** `[4, 1, 32, 32]`, as PyTorch prints sizes in its errors. */
export function torchSize(s: Shape): string {
  return `[${s.map((d) => formatDim(d)).join(', ')}]`;
}

/** `4×1×32×32`, as the checker shows shapes. */
export function pretty(s: Shape): string {
  return formatShape(s, 'pretty');
}

export function known(d: Dim): number | undefined {
  return dimValue(d);
}

/** Every dim a concrete whole number: a value computation needs them. */
export function allKnown(ds: readonly Dim[]): number[] | null {
  const out: number[] = [];
  for (const d of ds) {
    const n = dimValue(d);
    if (n === undefined) return null;
    out.push(n);
  }
  return out;
}

/** The one input a single-input module takes; more is PyTorch's TypeError. */
export function oneInput(kind: string, inputs: readonly Shape[]): Shape {
  if (inputs.length !== 1) {
    throw new ModuleError(`${kind}.forward() takes 1 input but ${inputs.length} were given`);
  }
  return inputs[0];
}

/** A dim index with Python's negative indexing; out of range is PyTorch's IndexError. */
export function normDim(d: number, rank: number): number {
  const r = Math.max(rank, 1);
  if (d < -r || d >= r) throw new ModuleError(`Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${d})`);
  return d < 0 ? d + r : d;
}

/** A conv or pool layer of `nd` spatial dims reads its channels at 0 unbatched (C, ...) and 1 batched (N, C, ...). */
export function spatialChannelDim(nd: number): (rank: number) => number | undefined {
  return (rank) => (rank === nd + 1 ? 0 : rank === nd + 2 ? 1 : undefined);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
