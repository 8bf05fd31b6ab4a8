/**
 * The statements of sections 3a and 5a: `params nn.LSTM(10, 20)` (the same claim as
 * `params(nn.LSTM(10, 20))`) and `table EXPR` (check the next table, cell by cell).
 */
import type { Span } from '../core/span';
import type { Expr, Stmt } from './ast';
import { type Cursor, expectEnd, join } from './cursor';
import { parseExpr } from './expr';
import { q } from './tokens';

/** The old `params` shorthand's layer words; anything else after `params` is a module expression. */
const SHORTHAND_LAYERS = new Set(['conv1d', 'conv2d', 'conv3d', 'convT1d', 'convT2d', 'convT3d', 'linear']);

/**
 * `params nn.LSTM(10, 20)`, `params LSTM(10, 20)`, `params net`, `params net[2]`; but `params pool2d k3`
 * stays the shorthand (and its error names the shorthand's layers).
 */
export function isParamsModule(c: Cursor): boolean {
  const first = c.peek();
  const second = c.peek(1);
  if (first?.kind !== 'word' || first.text !== 'params' || second?.kind !== 'word' || SHORTHAND_LAYERS.has(second.text)) return false;
  // PyTorch's class names are capitalised (`LSTM`, `Conv2d`); the parser need not know which exist.
  if (second.text === 'nn' || second.text === 'torch' || /^[A-Z]/.test(second.text)) return true;
  const third = c.peek(2);
  return !third || (third.kind === 'op' && ['(', '[', '.', '='].includes(third.text));
}

export function parseParamsModule(c: Cursor, span: Span): Stmt {
  const kw = c.next();
  const inner = parseExpr(c);
  const expr: Expr = { type: 'call', callee: 'params', calleeSpan: kw.span, object: null, args: [inner], kwargs: [], span: join(kw.span, inner.span) };
  if (c.eatOp('=')) {
    if (c.atEnd()) throw c.error(`expected the claimed number after '='`);
    const value = parseExpr(c);
    expectEnd(c, 'the claimed number');
    return { type: 'claim', expr, rhs: { type: 'value', expr: value, span: value.span }, span };
  }
  expectEnd(c, `the module (write ${q('params nn.LSTM(10, 20) = 5040')} to claim a count)`);
  return { type: 'claim', expr, rhs: null, span };
}

export function isTableStart(c: Cursor): boolean {
  const first = c.peek();
  const second = c.peek(1);
  return first?.kind === 'word' && first.text === 'table' && second?.kind === 'word';
}

export function parseTable(c: Cursor, span: Span): Stmt {
  const kw = c.next();
  const expr = parseExpr(c);
  expectEnd(c, `the network applied to its input (as in ${q('table net(x)')})`);
  return { type: 'table', expr, keywordSpan: kw.span, span };
}
