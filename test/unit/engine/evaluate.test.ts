/** evaluate(): traces, error spans, grad through subexpressions, method forms, determinism. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlock } from '../../../server/src/claims';
import type { Expr } from '../../../server/src/claims/ast';
import { defaultLimits, evaluate, toNested, type EvalEnv } from '../../../server/src/engine';
import { env, shapeOnly, tensor } from './helpers';

function parse(text: string): Expr {
  const [st] = parseBlock(text);
  assert.equal(st?.type, 'claim', text);
  return (st as { expr: Expr }).expr;
}

function value(text: string, en: EvalEnv): unknown {
  const r = evaluate(parse(text), en, defaultLimits());
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return toNested(r.value);
}

function error(text: string, en: EvalEnv) {
  const r = evaluate(parse(text), en, defaultLimits());
  assert.equal(r.ok, false, `${text} should fail`);
  if (r.ok) throw new Error('unreachable');
  return { ...r.error, text: text.slice(r.error.span.start, r.error.span.end) };
}

const x = tensor([2, 3], [1, 2, 3, 4, 5, 6]);
const E = env({ x, v: tensor([3], [1, -2, 0.5]), A: shapeOnly('p', 'q') });

test('the trace follows the shapes through the expression', () => {
  const r = evaluate(parse('relu(x @ v) + 1'), E, defaultLimits());
  assert.ok(r.ok);
  assert.deepEqual(r.trace, ['x @ v: (2×3, 3) → 2', 'relu(x @ v): 2 → 2', 'relu(x @ v) + 1: (2, ()) → 2']);
});

test('errors point at the offending subexpression', () => {
  const e = error('sum(relu(x @ x)) + 1', E);
  assert.equal(e.code, 'operand-shapes');
  assert.equal(e.text, 'x @ x');
  const k = error('conv1d(x, v)', E);
  assert.equal(k.text, 'v'); // the weight must be 3-D: the error points at it
  const bad = error('sum(x, dim=5)', E);
  assert.match(bad.message, /dim 5 is out of range for a tensor with 2 dims/);
  const u = error('relu(y)', E);
  assert.equal(u.code, 'unknown-name');
  assert.equal(u.text, 'y');
});

test('grad with respect to a subexpression that appears in l', () => {
  // d/du sum(u * u) at u = exp(v) is 2 exp(v)
  const got = value('grad(sum(exp(v) * exp(v)), exp(v))', E) as number[];
  const want = [1, -2, 0.5].map((t) => 2 * Math.exp(t));
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]) < 1e-12));
  const e = error('grad(sum(exp(v)), v * 1)', E);
  assert.match(e.message, /does not appear in the first/);
});

test('grad with respect to a name that l does not use is zero', () => {
  assert.deepEqual(value('grad(sum(v), x)', E), [[0, 0, 0], [0, 0, 0]]);
});

test('second-order derivatives are refused rather than silently zero', () => {
  const e = error('grad(sum(grad(sum(v * v * v), v)), v)', E);
  assert.match(e.message, /second-order/);
});

test('grad needs a scalar and names the shape it got', () => {
  const e = error('grad(x @ v, v)', E);
  assert.match(e.message, /must be a scalar, but it has shape 2/);
});

test('method forms, attributes and torch./F. spellings', () => {
  assert.deepEqual(value('x.sum(dim=0)', E), [5, 7, 9]);
  assert.deepEqual(value('x.T.reshape(-1)', E), [1, 4, 2, 5, 3, 6]);
  assert.deepEqual(value('x.transpose(0, 1).flatten()', E), [1, 4, 2, 5, 3, 6]);
  assert.deepEqual(value('torch.relu(v)', E), [1, 0, 0.5]);
  assert.deepEqual(value('F.relu(v)', E), [1, 0, 0.5]);
  assert.equal(value('x.shape[1]', E), 3);
  assert.deepEqual(value('zeros(x.shape)', E), [[0, 0, 0], [0, 0, 0]]);
  assert.equal(value('max(x)', E), 6);
  assert.deepEqual(value('max(x, 1)', E), [3, 6]);
  assert.deepEqual(value('max(v, zeros(3))', E), [1, 0, 0.5]);
});

test('indexing with Python rules, index values from symbols', () => {
  const en = env({ x }, { j: 1, k: 0 });
  assert.deepEqual(value('x[j, 2*k:2*k+3]', en), [4, 5, 6]);
  assert.deepEqual(value('x[-1]', en), [4, 5, 6]);
  assert.deepEqual(value('x[:, 1:]', en), [[2, 3], [5, 6]]);
  assert.deepEqual(value('x[:, ::2]', en), [[1, 3], [4, 6]]);
  assert.deepEqual(value('x[..., -1]', en), [3, 6]);
  assert.deepEqual(value('x[0, 10:]', en), []);
});

test('lists become tensors, ragged lists are errors, True/False work as flags', () => {
  assert.deepEqual(value('[[1, 2], [3, 4]] @ [1, 1]', E), [3, 7]);
  assert.match(error('[[1, 2], [3]]', E).message, /ragged list/);
  assert.deepEqual(value('sum(x, dim=1, keepdim=True)', E), [[6], [15]]);
});

test('cross_entropy checks class indices', () => {
  assert.ok(Math.abs((value('cross_entropy([1.0, 2.0, 3.0], 2)', E) as number) - 0.40760596444437994) < 1e-12);
  assert.match(error('cross_entropy(x, [0, 3])', E).message, /target 3 .* is not a class index in 0\.\.2/);
});

test('randn is seeded: the same expression gives the same values', () => {
  const a = value('randn(2, 2)', E);
  const b = value('randn(2, 2)', E);
  assert.deepEqual(a, b);
  // Two randn calls in one expression are independent draws.
  const d = value('randn(3) - randn(3)', E) as number[];
  assert.ok(d.some((t) => t !== 0));
});

test('a shape-only operand of an op gives a shape-only result that says why', () => {
  const r = evaluate(parse('A.T @ ones(p)'), E, defaultLimits());
  assert.ok(r.ok);
  assert.equal(r.value.data, null);
  assert.match(r.value.missing ?? '', /A has only a shape/);
});

test('a huge unknown name is clipped in the message', () => {
  const long = 'a'.repeat(100_000);
  const e = error(`relu(${long})`, E);
  assert.equal(e.code, 'unknown-name');
  assert.ok(e.message.length < 200, `message of ${e.message.length} characters`);
});
