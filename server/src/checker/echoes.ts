/**
 * What each kind of claim was given, for section 5's echo rule (binding/select.ts): a literal equal to
 * one of these repeats the question, not the answer. Dims are written canonically (`formatDim`).
 */
import type { Expr, LayerStmt, ParamsStmt } from '../claims/ast';
import { dimFromAst, formatDim, type Dim } from '../dims';
import type { Echoes } from '../binding/select';
import type { Scope } from './scope';

function dimText(d: Dim): string {
  return formatDim(d);
}

function tryDims(asts: readonly Parameters<typeof dimFromAst>[0][], symbols: Scope['symbols']): string[] | null {
  try {
    return asts.map((a) => dimText(dimFromAst(a, symbols)));
  } catch {
    return null;
  }
}

/** A layer's input (all of DIMS and their spatial part) and each parameter at the spatial rank (`k7` → 7×7). */
export function layerEchoes(layer: LayerStmt, symbols: Scope['symbols']): Echoes {
  const dims = tryDims(layer.dims, symbols);
  if (!dims) return { shapes: [], numbers: [] };
  const rank = layer.ndim ?? dims.length;
  const spatial = dims.slice(Math.max(0, dims.length - rank));
  const shapes: string[][] = [dims, spatial];
  for (const p of layer.params) {
    if (p.values.length === 0) continue;
    const v = tryDims(p.values, symbols);
    if (!v) continue;
    shapes.push(v.length === 1 ? Array.from({ length: rank }, () => v[0]) : v);
  }
  return { shapes, numbers: [] };
}

/** A parameter count's inputs: kernel, channels, groups, features (`params linear 4096 1000`: 4096 and 1000). */
export function paramsEchoes(params: ParamsStmt, symbols: Scope['symbols']): Echoes {
  const asts = [...params.kernel, ...params.features, params.inChannels, params.outChannels, params.groups].filter((a) => a !== null);
  const numbers: number[] = [];
  for (const d of tryDims(asts, symbols) ?? []) if (/^\d+$/.test(d)) numbers.push(Number(d));
  const k = tryDims(params.kernel, symbols);
  return { shapes: k && k.length > 1 ? [k] : k && k.length === 1 ? [[k[0], k[0]]] : [], numbers };
}

/**
 * An expression's inputs: the shapes of the tensors it names and the numbers it writes
 * (`conv1d(x, W, stride=2)`: x's and W's shapes, 2). A bare name is the claim itself, no input.
 */
export function expressionEchoes(expr: Expr, scope: Scope): Echoes {
  if (expr.type === 'name') return { shapes: [], numbers: [] };
  const shapes: string[][] = [];
  const numbers: number[] = [];
  const seen = new Set<string>();
  const visit = (e: Expr): void => {
    switch (e.type) {
      case 'num':
        numbers.push(e.value);
        return;
      case 'name': {
        if (seen.has(e.name)) return;
        seen.add(e.name);
        const t = scope.tensors.get(e.name);
        if (t) shapes.push(t.shape.map(dimText));
        return;
      }
      case 'list':
      case 'tuple':
        e.items.forEach(visit);
        return;
      case 'unary':
        visit(e.arg);
        return;
      case 'binary':
        visit(e.left);
        visit(e.right);
        return;
      case 'call':
        if (e.object) visit(e.object);
        e.args.forEach(visit);
        e.kwargs.forEach((k) => visit(k.value));
        return;
      case 'attr':
        visit(e.object);
        return;
      case 'index':
        visit(e.object);
        for (const it of e.items) if (it.type === 'expr') visit(it.expr);
        return;
      default:
        return;
    }
  };
  visit(expr);
  return { shapes, numbers };
}
