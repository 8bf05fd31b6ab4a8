/**
 * The checker's side of modules (section 3a): `let net = nn.Sequential(...)` binds a module, and a
 * claim that applies or asks about one carries its per-layer breakdown for the hover.
 */
import type { Expr, Stmt } from '../claims/ast';
import { blockOffsetToDocument } from '../core/document';
import type { CheckResult, LayerInfo, ResultCode } from '../core/result';
import type { Span } from '../core/span';
import { formatDim, formatShape } from '../dims';
import { evaluate, evaluateModule, type ModuleBreakdown } from '../engine';
import type { TextLiteral } from '../binding/literals';
import { fixIsSafe, pickLiteral, type PickRequest } from '../binding/select';
import { expressionEchoes } from './echoes';
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
  // Rows without inputs come from params(net): a layer has no output shape until it is applied.
  return b.rows.map((r) => ({ layer: `${r.path ? `[${r.path}] ` : ''}${r.module.text}`, output: r.inputs.length ? outText(r.out) : '—', params: formatDim(r.params) }));
}

/** The result, with the module's layers when the claim applied or asked about one. */
export function withLayers(r: CheckResult, b: ModuleBreakdown | undefined): CheckResult {
  return b && b.rows.length ? { ...r, layers: layerInfos(b) } : r;
}

/**
 * `receptive_field(net)` with its value read from the text: besides a number, a square patch written
 * as a shape ("a 16×16 patch") claims 16 along each dim (section 3a). Undefined: the ordinary path
 * takes the claim (a comment-side value, an error, or nothing to bind).
 */
export function receptiveFieldClaim(ctx: BlockContext, stmt: Extract<Stmt, { type: 'claim' }>): CheckResult | undefined {
  const e = stmt.expr;
  if (stmt.rhs !== null || e.type !== 'call' || e.callee !== 'receptive_field' || e.object !== null) return undefined;
  const out = evaluate(e, { tensors: ctx.scope.tensors, symbols: ctx.scope.symbols, modules: ctx.scope.modules, rng: ctx.rng, layout: ctx.scope.settings.layout }, ctx.limits);
  if (!out.ok || !out.value.data || out.value.shape.length !== 0) return undefined;
  const n = out.value.data[0];
  const square = (l: TextLiteral): number | null =>
    l.kind === 'number' ? l.value : l.kind === 'shape' && l.dims.length > 1 && l.dims.every((d) => /^\d+$/.test(d) && d === l.dims[0]) ? Number(l.dims[0]) : null;
  const source = ctx.block.text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ').trim();
  const req: PickRequest = {
    doc: ctx.doc, window: ctx.block.searchSpan, nearest: ctx.nearest(!!ctx.block.ownLine), forward: !!ctx.block.ownLine,
    accepts: (l) => square(l) !== null, taken: ctx.taken, echoes: expressionEchoes(e, ctx.scope),
    holds: (l) => square(l) === n, leave: ctx.block.ownLine ? 0 : ctx.laterBare, after: ctx.startAfter ?? -1,
  };
  const pick = pickLiteral(req);
  const lit = pick?.literal;
  // A number takes the ordinary path (same literal, same messages); a square shape is handled here.
  if (!pick || !lit || lit.kind !== 'shape') return undefined;
  ctx.taken.add(lit);
  const fixText = lit.text.replace(/\d+/g, String(n));
  const claimed = square(lit)!;
  const holds = claimed === n;
  return withLayers({
    kind: 'text', status: holds ? 'pass' : 'fail', code: holds ? 'ok' : 'mismatch', span: toDoc(ctx, stmt.span), source,
    computed: n, computedText: String(n), claimed: lit.text, claimedSpan: lit.span,
    message: holds ? `${source} = ${n}: a ${lit.text} patch, as claimed` : `Claimed ${lit.text}, but ${source} = ${n} along each dim`,
    steps: out.trace,
    fix: holds || !fixIsSafe(req, pick, fixText, req.holds) ? undefined : { span: lit.span, newText: fixText },
  }, out.breakdown);
}
