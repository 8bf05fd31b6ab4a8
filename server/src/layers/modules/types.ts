/**
 * torch.nn modules as the checker knows them (spec section 3a): what a constructor call builds, and
 * what the module does to the shapes it is applied to. Pure: dims in, dims out; no tensors, no engine.
 * One definition per module kind lives beside this file; `registry.ts` lists them.
 */
import type { Dim, Shape } from '../../dims';

/** A constructor argument, as evaluated by the engine and handed over without its tensor types. */
export type CtorValue =
  /** A whole number, concrete or symbolic (`Linear(n, 10)`). */
  | { kind: 'int'; dim: Dim }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'str'; value: string }
  | { kind: 'none' }
  | { kind: 'tuple'; items: CtorValue[] }
  | { kind: 'module'; module: ModuleInstance };

/** What a module call gives: one shape, or a tuple as PyTorch nests it (`(output, (h_n, c_n))`); null for `None`. */
export type OutTree = Shape | OutTuple;
export interface OutTuple {
  tuple: (OutTree | null)[];
  /** How PyTorch names the parts, for the message of an unindexed tuple: `(output, (h_n, c_n))`. */
  names: string;
}

export function isTuple(o: OutTree): o is OutTuple {
  return !Array.isArray(o);
}

/** How a layer enters the receptive-field sum: a window (kernel, stride, dilation per spatial dim) or nothing. */
export type RfPart = { k: Dim[]; s: Dim[]; d: Dim[] } | 'pass' | null;

/** The value computation of a module whose output does not depend on initialised weights: an engine function. */
export interface ValueOp {
  fn: string;
  /** Keyword arguments for the function, after the input. */
  kwargs: Record<string, number | boolean | number[] | null>;
}

export type Role = 'layer' | 'activation' | 'dropout' | 'container';

export interface ModuleInstance {
  /** PyTorch's class name: `Conv2d`, `LSTM`, `Sequential`. */
  kind: string;
  /** The constructor call as the student would read it: `Conv2d(3, 8, kernel_size=3, padding=1)`. */
  text: string;
  role: Role;
  /** Learnable parameters (buffers excluded), and how the count is made (`weight 8×3×3×3 + bias 8`). */
  params: Dim;
  paramNotes: string;
  /** A Sequential's layers. */
  children?: readonly ModuleInstance[];
  /** Output shape(s) for these input shapes; throws ModuleError with PyTorch's complaint. */
  forward(inputs: readonly Shape[], kw?: Readonly<Record<string, boolean>>): OutTree;
  /** Multiply-accumulates of one forward pass (the contract of section 3a). */
  macs(inputs: readonly Shape[], out: OutTree): Dim;
  rf: RfPart;
  /** Values the forward pass produces when not simply the numel of the outputs (a layer made of layers). */
  acts?(inputs: readonly Shape[], out: OutTree): Dim;
  /** Spatial rank for receptive fields (Conv2d: 2); undefined when the layer has none. */
  spatial?: number;
  value?: ValueOp;
  /**
   * Where PyTorch reads this layer's channels in an input of this rank (Conv2d: 0 unbatched, 1
   * batched); undefined when the rank is not one the layer takes. Only layers that read channels at
   * a fixed place before their spatial dims have it (conv, pool, batch and group norm): under
   * `layout channels_last` their input is read with the channels last (layout.ts). Layers that act
   * on the last dim (Linear, LayerNorm, RNNs, attention) or elementwise need no such reading.
   */
  channelDim?(rank: number): number | undefined;
}

/** A module used wrongly: the message says what PyTorch would say. `arg` names the argument at fault. */
export class ModuleError extends Error {
  constructor(
    message: string,
    readonly arg?: string,
  ) {
    super(message);
  }
}

/** One constructor kind: its PyTorch signature (`name=default` optional, `*name` rest) and its builder. */
export interface ModuleKind {
  names: readonly string[];
  sig(name: string): readonly string[];
  build(name: string, a: import('./args').CtorArgs): ModuleInstance;
}
