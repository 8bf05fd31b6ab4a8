/**
 * `RNN`, `LSTM` (with `proj_size`), `GRU`. Parameters per layer and direction: G·H·(I+Hr) weights, 2·G·H
 * biases, and P·H for LSTM's projection (G = 1, 4, 3; Hr = P or H; layers after the first take I = D·Hr).
 * The call gives `(output, h_n)`, or `(output, (h_n, c_n))` for LSTM. MACs: the gate products
 * (W_ih·x and W_hh·h for every step, layer and direction, and the projection), weights only.
 */
import { addDim, dimValue, formatDim, mulDim, type Dim, type Shape } from '../../dims';
import type { CtorArgs } from './args';
import { D, differ, sum, torchSize, ZERO } from './common';
import { ModuleError, type ModuleInstance, type ModuleKind, type OutTree } from './types';

const GATES: Record<string, number> = { RNN: 1, LSTM: 4, GRU: 3 };

export const rnn: ModuleKind = {
  names: ['RNN', 'LSTM', 'GRU'],
  sig(name) {
    const common = ['input_size', 'hidden_size', 'num_layers=1'];
    const tail = ['bias=True', 'batch_first=False', 'dropout=0.0', 'bidirectional=False'];
    if (name === 'RNN') return [...common, "nonlinearity='tanh'", ...tail, 'device=None', 'dtype=None'];
    if (name === 'LSTM') return [...common, ...tail, 'proj_size=0', 'device=None', 'dtype=None'];
    return [...common, ...tail, 'device=None', 'dtype=None'];
  },
  build: (name, a) => buildRnn(name, a),
};

function buildRnn(kind: string, a: CtorArgs): ModuleInstance {
  const G = GATES[kind];
  const I = a.int('input_size', 1);
  const H = a.int('hidden_size', 1);
  const layers = a.num('num_layers', 1);
  const bias = a.bool('bias');
  const batchFirst = a.bool('batch_first');
  const bi = a.bool('bidirectional');
  const dropout = a.float('dropout');
  if (dropout < 0 || dropout > 1) throw new ModuleError('dropout should be a number in range [0, 1] representing the probability of an element being zeroed', 'dropout');
  if (kind === 'RNN') a.str('nonlinearity', ['tanh', 'relu']);
  const P = kind === 'LSTM' ? a.int('proj_size', 0) : ZERO;
  const pv = dimValue(P) ?? 1;
  const hv = dimValue(H);
  if (pv !== 0 && hv !== undefined && pv >= hv) throw new ModuleError('proj_size has to be smaller than hidden_size', 'proj_size');
  const proj = pv !== 0;
  const Hr = proj ? P : H;
  const Dn = bi ? 2 : 1;
  const text = a.text();
  const GH = mulDim(D(G), H);

  const perLayer: Dim[] = [];
  const inputOf = (l: number): Dim => (l === 0 ? I : mulDim(D(Dn), Hr));
  for (let l = 0; l < layers; l++) {
    let n = addDim(mulDim(GH, inputOf(l)), mulDim(GH, Hr));
    if (bias) n = addDim(n, mulDim(D(2), GH));
    if (proj) n = addDim(n, mulDim(P, H));
    perLayer.push(mulDim(D(Dn), n));
  }
  // Per step, the products of every layer and direction: W_ih·x, W_hh·h and the projection.
  const stepMacs = sum(Array.from({ length: layers }, (_, l) => mulDim(D(Dn), addDim(addDim(mulDim(GH, inputOf(l)), mulDim(GH, Hr)), proj ? mulDim(P, H) : ZERO))));
  const notes = `per layer and direction: W_ih ${G}·${formatDim(H)}×in + W_hh ${G}·${formatDim(H)}×${formatDim(Hr)}${bias ? ` + 2 biases of ${G}·${formatDim(H)}` : ''}${proj ? ` + W_hr ${formatDim(P)}×${formatDim(H)}` : ''}; ${layers} layer${layers === 1 ? '' : 's'} × ${Dn} direction${Dn === 1 ? '' : 's'}`;

  function steps(x: Shape): { T: Dim; N: Dim } {
    if (x.length === 2) return { T: x[0], N: D(1) };
    return batchFirst ? { T: x[1], N: x[0] } : { T: x[0], N: x[1] };
  }

  return {
    kind, text, role: 'layer', params: sum(perLayer), paramNotes: notes,
    forward(inputs) {
      if (inputs.length < 1 || inputs.length > 2) throw new ModuleError(`${kind}.forward() takes an input and an optional initial state, but ${inputs.length} were given`);
      const x = inputs[0];
      if (x.length !== 2 && x.length !== 3) throw new ModuleError(`${kind}: Expected input to be 2-D or 3-D but received ${x.length}-D tensor ${torchSize(x)}`);
      if (differ(x[x.length - 1], I)) {
        throw new ModuleError(`${text} expects inputs of size ${formatDim(I)} in the last dim, got ${torchSize(x)} (PyTorch: input.size(-1) must be equal to input_size. Expected ${formatDim(I)}, got ${formatDim(x[x.length - 1])})`);
      }
      const { T, N } = steps(x);
      const out = mulDim(D(Dn), Hr);
      const batched = x.length === 3;
      const output: Shape = batched ? (batchFirst ? [N, T, out] : [T, N, out]) : [T, out];
      const state = (size: Dim): Shape => (batched ? [D(Dn * layers), N, size] : [D(Dn * layers), size]);
      const h: OutTree = state(Hr);
      if (kind === 'LSTM') return { tuple: [output, { tuple: [h, state(H)], names: '(h_n, c_n)' }], names: '(output, (h_n, c_n))' };
      return { tuple: [output, h], names: '(output, h_n)' };
    },
    macs(inputs) {
      const { T, N } = steps(inputs[0]);
      return mulDim(mulDim(T, N), stepMacs);
    },
    rf: null,
  };
}
