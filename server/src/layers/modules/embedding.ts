/** `Embedding`: a lookup table of V vectors of size d; indices of any shape gain a last dim d. */
import { formatDim, mulDim } from '../../dims';
import { oneInput, ZERO } from './common';
import type { ModuleKind } from './types';

export const embedding: ModuleKind = {
  names: ['Embedding'],
  sig: () => ['num_embeddings', 'embedding_dim', 'padding_idx=None', 'max_norm=None', 'norm_type=2.0', 'scale_grad_by_freq=False', 'sparse=False', '_weight=None', 'device=None', 'dtype=None'],
  build(_name, a) {
    const v = a.int('num_embeddings', 1);
    const d = a.int('embedding_dim', 0);
    const text = a.text();
    return {
      kind: 'Embedding', text, role: 'layer',
      params: mulDim(v, d),
      paramNotes: `weight ${formatDim(v)}×${formatDim(d)}`,
      forward: (inputs) => [...oneInput('Embedding', inputs), d],
      // A lookup multiplies nothing.
      macs: () => ZERO,
      rf: null,
    };
  },
};
