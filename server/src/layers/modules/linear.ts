/** `Linear` and `Bilinear`: y = xWᵀ + b on the last dim; MACs are the weight products only. */
import { addDim, formatDim, mulDim, type Shape } from '../../dims';
import type { CtorArgs } from './args';
import { D, differ, numel, oneInput, prod, torchSize } from './common';
import { ModuleError, type ModuleInstance, type ModuleKind } from './types';

export const linear: ModuleKind = {
  names: ['Linear', 'Bilinear'],
  sig: (name) =>
    name === 'Linear'
      ? ['in_features', 'out_features', 'bias=True', 'device=None', 'dtype=None']
      : ['in1_features', 'in2_features', 'out_features', 'bias=True', 'device=None', 'dtype=None'],
  build: (name, a) => (name === 'Linear' ? buildLinear(a) : buildBilinear(a)),
};

function buildLinear(a: CtorArgs): ModuleInstance {
  const fin = a.int('in_features');
  const fout = a.int('out_features');
  const bias = a.bool('bias');
  const text = a.text();
  const w = mulDim(fin, fout);
  return {
    kind: 'Linear', text, role: 'layer',
    params: bias ? addDim(w, fout) : w,
    paramNotes: `weight ${formatDim(fout)}×${formatDim(fin)}${bias ? ` + bias ${formatDim(fout)}` : ''}`,
    forward(inputs) {
      const x = oneInput('Linear', inputs);
      if (x.length === 0) throw new ModuleError(`${text} cannot take a scalar input: it needs a last dim of ${formatDim(fin)}`);
      const last = x[x.length - 1];
      if (differ(last, fin)) {
        const rows = x.length === 1 ? D(1) : prod(x.slice(0, -1));
        throw new ModuleError(
          `${text} expects an input whose last dim is ${formatDim(fin)}, got ${torchSize(x)} (PyTorch: mat1 and mat2 shapes cannot be multiplied (${formatDim(rows)}x${formatDim(last)} and ${formatDim(fin)}x${formatDim(fout)}))`,
        );
      }
      return [...x.slice(0, -1), fout];
    },
    macs: (_, out) => mulDim(numel(out as Shape), fin),
    rf: null,
  };
}

function buildBilinear(a: CtorArgs): ModuleInstance {
  const f1 = a.int('in1_features');
  const f2 = a.int('in2_features');
  const fout = a.int('out_features');
  const bias = a.bool('bias');
  const text = a.text();
  const w = prod([fout, f1, f2]);
  return {
    kind: 'Bilinear', text, role: 'layer',
    params: bias ? addDim(w, fout) : w,
    paramNotes: `weight ${formatDim(fout)}×${formatDim(f1)}×${formatDim(f2)}${bias ? ` + bias ${formatDim(fout)}` : ''}`,
    forward(inputs) {
      if (inputs.length !== 2) throw new ModuleError(`Bilinear.forward() takes 2 inputs (input1, input2) but ${inputs.length} were given`);
      const [x1, x2] = inputs;
      if (x1.length === 0 || x2.length === 0) throw new ModuleError(`${text}: the inputs need at least one dim`);
      if (x1.length !== x2.length || x1.slice(0, -1).some((d, i) => differ(d, x2[i]))) {
        throw new ModuleError(`${text}: input1 ${torchSize(x1)} and input2 ${torchSize(x2)} must have the same dims but the last (PyTorch: bilinear(): input batch dimensions do not match)`);
      }
      if (differ(x1[x1.length - 1], f1)) throw new ModuleError(`${text}: input1's last dim must be ${formatDim(f1)}, got ${torchSize(x1)} (PyTorch: bilinear(): input1 size does not match weight size: got ${formatDim(x1[x1.length - 1])} but expected ${formatDim(f1)})`);
      if (differ(x2[x2.length - 1], f2)) throw new ModuleError(`${text}: input2's last dim must be ${formatDim(f2)}, got ${torchSize(x2)} (PyTorch: bilinear(): input2 size does not match weight size: got ${formatDim(x2[x2.length - 1])} but expected ${formatDim(f2)})`);
      return [...x1.slice(0, -1), fout];
    },
    macs: (_, out) => prod([numel(out as Shape), f1, f2]),
    rf: null,
  };
}

