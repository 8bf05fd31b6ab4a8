/** Identity claims (`==`): random trials for shape-only tensors, symbols, let-bound expressions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlock } from '../../../server/src/claims';
import type { Expr } from '../../../server/src/claims/ast';
import { dimFromAst, formatShape } from '../../../server/src/dims';
import { checkIdentity, defaultLimits, evaluate, shapeOnlyTensor, type EvalEnv, type Tensor } from '../../../server/src/engine';

/** Runs `let` statements like the checker does and returns the environment. */
function lets(text: string, symbols: Record<string, number> = {}): EvalEnv {
  const tensors = new Map<string, Tensor>();
  const en: EvalEnv = { tensors, symbols: new Map(Object.entries(symbols)) };
  for (const st of parseBlock(text)) {
    if (st.type === 'letShape') tensors.set(st.name, shapeOnlyTensor(st.shape.dims.map((d) => dimFromAst(d, en.symbols))));
    else if (st.type === 'letValue') {
      const r = evaluate(st.expr, en, defaultLimits());
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      tensors.set(st.name, r.value);
    }
  }
  return en;
}

function identity(text: string, en: EvalEnv, trials?: number) {
  const [st] = parseBlock(text);
  assert.equal(st?.type, 'identity', text);
  const s = st as { left: Expr; right: Expr };
  return checkIdentity(s.left, s.right, en, defaultLimits(), trials);
}

function holds(text: string, en: EvalEnv): boolean {
  const r = identity(text, en);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.ok && r.holds;
}

test('textbook gradient identities hold for random values', () => {
  const en = lets('let A : p x q; let x : q; let y : p; let W : 3 x 4; let v : 4; let z : 5');
  assert.equal(holds('grad(sum(A @ x), x) == A.T @ ones(p)', en), true);
  assert.equal(holds('grad(y @ (A @ x), A) == outer(y, x)', en), true);
  assert.equal(holds('grad(sum(sigmoid(z)), z) == sigmoid(z) * (1 - sigmoid(z))', en), true);
  assert.equal(holds('grad(sum(tanh(z)), z) == 1 - tanh(z) ** 2', en), true);
  assert.equal(holds('jacobian(W @ v, v) == W', en), true);
  assert.equal(holds('softmax(z, dim=0) == exp(z) / sum(exp(z))', en), true);
  assert.equal(holds('grad(log(sum(exp(z))), z) == softmax(z, dim=0)', en), true);
  assert.equal(holds('(A @ x) @ y == x @ (A.T @ y)', en), true);
});

test('a false identity fails with the index and size of the difference', () => {
  const en = lets('let z : 5');
  const r = identity('grad(sum(z ** 3), z) == 3 * z', en);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.holds, false);
  assert.equal(r.where?.length, 1);
  assert.ok(r.maxDiff > 1e-3);
  assert.match(r.message, /the left is .*, the right is/);
});

test('shapes must agree first, symbolically', () => {
  const en = lets('let A : p x q');
  const r = identity('A == A.T', en);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.holds, false);
  assert.match(r.message, /different shapes: p×q on the left, q×p on the right/);
  assert.equal(holds('A.T.T == A', en), true);
});

test('symbols get random values per trial, several trials are run', () => {
  const en = lets('let A : p x q; let B : q x r; let C : r x s');
  const r = identity('(A @ B) @ C == A @ (B @ C)', en);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.holds, true, r.message);
  assert.equal(r.trials, 3);
  assert.equal(formatShape(r.shape), 'pxs');
});

test('a shape-only value bound by let is recomputed from its random inputs', () => {
  const en = lets('let A : p x q; let b : q; let y = A @ b; let s = sum(y)');
  assert.equal(holds('y == A @ b', en), true);
  assert.equal(holds('grad(s, b) == A.T @ ones(p)', en), true);
  assert.equal(holds('y == 2 * (A @ b)', en), false);
});

test('values that are known are used as they are (one exact trial)', () => {
  const en = lets('let x = [1, 2, 3]');
  const r = identity('x * 2 == x + x', en);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.holds, true);
  assert.equal(r.trials, 1);
  assert.equal(holds('x * 2 == x + 1', en), false);
});

test('errors inside an identity come back as errors with a span', () => {
  const en = lets('let A : p x q');
  const r = identity('A @ A == A', en);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.code, 'operand-shapes');
  assert.deepEqual(r.error.span, { start: 0, end: 5 });
});

test('the same trial seeds give the same verdict and message', () => {
  const en = lets('let z : 4');
  const a = identity('grad(sum(z * z), z) == z', en);
  const b = identity('grad(sum(z * z), z) == z', en);
  assert.deepEqual(a, b);
});

test('a symbol given a value after a shape used it keeps that value in the trials', () => {
  const en = lets('let A : m x n');
  const withM: EvalEnv = { tensors: en.tensors, symbols: new Map([['m', 4]]) };
  const r = identity('A.T.T == A', withM);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  if (r.ok) assert.equal(formatShape(r.shape), '4xn');
});
