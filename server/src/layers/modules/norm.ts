/**
 * `BatchNorm1d/2d/3d`, `LayerNorm`, `GroupNorm`. Parameters are the affine weight and bias; BatchNorm's
 * running mean and variance are buffers, not parameters (as `M.parameters()` counts). MACs 0.
 */
import { dimValue, formatDim, mulDim, type Dim } from '../../dims';
import type { CtorArgs } from './args';
import { D, differ, oneInput, prod, torchSize, ZERO } from './common';
import { ModuleError, type ModuleInstance, type ModuleKind } from './types';

const BN: Record<string, number> = { BatchNorm1d: 1, BatchNorm2d: 2, BatchNorm3d: 3 };

export const norm: ModuleKind = {
  names: [...Object.keys(BN), 'LayerNorm', 'GroupNorm'],
  sig: (name) => {
    if (name === 'LayerNorm') return ['normalized_shape', 'eps=1e-05', 'elementwise_affine=True', 'device=None', 'dtype=None'];
    if (name === 'GroupNorm') return ['num_groups', 'num_channels', 'eps=1e-05', 'affine=True', 'device=None', 'dtype=None'];
    return ['num_features', 'eps=1e-05', 'momentum=0.1', 'affine=True', 'track_running_stats=True', 'device=None', 'dtype=None'];
  },
  build: (name, a) => (name === 'LayerNorm' ? buildLayerNorm(a) : name === 'GroupNorm' ? buildGroupNorm(a) : buildBatchNorm(name, BN[name], a)),
};

function buildBatchNorm(kind: string, nd: number, a: CtorArgs): ModuleInstance {
  const c = a.int('num_features', 1);
  a.float('eps');
  const affine = a.bool('affine');
  a.bool('track_running_stats');
  const text = a.text();
  return {
    kind, text, role: 'layer',
    params: affine ? mulDim(D(2), c) : ZERO,
    paramNotes: affine ? `weight ${formatDim(c)} + bias ${formatDim(c)} (running mean and variance are buffers)` : 'no parameters (affine=False)',
    forward(inputs) {
      const x = oneInput(kind, inputs);
      const ranks = nd === 1 ? [2, 3] : [nd + 2];
      if (!ranks.includes(x.length)) {
        throw new ModuleError(`${text} expected ${ranks.map((r) => `${r}D`).join(' or ')} input (got ${x.length}D input ${torchSize(x)})`);
      }
      if (differ(x[1], c)) {
        throw new ModuleError(`${text} expects ${formatDim(c)} channels in dim 1, got ${torchSize(x)} (PyTorch: running_mean should contain ${formatDim(x[1])} elements not ${formatDim(c)})`);
      }
      return x;
    },
    macs: () => ZERO,
    rf: 'pass',
    // Channels at dim 1, in every rank it takes (BatchNorm1d's (N, C) included).
    channelDim: (rank) => (rank === 2 && nd === 1) || rank === nd + 2 ? 1 : undefined,
  };
}

function buildLayerNorm(a: CtorArgs): ModuleInstance {
  const v = a.value('normalized_shape');
  let shape: Dim[];
  if (v?.kind === 'tuple') {
    shape = v.items.map((x) => {
      if (x.kind !== 'int') throw new ModuleError('LayerNorm: normalized_shape must hold whole numbers', 'normalized_shape');
      return x.dim;
    });
  } else shape = [a.int('normalized_shape', 1)];
  const affine = a.bool('elementwise_affine');
  a.float('eps');
  const text = a.text();
  const n = prod(shape);
  return {
    kind: 'LayerNorm', text, role: 'layer',
    params: affine ? mulDim(D(2), n) : ZERO,
    paramNotes: affine ? `weight ${shape.map((d) => formatDim(d)).join('×')} + bias ${shape.map((d) => formatDim(d)).join('×')}` : 'no parameters (elementwise_affine=False)',
    forward(inputs) {
      const x = oneInput('LayerNorm', inputs);
      const tail = x.slice(x.length - shape.length);
      if (x.length < shape.length || tail.some((d, i) => differ(d, shape[i]))) {
        throw new ModuleError(`${text} expects an input ending in ${shape.map((d) => formatDim(d)).join('×')}, got ${torchSize(x)} (PyTorch: Given normalized_shape=${torchSize(shape)}, expected input with shape [*, ${shape.map((d) => formatDim(d)).join(', ')}], but got input of size${torchSize(x)})`);
      }
      return x;
    },
    macs: () => ZERO,
    rf: 'pass',
  };
}

function buildGroupNorm(a: CtorArgs): ModuleInstance {
  const g = a.int('num_groups', 1);
  const c = a.int('num_channels', 1);
  const affine = a.bool('affine');
  a.float('eps');
  const gv = dimValue(g);
  const cv = dimValue(c);
  if (gv !== undefined && cv !== undefined && cv % gv !== 0) throw new ModuleError('num_channels must be divisible by num_groups', 'num_channels');
  const text = a.text();
  return {
    kind: 'GroupNorm', text, role: 'layer',
    params: affine ? mulDim(D(2), c) : ZERO,
    paramNotes: affine ? `weight ${formatDim(c)} + bias ${formatDim(c)}` : 'no parameters (affine=False)',
    forward(inputs) {
      const x = oneInput('GroupNorm', inputs);
      if (x.length < 2) throw new ModuleError(`${text} expects an input of at least 2 dims (N, C, ...), got ${torchSize(x)}`);
      if (differ(x[1], c)) {
        throw new ModuleError(`${text} expects ${formatDim(c)} channels in dim 1, got ${torchSize(x)} (PyTorch: Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [${formatDim(c)}] and input of shape ${torchSize(x)})`);
      }
      return x;
    },
    macs: () => ZERO,
    rf: 'pass',
    channelDim: (rank) => (rank >= 2 ? 1 : undefined),
  };
}
