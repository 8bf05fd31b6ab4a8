/**
 * `Conv1d/2d/3d` and `ConvTranspose1d/2d/3d`: PyTorch's output formulas (../formulas.ts, the same as
 * the layer shorthand), channel checks and messages. MACs: weights only, no bias (section 3a).
 */
import { addDim, divDim, dimValue, formatDim, mulDim, type Dim, type Shape } from '../../dims';
import { convOut, convTOut, sameOut } from '../formulas';
import type { CtorArgs } from './args';
import { D, differ, numel, oneInput, prod, spatialChannelDim, torchSize } from './common';
import { ModuleError, type ModuleInstance, type ModuleKind } from './types';

const NDIM: Record<string, number> = {
  Conv1d: 1, Conv2d: 2, Conv3d: 3, ConvTranspose1d: 1, ConvTranspose2d: 2, ConvTranspose3d: 3,
};

export const conv: ModuleKind = {
  names: Object.keys(NDIM),
  sig: (name) =>
    name.startsWith('ConvTranspose')
      ? ['in_channels', 'out_channels', 'kernel_size', 'stride=1', 'padding=0', 'output_padding=0', 'groups=1', 'bias=True', 'dilation=1', "padding_mode='zeros'", 'device=None', 'dtype=None']
      : ['in_channels', 'out_channels', 'kernel_size', 'stride=1', 'padding=0', 'dilation=1', 'groups=1', 'bias=True', "padding_mode='zeros'", 'device=None', 'dtype=None'],
  build: (name, a) => buildConv(name, NDIM[name], name.startsWith('ConvTranspose'), a),
};

function divisible(a: Dim, g: number): boolean | undefined {
  const n = dimValue(a);
  return n === undefined ? undefined : n % g === 0;
}

/** A spatial input's leading dims: (C, ...) unbatched or (N, C, ...) batched. */
export function splitSpatial(kind: string, fnName: string, x: Shape, nd: number): { lead: Shape; c: Dim; spatial: Shape } {
  if (x.length !== nd + 1 && x.length !== nd + 2) {
    throw new ModuleError(`Expected ${nd + 1}D (unbatched) or ${nd + 2}D (batched) input to ${fnName}, but got input of size: ${torchSize(x)}`);
  }
  const c = x[x.length - nd - 1];
  return { lead: x.slice(0, x.length - nd - 1), c, spatial: x.slice(x.length - nd) };
}

function buildConv(kind: string, nd: number, transposed: boolean, a: CtorArgs): ModuleInstance {
  const cin = a.int('in_channels', 1);
  const cout = a.int('out_channels', 1);
  const k = a.ints('kernel_size', nd, 1);
  const s = a.ints('stride', nd, 1);
  const d = a.ints('dilation', nd, 1);
  const g = a.num('groups', 1);
  const bias = a.bool('bias');
  a.str('padding_mode', ['zeros', 'reflect', 'replicate', 'circular']);
  const pv = a.value('padding');
  let same = false;
  let p: Dim[];
  if (pv?.kind === 'str' && !transposed) {
    const mode = a.str('padding', ['same', 'valid']);
    same = mode === 'same';
    p = Array.from({ length: nd }, () => D(0));
    if (same && s.some((x) => dimValue(x) !== 1)) throw new ModuleError("padding='same' is not supported for strided convolutions", 'padding');
  } else {
    p = a.ints('padding', nd, 0);
  }
  const op = transposed ? a.ints('output_padding', nd, 0) : [];
  if (divisible(cin, g) === false) throw new ModuleError('in_channels must be divisible by groups', 'groups');
  if (divisible(cout, g) === false) throw new ModuleError('out_channels must be divisible by groups', 'groups');
  for (let i = 0; i < op.length; i++) {
    const o = dimValue(op[i]);
    const si = dimValue(s[i]);
    const di = dimValue(d[i]);
    if (o !== undefined && si !== undefined && di !== undefined && o >= si && o >= di) {
      throw new ModuleError(`output padding must be smaller than either stride or dilation, but got output_padding=${o}, stride=${si}, dilation=${di}`, 'output_padding');
    }
  }
  const text = a.text();
  const fn = transposed ? `conv_transpose${nd}d` : `conv${nd}d`;
  // Weight: (out, in/g, *k) for conv, (in, out/g, *k) transposed.
  const wShape = transposed ? [cin, divDim(cout, D(g)), ...k] : [cout, divDim(cin, D(g)), ...k];
  const w = prod(wShape);
  const params = bias ? addDim(w, cout) : w;
  return {
    kind, text, role: 'layer', params, spatial: nd,
    paramNotes: `weight ${wShape.map((x) => formatDim(x)).join('×')}${bias ? ` + bias ${formatDim(cout)}` : ''}`,
    forward(inputs) {
      const x = oneInput(kind, inputs);
      const { lead, c, spatial } = splitSpatial(kind, fn, x, nd);
      if (differ(c, cin)) {
        throw new ModuleError(
          `${text} expects ${formatDim(cin)} input channels, got ${formatDim(c)} in ${torchSize(x)} (PyTorch: Given ${transposed ? 'transposed=1, ' : ''}groups=${g}, weight of size ${torchSize(wShape)}, expected input${torchSize(x)} to have ${formatDim(cin)} channels, but got ${formatDim(c)} channels instead)`,
        );
      }
      const out = spatial.map((L, i) => {
        const x1 = { L, k: k[i], s: s[i], p: p[i], d: d[i], op: transposed ? op[i] : D(0) };
        return (transposed ? convTOut(x1) : same ? sameOut(x1) : convOut(x1)).value;
      });
      if (out.some((o) => (dimValue(o) ?? 1) < 1)) {
        const padded = spatial.map((L, i) => formatDim(addDim(L, mulDim(D(2), p[i])))).join(' x ');
        const kk = k.map((x1, i) => formatDim(addDim(mulDim(d[i], addDim(x1, D(-1))), D(1)))).join(' x ');
        throw new ModuleError(
          transposed
            ? `${text} on ${torchSize(x)} gives an output size below 1 (PyTorch: Given input size per channel: (${spatial.map((v) => formatDim(v)).join(' x ')}). Calculated output size per channel: (${out.map((v) => formatDim(v)).join(' x ')}). Output size is too small)`
            : `${text} cannot be applied to ${torchSize(x)}: the (dilated) kernel is larger than the padded input (PyTorch: Calculated padded input size per channel: (${padded}). Kernel size: (${kk}). Kernel size can't be greater than actual input size)`,
        );
      }
      return [...lead, cout, ...out];
    },
    macs(inputs, out) {
      // conv: each output value takes (in/g)·∏k products; transposed: each input value scatters (out/g)·∏k.
      return transposed ? mulDim(numel(inputs[0]), mulDim(divDim(cout, D(g)), prod(k))) : mulDim(numel(out as Shape), mulDim(divDim(cin, D(g)), prod(k)));
    },
    rf: transposed ? null : { k, s, d },
    channelDim: spatialChannelDim(nd),
  };
}
