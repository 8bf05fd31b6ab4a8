/** Shape rules over symbolic dims, shape-only tensors through grad/jacobian, and shape errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatShape } from '../../../server/src/dims';
import { attr, bin, call, env, index, indexItems, list, name, num, run, shapeOnly, str, tensor, tuple } from './helpers';
import type { Expr } from '../../../server/src/claims/ast';
import type { EvalEnv } from '../../../server/src/engine';

function shapeOf(e: Expr, en: EvalEnv): string {
  const r = run(e, en);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return formatShape(r.value.shape);
}

function errorOf(e: Expr, en: EvalEnv): { message: string; code: string } {
  const r = run(e, en);
  assert.equal(r.ok, false, 'an error was expected');
  return r.ok ? { message: '', code: '' } : r.error;
}

const A = name('A');
const B = name('B');
const b = name('b');
const X = name('X');
const sym = env({ A: shapeOnly('p', 'q'), B: shapeOnly('q', 'r'), b: shapeOnly('q'), X: shapeOnly('n', 3, 'h', 'w'), v: shapeOnly('p') });

test('matmul of symbolic shapes follows the inner dim', () => {
  assert.equal(shapeOf(bin('@', A, B), sym), 'pxr');
  assert.equal(shapeOf(bin('@', A, b), sym), 'p');
  assert.equal(shapeOf(call('relu', [bin('@', A, b)]), sym), 'p');
  assert.equal(shapeOf(bin('@', name('v'), A), sym), 'q');
  assert.equal(shapeOf(bin('@', b, b), sym), '()');
});

test('a matmul mismatch names the op and both shapes', () => {
  const e = errorOf(bin('@', A, A), sym);
  assert.equal(e.code, 'operand-shapes');
  assert.equal(e.message, 'matmul: cannot multiply p×q by p×q (inner dims q and p differ)');
  const c = errorOf(bin('@', tensor([2, 3], [1, 2, 3, 4, 5, 6]) && name('M'), name('N')), env({ M: shapeOnly(2, 3), N: shapeOnly(4, 5) }));
  assert.equal(c.message, 'matmul: cannot multiply 2×3 by 4×5 (inner dims 3 and 4 differ)');
});

test('broadcasting keeps symbols and refuses a symbol against another number', () => {
  assert.equal(shapeOf(bin('+', A, name('v1')), env({ A: shapeOnly('p', 'q'), v1: shapeOnly(1, 'q') })), 'pxq');
  assert.equal(shapeOf(bin('*', A, num(2)), sym), 'pxq');
  const e = errorOf(bin('+', A, name('c')), env({ A: shapeOnly('p', 'q'), c: shapeOnly(3) }));
  assert.equal(e.code, 'operand-shapes');
  assert.match(e.message, /p×q.*3/);
});

test('reductions, transposes and reshapes on symbolic shapes', () => {
  assert.equal(shapeOf(call('sum', [A], { dim: num(0) }), sym), 'q');
  assert.equal(shapeOf(call('mean', [A], { dim: num(-1), keepdim: { type: 'bool', value: true, span: { start: 0, end: 0 } } }), sym), 'px1');
  assert.equal(shapeOf(call('sum', [A]), sym), '()');
  assert.equal(shapeOf(attr(A, 'T'), sym), 'qxp');
  assert.equal(shapeOf(call('transpose', [X, num(1), num(-1)]), sym), 'nxwxhx3');
  assert.equal(shapeOf(call('flatten', [X], { start_dim: num(1) }), sym), 'nx(3*h*w)');
  assert.equal(shapeOf(call('reshape', [X, tuple([name('n'), num(-1)])]), sym), 'nx(3*h*w)');
  assert.equal(shapeOf(call('cat', [list([A, A])], { dim: num(1) }), sym), 'px(2*q)');
  assert.equal(shapeOf(call('stack', [list([b, b, b])]), sym), '3xq');
});

test('conv and pool shape rules use PyTorch formulas on symbols', () => {
  const en = env({ X: shapeOnly('N', 3, 'H', 'W'), w: shapeOnly(16, 3, 5, 5), w2: shapeOnly(8, 3, 3, 3) });
  assert.equal(shapeOf(call('conv2d', [X, name('w')], { padding: num(2) }), en), 'Nx16xHxW');
  assert.equal(shapeOf(call('conv2d', [X, name('w2')], { padding: str('same') }), en), 'Nx8xHxW');
  assert.equal(shapeOf(call('conv2d', [X, name('w2')], { stride: num(2) }), en), 'Nx8x(floor((H-3)/2)+1)x(floor((W-3)/2)+1)');
  assert.equal(shapeOf(call('max_pool2d', [X, num(2)]), en), 'Nx3xfloor(H/2)xfloor(W/2)');
});

test('concrete conv/pool shapes and their errors', () => {
  const en = env({ x: shapeOnly(1, 3, 10, 11), w: shapeOnly(4, 3, 3, 3), wb: shapeOnly(4, 2, 3, 3), t: shapeOnly(2, 7, 7), wt: shapeOnly(2, 5, 4, 4) });
  assert.equal(shapeOf(call('conv2d', [name('x'), name('w')], { stride: num(2) }), en), '1x4x4x5');
  assert.equal(shapeOf(call('conv_transpose2d', [name('t'), name('wt')], { stride: num(2), padding: num(1) }), en), '5x14x14');
  assert.equal(shapeOf(call('max_pool2d', [name('x'), num(2)], { ceil_mode: { type: 'bool', value: true, span: { start: 0, end: 0 } } }), en), '1x3x5x6');
  assert.equal(shapeOf(call('avg_pool1d', [name('t'), num(3)], { stride: num(2) }), en), '2x7x3');
  const ch = errorOf(call('conv2d', [name('x'), name('wb')]), en);
  assert.equal(ch.code, 'operand-shapes');
  assert.match(ch.message, /conv2d: the input 1×3×10×11 has 3 channels, but the weight 4×2×3×3 expects 2/);
  const small = errorOf(call('conv2d', [name('x'), name('w')], { dilation: num(6) }), en);
  assert.match(small.message, /too small/);
  const same = errorOf(call('conv2d', [name('x'), name('w')], { stride: num(2), padding: str('same') }), en);
  assert.match(same.message, /padding='same' needs stride 1/);
});

test('grad gives the shape of x and jacobian y.shape + x.shape for shape-only tensors', () => {
  assert.equal(shapeOf(call('grad', [call('sum', [bin('@', A, b)]), A]), sym), 'pxq');
  assert.equal(shapeOf(call('jacobian', [bin('@', A, b), b]), sym), 'pxq');
  assert.equal(shapeOf(call('jacobian', [bin('@', A, b), A]), sym), 'pxpxq');
  const e = errorOf(call('grad', [bin('@', A, b), b]), sym);
  assert.equal(e.code, 'operand-shapes');
  assert.match(e.message, /grad: the first argument must be a scalar, but it has shape p/);
});

test('indexing and slicing shapes, also on symbolic dims', () => {
  const en = env({ x: shapeOnly(4, 6), s: shapeOnly('n', 'd') }, { j: 2, k: 1 });
  assert.equal(shapeOf(index(name('x'), indexItems([{ int: 0 }])), en), '6');
  assert.equal(shapeOf(index(name('x'), indexItems([{ slice: [null, null, null] }, { slice: [1, 4, null] }])), en), '4x3');
  assert.equal(shapeOf(index(name('x'), indexItems(['ellipsis', 'none'])), en), '4x6x1');
  assert.equal(shapeOf(index(name('x'), indexItems([{ slice: [-3, null, 2] }])), en), '2x6');
  // x[j, 2*k:2*k+3] with j, k symbols that have values
  const twoK = bin('*', num(2), name('k'));
  const e: Expr = index(name('x'), [
    { type: 'expr', expr: name('j'), span: { start: 0, end: 0 } },
    { type: 'slice', start: twoK, stop: bin('+', twoK, num(3)), step: null, span: { start: 0, end: 0 } },
  ]);
  assert.equal(shapeOf(e, en), '3');
  assert.equal(shapeOf(index(name('s'), indexItems([{ slice: [1, null, null] }])), en), '(n-1)xd');
  assert.equal(shapeOf(index(name('s'), indexItems([{ slice: [null, null, null] }, { slice: [0, 3, null] }])), en), 'nx3');
  const oob = errorOf(index(name('x'), indexItems([{ int: 4 }])), en);
  assert.match(oob.message, /index 4 is out of range for dim 0 of size 4/);
  const many = errorOf(index(name('x'), indexItems([{ int: 0 }, { int: 0 }, { int: 0 }])), en);
  assert.match(many.message, /too many indices/);
});

test('symbols with values substitute into shapes; constructors take symbolic sizes', () => {
  const en = env({ W: shapeOnly('m', 'n') }, { m: 4 });
  assert.equal(shapeOf(name('W'), en), '4xn');
  assert.equal(shapeOf(call('zeros', [name('n'), num(3)]), en), 'nx3');
  assert.equal(shapeOf(call('zeros', [bin('*', num(2), name('m'))]), en), '8');
  assert.equal(shapeOf(call('ones', [attr(name('W'), 'shape')]), en), '4xn');
  assert.equal(shapeOf(call('eye', [name('n')]), en), 'nxn');
  assert.equal(shapeOf(call('arange', [name('m')]), en), '4');
});

test('a tensor with only a shape used for values says which one and how to fix it', () => {
  const en = env({ x: shapeOnly(2, 5) });
  const r = run(call('relu', [name('x')]), en);
  assert.ok(r.ok);
  assert.equal(r.value.data, null);
  assert.match(r.value.missing ?? '', /x has only a shape \(2×5\); give it values with `let x = \.\.\.`/);
  const e = errorOf(index(name('y'), [{ type: 'expr', expr: name('x'), span: { start: 0, end: 0 } }]), env({ y: tensor([3], [1, 2, 3]), x: shapeOnly() }));
  assert.equal(e.code, 'needs-values');
});

test('unknown names and functions are errors with their own code', () => {
  assert.equal(errorOf(bin('+', name('nope'), num(1)), sym).code, 'unknown-name');
  assert.equal(errorOf(call('frobnicate', [A]), sym).code, 'unknown-name');
  assert.match(errorOf(call('sum', [A], { axis: num(0) }), sym).message, /sum has no argument named 'axis'/);
});
