/**
 * `MultiheadAttention(embed_dim, num_heads, ...)`: parameters 4E² + 4E by default (kdim/vdim split the
 * in-projection; add_bias_kv adds 2E). `mha(q, k, v)` gives `(output, weights)`, the weights averaged
 * over heads (PyTorch's default). MACs: the q/k/v projections, QKᵀ, AV and the output projection.
 */
import { addDim, dimValue, formatDim, mulDim, type Dim, type Shape } from '../../dims';
import type { CtorArgs } from './args';
import { D, differ, sum, torchSize } from './common';
import { ModuleError, type ModuleInstance, type ModuleKind, type OutTree } from './types';

export const attention: ModuleKind = {
  names: ['MultiheadAttention'],
  sig: () => ['embed_dim', 'num_heads', 'dropout=0.0', 'bias=True', 'add_bias_kv=False', 'add_zero_attn=False', 'kdim=None', 'vdim=None', 'batch_first=False', 'device=None', 'dtype=None'],
  build: (_name, a) => buildAttention(a),
};

export interface AttentionGeometry {
  E: Dim;
  heads: number;
  kdim: Dim;
  vdim: Dim;
  bias: boolean;
  biasKv: boolean;
  zeroAttn: boolean;
  batchFirst: boolean;
}

export function attentionParams(g: AttentionGeometry): Dim {
  const { E, kdim, vdim } = g;
  let n = sum([mulDim(E, E), mulDim(E, kdim), mulDim(E, vdim), mulDim(E, E)]);
  if (g.bias) n = addDim(n, mulDim(D(4), E));
  if (g.biasKv) n = addDim(n, mulDim(D(2), E));
  return n;
}

/** (L, S, N) of a call, and the output and weight shapes; PyTorch's checks. */
export function attend(text: string, g: AttentionGeometry, q: Shape, k: Shape, v: Shape, needWeights: boolean, average: boolean): { out: OutTree; L: Dim; S: Dim; N: Dim } {
  const batched = q.length === 3;
  if (q.length !== 2 && q.length !== 3) throw new ModuleError(`${text}: query should be unbatched 2D or batched 3D tensor but received ${q.length}-D query tensor ${torchSize(q)}`);
  if (k.length !== q.length || v.length !== q.length) {
    throw new ModuleError(`${text}: for ${batched ? 'batched (3-D)' : 'unbatched (2-D)'} \`query\`, expected \`key\` and \`value\` to be ${batched ? '3-D' : '2-D'} but found ${k.length}-D and ${v.length}-D tensors respectively`);
  }
  const E = q[q.length - 1];
  if (differ(E, g.E)) throw new ModuleError(`${text}: was expecting embedding dimension of ${formatDim(g.E)}, but got ${formatDim(E)} (query ${torchSize(q)})`);
  if (differ(k[k.length - 1], g.kdim)) throw new ModuleError(`${text}: key's last dim must be kdim = ${formatDim(g.kdim)}, got ${torchSize(k)}`);
  if (differ(v[v.length - 1], g.vdim)) throw new ModuleError(`${text}: value's last dim must be vdim = ${formatDim(g.vdim)}, got ${torchSize(v)}`);
  const at = (s: Shape, seq: boolean): Dim => (batched ? (g.batchFirst ? (seq ? s[1] : s[0]) : seq ? s[0] : s[1]) : seq ? s[0] : D(1));
  const L = at(q, true);
  const N = at(q, false);
  const S = at(k, true);
  if (differ(S, at(v, true)) || (batched && differ(at(k, false), at(v, false)))) throw new ModuleError(`${text}: key shape ${torchSize(k)} does not match value shape ${torchSize(v)}`);
  if (batched && differ(at(k, false), N)) throw new ModuleError(`${text}: the batch sizes of query ${torchSize(q)} and key ${torchSize(k)} differ`);
  const Se = addDim(S, D((g.biasKv ? 1 : 0) + (g.zeroAttn ? 1 : 0)));
  const out: Shape = batched ? (g.batchFirst ? [N, L, g.E] : [L, N, g.E]) : [L, g.E];
  let w: Shape | null = null;
  if (needWeights) {
    const perHead = average ? [] : [D(g.heads)];
    w = batched ? [N, ...perHead, L, Se] : [...perHead, L, Se];
  }
  return { out: { tuple: [out, w], names: '(attn_output, attn_output_weights)' }, L, S, N };
}

export function attentionMacs(g: AttentionGeometry, L: Dim, S: Dim, N: Dim): Dim {
  const Se = addDim(S, D((g.biasKv ? 1 : 0) + (g.zeroAttn ? 1 : 0)));
  const proj = sum([mulDim(L, mulDim(g.E, g.E)), mulDim(S, mulDim(g.kdim, g.E)), mulDim(S, mulDim(g.vdim, g.E))]);
  const scores = mulDim(D(2), mulDim(mulDim(L, Se), g.E));
  const outProj = mulDim(L, mulDim(g.E, g.E));
  return mulDim(N, sum([proj, scores, outProj]));
}

export function geometryOf(a: CtorArgs, E: Dim, heads: number): AttentionGeometry {
  const ev = dimValue(E);
  if (ev !== undefined && ev % heads !== 0) throw new ModuleError('embed_dim must be divisible by num_heads', 'num_heads');
  return {
    E, heads,
    kdim: a.isNone('kdim') ? E : a.int('kdim', 1),
    vdim: a.isNone('vdim') ? E : a.int('vdim', 1),
    bias: a.bool('bias'),
    biasKv: a.bool('add_bias_kv'),
    zeroAttn: a.bool('add_zero_attn'),
    batchFirst: a.bool('batch_first'),
  };
}

function buildAttention(a: CtorArgs): ModuleInstance {
  const E = a.int('embed_dim', 1);
  const heads = a.num('num_heads', 1);
  a.float('dropout');
  const g = geometryOf(a, E, heads);
  const text = a.text();
  const split = g.kdim !== E || g.vdim !== E;
  return {
    kind: 'MultiheadAttention', text, role: 'layer',
    params: attentionParams(g),
    paramNotes: `${split ? `q/k/v projections ${formatDim(E)}×${formatDim(E)}, ${formatDim(E)}×${formatDim(g.kdim)}, ${formatDim(E)}×${formatDim(g.vdim)}` : `in_proj ${formatDim(mulDim(D(3), E))}×${formatDim(E)}`} + out_proj ${formatDim(E)}×${formatDim(E)}${g.bias ? ` + biases 3·${formatDim(E)} and ${formatDim(E)}` : ''}${g.biasKv ? ` + bias_k, bias_v ${formatDim(E)} each` : ''}`,
    forward(inputs, kw) {
      if (inputs.length !== 3) throw new ModuleError(`MultiheadAttention.forward() takes query, key and value, but ${inputs.length} input${inputs.length === 1 ? ' was' : 's were'} given: write mha(x, x, x) for self-attention`);
      const need = kw?.need_weights ?? true;
      const avg = kw?.average_attn_weights ?? true;
      return attend(text, g, inputs[0], inputs[1], inputs[2], need, avg).out;
    },
    macs(inputs) {
      const { L, S, N } = attend(text, g, inputs[0], inputs[1], inputs[2], false, true);
      return attentionMacs(g, L, S, N);
    },
    rf: null,
  };
}

