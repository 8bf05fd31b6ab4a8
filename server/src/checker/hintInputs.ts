/**
 * Gathers a failing statement's inputs for `findHint` (hints.ts): the claimed value as the checker read
 * it (from the comment or from the literal it bound to in the text) and the computed one. The one call
 * from statements.ts is `hintFor`, where every verdict is placed.
 */
import type { DimAst, Expr, ShapeAst, Stmt } from '../claims/ast';
import { parseDimText, parseShapeText } from '../claims';
import type { CheckResult, Hint, NestedNumbers } from '../core/result';
import type { Span } from '../core/span';
import { dimFromAst, type Dim, type Shape } from '../dims';
import { evaluate, toNested } from '../engine';
import { computeLayer } from '../layers';
import { layerOptions } from './conventions';
import { decimalsOf } from './format';
import { findHint, type LayoutChannels } from './hints';
import { isTuple } from '../layers/modules';
import type { BlockContext } from './statements';

type Verdict = Omit<CheckResult, 'span' | 'source' | 'links'>;

/** The hint for a verdict (null unless it is a `fail` that a known mistake explains). */
export function hintFor(ctx: BlockContext, stmt: Stmt, v: Verdict): Hint | null {
  if (v.status !== 'fail' || v.claimed === null || v.claimedSpan === null) return null;
  try {
    return unguarded(ctx, stmt, { ...v, claimed: v.claimed });
  } catch {
    return null;
  }
}

function unguarded(ctx: BlockContext, stmt: Stmt, v: Verdict & { claimed: string }): Hint | null {
  const symbols = ctx.scope.symbols;
  if (stmt.type === 'layer') {
    if (stmt.layer.fits !== undefined) return null;
    const options = layerOptions(ctx.scope.settings);
    const out = computeLayer(stmt.layer, symbols, options);
    const claimed = claimedShape(ctx, stmt.rhs?.shape ?? null, v);
    if (!out.ok || !claimed) return null;
    return findHint({ type: 'layer', layer: stmt.layer, symbols, options, computed: out.shape, claimed });
  }
  if (stmt.type === 'params') {
    const claimed = Number(v.claimed.replace(/[\s,]/g, ''));
    if (typeof v.computed !== 'number' || !Number.isFinite(claimed)) return null;
    return findHint({ type: 'params', params: stmt.params, symbols, computed: v.computed, claimed, claimedText: v.claimed });
  }
  if (stmt.type !== 'claim') return null;
  if (typeof v.computed === 'string') {
    const computed = shapeOfText(v.computed, symbols);
    const claimed = claimedShape(ctx, stmt.rhs?.type === 'shape' ? stmt.rhs.shape : null, v);
    if (!computed || !claimed) return null;
    return findHint({
      type: 'shape', expr: stmt.expr, computed, claimed, derivatives: ctx.scope.settings.derivatives,
      jacobianOutRank: jacobianOutRank(ctx, stmt.expr), channels: moduleChannels(ctx, stmt.expr, computed.length),
    });
  }
  if (v.computed === null) return null;
  const claimed = claimedValue(ctx, stmt, v);
  if (!claimed) return null;
  return findHint({ type: 'value', expr: stmt.expr, computed: v.computed, claimed: claimed.value, claimedText: v.claimed, decimals: claimed.decimals });
}

function shapeOfText(text: string, symbols: ReadonlyMap<string, number>): Shape | null {
  if (text === '()') return [];
  const parsed = parseShapeText(text);
  if (!parsed.ok) return null;
  return toShape(parsed.shape.dims, symbols);
}

function toShape(dims: readonly DimAst[], symbols: ReadonlyMap<string, number>): Shape | null {
  const out: Dim[] = [];
  for (const d of dims) out.push(dimFromAst(d, symbols));
  return out;
}

/** The claimed shape: from the comment's AST, or the literal in the text the verdict bound to. */
function claimedShape(ctx: BlockContext, ast: ShapeAst | null, v: Verdict): Shape | null {
  if (ast) return toShape(ast.dims, ctx.scope.symbols);
  const lit = literalAt(ctx, v.claimedSpan!);
  if (lit?.kind === 'number') return Number.isInteger(lit.value) ? toShape([{ type: 'int', value: lit.value, span: { start: 0, end: 0 } }], ctx.scope.symbols) : null;
  if (lit?.kind !== 'shape') return null;
  const dims: DimAst[] = [];
  for (const text of lit.dims) {
    const d = parseDimText(text);
    if (!d.ok) return null;
    dims.push(d.dim);
  }
  return toShape(dims, ctx.scope.symbols);
}

function literalAt(ctx: BlockContext, span: Span) {
  return ctx.literals().find((l) => l.span.start === span.start && l.span.end === span.end);
}

function claimedValue(ctx: BlockContext, stmt: Extract<Stmt, { type: 'claim' }>, v: Verdict): { value: number | NestedNumbers; decimals: number | null } | null {
  if (stmt.rhs?.type === 'value') {
    const out = evaluate(stmt.rhs.expr, { tensors: ctx.scope.tensors, symbols: ctx.scope.symbols, rng: ctx.rng }, ctx.limits);
    if (!out.ok || out.value.data === null) return null;
    return { value: toNested(out.value), decimals: maxDecimals(stmt.rhs.expr) };
  }
  const lit = literalAt(ctx, v.claimedSpan!);
  if (lit?.kind === 'number' || lit?.kind === 'tensor') return { value: lit.value, decimals: lit.decimals };
  return null;
}

function maxDecimals(e: Expr): number | null {
  if (e.type === 'num') return decimalsOf(e.raw);
  if (e.type === 'unary') return maxDecimals(e.arg);
  if (e.type === 'list' || e.type === 'tuple') {
    let best: number | null = null;
    for (const x of e.items) {
      const d = maxDecimals(x);
      if (d !== null) best = Math.max(best ?? 0, d);
    }
    return best;
  }
  return null;
}

/** For `jacobian(y, x)`: y's rank, where the output's dims end and the input's begin. */
function jacobianOutRank(ctx: BlockContext, e: Expr): number | undefined {
  if (e.type !== 'call' || e.object !== null || e.callee !== 'jacobian' || e.args.length < 1) return undefined;
  const out = evaluate(e.args[0], { tensors: ctx.scope.tensors, symbols: ctx.scope.symbols, rng: ctx.rng }, ctx.limits);
  return out.ok ? out.value.shape.length : undefined;
}

/**
 * For a module applied (`net(x)`): where its output's channels stand in PyTorch's order, when the last
 * layer that reads channels (conv, pool, norm) gives the output's rank and no layer after it changes
 * the rank (a Flatten or Linear after it leaves no channels to misplace).
 */
function moduleChannels(ctx: BlockContext, e: Expr, rank: number): LayoutChannels | undefined {
  if (e.type !== 'call') return undefined;
  const layout = ctx.scope.settings.layout;
  const out = evaluate(e, { tensors: ctx.scope.tensors, symbols: ctx.scope.symbols, modules: ctx.scope.modules, rng: ctx.rng, layout }, ctx.limits);
  const rows = out.ok ? out.breakdown?.rows : undefined;
  if (!rows) return undefined;
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i];
    if (isTuple(r.out) || r.out.length !== rank) return undefined;
    const at = r.module.channelDim?.(rank);
    if (at !== undefined) return { layout, at };
  }
  return undefined;
}
