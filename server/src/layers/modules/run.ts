/**
 * Running a module over shapes: the output, and one row per layer (what the hover's breakdown, the
 * layer tables, `macs` and `activations` read). Also the receptive field of a stack of conv and pool
 * layers: 1 + Σ (d(k-1)) ∏ s of the layers before (Araujo et al., Distill 2019).
 */
import type { Layout } from '../../claims/ast';
import { addDim, constDim, formatDim as fmtDim, mulDim, subDim, type Dim, type Shape } from '../../dims';
import { numel, sum } from './common';
import { forwardInLayout } from './layout';
import { isTuple, ModuleError, type ModuleInstance, type OutTree } from './types';

export interface LayerRow {
  /** Where the layer is in the network: `0`, `3`, `2.1` for a nested Sequential; '' for a module on its own. */
  path: string;
  module: ModuleInstance;
  /** The layer's input and output as written in the layout in force (layout.ts). */
  inputs: readonly Shape[];
  out: OutTree;
  params: Dim;
  macs: Dim;
  /** Values the layer produces (the numel of its outputs). */
  acts: Dim;
}

export interface RunOutcome {
  out: OutTree;
  rows: LayerRow[];
}

export function numelTree(o: OutTree | null): Dim {
  if (o === null) return constDim(0);
  return isTuple(o) ? sum(o.tuple.map(numelTree)) : numel(o);
}

/**
 * Applies `m` to shapes written in `layout` (section 3b; channels_first, PyTorch's order, when not
 * given); a wrong input is a ModuleError that names the layer at fault.
 */
export function runModule(m: ModuleInstance, inputs: readonly Shape[], kw?: Readonly<Record<string, boolean>>, path = '', layout?: Layout): RunOutcome {
  if (!m.children) {
    const { out, torchInputs, torchOut } = forwardInLayout(m, inputs, kw, layout);
    const macs = m.macs(torchInputs, torchOut);
    const acts = m.acts ? m.acts(torchInputs, torchOut) : numelTree(out);
    return { out, rows: [{ path, module: m, inputs, out, params: m.params, macs, acts }] };
  }
  if (kw && Object.keys(kw).length) throw new ModuleError(`Sequential.forward() got an unexpected keyword argument '${Object.keys(kw)[0]}'`);
  if (inputs.length !== 1) throw new ModuleError(`Sequential.forward() takes 1 input but ${inputs.length} were given`);
  let x: OutTree = inputs[0];
  let prev: ModuleInstance | null = null;
  const rows: LayerRow[] = [];
  m.children.forEach((child, i) => {
    const here = path ? `${path}.${i}` : String(i);
    if (isTuple(x)) {
      throw new ModuleError(`layer ${here} (${child.text}) would receive the tuple ${x.names} that ${prev?.text ?? 'the previous layer'} returns; a Sequential passes it whole, and PyTorch fails there`);
    }
    let r: RunOutcome;
    try {
      r = runModule(child, [x], undefined, here, layout);
    } catch (e) {
      if (e instanceof ModuleError && !child.children) throw new ModuleError(`layer ${here}, ${e.message.startsWith(child.text) ? e.message : `${child.text}: ${e.message}`}`, e.arg);
      throw e;
    }
    rows.push(...r.rows);
    x = r.out;
    prev = child;
  });
  return { out: x, rows };
}

/** The leaves of a module, in order (a Sequential's layers, nested ones opened). */
export function leaves(m: ModuleInstance, path = ''): { path: string; module: ModuleInstance }[] {
  if (!m.children) return [{ path, module: m }];
  return m.children.flatMap((c, i) => leaves(c, path ? `${path}.${i}` : String(i)));
}

export interface ReceptiveField {
  /** Per spatial dim. */
  dims: Dim[];
  steps: string[];
}

export function receptiveField(m: ModuleInstance): ReceptiveField {
  let nd: number | undefined;
  let rf: Dim[] = [];
  let jump: Dim[] = [];
  const steps: string[] = [];
  for (const { path, module } of leaves(m)) {
    const part = module.rf;
    const where = path ? `layer ${path} (${module.text})` : module.text;
    if (part === null) throw new ModuleError(`receptive_field: ${where} is not a conv or pool layer; a receptive field is defined for a stack of conv and pool layers (activations, norms and dropout pass through)`);
    if (part === 'pass') continue;
    if (nd === undefined) {
      nd = part.k.length;
      rf = Array.from({ length: nd }, () => constDim(1));
      jump = Array.from({ length: nd }, () => constDim(1));
    } else if (part.k.length !== nd) {
      throw new ModuleError(`receptive_field: ${where} has ${part.k.length} spatial dims, the layers before it ${nd}`);
    }
    rf = rf.map((r, i) => addDim(r, mulDim(mulDim(part.d[i], subDim(part.k[i], constDim(1))), jump[i])));
    jump = jump.map((j, i) => mulDim(j, part.s[i]));
    steps.push(`${where}: field ${rf.map((r) => fmtDim(r)).join('×')}, stride so far ${jump.map((j) => fmtDim(j)).join('×')}`);
  }
  if (nd === undefined) throw new ModuleError('receptive_field: the module has no conv or pool layer');
  return { dims: rf, steps };
}

