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
import { numbersWrittenIn, pickLiteral } from './binding';
import { compareClaim } from './compare';
import { decimalsOf, formatNested, formatNumber, formatNumberLike } from './format';
import type { Scope } from './scope';
import { nextMathRegion } from './mathRegion';

export interface BlockContext {
  doc: ScannedDocument;
  block: ClaimBlock;
  scope: Scope;
  limits: EngineLimits;
  rng: () => number;
  /** Literals of the block's search span, found once, on first need. */
  literals: () => readonly TextLiteral[];
  /** Literals already bound by earlier statements of this block. */
  taken: Set<TextLiteral>;
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
    case 'letValue':
      return letValue(ctx, stmt);
    case 'layer':
      return layerClaim(ctx, stmt);
    case 'params':
      return paramsClaim(ctx, stmt);
    case 'claim':
      return expressionClaim(ctx, stmt);
    case 'identity':
      return identityClaim(ctx, stmt);
    case 'math':
      return mathClaim(ctx, stmt);
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
    message: v.message.length > 2000 ? `${v.message.slice(0, 1000)} … ${v.message.slice(-500)}` : v.message,
    steps: v.steps,
    fix: v.fix,
  };
}

function errorResult(ctx: BlockContext, stmt: Stmt, kind: StatementKind, code: ResultCode, message: string, at: Span): CheckResult {
  return make(ctx, stmt, {
    kind, status: 'error', code, computed: null, computedText: null, claimed: null, claimedSpan: null,
    message, steps: [], errorSpan: toDoc(ctx, at),
  });
}

function engineEnv(ctx: BlockContext): EvalEnv {
  return { tensors: ctx.scope.tensors, symbols: ctx.scope.symbols, rng: ctx.rng };
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

function literalShape(ctx: BlockContext, lit: TextLiteral): Shape | null {
  if (lit.kind === 'number') return Number.isInteger(lit.value) && lit.value >= 0 ? [constDim(lit.value)] : null;
  if (lit.kind !== 'shape') return null;
  const dims: Dim[] = [];
  for (const text of lit.dims) {
    const parsed = parseDimText(text);
    if (!parsed.ok) return null;
    try {
      dims.push(dimFromAst(parsed.dim as DimAst, ctx.scope.symbols));
    } catch {
      return null;
    }
  }
  return dims;
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
  const out = computeLayer(stmt.layer, ctx.scope.symbols);
  if (!out.ok) return errorResult(ctx, stmt, 'layer', out.code, out.message, out.span);
  const source = prettySource(ctx, stmt.span.start === stmt.span.end ? stmt.span : stmt.rhs ? { start: stmt.span.start, end: stmt.rhs.span.start } : stmt.span);
  const v = judgeShape(ctx, stmt, 'layer', source, out.shape, out.explanation, stmt.rhs?.shape ?? null, true);
  // The message carries the short per-dim formulas (`W: floor((10-3)/2)+1 = 4`); the hover, the explanation.
  const short = out.steps.map((s) => `${s.label}: ${s.formula} = ${s.value}${s.inexact ? ' (floored)' : ''}`);
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
  claimedAst: ShapeAst | null, acceptNumberForOneDim: boolean,
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
  const written = numbersWrittenIn(sourceOf(ctx, stmt.span));
  const accepts = (lit: TextLiteral) => lit.kind === 'shape' || (acceptNumberForOneDim && shape.length === 1 && lit.kind === 'number');
  const matches = (lit: TextLiteral) => {
    const s = literalShape(ctx, lit);
    return s !== null && shapesEqual(s, shape);
  };
  const lit = pickLiteral(ctx.literals(), ctx.block.ownLine, (l) => accepts(l) && literalShape(ctx, l) !== null, ctx.taken, written, matches);
  if (!lit) return unboundVerdict(ctx, kind, source, computed, computedText, steps, 'shape');
  ctx.taken.add(lit);
  return shapeVerdict(kind, source, shape, literalShape(ctx, lit)!, lit.text, lit.span, steps);
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
  const source = shown(ctx, stmt.span).replace(/\s*=.*$/, '');
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
  const written = numbersWrittenIn(source);
  const lit = pickLiteral(ctx.literals(), ctx.block.ownLine, (l) => l.kind === 'number', ctx.taken, written, (l) => l.kind === 'number' && n !== undefined && Math.abs(l.value - n) < 1e-9);
  if (!lit || lit.kind !== 'number') return make(ctx, stmt, unboundVerdict(ctx, 'params', source, computed, computedText, steps, 'number'));
  ctx.taken.add(lit);
  return make(ctx, stmt, countVerdict(source, n, computed, computedText, lit.value, lit.text, lit.span, steps));
}

function countVerdict(source: string, n: number | undefined, computed: CanonicalValue, computedText: string, claimed: number, written: string, claimedSpan: Span, steps: string[]): Verdict {
  const holds = n !== undefined && Math.abs(claimed - n) <= 1e-9 * Math.max(1, Math.abs(n));
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
  const value = out.value;
  const source = shown(ctx, stmt.expr.span);
  // A bare name has no computation to trace; say where its value comes from instead.
  const steps = out.trace.length || stmt.expr.type !== 'name' ? out.trace : [`${stmt.expr.name} is ${pretty(value.shape)}, as bound by its let`];
  const rhs = stmt.rhs;
  if (rhs?.type === 'shape') return make(ctx, stmt, judgeShape(ctx, stmt, 'shape', source, value.shape, steps, rhs.shape, false));
  if (rhs?.type === 'value') return make(ctx, stmt, valueAgainstComment(ctx, stmt, source, value, steps, rhs.expr));
  return make(ctx, stmt, valueAgainstText(ctx, stmt, source, value, steps));
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

function valueVerdict(ctx: BlockContext, source: string, value: Tensor, claimed: number | NestedNumbers, decimals: number | null, written: string, claimedSpan: Span, steps: string[]): Verdict {
  const { computed, text } = computedOf(value);
  const cmp = compareClaim(value, claimed, decimals, ctx.tolerance);
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

function valueAgainstText(ctx: BlockContext, stmt: Stmt, source: string, value: Tensor, steps: string[]): Verdict {
  if (value.data === null) return judgeShape(ctx, stmt, 'text', source, value.shape, steps, null, false);
  const written = numbersWrittenIn(sourceOf(ctx, stmt.span));
  const scalar = value.shape.length === 0;
  const accepts = (lit: TextLiteral) => (scalar ? lit.kind === 'number' : lit.kind === 'tensor' || lit.kind === 'shape');
  const matches = (lit: TextLiteral) => {
    if (lit.kind === 'shape') {
      const s = literalShape(ctx, lit);
      return s !== null && shapesEqual(s, value.shape);
    }
    if (lit.kind === 'number') return compareClaim(value, lit.value, lit.decimals, ctx.tolerance).matches;
    return compareClaim(value, fitToShape(lit.value, value), lit.decimals, ctx.tolerance).matches;
  };
  const lit = pickLiteral(ctx.literals(), ctx.block.ownLine, accepts, ctx.taken, written, matches);
  const { computed, text } = computedOf(value);
  if (!lit) return unboundVerdict(ctx, 'text', source, computed, text, steps, scalar ? 'number' : 'tensor or shape');
  ctx.taken.add(lit);
  if (lit.kind === 'shape') {
    const v = shapeVerdict('text', source, value.shape, literalShape(ctx, lit) ?? [], lit.text, lit.span, steps);
    return { ...v, kind: 'text' };
  }
  const claimed = lit.kind === 'number' ? lit.value : fitToShape(lit.value, value);
  return { ...valueVerdict(ctx, source, value, claimed, lit.decimals, lit.text, lit.span, steps), kind: 'text' };
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
    deadline: ctx.limits.deadline,
  });
  if (out.defines) {
    // The defined name is usable both in later math and in later expressions.
    ctx.scope.bindTensor(out.defines.name, scalarTensor(out.defines.value), out.defines.value);
  }
  const broken = out.links?.find((l) => !l.holds) ?? null;
  const result = make(ctx, stmt, {
    kind: 'math',
    status: out.status,
    code: out.status === 'error' ? 'math-syntax' : out.status === 'fail' ? 'mismatch' : 'ok',
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

