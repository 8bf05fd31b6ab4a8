/**
 * The engine's part of the public conformance cases (/work/shared/spec/conformance/tensors.md), read
 * through the real claim parser. Expected numbers come from the spec's expected.json (PyTorch).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlock } from '../../../server/src/claims';
import type { Expr, Stmt } from '../../../server/src/claims/ast';
import { dimFromAst, formatShape } from '../../../server/src/dims';
import {
  checkIdentity, compareToClaim, defaultLimits, evaluate, shapeOnlyTensor, toNested, type EvalEnv, type Tensor,
} from '../../../server/src/engine';

function document(): EvalEnv {
  const tensors = new Map<string, Tensor>();
  const en: EvalEnv = { tensors, symbols: new Map() };
  for (const st of parseBlock('let x = [[1,0,2,1],[0,1,1,3]]; let w = [[[1,-1],[0.5,2]]]; let A : p x q; let b : q')) {
    if (st.type === 'letValue') {
      const r = evaluate(st.expr, en, defaultLimits());
      assert.ok(r.ok);
      tensors.set(st.name, r.value);
    } else if (st.type === 'letShape') {
      tensors.set(st.name, shapeOnlyTensor(st.shape.dims.map((d) => dimFromAst(d))));
    }
  }
  return en;
}

function one(text: string): Stmt {
  const [st] = parseBlock(text);
  assert.ok(st, `parsed ${text}`);
  return st;
}

function exprOf(text: string): Expr {
  const st = one(text);
  assert.equal(st.type, 'claim', `${text} is a claim`);
  return (st as Extract<Stmt, { type: 'claim' }>).expr;
}

test('conv1d(x, w) = [[3.0,0.5,7.5]]', () => {
  const r = evaluate(exprOf('conv1d(x, w)'), document(), defaultLimits());
  assert.ok(r.ok);
  assert.deepEqual(toNested(r.value), [[3, 0.5, 7.5]]);
  assert.equal(compareToClaim(r.value, [[3.0, 0.5, 7.5]], 1).matches, true);
  assert.ok(r.trace.some((l) => l.includes('conv1d(x, w)') && l.includes('(2×4, 1×2×2) → 1×3')), r.trace.join('\n'));
});

test('grad(sum(conv1d(x, w)), w) is [[[3,3],[2,5]]]', () => {
  const r = evaluate(exprOf('grad(sum(conv1d(x, w)), w)'), document(), defaultLimits());
  assert.ok(r.ok);
  assert.deepEqual(toNested(r.value), [[[3, 3], [2, 5]]]);
});

test('jacobian(conv1d(x, w), w) has shape 1x3x1x2x2', () => {
  const r = evaluate(exprOf('jacobian(conv1d(x, w), w)'), document(), defaultLimits());
  assert.ok(r.ok);
  assert.equal(formatShape(r.value.shape), '1x3x1x2x2');
  // Row j of the Jacobian is the input window under output position j: x[:, j:j+2].
  assert.deepEqual(toNested(r.value), [[[[[1, 0], [0, 1]]], [[[0, 2], [1, 1]]], [[[2, 1], [1, 3]]]]]);
});

test('relu(A @ b) : p with A : p x q, b : q', () => {
  const r = evaluate(exprOf('relu(A @ b)'), document(), defaultLimits());
  assert.ok(r.ok);
  assert.equal(formatShape(r.value.shape), 'p');
  assert.equal(r.value.data, null);
});

test('A @ A is an error naming p×q twice', () => {
  const text = 'A @ A';
  const r = evaluate(exprOf(text), document(), defaultLimits());
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.code, 'operand-shapes');
  assert.match(r.error.message, /p×q by p×q/);
  assert.deepEqual(r.error.span, { start: 0, end: text.length });
});

test('grad(sum(exp(b)), b) == exp(b) holds', () => {
  const st = one('grad(sum(exp(b)), b) == exp(b)');
  assert.equal(st.type, 'identity');
  if (st.type !== 'identity') return;
  const r = checkIdentity(st.left, st.right, document(), defaultLimits());
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.holds, true, r.message);
  assert.equal(formatShape(r.shape), 'q');
  assert.ok(r.trials >= 3);
});

test('grad(sum(b * b), b) == b fails (the gradient is 2b)', () => {
  const st = one('grad(sum(b * b), b) == b');
  if (st.type !== 'identity') return assert.fail('identity expected');
  const r = checkIdentity(st.left, st.right, document(), defaultLimits());
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.holds, false);
  assert.ok(r.where !== null);
  assert.ok(r.maxDiff > 0.01);
  assert.match(r.message, /differ at \[\d+\]/);
});

test('tanh(0.3) is 0.2913126124515909 and "about 0.291" matches to 3 decimals', () => {
  const r = evaluate(exprOf('tanh(0.3)'), document(), defaultLimits());
  assert.ok(r.ok);
  assert.ok(Math.abs((r.value.data as Float64Array)[0] - 0.2913126124515909) < 1e-15);
  assert.equal(compareToClaim(r.value, 0.291, 3).matches, true);
  assert.equal(compareToClaim(r.value, 0.292, 3).matches, false);
});
