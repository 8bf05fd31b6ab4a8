/**
 * Expressions (spec section 4) with Python's grammar and precedence, lowest first:
 *   `+ -`  <  `* / @`  <  unary `- +`  <  `**` (right-assoc; `-2**2` is `-(2**2)`, `2**-1` is allowed)
 *   <  postfix: calls, `.name`, method calls, indexing and slicing.
 * The parser stops at the first token that cannot continue an expression, so `=`, `:` and `==` at
 * the top level are left for the statement parser while those inside brackets are consumed here.
 */
import type { Span } from '../core/span';
import type { BinaryOp, Expr, IndexItem, Kwarg } from './ast';
import { Cursor, expectCloser, join } from './cursor';
import { splitDimWord } from './shape';
import { IDENTIFIER, describeToken, type Token, q } from './tokens';

export function parseExpr(c: Cursor): Expr {
  return parseAdditive(c);
}

function binary(op: BinaryOp, left: Expr, right: Expr, opTok: Token): Expr {
  return { type: 'binary', op, left, right, opSpan: opTok.span, span: join(left.span, right.span) };
}

function parseAdditive(c: Cursor): Expr {
  let left = parseMultiplicative(c);
  for (;;) {
    const t = c.peek();
    if (t?.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
    c.next();
    left = binary(t.text, left, parseMultiplicative(c), t);
  }
}

function parseMultiplicative(c: Cursor): Expr {
  let left = parseUnary(c);
  for (;;) {
    const t = c.peek();
    if (t?.kind === 'op' && (t.text === '//' || t.text === '%')) {
      throw c.error(`${q(t.text)} is not supported in claim expressions`, t.span);
    }
    if (t?.kind !== 'op' || (t.text !== '*' && t.text !== '/' && t.text !== '@')) return left;
    c.next();
    left = binary(t.text, left, parseUnary(c), t);
  }
}

function parseUnary(c: Cursor): Expr {
  const t = c.peek();
  if (t?.kind === 'op' && (t.text === '-' || t.text === '+')) {
    c.next();
    c.enter(t);
    const arg = parseUnary(c);
    c.leave();
    return { type: 'unary', op: t.text, arg, span: join(t.span, arg.span) };
  }
  return parsePower(c);
}

function parsePower(c: Cursor): Expr {
  const base = parsePostfix(c);
  const t = c.peek();
  if (t?.kind !== 'op' || t.text !== '**') return base;
  c.next();
  c.enter(t);
  // The exponent is a unary expression: `2**-1`, and `2**3**2` is `2**(3**2)`.
  const exponent = parseUnary(c);
  c.leave();
  return binary('**', base, exponent, t);
}

function parsePostfix(c: Cursor): Expr {
  let e = parseAtom(c);
  for (;;) {
    const t = c.peek();
    if (t?.kind !== 'op') return e;
    if (t.text === '(') {
      e = parseCall(c, e, t);
    } else if (t.text === '.') {
      c.next();
      const name = c.peek();
      if (!name || name.kind !== 'word' || !IDENTIFIER.test(name.text)) {
        throw c.error(`expected a name after '.', found ${describeToken(name)}`, name ? name.span : t.span);
      }
      c.next();
      e = { type: 'attr', object: e, name: name.text, nameSpan: name.span, span: join(e.span, name.span) };
    } else if (t.text === '[') {
      e = parseIndex(c, e, t);
    } else {
      return e;
    }
  }
}

function parseCall(c: Cursor, callee: Expr, open: Token): Expr {
  let name: string;
  let calleeSpan: Span;
  let object: Expr | null = null;
  if (callee.type === 'name') {
    name = callee.name;
    calleeSpan = callee.span;
  } else if (callee.type === 'attr') {
    name = callee.name;
    calleeSpan = callee.nameSpan;
    object = callee.object;
  } else if (callee.type === 'call' || callee.type === 'index') {
    // A call of a call or an index (`nn.ReLU()(x)`, `net[:3](x)`) is Python's `__call__`: a module applied.
    name = '__call__';
    calleeSpan = open.span;
    object = callee;
  } else {
    throw c.error(`only a named function can be called (or a module, as in nn.ReLU()(x)): ${q(open.text)} follows an expression`, open.span);
  }
  c.next();
  c.enter(open);
  const args: Expr[] = [];
  const kwargs: Kwarg[] = [];
  while (!c.isOp(')') && !c.atEnd()) {
    const t = c.peek()!;
    if (t.kind === 'word' && IDENTIFIER.test(t.text) && c.isOp('=', 1)) {
      c.next();
      const eq = c.next();
      if (c.isOp(',') || c.isOp(')') || c.atEnd()) throw c.error(`expected a value after ${q(t.text + '=')}`, eq.span);
      const value = parseExpr(c);
      if (kwargs.some((k) => k.name === t.text)) {
        throw c.error(`keyword argument ${q(t.text)} is given twice`, t.span);
      }
      kwargs.push({ name: t.text, value, span: join(t.span, value.span) });
    } else {
      const arg = parseExpr(c);
      if (kwargs.length > 0) throw c.error('a positional argument cannot follow a keyword argument', arg.span);
      args.push(arg);
    }
    if (!c.eatOp(',')) break;
  }
  const close = expectCloser(c, open, ')');
  c.leave();
  return { type: 'call', callee: name, calleeSpan, object, args, kwargs, span: join(callee.span, close.span) };
}

function parseIndex(c: Cursor, object: Expr, open: Token): Expr {
  c.next();
  c.enter(open);
  if (c.isOp(']')) throw c.error(`expected an index inside '[]'`, join(open.span, c.peek()!.span));
  const items: IndexItem[] = [];
  while (!c.isOp(']') && !c.atEnd()) {
    items.push(parseIndexItem(c));
    if (!c.eatOp(',')) break;
  }
  const close = expectCloser(c, open, ']');
  c.leave();
  return { type: 'index', object, items, span: join(object.span, close.span) };
}

/** True where an omitted slice bound ends: `x[:]`, `x[1:, 2]`. */
function atBoundEnd(c: Cursor): boolean {
  return c.atEnd() || c.isOp(':') || c.isOp(',') || c.isOp(']');
}

function parseIndexItem(c: Cursor): IndexItem {
  const first = c.peek()!;
  if (first.kind === 'op' && first.text === '...') {
    c.next();
    return { type: 'ellipsis', span: first.span };
  }
  if (first.kind === 'word' && first.text === 'None' && (c.isOp(',', 1) || c.isOp(']', 1))) {
    c.next();
    return { type: 'newaxis', span: first.span };
  }
  let start: Expr | null = null;
  if (!c.isOp(':')) {
    start = parseExpr(c);
    if (!c.isOp(':')) return { type: 'expr', expr: start, span: start.span };
  }
  c.next();
  const stop = atBoundEnd(c) ? null : parseExpr(c);
  let step: Expr | null = null;
  if (c.eatOp(':')) step = atBoundEnd(c) ? null : parseExpr(c);
  return { type: 'slice', start, stop, step, span: { start: first.span.start, end: c.lastEnd() } };
}

function parseAtom(c: Cursor): Expr {
  const t = c.peek();
  if (!t) throw c.error(`expected an expression after ${describeToken(c.prev())}`);
  switch (t.kind) {
    case 'num':
      c.next();
      return { type: 'num', value: Number(t.text), raw: t.text, span: t.span };
    case 'str':
      c.next();
      return { type: 'str', value: t.value ?? '', span: t.span };
    case 'word':
      return parseWord(c, t);
    case 'bad':
      throw c.error(t.message ?? `unexpected ${describeToken(t)}`, t.span);
    case 'op':
      if (t.text === '(') return parseParens(c, t);
      if (t.text === '[') return parseList(c, t);
      if (t.text === ')' || t.text === ']' || t.text === '}') throw c.error(`unmatched ${q(t.text)}`, t.span);
      throw c.expected('an expression');
    default:
      throw c.expected('an expression');
  }
}

function parseWord(c: Cursor, t: Token): Expr {
  c.next();
  if (t.text === 'True' || t.text === 'False') return { type: 'bool', value: t.text === 'True', span: t.span };
  if (t.text === 'None') return { type: 'none', span: t.span };
  if (IDENTIFIER.test(t.text)) return { type: 'name', name: t.text, span: t.span };
  if (splitDimWord(t.text)) throw c.error(`${q(t.text)} is a shape, not a value: a shape goes after ':'`, t.span);
  throw c.error(`${q(t.text)} is neither a number nor a name: write a product as 2*m`, t.span);
}

function parseParens(c: Cursor, open: Token): Expr {
  c.next();
  c.enter(open);
  if (c.isOp(')')) {
    const close = c.next();
    c.leave();
    return { type: 'tuple', items: [], span: join(open.span, close.span) };
  }
  const first = parseExpr(c);
  if (!c.isOp(',')) {
    const close = expectCloser(c, open, ')');
    c.leave();
    // No node for parentheses: the inner expression's span grows to cover them.
    return { ...first, span: join(open.span, close.span) };
  }
  const items = [first];
  while (c.eatOp(',') && !c.isOp(')') && !c.atEnd()) items.push(parseExpr(c));
  const close = expectCloser(c, open, ')');
  c.leave();
  return { type: 'tuple', items, span: join(open.span, close.span) };
}

function parseList(c: Cursor, open: Token): Expr {
  c.next();
  c.enter(open);
  const items: Expr[] = [];
  while (!c.isOp(']') && !c.atEnd()) {
    items.push(parseExpr(c));
    if (!c.eatOp(',')) break;
  }
  const close = expectCloser(c, open, ']');
  c.leave();
  return { type: 'list', items, span: join(open.span, close.span) };
}
