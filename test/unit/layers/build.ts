/**
 * Builds layer ASTs by hand, as the claim parser would, so these tests do not depend on it.
 * Every node gets its own span (a running counter) so a test can tell which node an error points at.
 */
import type { DimAst, LayerOp, LayerParam, LayerParamName, LayerStmt, ParamsStmt } from '../../../server/src/claims/ast';
import type { Span } from '../../../server/src/core/span';

let next = 0;
function fresh(len = 1): Span {
  const s = { start: next, end: next + len };
  next += len + 1;
  return s;
}

export type DimIn = number | string | DimAst;

export function dim(v: DimIn): DimAst {
  if (typeof v === 'number') {
    return v < 0 ? { type: 'neg', arg: { type: 'int', value: -v, span: fresh() }, span: fresh() } : { type: 'int', value: v, span: fresh() };
  }
  if (typeof v === 'string') return { type: 'sym', name: v, span: fresh() };
  return v;
}

export function param(name: LayerParamName, values: DimIn[] | 'same' | 'valid' = []): LayerParam {
  if (values === 'same' || values === 'valid') return { name, values: [], mode: values, span: fresh(6) };
  return { name, values: values.map(dim), span: fresh(3) };
}

/** layer('conv', undefined, [10, 11], [param('kernel', [3]), param('stride', [2])]) is `conv out 10x11 k3 s2`. */
export function layer(op: LayerOp, ndim: 1 | 2 | 3 | undefined, dims: DimIn[], params: LayerParam[]): LayerStmt {
  const opSpan = fresh(4);
  const ds = dims.map(dim);
  return { op, ndim, opSpan, dims: ds, dimsSpan: fresh(5), params };
}

export function paramsStmt(p: Partial<Omit<ParamsStmt, 'kernel' | 'inChannels' | 'outChannels' | 'groups' | 'features'>> & {
  kernel?: DimIn[]; c?: DimIn; f?: DimIn; g?: DimIn; features?: DimIn[];
}): ParamsStmt {
  return {
    layer: p.layer ?? 'conv2d',
    layerSpan: p.layerSpan ?? fresh(6),
    kernel: (p.kernel ?? []).map(dim),
    inChannels: p.c === undefined ? null : dim(p.c),
    outChannels: p.f === undefined ? null : dim(p.f),
    groups: p.g === undefined ? null : dim(p.g),
    bias: p.bias ?? true,
    features: (p.features ?? []).map(dim),
  };
}
