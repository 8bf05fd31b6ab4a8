/**
 * Shapes and dims (spec section 2): `2x5`, `HxW`, `m x n`, `4 × 5`, `m \times n`, `(m, n)`, `[2, 3]`,
 * `R^{m×n}`, `\mathbb{R}^m`, `()`, `scalar`; a dim is a whole number, a symbol, or arithmetic:
 * `(n+2)`, `floor((H-K)/S)+1`.
 *
 * `x` is both a letter and the separator, so words are split here, lazily, where a dim is expected:
 * the layer parser shares these functions and must not see `k3x5` split into dims.
 */
import type { DimAst, ShapeAst } from './ast';
import { Cursor, expectCloser, join } from './cursor';
import { IDENTIFIER, WHOLE_NUMBER, describeToken, type Token, q } from './tokens';

/**
 * The parts of a word written with `x` between dims (`HxW`, `3x32x32`), or null when it is one name
 * (`n_x`, `max`, `xdim`): every part must be a whole number or an identifier. An empty first or last
 * part is allowed only where a bracket touches the word (`(n+2)x3`, `3x(n+2)`).
 */
export function splitDimWord(text: string, leadingEmptyOk = false, trailingEmptyOk = false): string[] | null {
  if (text === 'x' || !text.includes('x')) return null;
  const parts = text.split('x');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === '') {
      if (!((i === 0 && leadingEmptyOk) || (i === parts.length - 1 && trailingEmptyOk))) return null;
    } else if (!WHOLE_NUMBER.test(p) && !IDENTIFIER.test(p)) {
      return null;
    }
  }
  return parts;
}

/** Tokens for the parts of a split word, with their own spans; each `x` becomes the word `x`. */
function partTokens(word: Token, parts: string[]): Token[] {
  const out: Token[] = [];
  let at = word.span.start;
  parts.forEach((p, i) => {
    if (i > 0) {
      out.push({ kind: 'word', text: 'x', span: { start: at, end: at + 1 } });
      at++;
    }
    if (p !== '') out.push({ kind: WHOLE_NUMBER.test(p) ? 'num' : 'word', text: p, span: { start: at, end: at + p.length } });
    at += p.length;
  });
  return out;
}

function touches(a: Token | undefined, b: Token | undefined): boolean {
  return a !== undefined && b !== undefined && a.span.end === b.span.start;
}

function isClosing(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'op' && (t.text === ')' || t.text === ']');
}

/** Splits the word at the cursor if it is written with `x` between dims; true when it did. */
function splitHere(c: Cursor): boolean {
  const t = c.peek();
  if (!t || t.kind !== 'word') return false;
  const lead = isClosing(c.prev()) && touches(c.prev(), t);
  const trail = c.isOp('(', 1) && touches(t, c.peek(1));
  const parts = splitDimWord(t.text, lead, trail);
  if (!parts) return false;
  c.splice(partTokens(t, parts));
  return true;
}

export function isDimSeparator(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'word') return t.text === 'x';
  if (t.kind === 'op') return t.text === '×' || t.text === ',';
  return t.kind === 'cmd' && t.text === '\\times';
}

/** Whether a dim could start at this token: for "expected a kernel size" messages before parsing. */
export function canStartDim(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'num' || t.kind === 'word') return true;
  if (t.kind === 'op') return t.text === '(' || t.text === '-';
  return t.kind === 'cmd' && (t.text === '\\lfloor' || t.text === '\\lceil');
}

// ---------- dims ----------

export function parseDim(c: Cursor): DimAst {
  let left = parseTerm(c);
  for (;;) {
    const t = c.peek();
    if (!t || t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
    c.next();
    const right = parseTerm(c);
    left = { type: 'op', op: t.text, left, right, span: join(left.span, right.span) };
  }
}

function parseTerm(c: Cursor): DimAst {
  let left = parseUnary(c);
  for (;;) {
    const t = c.peek();
    let op: '*' | '/' | '//' | null = null;
    if (t?.kind === 'op' && (t.text === '*' || t.text === '/' || t.text === '//')) op = t.text;
    else if (t?.kind === 'cmd' && t.text === '\\cdot') op = '*';
    if (!op) return left;
    c.next();
    const right = parseUnary(c);
    left = { type: 'op', op, left, right, span: join(left.span, right.span) };
  }
}

function parseUnary(c: Cursor): DimAst {
  const t = c.peek();
  if (t?.kind === 'op' && t.text === '-') {
    c.next();
    c.enter(t);
    const arg = parseUnary(c);
    c.leave();
    return { type: 'neg', arg, span: join(t.span, arg.span) };
  }
  return parseAtom(c);
}

function parseAtom(c: Cursor): DimAst {
  const t = c.peek();
  if (!t) throw c.error(`expected a dim after ${describeToken(c.prev())}`);
  if (t.kind === 'num') {
    c.next();
    if (!WHOLE_NUMBER.test(t.text)) throw c.error(`a dim must be a whole number, found ${q(t.text)}`, t.span);
    return { type: 'int', value: Number(t.text), span: t.span };
  }
  if (t.kind === 'op' && t.text === '(') {
    c.next();
    c.enter(t);
    const inner = parseDim(c);
    const close = expectCloser(c, t, ')');
    c.leave();
    // Parentheses leave no node; the dim's span grows to cover them so errors mark what was written.
    return { ...inner, span: join(t.span, close.span) };
  }
  if (t.kind === 'cmd' && (t.text === '\\lfloor' || t.text === '\\lceil')) {
    c.next();
    c.enter(t);
    const arg = parseDim(c);
    const closer = t.text === '\\lfloor' ? '\\rfloor' : '\\rceil';
    const close = c.peek();
    if (!close || close.kind !== 'cmd' || close.text !== closer) {
      if (!close) throw c.error(`unclosed ${q(t.text)} opened here`, t.span);
      throw c.expected(`${q(closer)}`);
    }
    c.next();
    c.leave();
    return { type: 'fn', name: t.text === '\\lfloor' ? 'floor' : 'ceil', arg, span: join(t.span, close.span) };
  }
  if (t.kind === 'word') {
    if ((t.text === 'floor' || t.text === 'ceil') && c.isOp('(', 1)) {
      c.next();
      const open = c.next();
      c.enter(open);
      const arg = parseDim(c);
      const close = expectCloser(c, open, ')');
      c.leave();
      return { type: 'fn', name: t.text, arg, span: join(t.span, close.span) };
    }
    if (splitHere(c)) return parseAtom(c);
    c.next();
    if (WHOLE_NUMBER.test(t.text)) return { type: 'int', value: Number(t.text), span: t.span };
    if (IDENTIFIER.test(t.text)) return symbol(c, t);
    // `2m` is 2·m, as a student writes it (`: 2m x n`); the contract matches it with `m+m`.
    const scaled = /^(\d+)([A-Za-z][A-Za-z\d_]*)$/.exec(t.text);
    if (scaled && !t.text.includes('x') && IDENTIFIER.test(scaled[2])) {
      const k = scaled[1].length;
      const num: DimAst = { type: 'int', value: Number(scaled[1]), span: { start: t.span.start, end: t.span.start + k } };
      const sym: DimAst = { type: 'sym', name: scaled[2], span: { start: t.span.start + k, end: t.span.end } };
      return { type: 'op', op: '*', left: num, right: sym, span: t.span };
    }
    throw c.error(`invalid dim ${describeToken(t)}`, t.span);
  }
  if (isDimSeparator(t)) throw c.error(`expected a dim before ${describeToken(t)}`, t.span);
  throw c.expected('a dim');
}

/** A symbol; a LaTeX subscript written against it (`H_{out}`, from document text) joins it: `H_out`. */
function symbol(c: Cursor, t: Token): DimAst {
  if (t.text.endsWith('_') && c.isOp('{') && touches(t, c.peek())) {
    const open = c.next();
    let name = t.text;
    while (c.isWord()) name += c.next().text;
    const close = expectCloser(c, open, '}');
    return { type: 'sym', name, span: join(t.span, close.span) };
  }
  return { type: 'sym', name: t.text, span: t.span };
}

// ---------- shapes ----------

/** Dims joined by separators; stops at the first token that neither separates nor continues. */
export function parseDimList(c: Cursor, closer?: string): DimAst[] {
  const dims = [parseDim(c)];
  for (;;) {
    const t = c.peek();
    if (isDimSeparator(t)) {
      if (t!.text === ',' && closer && c.isOp(closer, 1)) {
        c.next(); // a trailing comma: `(3,)`
        return dims;
      }
      c.next();
      dims.push(parseDim(c));
      continue;
    }
    // `(n+2)x3`: the word `x3` after a bracket is a separator and a dim.
    if (t?.kind === 'word' && t.text.startsWith('x') && isClosing(c.prev()) && touches(c.prev(), t) && splitHere(c)) {
      continue;
    }
    return dims;
  }
}

/** The index of the bracket closing the one at token `i`, or -1. */
function matchingCloser(toks: Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    const t = toks[j];
    if (t.kind !== 'op') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

/** Whether the token after a bracketed group continues a dim list (`(n+2)x3`, `(a+b)*2`). */
function continuesDims(closer: Token, t: Token | undefined): boolean {
  if (!t) return false;
  if (isDimSeparator(t)) return true;
  if (t.kind === 'op' && ['+', '-', '*', '/', '//'].includes(t.text)) return true;
  if (t.kind === 'cmd' && t.text === '\\cdot') return true;
  return t.kind === 'word' && touches(closer, t) && splitDimWord(t.text, true) !== null;
}

function isRealSpace(c: Cursor): boolean {
  const t = c.peek();
  if (!t) return false;
  if (t.kind === 'word' && t.text === 'R') return c.isOp('^', 1);
  if (t.kind === 'cmd' && (t.text === '\\R' || t.text === '\\Re')) return c.isOp('^', 1);
  if (t.kind === 'cmd' && t.text === '\\mathbb') {
    if (c.isWord('R', 1)) return c.isOp('^', 2);
    return c.isOp('{', 1) && c.isWord('R', 2) && c.isOp('}', 3) && c.isOp('^', 4);
  }
  return false;
}

/** `R^{m×n}`, `\mathbb{R}^m`, `\R^{...}`, the cursor on the first token. */
function parseRealSpace(c: Cursor): ShapeAst {
  const first = c.peek()!;
  while (!c.isOp('^')) c.next();
  const caret = c.next();
  const t = c.peek();
  if (t?.kind === 'op' && t.text === '{') {
    c.next();
    c.enter(t);
    const dims = parseDimList(c, '}');
    const close = expectCloser(c, t, '}');
    c.leave();
    return { dims, span: join(first.span, close.span) };
  }
  // Without braces TeX takes one character; a whole word or number is what a student means.
  if (t?.kind === 'num' && WHOLE_NUMBER.test(t.text)) {
    c.next();
    return { dims: [{ type: 'int', value: Number(t.text), span: t.span }], span: join(first.span, t.span) };
  }
  if (t?.kind === 'word' && IDENTIFIER.test(t.text)) {
    c.next();
    return { dims: [{ type: 'sym', name: t.text, span: t.span }], span: join(first.span, t.span) };
  }
  throw c.error(`expected a dim or '{' after '^', found ${describeToken(t)}`, t ? t.span : caret.span);
}

/**
 * A shape at the cursor. It ends where the dims end, so a caller decides what may follow (the layer
 * parser reads parameters there; a claim wants the end of the statement).
 */
export function parseShape(c: Cursor): ShapeAst {
  const t = c.peek();
  if (!t) throw c.error(`expected a shape after ${describeToken(c.prev())}`);
  if (t.kind === 'word' && t.text === 'scalar') {
    c.next();
    return { dims: [], span: t.span };
  }
  if (t.kind === 'op' && (t.text === '(' || t.text === '[')) {
    const closer = t.text === '(' ? ')' : ']';
    if (c.isOp(closer, 1)) {
      c.next();
      const close = c.next();
      return { dims: [], span: join(t.span, close.span) };
    }
    const j = matchingCloser(c.toks, c.pos);
    const closeTok = j >= 0 ? c.toks[j] : undefined;
    // Unclosed, it is read as a list too, so that the error is the missing bracket at the end.
    if (!closeTok || (closeTok.text === closer && !continuesDims(closeTok, c.toks[j + 1]))) {
      c.next();
      c.enter(t);
      const dims = parseDimList(c, closer);
      const close = expectCloser(c, t, closer);
      c.leave();
      return { dims, span: join(t.span, close.span) };
    }
  }
  if (isRealSpace(c)) return parseRealSpace(c);
  const dims = parseDimList(c);
  return { dims, span: join(dims[0].span, dims[dims.length - 1].span) };
}
