/**
 * One statement: `let`, `math`, `params`, the layer shorthand, or an expression claim
 * (`EXPR : SHAPE`, `EXPR = VALUE`, `EXPR == EXPR`, bare `EXPR`).
 */
import type { Span } from '../core/span';
import { SETTINGS, type ClaimRhs, type Expr, type MathBinding, type SettingName, type ShapeAst, type Stmt } from './ast';
import { Cursor, PARSE_TIME_LIMIT, ParseError, type Mark, expectCloser, expectEnd, join } from './cursor';
import { MAX_TREE_DEPTH, deeperThan } from './depth';
import { parseExpr } from './expr';
import { isLayerStart, isUnknownLayer, parseLayer, unknownLayer } from './layer';
import { parseParamsStmt } from './params';
import { isParamsModule, isTableStart, parseParamsModule, parseTable } from './modules';
import { parseShape, splitDimWord } from './shape';
import { IDENTIFIER, describeToken, tokenize, type Token, q } from './tokens';

/** Parses the statement at `span` of the block text. Never throws. */
export function parseStatement(text: string, span: Span, deadline?: number): Stmt {
  try {
    const toks = tokenize(text.slice(span.start, span.end), span.start, deadline);
    if (toks === null) return invalid(PARSE_TIME_LIMIT, span, span);
    // A stray character is reported first and alone: it is the clearest thing to fix.
    const bad = toks.find((t) => t.kind === 'bad');
    if (bad) return invalid(bad.message ?? `unexpected ${describeToken(bad)}`, bad.span, span);
    const cursor = new Cursor(toks, span);
    cursor.deadline = deadline;
    const stmt = dispatch(cursor, span);
    if (deeperThan(stmt, MAX_TREE_DEPTH)) {
      return invalid(`this statement nests more than ${MAX_TREE_DEPTH} operations; split it into several`, span, span);
    }
    return stmt;
  } catch (e) {
    if (e instanceof ParseError) return invalid(e.message, e.span, span);
    // Not expected; but a checker that throws on one statement would lose the whole document.
    const why = e instanceof Error ? e.message : String(e);
    return invalid(`could not parse this statement (${why})`, span, span);
  }
}

function invalid(message: string, errorSpan: Span, span: Span): Stmt {
  return { type: 'invalid', message, errorSpan, span };
}

function dispatch(c: Cursor, span: Span): Stmt {
  const first = c.peek()!;
  const second = c.peek(1);
  if (first.kind === 'word') {
    if (first.text === 'let') return parseLet(c, span);
    if (isParamsModule(c)) return parseParamsModule(c, span);
    if (isTableStart(c)) return parseTable(c, span);
    if (first.text === 'params' && (!second || second.kind === 'word')) return parseParamsStmt(c, span);
    if (first.text === 'math' && (!second || second.kind === 'word' || second.kind === 'cmd' || second.kind === 'num' || (second.kind === 'op' && second.text === ','))) {
      return parseMath(c, span);
    }
    if (first.text in SETTINGS && second?.kind === 'word' && !c.peek(2)) return parseSetting(c, span);
    if (isLayerStart(c)) return parseLayer(c, span);
    const fits = parseFits(c, span);
    if (fits) return fits;
    if (isUnknownLayer(c)) unknownLayer(c);
  }
  return parseClaim(c, span);
}

// ---------- settings (section 3b) ----------

function parseSetting(c: Cursor, span: Span): Stmt {
  const nameTok = c.next();
  const name = nameTok.text as SettingName;
  const valueTok = c.next();
  const allowed: readonly string[] = SETTINGS[name];
  if (!allowed.includes(valueTok.text)) {
    throw c.error(`unknown ${name} ${q(valueTok.text)}; expected ${allowed.join(', ')}`, valueTok.span);
  }
  return { type: 'setting', name, value: valueTok.text, valueSpan: valueTok.span, span };
}

/** `fits conv out ...` / `not fits conv out ...`: the layer shorthand claiming it fits (or not) its input. */
function parseFits(c: Cursor, span: Span): Stmt | null {
  const start = c.mark();
  const first = c.next();
  const negated = first.text === 'not';
  if (negated && !c.isWord('fits')) {
    c.reset(start);
    return null;
  }
  const fitsTok = negated ? c.next() : first;
  if (fitsTok.text !== 'fits' || !isLayerStart(c)) {
    c.reset(start);
    return null;
  }
  const stmt = parseLayer(c, span);
  if (stmt.type === 'layer') {
    if (stmt.rhs) throw c.error(`a fits claim takes no claimed shape: write either ${q('fits conv out ...')} or ${q('conv out ... = SHAPE')}`, stmt.rhs.span);
    stmt.layer.fits = !negated;
    stmt.layer.fitsSpan = { start: first.span.start, end: fitsTok.span.end };
  }
  return stmt;
}

// ---------- let ----------

function parseLet(c: Cursor, span: Span): Stmt {
  const letTok = c.next();
  const nameTok = c.peek();
  if (!nameTok || nameTok.kind !== 'word' || !IDENTIFIER.test(nameTok.text)) {
    throw c.error(`expected a name after 'let', found ${describeToken(nameTok)}`, nameTok ? nameTok.span : letTok.span);
  }
  c.next();
  const name = nameTok.text;
  if (c.eatOp(':')) {
    if (c.atEnd()) throw c.error(`expected a shape after ${q(`let ${name} :`)}`);
    const shape = parseShape(c);
    expectEnd(c, 'the shape');
    return { type: 'letShape', name, nameSpan: nameTok.span, shape, span };
  }
  if (c.eatOp('=')) {
    if (c.atEnd()) throw c.error(`expected a value after ${q(`let ${name} =`)}`);
    const start = c.mark();
    try {
      const expr = parseExpr(c);
      expectEnd(c, 'the value');
      return { type: 'letValue', name, nameSpan: nameTok.span, expr, span };
    } catch (e) {
      const shape = asShape(c, start);
      if (shape) throw c.error(`this is a shape: write 'let ${name} : ...' to declare a tensor of that shape`, shape.span);
      throw e;
    }
  }
  throw c.expected(`':' or '=' after ${q(`let ${name}`)}`);
}

/** The rest of the statement as a shape, or null when it is not one. */
function asShape(c: Cursor, start: Mark): ShapeAst | null {
  c.reset(start);
  try {
    const shape = parseShape(c);
    return c.atEnd() ? shape : null;
  } catch (e) {
    if (e instanceof ParseError) return null;
    throw e;
  }
}

// ---------- math ----------

function parseMath(c: Cursor, span: Span): Stmt {
  c.next();
  const bindings: MathBinding[] = [];
  while (!c.atEnd()) {
    if (c.eatOp(',')) continue;
    const nameTok = c.peek()!;
    const name = bindingName(c);
    if (!c.isOp('=')) throw c.expected(`'=' after ${q(name.text)}`);
    const eq = c.next();
    if (c.atEnd() || c.isOp(',')) throw c.error(`expected a value after ${q(name.text + '=')}`, eq.span);
    const value = parseExpr(c);
    if (bindings.some((b) => b.name === name.text)) throw c.error(`${q(name.text)} is bound twice`, name.span);
    bindings.push({ name: name.text, value, span: join(nameTok.span, value.span) });
  }
  return { type: 'math', bindings, span };
}

/**
 * A binding's name as written, whitespace removed: `W`, `W_in`, `W_{in}`, `\lambda`. The math
 * checker matches it against the symbols of the LaTeX, where the same spellings occur.
 */
function bindingName(c: Cursor): { text: string; span: Span } {
  const t = c.peek()!;
  if (t.kind === 'cmd' && /^\\[A-Za-z]+$/.test(t.text)) {
    c.next();
    return { text: t.text, span: t.span };
  }
  if (t.kind !== 'word' || !IDENTIFIER.test(t.text)) {
    throw c.error(`expected a binding such as W=10 after 'math', found ${describeToken(t)}`, t.span);
  }
  c.next();
  if (t.text.endsWith('_') && c.isOp('{') && c.peek()!.span.start === t.span.end) {
    const open = c.next();
    let text = `${t.text}{`;
    while (c.isWord() || c.peek()?.kind === 'num') text += c.next().text;
    const close = expectCloser(c, open, '}');
    return { text: `${text}}`, span: join(t.span, close.span) };
  }
  return { text: t.text, span: t.span };
}

// ---------- claims ----------

const COMPARISONS = new Set(['<', '>', '<=', '>=', '!=']);

function parseClaim(c: Cursor, span: Span): Stmt {
  const first = c.peek()!;
  if (first.kind === 'op' && (first.text === '=' || first.text === ':' || first.text === '==')) {
    throw c.error(`expected an expression before ${q(first.text)}`, first.span);
  }
  const expr = parseExpr(c);
  const t = c.peek();
  if (!t) return { type: 'claim', expr, rhs: null, span };
  if (t.kind === 'op' && t.text === ':') {
    c.next();
    if (c.atEnd()) throw c.error(`expected a shape after ':'`, t.span);
    const shape = parseShape(c);
    expectEnd(c, 'the shape');
    return { type: 'claim', expr, rhs: { type: 'shape', shape, span: shape.span }, span };
  }
  if (t.kind === 'op' && t.text === '=') {
    c.next();
    if (c.atEnd()) throw c.error(`expected the claimed value after '='`, t.span);
    return { type: 'claim', expr, rhs: valueOrShape(c), span };
  }
  if (t.kind === 'op' && t.text === '==') {
    c.next();
    if (c.atEnd()) throw c.error(`expected an expression after '=='`, t.span);
    const right = parseExpr(c);
    expectEnd(c, 'the expression');
    return { type: 'identity', left: expr, right, opSpan: t.span, span };
  }
  throw unexpectedAfterExpr(c, t);
}

/** `= 4`, `= [[1,2]]`, and also `= 4x5` or `= m x n`, which are shapes. */
function valueOrShape(c: Cursor): ClaimRhs {
  const start = c.mark();
  const firstTok = c.peek()!;
  try {
    const expr: Expr = parseExpr(c);
    expectEnd(c, 'the claimed value');
    return { type: 'value', expr, span: expr.span };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    c.reset(start);
    try {
      const shape = parseShape(c);
      expectEnd(c, 'the claimed shape');
      return { type: 'shape', shape, span: shape.span };
    } catch (e2) {
      // Report in the language the student was writing: shape errors for something shaped like one.
      if (e2 instanceof ParseError && looksLikeShape(firstTok)) throw e2;
      throw e;
    }
  }
}

function looksLikeShape(t: Token): boolean {
  return t.kind === 'word' && (/^\d/.test(t.text) || splitDimWord(t.text) !== null);
}

function unexpectedAfterExpr(c: Cursor, t: Token): ParseError {
  if (t.kind === 'op' && COMPARISONS.has(t.text)) {
    return c.error(`${q(t.text)} is not a claim: use '=' for a value, ':' for a shape or '==' for an identity`, t.span);
  }
  if (t.kind === 'op' && t.text === '^') return c.error(`'^' is not an operator here: write powers as '**'`, t.span);
  if (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}')) return c.error(`unmatched ${q(t.text)}`, t.span);
  return c.error(`unexpected ${describeToken(t)} after the expression; expected ':', '=' or '=='`, t.span);
}
