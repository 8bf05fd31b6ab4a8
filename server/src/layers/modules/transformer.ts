/**
 * `TransformerEncoderLayer` and `TransformerDecoderLayer` (PyTorch 1.13): self-attention (and, in the
 * decoder, attention over `memory`), a feed-forward block d→ff→d, and 2 (3) LayerNorms.
 * TransformerEncoderLayer(512, 8) has 3,152,384 parameters.
 */
import { addDim, dimValue, formatDim, mulDim, type Dim, type Shape } from '../../dims';
import type { CtorArgs } from './args';
import { attend, attentionMacs, attentionParams, type AttentionGeometry } from './attention';
import { D, sum, torchSize } from './common';
import { ModuleError, type ModuleInstance, type ModuleKind } from './types';

export const transformer: ModuleKind = {
  names: ['TransformerEncoderLayer', 'TransformerDecoderLayer'],
  sig: () => ['d_model', 'nhead', 'dim_feedforward=2048', 'dropout=0.1', "activation='relu'", 'layer_norm_eps=1e-05', 'batch_first=False', 'norm_first=False', 'device=None', 'dtype=None'],
  build: (name, a) => buildLayer(name, name === 'TransformerDecoderLayer', a),
};

function buildLayer(kind: string, decoder: boolean, a: CtorArgs): ModuleInstance {
  const d = a.int('d_model', 1);
  const heads = a.num('nhead', 1);
  const ff = a.int('dim_feedforward', 1);
  a.float('dropout');
  a.float('layer_norm_eps');
  const act = a.value('activation');
  if (act?.kind === 'str') a.str('activation', ['relu', 'gelu']);
  else if (act?.kind !== 'module') throw new ModuleError(`${kind}: activation must be 'relu', 'gelu' or a module`, 'activation');
  const batchFirst = a.bool('batch_first');
  a.bool('norm_first');
  const g: AttentionGeometry = { E: d, heads, kdim: d, vdim: d, bias: true, biasKv: false, zeroAttn: false, batchFirst };
  const dv = dimValue(d);
  if (dv !== undefined && dv % heads !== 0) throw new ModuleError('embed_dim must be divisible by num_heads', 'nhead');
  const mha = attentionParams(g);
  const ffParams = sum([mulDim(d, ff), ff, mulDim(ff, d), d]);
  const norms = mulDim(D(decoder ? 6 : 4), d);
  const text = a.text();
  const nAttn = decoder ? 2 : 1;
  return {
    kind, text, role: 'layer',
    params: sum([mulDim(D(nAttn), mha), ffParams, norms]),
    paramNotes: `${decoder ? 'self- and cross-attention' : 'self-attention'} ${formatDim(mha)} each + feed-forward ${formatDim(d)}→${formatDim(ff)}→${formatDim(d)} ${formatDim(ffParams)} + ${decoder ? 3 : 2} LayerNorms ${formatDim(mulDim(D(2), d))} each`,
    forward(inputs) {
      const want = decoder ? 2 : 1;
      if (inputs.length !== want) throw new ModuleError(`${kind}.forward() takes ${decoder ? 'tgt and memory' : 'src'}, but ${inputs.length} input${inputs.length === 1 ? ' was' : 's were'} given`);
      const x = inputs[0];
      attend(text, g, x, x, x, false, true);
      if (decoder) checkMemory(x, inputs[1]);
      return x;
    },
    macs(inputs) {
      const x = inputs[0];
      const self = attend(text, g, x, x, x, false, true);
      let total = addDim(attentionMacs(g, self.L, self.L, self.N), mulDim(mulDim(self.L, self.N), mulDim(D(2), mulDim(d, ff))));
      if (decoder) {
        const cross = attend(text, g, x, inputs[1], inputs[1], false, true);
        total = addDim(total, attentionMacs(g, cross.L, cross.S, cross.N));
      }
      return total;
    },
    // Leaf layers inside: each d-sized step (attention, dropouts, norms, linear2) and the two ff-sized ones.
    acts(inputs) {
      const x = inputs[0];
      const tokens = x.slice(0, -1).reduce((p: Dim, v) => mulDim(p, v), D(1));
      return mulDim(tokens, addDim(mulDim(D(decoder ? 9 : 6), d), mulDim(D(2), ff)));
    },
    rf: null,
  };

  function checkMemory(x: Shape, m: Shape): void {
    if (m.length !== x.length) throw new ModuleError(`${text}: memory ${torchSize(m)} must have as many dims as tgt ${torchSize(x)}`);
    attend(text, g, x, m, m, false, true);
  }
}
