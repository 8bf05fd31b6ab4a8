/**
 * `Sequential(*layers)`: applies its layers in order. Indexing (`net[2]`) gives a layer and slicing
 * (`net[:3]`) a new Sequential, as PyTorch does. Its shapes, MACs and rows come from run.ts.
 */
import { formatDim } from '../../dims';
import { plural, sum } from './common';
import { runModule } from './run';
import { ModuleError, type ModuleInstance, type ModuleKind } from './types';

export const sequential: ModuleKind = {
  names: ['Sequential'],
  sig: () => ['*args'],
  build: (_name, a) => makeSequential(a.modules()),
};

export function makeSequential(children: readonly ModuleInstance[]): ModuleInstance {
  const params = sum(children.map((c) => c.params));
  const self: ModuleInstance = {
    kind: 'Sequential',
    text: `Sequential(${plural(children.length, 'layer')})`,
    role: 'container',
    params,
    paramNotes: children.filter((c) => formatDim(c.params) !== '0').map((c) => formatDim(c.params)).join(' + ') || 'no parameters',
    children,
    forward: (inputs) => runModule(self, inputs).out,
    macs: (inputs) => sum(runModule(self, inputs).rows.map((r) => r.macs)),
    rf: 'pass',
  };
  return self;
}

/** `net[i]`, with Python's negative indices. */
export function indexSequential(m: ModuleInstance, i: number): ModuleInstance {
  const n = m.children?.length ?? 0;
  if (!m.children) throw new ModuleError(`'${m.kind}' object is not subscriptable: only a Sequential can be indexed`);
  if (i < -n || i >= n) throw new ModuleError(`index ${i} is out of range (the Sequential has ${plural(n, 'layer')})`);
  return m.children[i < 0 ? i + n : i];
}

/** `net[a:b:c]`, with Python's slice rules. */
export function sliceSequential(m: ModuleInstance, start: number | null, stop: number | null, step: number | null): ModuleInstance {
  if (!m.children) throw new ModuleError(`'${m.kind}' object is not subscriptable: only a Sequential can be sliced`);
  const n = m.children.length;
  const st = step ?? 1;
  if (st <= 0) throw new ModuleError('slice step must be positive');
  const clamp = (v: number | null, dflt: number) => (v === null ? dflt : v < 0 ? Math.max(0, v + n) : Math.min(v, n));
  const out: ModuleInstance[] = [];
  for (let i = clamp(start, 0); i < clamp(stop, n); i += st) out.push(m.children[i]);
  return makeSequential(out);
}
