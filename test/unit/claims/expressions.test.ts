import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlock } from '../../../server/src/claims/index';
import type { Expr } from '../../../server/src/claims/ast';
import { one } from './helpers';

/** The rendering of a bare-expression claim. */
function expr(text: string): string {
  const r = one(text);
  assert.ok(r.startsWith('claim '), r);
  return r.slice('claim '.length);
}

function parsed(text: string): Expr {
  const [s] = parseBlock(text);
  assert.equal(s.type, 'claim');
  if (s.type !== 'claim') throw new Error('not a claim');
  return s.expr;
}

test('Python precedence: + - below * / @ below unary below **', () => {
  assert.equal(expr('a + b * c'), '(a + (b * c))');
  assert.equal(expr('a - b - c'), '((a - b) - c)');
  assert.equal(expr('a / b * c'), '((a / b) * c)');
  assert.equal(expr('A @ B + c'), '((A @ B) + c)');
  assert.equal(expr('a * b @ c'), '((a * b) @ c)');
  assert.equal(expr('-a * b'), '((-a) * b)');
  assert.equal(expr('(a + b) * c'), '((a + b) * c)');
});

test('** is right-associative and binds tighter than a unary minus on its left', () => {
  assert.equal(expr('-2**2'), '(-(2 ** 2))');
  assert.equal(expr('2**3**2'), '(2 ** (3 ** 2))');
  assert.equal(expr('2**-1'), '(2 ** (-1))');
  assert.equal(expr('a * b ** 2'), '(a * (b ** 2))');
  assert.equal(expr('x.T ** 2'), '(x.T ** 2)');
  assert.equal(expr('+x'), '(+x)');
  assert.equal(expr('- - x'), '(-(-x))');
});

test('calls with positional and keyword arguments, method calls and attributes', () => {
  assert.equal(expr('f()'), 'f()');
  assert.equal(expr('f(a,)'), 'f(a)');
  assert.equal(expr('conv1d(x, w, stride=2, padding=(1, 0))'), 'conv1d(x, w, stride=2, padding=tuple(1, 0))');
  assert.equal(expr('x.sum(dim=0)'), 'x.sum(dim=0)');
  assert.equal(expr('x.T'), 'x.T');
  assert.equal(expr('x.T @ y'), '(x.T @ y)');
  assert.equal(expr('x.reshape(2, 3).T'), 'x.reshape(2, 3).T');
  assert.equal(expr('grad(l, x)'), 'grad(l, x)');
  assert.equal(expr('cat([a, b], dim=1)'), 'cat([a, b], dim=1)');
});

test('call and attribute spans', () => {
  const text = 'x.sum(dim=0)';
  const e = parsed(text);
  assert.equal(e.type, 'call');
  if (e.type !== 'call') return;
  assert.equal(text.slice(e.calleeSpan.start, e.calleeSpan.end), 'sum');
  assert.equal(e.object?.type, 'name');
  assert.equal(text.slice(e.kwargs[0].span.start, e.kwargs[0].span.end), 'dim=0');
  assert.deepEqual(e.span, { start: 0, end: text.length });
  const b = parsed('a  @  b');
  assert.ok(b.type === 'binary');
  if (b.type === 'binary') assert.deepEqual(b.opSpan, { start: 3, end: 4 });
});

test('indexing and slicing with Python rules', () => {
  assert.equal(expr('x[0]'), 'x[0]');
  assert.equal(expr('x[-1]'), 'x[(-1)]');
  assert.equal(expr('x[:, 1:4]'), 'x[:, 1:4]');
  assert.equal(expr('x[::2]'), 'x[::2]');
  assert.equal(expr('x[1::2]'), 'x[1::2]');
  assert.equal(expr('x[:3]'), 'x[:3]');
  assert.equal(expr('x[2:]'), 'x[2:]');
  assert.equal(expr('x[j, 2*k:2*k+3]'), 'x[j, (2 * k):((2 * k) + 3)]');
  assert.equal(expr('x[..., None]'), 'x[..., None]');
  assert.equal(expr('x[None, :]'), 'x[None, :]');
  assert.equal(expr('x[0][1]'), 'x[0][1]');
  assert.equal(expr('x[0,]'), 'x[0]');
});

test('slice items keep their parts and spans', () => {
  const text = 'x[1:4:2, ...]';
  const e = parsed(text);
  assert.equal(e.type, 'index');
  if (e.type !== 'index') return;
  const [s, dots] = e.items;
  assert.equal(s.type, 'slice');
  if (s.type === 'slice') {
    assert.equal(text.slice(s.span.start, s.span.end), '1:4:2');
    assert.ok(s.start?.type === 'num' && s.stop?.type === 'num' && s.step?.type === 'num');
  }
  assert.equal(dots.type, 'ellipsis');
});

test('literals: numbers keep raw, booleans, None, strings, lists, tuples', () => {
  const n = parsed('0.50');
  assert.ok(n.type === 'num' && n.value === 0.5 && n.raw === '0.50');
  const e = parsed('1e-3');
  assert.ok(e.type === 'num' && e.value === 0.001 && e.raw === '1e-3');
  const d = parsed('.5');
  assert.ok(d.type === 'num' && d.value === 0.5);
  assert.equal(expr('True'), 'True');
  assert.equal(expr('False'), 'False');
  assert.equal(expr('None'), 'None');
  assert.equal(expr("einsum('ij,jk->ik', a, b)"), 'einsum("ij,jk->ik", a, b)');
  assert.equal(expr('einsum("ii", a)'), 'einsum("ii", a)');
  assert.equal(expr('[[1, 2], [3, 4]]'), '[[1, 2], [3, 4]]');
  assert.equal(expr('[1, 2,]'), '[1, 2]');
  assert.equal(expr('[]'), '[]');
  assert.equal(expr('(a,)'), 'tuple(a)');
  assert.equal(expr('(a, b)'), 'tuple(a, b)');
  assert.equal(expr('()'), 'tuple()');
  assert.equal(expr('((a))'), 'a');
});

test('parentheses widen the span of what they hold', () => {
  const e = parsed('(a + b)');
  assert.deepEqual(e.span, { start: 0, end: 7 });
});

test('names with underscores, digits and letters beyond ASCII', () => {
  assert.equal(expr('W_c2 + b_1'), '(W_c2 + b_1)');
  assert.equal(expr('θ * 2'), '(θ * 2)');
});
