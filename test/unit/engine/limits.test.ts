/** Limits: element caps before allocation, deadlines inside long loops, never a frozen process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlock } from '../../../server/src/claims';
import type { Expr } from '../../../server/src/claims/ast';
import { checkIdentity, evaluate, type EngineLimits } from '../../../server/src/engine';
import { env, shapeOnly, tensor } from './helpers';

function parse(text: string): Expr {
  const [st] = parseBlock(text);
  return (st as { expr: Expr }).expr;
}

const roomy = (): EngineLimits => ({ maxElements: 10_000_000, deadline: Date.now() + 60_000 });
const expired = (): EngineLimits => ({ maxElements: 10_000_000, deadline: Date.now() - 1 });

test('zeros(100000, 100000) is a limit error, not an allocation', () => {
  const r = evaluate(parse('zeros(100000, 100000)'), env({}), roomy());
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.code, 'limit');
  assert.match(r.error.message, /10,000,000,000 elements; the limit is 10,000,000/);
});

test('results of ops are capped too (outer product, broadcasting, jacobian)', () => {
  const small: EngineLimits = { maxElements: 1000, deadline: Date.now() + 60_000 };
  const en = env({ v: tensor([100], Array.from({ length: 100 }, (_, i) => i)) });
  for (const text of ['outer(v, v)', 'v[:, None] + v', 'jacobian(v * v, v)']) {
    const r = evaluate(parse(text), en, small);
    assert.equal(r.ok, false, text);
    if (!r.ok) assert.equal(r.error.code, 'limit', text);
  }
});

test('a passed deadline stops evaluation with a limit error', () => {
  const en = env({ a: tensor([2, 2], [1, 2, 3, 4]) });
  const r = evaluate(parse('a @ a'), en, expired());
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.error.code, 'limit');
});

test('long loops check the deadline (matmul, conv, einsum, jacobian)', () => {
  // Big enough that each loop reads the clock many times; the deadline has already passed when the
  // loop starts, so it must stop inside the loop with a limit error (no timing is asserted).
  const n = 300;
  const big = tensor([n, n], Array.from({ length: n * n }, (_, i) => (i % 7) - 3));
  const img = tensor([1, 4, 64, 64], Array.from({ length: 4 * 64 * 64 }, (_, i) => i % 5));
  const ker = tensor([8, 4, 5, 5], Array.from({ length: 8 * 4 * 25 }, (_, i) => i % 3));
  for (const text of ['a @ a', "einsum('ij,jk->ik', a, a)", 'conv2d(img, ker)', 'jacobian(a @ a, a)']) {
    const limits: EngineLimits = { maxElements: 1e9, deadline: Date.now() - 1 };
    const r = evaluate(parse(text), env({ a: big, img, ker }), limits);
    assert.equal(r.ok, false, text);
    if (!r.ok) assert.equal(r.error.code, 'limit', `${text}: ${r.error.message}`);
  }
});

test('work that outlives its deadline stops inside the loop with a limit error', () => {
  // Each of these needs far more than the 50 ms budget (jacobian: 2,500 backward passes of a 50×50
  // matmul; einsum: 27 million steps), so it can only end by checking the clock inside its loops.
  const n = 50;
  const a = tensor([n, n], Array.from({ length: n * n }, (_, i) => (i % 7) - 3));
  const m = 300;
  const b = tensor([m, m], Array.from({ length: m * m }, (_, i) => (i % 5) - 2));
  for (const [text, en] of [['jacobian(a @ a, a)', env({ a })], ["einsum('ij,jk->ik', b, b)", env({ b })]] as const) {
    const r = evaluate(parse(text), en, { maxElements: 1e8, deadline: Date.now() + 50 });
    assert.equal(r.ok, false, text);
    if (!r.ok) assert.equal(r.error.code, 'limit', `${text}: ${r.error.message}`);
  }
});

test('random values for an identity claim respect the element cap', () => {
  const [st] = parseBlock('X == X');
  const s = st as { left: Expr; right: Expr };
  const r = checkIdentity(s.left, s.right, env({ X: shapeOnly(5000, 5000) }), { maxElements: 1_000_000, deadline: Date.now() + 60_000 });
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.error.code, 'limit');
});

test('deeply nested expressions are an error, not a crash', () => {
  const text = `${'relu('.repeat(400)}x${')'.repeat(400)}`;
  const [st] = parseBlock(text);
  if (!st || st.type !== 'claim') return; // the parser may refuse it first; that is fine too
  const r = evaluate(st.expr, env({ x: tensor([1], [1]) }), roomy());
  assert.ok(r.ok || r.error.code === 'limit');
});
