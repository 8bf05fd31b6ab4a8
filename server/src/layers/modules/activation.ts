/**
 * Layers without parameters that keep (or, for Flatten, merge) the input's dims: `ReLU`, `LeakyReLU`,
 * `GELU`, `Tanh`, `Sigmoid`, `Softmax`, `Dropout`, `Identity`, `Flatten`. Values are computed where
 * PyTorch's do not depend on randomness: not for Dropout (training mode drops at random).
 */
import type { Shape } from '../../dims';
import type { CtorArgs } from './args';
import { normDim, oneInput, prod, ZERO } from './common';
import { ModuleError, type ModuleInstance, type ModuleKind, type Role, type ValueOp } from './types';

const SIGS: Record<string, string[]> = {
  ReLU: ['inplace=False'],
  LeakyReLU: ['negative_slope=0.01', 'inplace=False'],
  GELU: ["approximate='none'"],
  Tanh: [],
  Sigmoid: [],
  Softmax: ['dim=None'],
  Dropout: ['p=0.5', 'inplace=False'],
  Identity: ['*args'],
  Flatten: ['start_dim=1', 'end_dim=-1'],
};

export const activation: ModuleKind = {
  names: Object.keys(SIGS),
  sig: (name) => SIGS[name],
  build: (name, a) => build(name, a),
};

/** PyTorch's legacy choice for `Softmax()` without dim: 0 for 0-, 1- and 3-D inputs, else 1. */
function softmaxDim(rank: number): number {
  return rank === 0 || rank === 1 || rank === 3 ? 0 : 1;
}

function build(kind: string, a: CtorArgs): ModuleInstance {
  const text = a.text();
  const role: Role = kind === 'Dropout' ? 'dropout' : kind === 'Flatten' || kind === 'Identity' ? 'layer' : 'activation';
  const base = { kind, text, role, params: ZERO, paramNotes: 'no parameters', macs: () => ZERO, rf: 'pass' as const };
  const same = (value?: ValueOp): ModuleInstance => ({ ...base, forward: (inputs) => oneInput(kind, inputs), value });
  switch (kind) {
    case 'ReLU': return same({ fn: 'relu', kwargs: {} });
    case 'Tanh': return same({ fn: 'tanh', kwargs: {} });
    case 'Sigmoid': return same({ fn: 'sigmoid', kwargs: {} });
    case 'Identity': return same({ fn: 'identity', kwargs: {} });
    case 'GELU':
      return same({ fn: 'gelu', kwargs: { approximate: a.str('approximate', ['none', 'tanh']) === 'tanh' } });
    case 'LeakyReLU':
      return same({ fn: 'leaky_relu', kwargs: { negative_slope: a.float('negative_slope') } });
    case 'Dropout': {
      const p = a.float('p');
      if (p < 0 || p > 1) throw new ModuleError(`dropout probability has to be between 0 and 1, but got ${p}`, 'p');
      return same(p === 0 ? { fn: 'identity', kwargs: {} } : undefined);
    }
    case 'Softmax': {
      const dim = a.isNone('dim') ? null : a.num('dim', -Infinity);
      return {
        ...base,
        forward(inputs) {
          const x = oneInput(kind, inputs);
          normDim(dim ?? softmaxDim(x.length), x.length);
          return x;
        },
        value: { fn: 'softmax', kwargs: { dim } },
      };
    }
    case 'Flatten': {
      const start = a.num('start_dim', -Infinity);
      const end = a.num('end_dim', -Infinity);
      return {
        ...base,
        forward(inputs) {
          const x = oneInput(kind, inputs);
          if (x.length === 0) return [prod([])];
          const s = normDim(start, x.length);
          const e = normDim(end, x.length);
          if (s > e) throw new ModuleError('flatten() has invalid args: start_dim cannot come after end_dim');
          return [...x.slice(0, s), prod(x.slice(s, e + 1)), ...x.slice(e + 1)] as Shape;
        },
        // Flatten is a reshape: a receptive field has no meaning after it.
        rf: null,
        value: { fn: 'flatten', kwargs: { start_dim: start, end_dim: end } },
      };
    }
  }
  throw new ModuleError(`unknown module ${kind}`);
}

