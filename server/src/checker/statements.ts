/**
 * One statement → one CheckResult (or nothing, for a `let` that binds cleanly). Each kind of
 * statement is evaluated by its own component (layers, engine, math); this file decides what was
 * claimed, compares, and words the verdict.
 */
import type { ClaimBlock, MathRegion, ScannedDocument } from '../core/document';
import { blockOffsetToDocument } from '../core/document';
import type { CanonicalValue, CheckResult, LetInfo, NestedNumbers, ResultCode, StatementKind } from '../core/result';
import type { Span } from '../core/span';
import type { DimAst, Expr, ShapeAst, Stmt } from '../claims/ast';
import { parseDimText } from '../claims';
import {
  constDim, dimFromAst, dimValue, formatDim, formatShape, shapesEqual, type Dim, type Shape,
} from '../dims';
import { computeLayer, countParams } from '../layers';
import {
  checkIdentity, evaluate, scalarTensor, shapeOnlyTensor, toNested,
  type EngineLimits, type EvalEnv, type Tensor,
} from '../engine';
import { checkMath } from '../math';
import type { TextLiteral } from '../binding/literals';
import { fixIsSafe, pickLiteral, type Echoes, type Pick, type PickRequest } from '../binding/select';
import { writeNumberLike } from '../binding/rewrite';
import { expressionEchoes, layerEchoes, paramsEchoes } from './echoes';
import { compareClaim } from './compare';
import { decimalsOf, formatNested, formatNumber, formatNumberLike } from './format';
import type { Scope } from './scope';
import { nextMathRegion } from './mathRegion';
import { applySetting, fitsVerdict, inNumeratorLayout, layerOptions, strictProblem } from './conventions';
import { hintFor } from './hintInputs';
import { letModule, receptiveFieldClaim, withLayers } from './modules';

export interface BlockContext {
  doc: ScannedDocument;
  block: ClaimBlock;
  scope: Scope;
  limits: EngineLimits;
  rng: () => number;
  /** Literals of the block's search span, found once, on first need. */
  literals: () => readonly TextLiteral[];
  /** The same literals in order of nearness (`PickRequest.nearest`), read lazily. */
  nearest: (forward: boolean) => Iterable<TextLiteral>;
  /** Literals already bound by earlier statements of this block. */
  taken: Set<TextLiteral>;
  /** Bare statements after this one in the block (a backward search leaves them the nearest answers). */
  laterBare: number;
  /** Stacked blocks above took the paragraph's answers up to here: a forward search starts after it (-1: none). */
  startAfter?: number;
  lets: LetInfo[];
  /** The settings' tolerance override; null: the digits written decide. */
  tolerance: number | null;
}

export function evaluateStatement(ctx: BlockContext, stmt: Stmt): CheckResult | null {
  try {
    return evaluateUnguarded(ctx, stmt);
  } catch (e) {
    // A component that throws is a bug, but a student's document must never take the checker down.
    const message = e instanceof Error ? e.message : String(e);
    return errorResult(ctx, stmt, kindOf(stmt), 'eval', `Could not evaluate this claim: ${message}`, stmt.span);
  }
}

function evaluateUnguarded(ctx: BlockContext, stmt: Stmt): CheckResult | null {
  switch (stmt.type) {
    case 'invalid':
      return errorResult(ctx, stmt, 'text', 'syntax', stmt.message, stmt.errorSpan);
    case 'letShape':
      return letShape(ctx, stmt);
    case 'letValue': {
      const m = letModule(ctx, stmt);
      return m !== undefined ? m : letValue(ctx, stmt);
    }
    case 'layer':
      return layerClaim(ctx, stmt);
    case 'params':
      return paramsClaim(ctx, stmt);
    case 'claim':
      return receptiveFieldClaim(ctx, stmt) ?? expressionClaim(ctx, stmt);
    case 'identity':
      return identityClaim(ctx, stmt);
    case 'math':
      return mathClaim(ctx, stmt);
    case 'setting':
      return applySetting(ctx.scope, stmt);
    case 'table':
      // A table gives one result per cell: checker/table.ts, called from the block loop.
      return null;
  }
}

// ---------- helpers ----------

function toDoc(ctx: BlockContext, s: Span): Span {
  return { start: blockOffsetToDocument(ctx.block, s.start), end: blockOffsetToDocument(ctx.block, s.end) };
}

function sourceOf(ctx: BlockContext, s: Span): string {
  return ctx.block.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
}

/** A statement as quoted in a message: a 1 MB claim must not make a 1 MB diagnostic. */
function shown(ctx: BlockContext, s: Span): string {
  return brief(sourceOf(ctx, s), 80);
}

function brief(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function kindOf(stmt: Stmt): StatementKind {
  switch (stmt.type) {
    case 'letShape':
    case 'letValue':
      return 'let';
    case 'layer':
      return 'layer';
    case 'params':
      return 'params';
    case 'identity':
      return 'identity';
    case 'math':
      return 'math';
    case 'claim':
      return stmt.rhs === null ? 'text' : stmt.rhs.type === 'shape' ? 'shape' : 'value';
    default:
      return 'text';
  }
}

/** A result before it is placed: `make` adds the statement's span and source. */
type Verdict = Omit<CheckResult, 'span' | 'source' | 'links'>;

function make(ctx: BlockContext, stmt: Stmt, v: Verdict): CheckResult {
  const span = toDoc(ctx, stmt.span);
  // Section 7a: a fail that a known mistake explains says so, at the end of its message.
  const hint = v.status === 'fail' ? hintFor(ctx, stmt, v) : null;
  return {
    kind: v.kind,
    status: v.status,
    code: v.code,
    span,
    source: brief(sourceOf(ctx, stmt.span), 1000),
    errorSpan: v.errorSpan,
    computed: v.computed,
    computedText: v.computedText,
    claimed: v.claimed === null ? null : brief(v.claimed, 1000),
    claimedSpan: v.claimedSpan,
    message: (v.message.length > 2000 ? `${v.message.slice(0, 1000)} … ${v.message.slice(-500)}` : v.message) + (hint ? `; ${hint.message}` : ''),
    steps: v.steps,
    fix: v.fix,
    ...(v.status === 'fail' ? { hint } : {}),
  };
}

function errorResult(ctx: BlockContext, stmt: Stmt, kind: StatementKind, code: ResultCode, message: string, at: Span): CheckResult {
  return make(ctx, stmt, {
    kind, status: 'error', code, computed: null, computedText: null, claimed: null, claimedSpan: null,
    message, steps: [], errorSpan: toDoc(ctx, at),
  });
}

function engineEnv(ctx: BlockContext): EvalEnv {
  return { tensors: ctx.scope.tensors, symbols: ctx.scope.symbols, modules: ctx.scope.modules, rng: ctx.rng, layout: ctx.scope.settings.layout };
}

type ShapeFromAst = { ok: true; shape: Shape } | { ok: false; message: string; span: Span };

function shapeFromAst(ctx: BlockContext, ast: ShapeAst): ShapeFromAst {
  const dims: Dim[] = [];
  for (const d of ast.dims) {
    try {
      dims.push(dimFromAst(d, ctx.scope.symbols));
    } catch (e) {
      return { ok: false, message: `Cannot read this dim: ${e instanceof Error ? e.message : String(e)}`, span: d.span };
    }
  }
  return { ok: true, shape: dims };
}

/**
 * The shape a literal spells: a shape; a whole number (a one-dim shape); a flat list of whole numbers
 * (`[1, 6, 28, 28]`, `torch.Size([...])`), where a leading `-1` (torchsummary's) stands for any batch
 * size: it takes the computed shape's first dim when `against` is given.
 */
function literalShape(ctx: BlockContext, lit: TextLiteral, against?: Shape): Shape | null {
  if (lit.kind === 'number') return Number.isInteger(lit.value) && lit.value >= 0 ? [constDim(lit.value)] : null;
  if (lit.kind === 'tensor') {
    const v = lit.value as unknown[];
    if (!v.every((x) => typeof x === 'number' && Number.isInteger(x))) return null;
    const n = v as number[];
    if (n.some((x, i) => x < 0 && !(i === 0 && x === -1))) return null;
    return n.map((x, i) => (x === -1 && i === 0 ? (against && against.length === n.length ? against[0] : constDim(1)) : constDim(x)));
  }
  if (lit.kind !== 'shape') return null;
  const dims: Dim[] = [];
  for (const text of lit.dims) {
    const d = dimOfText(text, ctx.scope.symbols);
    if (!d) return null;
    dims.push(d);
  }
  return dims;
}

/** One dim as a shape literal spells it (`28`, `H_out`, `(2*m)`), with the symbols bound so far; null if unreadable. */
export function dimOfText(text: string, symbols: Scope['symbols']): Dim | null {
  const parsed = parseDimText(text);
  if (!parsed.ok) return null;
  try {
    return dimFromAst(parsed.dim as DimAst, symbols);
  } catch {
    return null;
  }
}

function pretty(shape: Shape): string {
  return formatShape(shape, 'pretty');
}

function canonical(shape: Shape): string {
  return formatShape(shape, 'canonical');
}

/** Rewrites a shape in the style the student used for the claimed one (`4×5`, `4 \times 5`, `4x5`). */
function shapeLike(shape: Shape, written: string): string {
  const dims = shape.map((d) => formatDim(d));
  if (dims.length === 0) return written.includes('scalar') ? 'scalar' : '()';
  const sep = /\\times/.test(written)
    ? (/\s\\times\s/.test(written) ? ' \\times ' : '\\times ')
    : written.includes('×')
      ? (/\s×\s/.test(written) ? ' × ' : '×')
      : /\s[xX]\s/.test(written)
        ? ' x '
        : /,/.test(written) ? ', ' : 'x';
  const body = dims.join(sep);
  const power = /^(\\mathbb\{R\}|\\R|R|ℝ)\^(\{?)/.exec(written);
  if (power) return power[2] === '{' || dims.length > 1 ? `${power[1]}^{${body}}` : `${power[1]}^${body}`;
  if (/^\(.*\)$/.test(written.trim())) return `(${body})`;
  if (/^\[.*\]$/.test(written.trim())) return `[${body}]`;
  return body;
}

/** Section 5's rules (binding/select.ts) over this block's window. */
function bindRequest(ctx: BlockContext, accepts: (lit: TextLiteral) => boolean, echoes: Echoes, holds: (lit: TextLiteral) => boolean): PickRequest {
  return {
    doc: ctx.doc, window: ctx.block.searchSpan, nearest: ctx.nearest(!!ctx.block.ownLine), forward: !!ctx.block.ownLine,
    accepts, taken: ctx.taken, echoes, holds, leave: ctx.block.ownLine ? 0 : ctx.laterBare, after: ctx.startAfter ?? -1,
  };
}

/** The claimed literal, taken so later statements of the block read the answers after it. */
function bindText(ctx: BlockContext, req: PickRequest): Pick | null {
  const pick = pickLiteral(req);
  if (pick) ctx.taken.add(pick.literal);
  return pick;
}

/** The fix, when the rules say it rewrites the claimed answer and nothing else (else none). */
function safeFix(req: PickRequest | null, pick: Pick | null, fix: { span: Span; newText: string } | undefined, holds: (lit: TextLiteral) => boolean): { span: Span; newText: string } | undefined {
  if (!fix || !req || !pick) return fix;
  return fixIsSafe(req, pick, fix.newText, holds) ? fix : undefined;
}

function describeWhere(ctx: BlockContext, what: string): string {
  return ctx.block.ownLine
    ? `no ${what} in the paragraph after this claim`
    : `no ${what} earlier in this paragraph`;
}

function unboundVerdict(ctx: BlockContext, kind: StatementKind, source: string, computed: CanonicalValue, computedText: string, steps: string[], what: string): Verdict {
  return {
    kind, status: 'unbound', code: 'unbound', computed, computedText, claimed: null, claimedSpan: null,
    message: `${source} gives ${computedText}; nothing is claimed (${describeWhere(ctx, what)}).`,
    steps,
  };
}

function withSteps(steps: string[]): string {
  return steps.length ? ` (${steps.join('; ')})` : '';
}

// ---------- let ----------

function letShape(ctx: BlockContext, stmt: Extract<Stmt, { type: 'letShape' }>): CheckResult | null {
  const s = shapeFromAst(ctx, stmt.shape);
  if (!s.ok) return errorResult(ctx, stmt, 'let', 'syntax', s.message, s.span);
  const t = shapeOnlyTensor(s.shape);
  ctx.scope.bindTensor(stmt.name, t, null);
  ctx.lets.push({ name: stmt.name, nameSpan: toDoc(ctx, stmt.nameSpan), shapeText: pretty(s.shape), valueText: null });
  return null;
}

function letValue(ctx: BlockContext, stmt: Extract<Stmt, { type: 'letValue' }>): CheckResult | null {
  const out = evaluate(stmt.expr, engineEnv(ctx), ctx.limits);
  if (!out.ok) return errorResult(ctx, stmt, 'let', out.error.code as ResultCode, `let ${stmt.name}: ${out.error.message}`, out.error.span);
  const t = out.value;
  const scalar = t.data !== null && t.shape.length === 0 ? t.data[0] : null;
  ctx.scope.bindTensor(stmt.name, t, scalar);
  ctx.lets.push({
    name: stmt.name,
    nameSpan: toDoc(ctx, stmt.nameSpan),
    shapeText: pretty(t.shape),
    valueText: t.data !== null ? formatNested(toNested(t)) : null,
  });
  return null;
}

// ---------- layer shorthand ----------

function layerClaim(ctx: BlockContext, stmt: Extract<Stmt, { type: 'layer' }>): CheckResult {
  const out = computeLayer(stmt.layer, ctx.scope.symbols, layerOptions(ctx.scope.settings));
  if (!out.ok) return errorResult(ctx, stmt, 'layer', out.code, out.message, out.span);
  const source = prettySource(ctx, stmt.span.start === stmt.span.end ? stmt.span : stmt.rhs ? { start: stmt.span.start, end: stmt.rhs.span.start } : stmt.span);
  const fitsAt = stmt.layer.fitsSpan;
  if (fitsAt) return make(ctx, stmt, fitsVerdict(source.replace(/^(not )?fits /, ''), stmt.layer.fits!, out, toDoc(ctx, fitsAt), sourceOf(ctx, fitsAt)));
  const unfit = strictProblem(ctx.scope.settings, out, source);
  if (unfit) return errorResult(ctx, stmt, 'layer', 'invalid-layer', unfit, stmt.layer.dimsSpan);
  const v = judgeShape(ctx, stmt, 'layer', source, out.shape, out.explanation, stmt.rhs?.shape ?? null, true, layerEchoes(stmt.layer, ctx.scope.symbols));
  // The message carries the short per-dim formulas (`W: floor((10-3)/2)+1 = 4`); the hover, the explanation.
  const short = out.steps.map((s) => `${s.label}: ${s.formula} = ${s.value}${s.inexact ? (s.rounding === 'ceil' ? ' (rounded up)' : ' (floored)') : ''}`);
  return make(ctx, stmt, { ...v, message: v.message.replace(withSteps(out.explanation), withSteps(short)) });
}

/** `conv out 10x11 k3 s2` is shown as `conv out 10×11 k3 s2`, as the spec's messages do. */
function prettySource(ctx: BlockContext, s: Span): string {
  return shown(ctx, s).replace(/\s*[=:]\s*$/, '').replace(/(?<=\bout\s+)[A-Za-z0-9_()+\-*/ ]*?(?=\s+[a-z]|$)/, (dims) =>
    dims.replace(/(?<=[A-Za-z0-9_)])\s*[xX]\s*(?=[A-Za-z0-9_(])/g, '×'),
  );
}

/**
 * A shape computed for a statement, judged against the shape claimed in the comment (`= 4x5`,
 * `: 4x5`) or, with none, against a shape (or for one dim, a number) in the text.
 */
function judgeShape(
  ctx: BlockContext, stmt: Stmt, kind: StatementKind, source: string, shape: Shape, steps: string[],
  claimedAst: ShapeAst | null, acceptNumberForOneDim: boolean, echoes: Echoes,
): Verdict {
  const computed = canonical(shape);
  const computedText = pretty(shape);
  if (claimedAst) {
    const claimed = shapeFromAst(ctx, claimedAst);
    const claimedSpan = toDoc(ctx, claimedAst.span);
    const written = sourceOf(ctx, claimedAst.span);
    if (!claimed.ok) {
      return { kind, status: 'error', code: 'syntax', computed, computedText, claimed: written, claimedSpan, message: claimed.message, steps, errorSpan: toDoc(ctx, claimed.span) };
    }
    return shapeVerdict(kind, source, shape, claimed.shape, written, claimedSpan, steps);
  }
  const oneDimNumber = (lit: TextLiteral) => acceptNumberForOneDim && shape.length === 1 && lit.kind === 'number';
  // A one-dim size claimed as a fraction ("= 4.5", the division left unfloored) is a wrong size, not no claim.
  const fractional = (lit: TextLiteral) => oneDimNumber(lit) && lit.kind === 'number' && !Number.isInteger(lit.value) && lit.value > 0;
  const accepts = (lit: TextLiteral) =>
    fractional(lit) || ((lit.kind === 'shape' || lit.kind === 'tensor' || oneDimNumber(lit)) && literalShape(ctx, lit, shape) !== null);
  const holds = (lit: TextLiteral) => {
    const s = literalShape(ctx, lit, shape);
    return s !== null && shapesEqual(s, shape);
  };
  const req = bindRequest(ctx, accepts, echoes, holds);
  const pick = bindText(ctx, req);
  if (!pick) return unboundVerdict(ctx, kind, source, computed, computedText, steps, 'shape');
  const lit = pick.literal;
  if (fractional(lit)) {
    return {
      kind, status: 'fail', code: 'shape-mismatch', computed, computedText, claimed: lit.text, claimedSpan: lit.span,
      message: `Claimed ${lit.text}, but ${source} gives ${computedText}: a size is a whole number${withSteps(steps)}`,
      steps, fix: safeFix(req, pick, { span: lit.span, newText: computedText }, holds),
    };
  }
  const v = shapeVerdict(kind, source, shape, literalShape(ctx, lit, shape)!, lit.text, lit.span, steps);
  return { ...v, fix: safeFix(req, pick, v.fix, holds) };
}

function shapeVerdict(kind: StatementKind, source: string, shape: Shape, claimed: Shape, written: string, claimedSpan: Span, steps: string[]): Verdict {
  const computed = canonical(shape);
  const computedText = pretty(shape);
  const holds = shapesEqual(shape, claimed);
  return {
    kind,
    status: holds ? 'pass' : 'fail',
    code: holds ? 'ok' : 'shape-mismatch',
    computed,
    computedText,
    claimed: written,
    claimedSpan,
    message: holds
      ? `${source} gives ${computedText}, as claimed${withSteps(steps)}`
      : `Claimed ${pretty(claimed)}, but ${source} gives ${computedText}${withSteps(steps)}`,
    steps,
    fix: holds ? undefined : { span: claimedSpan, newText: shapeLike(shape, written) },
  };
}

// ---------- params ----------

function paramsClaim(ctx: BlockContext, stmt: Extract<Stmt, { type: 'params' }>): CheckResult {
  const out = countParams(stmt.params, ctx.scope.symbols);
  if (!out.ok) return errorResult(ctx, stmt, 'params', out.code, out.message, out.span);
  // The statement without its claimed `= VALUE` (`params conv2d k3 c=3 f=32`, not `params conv2d k3 c`).
  const source = shown(ctx, stmt.rhs ? { start: stmt.span.start, end: stmt.rhs.span.start } : stmt.span).replace(/\s*=\s*$/, '');
  const n = dimValue(out.value);
  const computed: CanonicalValue = n !== undefined ? n : formatDim(out.value);
  const computedText = n !== undefined ? formatNumber(n) : formatDim(out.value);
  const steps = out.explanation;
  if (stmt.rhs) {
    const claimedOut = evaluate(stmt.rhs.expr, engineEnv(ctx), ctx.limits);
    const written = sourceOf(ctx, stmt.rhs.span);
    const claimedSpan = toDoc(ctx, stmt.rhs.span);
    if (!claimedOut.ok) return errorResult(ctx, stmt, 'params', claimedOut.error.code as ResultCode, claimedOut.error.message, claimedOut.error.span);
    const v = claimedOut.value.data && claimedOut.value.shape.length === 0 ? claimedOut.value.data[0] : NaN;
    return make(ctx, stmt, countVerdict(source, n, computed, computedText, v, written, claimedSpan, steps));
  }
  const holds = (l: TextLiteral) => l.kind === 'number' && n !== undefined && countHolds(n, l.value, l.decimals);
  const req = bindRequest(ctx, (l) => l.kind === 'number', paramsEchoes(stmt.params, ctx.scope.symbols), holds);
  const pick = bindText(ctx, req);
  const lit = pick?.literal;
  if (!lit || lit.kind !== 'number') return make(ctx, stmt, unboundVerdict(ctx, 'params', source, computed, computedText, steps, 'number'));
  const v = countVerdict(source, n, computed, computedText, lit.value, lit.text, lit.span, steps, lit.decimals);
  const fixText = v.fix && n !== undefined ? writeNumberLike(n, lit.text, lit.form, lit.decimals) : null;
  const fix = fixText === null ? undefined : { span: lit.span, newText: fixText };
  return make(ctx, stmt, { ...v, fix: safeFix(req, pick, fix, holds) });
}

/** A count matches exactly, or to the digits written when the claim has a suffix (`61.7K`, `1.8M`). */
function countHolds(n: number, claimed: number, decimals: number | null): boolean {
  const tol = decimals === null ? 1e-9 * Math.max(1, Math.abs(n)) : 0.5 * Math.pow(10, -decimals) + 1e-9 * Math.max(1, Math.abs(n));
  return Math.abs(claimed - n) <= tol;
}

function countVerdict(source: string, n: number | undefined, computed: CanonicalValue, computedText: string, claimed: number, written: string, claimedSpan: Span, steps: string[], decimals: number | null = null): Verdict {
  const holds = n !== undefined && countHolds(n, claimed, decimals);
  return {
    kind: 'params', status: holds ? 'pass' : 'fail', code: holds ? 'ok' : 'mismatch', computed, computedText,
    claimed: written, claimedSpan,
    message: holds ? `${source} has ${computedText} parameters, as claimed${withSteps(steps)}` : `Claimed ${written}, but ${source} has ${computedText} parameters${withSteps(steps)}`,
    steps,
    fix: holds ? undefined : { span: claimedSpan, newText: computedText },
  };
}

// ---------- expressions ----------

function expressionClaim(ctx: BlockContext, stmt: Extract<Stmt, { type: 'claim' }>): CheckResult {
  const out = evaluate(stmt.expr, engineEnv(ctx), ctx.limits);
  const kind = kindOf(stmt);
  if (!out.ok) return errorResult(ctx, stmt, kind, out.error.code as ResultCode, out.error.message, out.error.span);
  const value = inNumeratorLayout(ctx.scope.settings, stmt.expr, out.value);
  const source = shown(ctx, stmt.expr.span);
  // A bare name has no computation to trace; say where its value comes from instead.
  const steps = out.trace.length || stmt.expr.type !== 'name' ? out.trace : [`${stmt.expr.name} is ${pretty(value.shape)}, as bound by its let`];
  const rhs = stmt.rhs;
  const verdict = rhs?.type === 'shape'
    ? judgeShape(ctx, stmt, 'shape', source, value.shape, steps, rhs.shape, false, expressionEchoes(stmt.expr, ctx.scope))
    : rhs?.type === 'value' ? valueAgainstComment(ctx, stmt, source, value, steps, rhs.expr) : valueAgainstText(ctx, stmt, source, value, steps);
  return withLayers(make(ctx, stmt, verdict), out.breakdown);
}

function maxDecimals(e: Expr): number | null {
  let best: number | null = null;
  const visit = (x: Expr): void => {
    if (x.type === 'num') {
      const d = decimalsOf(x.raw);
      if (d !== null) best = Math.max(best ?? 0, d);
    } else if (x.type === 'list' || x.type === 'tuple') x.items.forEach(visit);
    else if (x.type === 'unary') visit(x.arg);
    else if (x.type === 'binary') {
      // A fraction like 9/2 is exact, whatever its parts.
      if (x.op !== '/') {
        visit(x.left);
        visit(x.right);
      }
    }
  };
  visit(e);
  return best;
}

function computedOf(value: Tensor): { computed: CanonicalValue; text: string } {
  if (value.data === null) return { computed: canonical(value.shape), text: pretty(value.shape) };
  const nested = toNested(value);
  return { computed: nested as CanonicalValue, text: formatNested(nested) };
}

function valueAgainstComment(ctx: BlockContext, stmt: Stmt, source: string, value: Tensor, steps: string[], claimedExpr: Expr): Verdict {
  const written = sourceOf(ctx, claimedExpr.span);
  const claimedSpan = toDoc(ctx, claimedExpr.span);
  const { computed, text } = computedOf(value);
  if (value.data === null) {
    return {
      kind: 'value', status: 'error', code: 'needs-values', computed, computedText: text, claimed: written, claimedSpan,
      message: `${source} has only a shape (${text}), so its value cannot be compared with ${written}: give its inputs values with \`let x = [...]\`, or claim a shape with \`:\``,
      steps, errorSpan: toDoc(ctx, stmt.span),
    };
  }
  const claimedOut = evaluate(claimedExpr, engineEnv(ctx), ctx.limits);
  if (!claimedOut.ok) {
    return { kind: 'value', status: 'error', code: claimedOut.error.code as ResultCode, computed, computedText: text, claimed: written, claimedSpan, message: claimedOut.error.message, steps, errorSpan: toDoc(ctx, claimedOut.error.span) };
  }
  if (claimedOut.value.data === null) {
    return { kind: 'value', status: 'error', code: 'needs-values', computed, computedText: text, claimed: written, claimedSpan, message: `The claimed value ${written} has no values`, steps, errorSpan: claimedSpan };
  }
  const decimals = maxDecimals(claimedExpr);
  return valueVerdict(ctx, source, value, toNested(claimedOut.value), decimals, written, claimedSpan, steps);
}

function valueVerdict(ctx: BlockContext, source: string, value: Tensor, claimed: number | NestedNumbers, digits: number | null | readonly (number | null)[], written: string, claimedSpan: Span, steps: string[]): Verdict {
  const { computed, text } = computedOf(value);
  const decimals = typeof digits === 'object' && digits !== null ? digits.reduce<number | null>((m, d) => (d === null ? m : Math.max(m ?? 0, d)), null) : digits;
  const cmp = compareClaim(value, claimed, digits, ctx.tolerance);
  return {
    kind: 'value',
    status: cmp.matches ? 'pass' : 'fail',
    code: cmp.matches ? 'ok' : 'mismatch',
    computed,
    computedText: text,
    claimed: written,
    claimedSpan,
    message: cmp.matches ? `${source} = ${text}, as claimed` : `Claimed ${written}, but ${source} = ${text}: ${cmp.message}`,
    steps,
    fix: cmp.matches ? undefined : { span: claimedSpan, newText: value.shape.length === 0 ? formatNumberLike(value.data![0], decimals) : formatNested(toNested(value), decimals, { left: Infinity }) },
  };
}

function valueAgainstText(ctx: BlockContext, stmt: Extract<Stmt, { type: 'claim' }>, source: string, value: Tensor, steps: string[]): Verdict {
  const echoes = expressionEchoes(stmt.expr, ctx.scope);
  if (value.data === null) return judgeShape(ctx, stmt, 'text', source, value.shape, steps, null, false, echoes);
  const scalar = value.shape.length === 0;
  const accepts = (lit: TextLiteral) => (scalar ? lit.kind === 'number' : lit.kind === 'tensor' || lit.kind === 'shape');
  const holds = (lit: TextLiteral) => {
    if (lit.kind === 'shape') {
      const s = literalShape(ctx, lit, value.shape);
      return s !== null && shapesEqual(s, value.shape);
    }
    if (lit.kind === 'number') return compareClaim(value, lit.value, lit.decimals, ctx.tolerance).matches;
    return compareClaim(value, fitToShape(lit.value, value), lit.each, ctx.tolerance).matches;
  };
  const req = bindRequest(ctx, accepts, echoes, holds);
  const pick = bindText(ctx, req);
  const { computed, text } = computedOf(value);
  if (!pick) return unboundVerdict(ctx, 'text', source, computed, text, steps, scalar ? 'number' : 'tensor or shape');
  const lit = pick.literal;
  if (lit.kind === 'shape') {
    const v = shapeVerdict('text', source, value.shape, literalShape(ctx, lit, value.shape) ?? [], lit.text, lit.span, steps);
    return { ...v, kind: 'text', fix: safeFix(req, pick, v.fix, holds) };
  }
  const claimed = lit.kind === 'number' ? lit.value : fitToShape(lit.value, value);
  const v = valueVerdict(ctx, source, value, claimed, lit.kind === 'number' ? lit.decimals : lit.each, lit.text, lit.span, steps);
  let fix = v.fix;
  if (fix && lit.kind === 'number' && value.shape.length === 0) {
    const newText = writeNumberLike(value.data[0], lit.text, lit.form, lit.decimals);
    fix = newText === null ? undefined : { span: lit.span, newText };
  }
  return { ...v, kind: 'text', fix: safeFix(req, pick, fix, holds) };
}

/**
 * A vector written as a one-row `pmatrix` is still that vector: when the claimed tensor has the
 * computed number of elements and differs only by dims of size 1, compare it in the computed shape.
 */
function fitToShape(claimed: NestedNumbers, value: Tensor): NestedNumbers {
  const dims = (v: unknown): number[] => (Array.isArray(v) ? [v.length, ...dims(v[0])] : []);
  const cd = dims(claimed);
  const vd = value.shape.map((d: Dim) => dimValue(d) ?? -1);
  const squeeze = (a: number[]) => a.filter((n) => n !== 1);
  if (cd.join() === vd.join() || squeeze(cd).join() !== squeeze(vd).join()) return claimed;
  const flat = (claimed as unknown[]).flat(Infinity) as number[];
  const build = (shape: number[], at: { i: number }): NestedNumbers =>
    (shape.length === 1 ? flat.slice(at.i, (at.i += shape[0])) : Array.from({ length: shape[0] }, () => build(shape.slice(1), at))) as NestedNumbers;
  return vd.length === 0 ? claimed : build(vd, { i: 0 });
}

// ---------- identity ----------

function identityClaim(ctx: BlockContext, stmt: Extract<Stmt, { type: 'identity' }>): CheckResult {
  const out = checkIdentity(stmt.left, stmt.right, engineEnv(ctx), ctx.limits);
  if (!out.ok) return errorResult(ctx, stmt, 'identity', out.error.code as ResultCode, out.error.message, out.error.span);
  const source = shown(ctx, stmt.span);
  return make(ctx, stmt, {
    kind: 'identity',
    status: out.holds ? 'pass' : 'fail',
    code: out.holds ? 'ok' : 'mismatch',
    computed: canonical(out.shape),
    computedText: out.holds ? (out.shape.length ? `equal (${pretty(out.shape)})` : 'equal') : `differ by up to ${formatNumber(out.maxDiff)}`,
    claimed: shown(ctx, stmt.right.span),
    claimedSpan: toDoc(ctx, stmt.right.span),
    message: out.holds ? `${source} holds: ${out.message}` : `${source} does not hold: ${out.message}`,
    steps: [out.message],
  });
}

// ---------- math ----------

function nextMath(ctx: BlockContext): MathRegion | null {
  return nextMathRegion(ctx.doc, ctx.block);
}

function mathClaim(ctx: BlockContext, stmt: Extract<Stmt, { type: 'math' }>): CheckResult {
  const symbols = new Map(ctx.scope.symbols);
  for (const b of stmt.bindings) {
    const out = evaluate(b.value, engineEnv(ctx), ctx.limits);
    if (!out.ok) return errorResult(ctx, stmt, 'math', out.error.code as ResultCode, `${b.name}: ${out.error.message}`, out.error.span);
    if (out.value.data === null || out.value.shape.length !== 0) {
      return errorResult(ctx, stmt, 'math', 'eval', `${b.name} must be a number in a math binding`, b.value.span);
    }
    symbols.set(b.name, out.value.data[0]);
  }
  const region = nextMath(ctx);
  if (!region) return errorResult(ctx, stmt, 'math', 'no-math', 'No math follows this `math` claim: put it above `$$...$$`, `\\[...\\]`, `$...$` or an equation/align environment', stmt.span);
  const out = checkMath({
    latex: ctx.doc.text.slice(region.body.start, region.body.end),
    offset: region.body.start,
    env: region.env,
    symbols,
    rng: ctx.rng,
    tensors: ctx.scope.tensors,
    limits: ctx.limits,
    deadline: ctx.limits.deadline,
  });
  // The defined names are usable both in later math and in later expressions.
  for (const d of out.definitions) ctx.scope.bindTensor(d.name, scalarTensor(d.value), d.value);
  const broken = out.links?.find((l) => !l.holds && !l.error) ?? out.links?.find((l) => !l.holds) ?? null;
  const result = make(ctx, stmt, {
    kind: 'math',
    status: out.status,
    code: out.status === 'error' ? (out.limit ? 'limit' : 'math-syntax') : out.status === 'fail' ? 'mismatch' : 'ok',
    computed: out.lastValue,
    computedText: out.lastValue !== null ? formatNumber(out.lastValue) : null,
    claimed: broken ? broken.rightText : null,
    claimedSpan: broken ? broken.rightSpan : null,
    message: out.message,
    steps: out.steps,
    errorSpan: out.errorSpan ?? undefined,
  });
  result.links = out.links;
  return result;
}

