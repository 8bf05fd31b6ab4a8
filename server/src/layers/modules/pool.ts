/**
 * `MaxPool1d/2d/3d`, `AvgPool1d/2d/3d` (PyTorch's floor/ceil rules, shared with the shorthand) and
 * `AdaptiveAvgPool1d/2d`. No parameters, no MACs; values are computable (they need no weights).
 */
import { dimValue, formatDim, type Dim, type Shape } from '../../dims';
import { convOut } from '../formulas';
import type { CtorArgs } from './args';
import { allKnown, D, oneInput, spatialChannelDim, torchSize, ZERO } from './common';
import { splitSpatial } from './conv';
import { ModuleError, type ModuleInstance, type ModuleKind, type ValueOp } from './types';

const POOLS: Record<string, { nd: number; max: boolean }> = {
  MaxPool1d: { nd: 1, max: true }, MaxPool2d: { nd: 2, max: true }, MaxPool3d: { nd: 3, max: true },
  AvgPool1d: { nd: 1, max: false }, AvgPool2d: { nd: 2, max: false }, AvgPool3d: { nd: 3, max: false },
};

export const pool: ModuleKind = {
  names: [...Object.keys(POOLS), 'AdaptiveAvgPool1d', 'AdaptiveAvgPool2d'],
  sig: (name) => {
    if (name.startsWith('Adaptive')) return ['output_size'];
    if (POOLS[name].max) return ['kernel_size', 'stride=None', 'padding=0', 'dilation=1', 'return_indices=False', 'ceil_mode=False'];
    return name === 'AvgPool1d'
      ? ['kernel_size', 'stride=None', 'padding=0', 'ceil_mode=False', 'count_include_pad=True']
      : ['kernel_size', 'stride=None', 'padding=0', 'ceil_mode=False', 'count_include_pad=True', 'divisor_override=None'];
  },
  build: (name, a) => (name.startsWith('Adaptive') ? buildAdaptive(name, name.endsWith('1d') ? 1 : 2, a) : buildPool(name, a)),
};

function buildPool(kind: string, a: CtorArgs): ModuleInstance {
  const { nd, max } = POOLS[kind];
  const k = a.ints('kernel_size', nd, 1);
  const s = a.isNone('stride') ? k : a.ints('stride', nd, 1);
  const p = a.ints('padding', nd, 0);
  const d = max ? a.ints('dilation', nd, 1) : k.map(() => D(1));
  const ceil = a.bool('ceil_mode');
  const indices = max && a.bool('return_indices');
  const countPad = max ? true : a.bool('count_include_pad');
  const text = a.text();
  const fn = `${max ? 'max' : 'avg'}_pool${nd}d`;
  for (let i = 0; i < nd; i++) {
    const pi = dimValue(p[i]);
    const ki = dimValue(k[i]);
    const di = dimValue(d[i]);
    if (pi !== undefined && ki !== undefined && di !== undefined && pi > (di * (ki - 1) + 1) / 2) {
      throw new ModuleError(
        max
          ? `pad should be at most half of effective kernel size, but got pad=${pi}, kernel_size=${ki} and dilation=${di}`
          : `pad should be at most half of kernel size, but got pad=${pi} and kernel_size=${ki}`,
        'padding',
      );
    }
  }
  return {
    kind, text, role: 'layer', params: ZERO, paramNotes: 'no parameters', spatial: nd,
    forward(inputs) {
      const x = oneInput(kind, inputs);
      if (x.length !== nd + 1 && x.length !== nd + 2) {
        throw new ModuleError(`${fn}: expected ${nd + 1}D or ${nd + 2}D input (unbatched or batched), but got input of size: ${torchSize(x)}`);
      }
      const { lead, c, spatial } = splitSpatial(kind, fn, x, nd);
      const out = spatial.map((L, i) => convOut({ L, k: k[i], s: s[i], p: p[i], d: d[i], op: ZERO }, ceil ? 'ceil' : 'floor').value);
      if (out.some((o) => (dimValue(o) ?? 1) < 1)) {
        throw new ModuleError(
          `${text} cannot be applied to ${torchSize(x)} (PyTorch: Given input size: (${[c, ...spatial].map((v) => formatDim(v)).join('x')}). Calculated output size: (${[c, ...out].map((v) => formatDim(v)).join('x')}). Output size is too small)`,
        );
      }
      const y: Shape = [...lead, c, ...out];
      return indices ? { tuple: [y, y], names: '(output, indices)' } : y;
    },
    macs: () => ZERO,
    rf: { k, s, d },
    value: valueOp(),
    channelDim: spatialChannelDim(nd),
  };

  function valueOp(): ValueOp | undefined {
    const kk = allKnown(k);
    const ss = allKnown(s);
    const pp = allKnown(p);
    const dd = allKnown(d);
    // The engine has no avg_pool3d, and values of pooled indices are not tensors of the input's kind.
    if (!kk || !ss || !pp || !dd || indices || (!max && nd === 3)) return undefined;
    return max
      ? { fn, kwargs: { kernel_size: kk, stride: ss, padding: pp, dilation: dd, ceil_mode: ceil } }
      : { fn, kwargs: { kernel_size: kk, stride: ss, padding: pp, ceil_mode: ceil, count_include_pad: countPad } };
  }
}

function buildAdaptive(kind: string, nd: number, a: CtorArgs): ModuleInstance {
  const v = a.value('output_size');
  let size: (Dim | null)[];
  if (v?.kind === 'tuple') {
    if (v.items.length !== nd) throw new ModuleError(`${kind}: output_size must be an int or a tuple of ${nd}`, 'output_size');
    size = v.items.map((x) => (x.kind === 'none' ? null : x.kind === 'int' ? x.dim : (() => { throw new ModuleError(`${kind}: output_size must hold whole numbers or None`, 'output_size'); })()));
  } else {
    const d = a.int('output_size', 1);
    size = Array.from({ length: nd }, () => d);
  }
  const text = a.text();
  return {
    kind, text, role: 'layer', params: ZERO, paramNotes: 'no parameters', spatial: nd,
    forward(inputs) {
      const x = oneInput(kind, inputs);
      const fn = `adaptive_avg_pool${nd}d`;
      if (x.length !== nd + 1 && x.length !== nd + 2) {
        throw new ModuleError(`${fn}(): Expected ${nd + 1}D or ${nd + 2}D tensor, but got ${torchSize(x)}`);
      }
      const spatial = x.slice(x.length - nd);
      return [...x.slice(0, x.length - nd), ...spatial.map((L, i) => size[i] ?? L)];
    },
    macs: () => ZERO,
    // An adaptive pool's window depends on the input: no fixed receptive field.
    rf: null,
    channelDim: spatialChannelDim(nd),
  };
}
