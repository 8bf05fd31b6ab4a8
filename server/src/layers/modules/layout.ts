/**
 * `layout channels_last` for modules (spec section 3b): shapes are read and written H×W×C, the way
 * Keras and CS231n write them, while every module computes as PyTorch does.
 *
 * The rule is Keras's, layer by layer: a layer that reads channels at a fixed place before its
 * spatial dims (conv, transposed conv, pool, adaptive pool, batch and group norm: `channelDim`) takes
 * its input with the channels last, computes in PyTorch's order (the channel dim moved to where
 * PyTorch reads it) and gives its output with the channels last again. Every other layer takes the
 * tensor as written: elementwise activations do not care, and Linear, LayerNorm, RNNs and attention
 * already act on the last dim, as Keras's Dense, LayerNormalization and RNNs do on channels-last
 * data. So a CNN on 32×32×3 writes each block's output H×W×C, a Flatten flattens the H×W×C tensor in
 * that order (as Keras's Flatten does), and the logits after it are as PyTorch gives them.
 */
import type { Layout } from '../../claims/ast';
import type { Shape } from '../../dims';
import { pretty, torchSize } from './common';
import { isTuple, ModuleError, type ModuleInstance, type OutTree } from './types';

/** Moves the last axis to `at`: the permutation (new axis i takes old axis perm[i]) into PyTorch's order. */
export function lastToChannelPerm(rank: number, at: number): number[] {
  const perm: number[] = [];
  for (let i = 0; i < rank - 1; i++) {
    if (i === at) perm.push(rank - 1);
    perm.push(i);
  }
  if (at === rank - 1) perm.push(rank - 1);
  return perm;
}

/** The inverse: the channel axis at `at` moved back to the end. */
export function channelToLastPerm(rank: number, at: number): number[] {
  const perm: number[] = [];
  for (let i = 0; i < rank; i++) if (i !== at) perm.push(i);
  perm.push(at);
  return perm;
}

function permuted(s: Shape, perm: readonly number[]): Shape {
  return perm.map((p) => s[p]);
}

/**
 * Where a layer reads channels for this input under `layout`, when that is not already the last
 * dim: null when the layout changes nothing for it (channels_first, a layer without channels, a
 * rank the layer does not take, which it then refuses in its own words).
 */
export function channelsLastAxis(m: ModuleInstance, inputs: readonly Shape[], layout: Layout | undefined): number | null {
  if (layout !== 'channels_last' || !m.channelDim || inputs.length !== 1) return null;
  const rank = inputs[0].length;
  const at = m.channelDim(rank);
  return at === undefined || at === rank - 1 ? null : at;
}

function mapTree(o: OutTree, f: (s: Shape) => Shape): OutTree {
  return isTuple(o) ? { ...o, tuple: o.tuple.map((x) => (x === null ? null : mapTree(x, f))) } : f(o);
}

export interface LaidOut {
  /** The shapes PyTorch's layer sees and gives (its MACs are counted on these). */
  torchInputs: readonly Shape[];
  torchOut: OutTree;
  /** The output as written in the layout in force. */
  out: OutTree;
}

/** One layer's forward pass with its input and output read in `layout`. */
export function forwardInLayout(m: ModuleInstance, inputs: readonly Shape[], kw: Readonly<Record<string, boolean>> | undefined, layout: Layout | undefined): LaidOut {
  const at = channelsLastAxis(m, inputs, layout);
  if (at === null) {
    const out = m.forward(inputs, kw);
    return { torchInputs: inputs, torchOut: out, out };
  }
  const x = inputs[0];
  const torchX = permuted(x, lastToChannelPerm(x.length, at));
  let torchOut: OutTree;
  try {
    torchOut = m.forward([torchX], kw);
  } catch (e) {
    if (e instanceof ModuleError) throw new ModuleError(`${e.message}${readAs(m, x, torchX, kw)}`, e.arg);
    throw e;
  }
  // Every layer with channelDim keeps the rank (or gives a tuple of such shapes), so its channel dim stays at `at`.
  const out = mapTree(torchOut, (s) => (s.length === x.length ? permuted(s, channelToLastPerm(s.length, at)) : s));
  return { torchInputs: [torchX], torchOut, out };
}

/** Says how the input was read, and whether it would fit read channels-first (the likely slip). */
function readAs(m: ModuleInstance, x: Shape, torchX: Shape, kw: Readonly<Record<string, boolean>> | undefined): string {
  let fitsFirst = false;
  try {
    m.forward([x], kw);
    fitsFirst = true;
  } catch {
    fitsFirst = false;
  }
  const how = `; under layout channels_last the input ${pretty(x)} is read with its channels last, which is ${torchSize(torchX)} in PyTorch's order`;
  return fitsFirst ? `${how}; read channels-first it would fit: write it H×W×C, or \`layout channels_first\` above` : how;
}
