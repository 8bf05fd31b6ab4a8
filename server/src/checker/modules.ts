/**
 * The checker's side of modules (section 3a): `let net = nn.Sequential(...)` binds a module, and a
 * claim that applies or asks about one carries its per-layer breakdown for the hover.
 */
import type { Expr, Stmt } from '../claims/ast';
import { blockOffsetToDocument } from '../core/document';
import type { CheckResult, LayerInfo, ResultCode } from '../core/result';
import type { Span } from '../core/span';
import { formatDim, formatShape } from '../dims';
import { evaluateModule, type ModuleBreakdown } from '../engine';
import { isModuleName, isTuple, leaves, type ModuleInstance, type OutTree } from '../layers/modules';
import type { Scope } from './scope';
import type { BlockContext } from './statements';

/** Whether `let name = expr` builds a module rather than a tensor: decided from the text and the scope. */
export function buildsModule(e: Expr, scope: Scope): boolean {
  switch (e.type) {
    case 'name': return scope.modules.has(e.name);
    case 'index': return buildsModule(e.object, scope);
    case 'call': {
      if (e.callee === '__call__') return false;
      const ns = e.object?.type === 'name' ? e.object.name : e.object?.type === 'attr' ? e.object.name : null;
      return isModuleName(e.callee) && (e.object === null || ns === 'nn');
    }
    default: return false;
  }
}

function toDoc(ctx: BlockContext, s: Span): Span {
  return { start: blockOffsetToDocument(ctx.block, s.start), end: blockOffsetToDocument(ctx.block, s.end) };
}

/** `let net = nn.Sequential(...)`; undefined when the value is not a module (the tensor path takes it). */
export function letModule(ctx: BlockContext, stmt: Extract<Stmt, { type: 'letValue' }>): CheckResult | null | undefined {
  if (!buildsModule(stmt.expr, ctx.scope)) return undefined;
  const out = evaluateModule(stmt.expr, { tensors: ctx.scope.tensors, symbols: ctx.scope.symbols, modules: ctx.scope.modules, rng: ctx.rng }, ctx.limits);
  if (!out.ok) {
    const span = toDoc(ctx, stmt.span);
    return {
      kind: 'let', status: 'error', code: out.error.code as ResultCode, span, errorSpan: toDoc(ctx, out.error.span),
      source: ctx.block.text.slice(stmt.span.start, stmt.span.end).replace(/\s+/g, ' ').trim().slice(0, 1000),
      computed: null, computedText: null, claimed: null, claimedSpan: null, steps: [],
      message: `let ${stmt.name}: ${out.error.message}`,
    };
  }
  ctx.scope.bindModule(stmt.name, out.module);
  ctx.lets.push({ name: stmt.name, nameSpan: toDoc(ctx, stmt.nameSpan), shapeText: describeModule(out.module), valueText: layerList(out.module) });
  return null;
}

function describeModule(m: ModuleInstance): string {
  return `${m.children ? m.text : m.kind}, ${formatDim(m.params)} parameters`;
}

function layerList(m: ModuleInstance): string {
  return leaves(m).map((l) => `${l.path ? `[${l.path}] ` : ''}${l.module.text}`).join('\n');
}

export function outText(o: OutTree | null): string {
  if (o === null) return 'None';
  return isTuple(o) ? `(${o.tuple.map(outText).join(', ')})` : formatShape(o, 'pretty');
}

export function layerInfos(b: ModuleBreakdown): LayerInfo[] {
  return b.rows.map((r) => ({ layer: `${r.path ? `[${r.path}] ` : ''}${r.module.text}`, output: outText(r.out), params: formatDim(r.params) }));
}

/** The result, with the module's layers when the claim applied or asked about one. */
export function withLayers(r: CheckResult, b: ModuleBreakdown | undefined): CheckResult {
  return b && b.rows.length ? { ...r, layers: layerInfos(b) } : r;
}
