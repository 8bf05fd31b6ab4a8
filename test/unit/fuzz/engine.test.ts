// Fuzzing the tensor engine: random expressions over tensors with values, shape-only tensors and
// symbols. evaluate never throws; it answers with a value or an error whose code is one of the
// engine's and whose span lies inside the expression; the same expression gives the same answer;
// grad(l, x) has x's shape whenever it succeeds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseBlock } from '../../../server/src/claims';
import type { Expr } from '../../../server/src/claims/ast';
import { evaluate, shapeOnlyTensor, tensorFromNested, type EvalEnv, type Tensor } from '../../../server/src/engine';
import { constDim, dimValue, formatShape, symDim, type Dim } from '../../../server/src/dims';
import { assertProperty } from './support';

const CODES = new Set(['unknown-name', 'operand-shapes', 'needs-values', 'limit', 'eval', 'syntax']);

function env(): EvalEnv {
  const tensors = new Map<string, Tensor>([
    ['x', tensorFromNested([[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]])],
    ['W', tensorFromNested([[[1, 0, -1], [2, 1, 0]]])],
    ['v', tensorFromNested([0.5, -1, 2])],
    ['c', tensorFromNested(3)],
    ['S', shapeOnlyTensor([symDim('m'), symDim('n')])],
    ['u', shapeOnlyTensor([symDim('n')])],
    ['Z', shapeOnlyTensor([constDim(2), constDim(3)])],
  ]);
  let a = 7;
  const rng = () => ((a = (a * 16807) % 2147483647) / 2147483647);
  return { tensors, symbols: new Map([['k', 2]]), rng } as EvalEnv;
}

const exprArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'W', 'v', 'c', 'S', 'u', 'Z', 'k', 'q', '2', '0.5', '-1', '1e308', '[[1,2],[3,4]]', '[1,2,3]', '[]', 'True'),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '**', '@'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('sum', 'mean', 'relu', 'sigmoid', 'tanh', 'exp', 'log', 'sqrt', 'abs', 'flatten', 'softmax', 'max', 'min'), tie('e')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(fc.constantFrom('matmul', 'dot', 'outer', 'mse_loss', 'cross_entropy', 'linear'), tie('e'), tie('e')).map(([f, a, b]) => `${f}(${a}, ${b})`),
    fc.tuple(fc.constantFrom('grad', 'jacobian'), tie('e'), fc.constantFrom('x', 'W', 'v', 'S', 'u')).map(([f, a, b]) => `${f}(${a}, ${b})`),
    fc.tuple(tie('e'), fc.constantFrom('[0]', '[-1]', '[:, 1:4]', '[0, 1]', '[..., 0]', '[::2]', '.T', '[5]', '[None]')).map(([a, ix]) => `${a}${ix}`),
    fc.tuple(fc.constantFrom('zeros', 'ones', 'randn', 'arange', 'eye'), fc.array(fc.integer({ min: -1, max: 6 }), { minLength: 1, maxLength: 3 })).map(([f, d]) => `${f}(${d.join(', ')})`),
    fc.tuple(fc.constantFrom('conv1d', 'conv2d', 'conv_transpose1d', 'max_pool1d', 'avg_pool2d'), tie('e'), tie('e'), fc.constantFrom('', ', stride=2', ', padding=1', ', groups=2', ', dilation=0')).map(([f, a, b, k]) => `${f}(${a}, ${b}${k})`),
    fc.tuple(fc.constantFrom('reshape', 'transpose', 'cat', 'stack'), tie('e'), fc.constantFrom('(2, 5)', '(-1,)', '0, 1', '[x, x]', '(5, -1)')).map(([f, a, b]) => `${f}(${a}, ${b})`),
    fc.tuple(fc.constantFrom('ij,jk->ik', 'i,i->', 'ij->ji', 'abc,cd->abd', 'ii->i', 'ij,jk'), tie('e'), tie('e')).map(([s, a, b]) => `einsum("${s}", ${a}, ${b})`),
  ),
})).e;

function firstExpr(text: string): Expr | null {
  const [s] = parseBlock(text);
  return s && s.type === 'claim' && s.rhs === null ? s.expr : null;
}

function summary(out: ReturnType<typeof evaluate>): unknown {
  if (!out.ok) return { ok: false, code: out.error.code, message: out.error.message, span: out.error.span };
  const t = out.value;
  return { ok: true, shape: formatShape(t.shape), data: t.data ? Array.from(t.data) : null };
}

describe('fuzz: engine evaluate', () => {
  it('never throws; errors carry a known code and a span inside the expression; deterministic', () => {
    assertProperty(
      fc.property(exprArb, (text) => {
        const expr = firstExpr(text);
        if (!expr) return;
        const limits = () => ({ maxElements: 100_000, deadline: Date.now() + 2000 });
        const out = evaluate(expr, env(), limits());
        if (!out.ok) {
          assert.ok(CODES.has(out.error.code), `code ${out.error.code}`);
          assert.ok(out.error.message.length > 0);
          const s = out.error.span;
          if (s) assert.ok(0 <= s.start && s.start <= s.end && s.end <= text.length, `error span ${JSON.stringify(s)} outside ${JSON.stringify(text)}`);
        } else {
          assert.ok(Array.isArray(out.value.shape));
          if (out.value.data) assert.equal(out.value.data.length, out.value.shape.reduce((n: number, d: Dim) => n * (dimValue(d) ?? NaN), 1), 'as many values as the shape says');
        }
        assert.deepEqual(summary(evaluate(expr, env(), limits())), summary(out), 'same expression, same answer');
      }),
      0.08,
    );
  });

  it('grad(sum(e), x) has the shape of x whenever it evaluates', () => {
    assertProperty(
      fc.property(exprArb, fc.constantFrom('x', 'W', 'v'), (e, wrt) => {
        const expr = firstExpr(`grad(sum(${e}), ${wrt})`);
        if (!expr) return;
        const out = evaluate(expr, env(), { maxElements: 100_000, deadline: Date.now() + 2000 });
        if (!out.ok) return;
        const want = env().tensors.get(wrt)!;
        assert.equal(formatShape(out.value.shape), formatShape(want.shape));
      }),
      0.02,
    );
  });
});
