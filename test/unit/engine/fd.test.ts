/**
 * Every op's backward against central finite differences on random inputs (finite differences are
 * used only here, in tests: the engine itself never uses them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expr } from '../../../server/src/claims/ast';
import { seededUniform, normalSampler } from '../../../server/src/engine/rng';
import { bin, call, env, indexItems, name, neg, num, attr, index, list, run, str, tensor, tuple } from './helpers';

type Domain = 'normal' | 'pos' | 'away' | { classes: number };

interface FdCase {
  title: string;
  expr: Expr;
  inputs: Record<string, { shape: number[]; domain?: Domain }>;
}

const x = name('x');
const y = name('y');
const z = name('z');
const I = (shape: number[], domain: Domain = 'normal') => ({ shape, domain });

const CASES: FdCase[] = [
  { title: 'add (broadcast)', expr: bin('+', x, y), inputs: { x: I([2, 3]), y: I([3]) } },
  { title: 'sub (broadcast)', expr: bin('-', x, y), inputs: { x: I([2, 1]), y: I([1, 3]) } },
  { title: 'mul (broadcast)', expr: bin('*', x, y), inputs: { x: I([2, 3]), y: I([2, 1]) } },
  { title: 'div', expr: bin('/', x, y), inputs: { x: I([3]), y: I([3], 'away') } },
  { title: 'pow', expr: bin('**', x, y), inputs: { x: I([2, 2], 'pos'), y: I([2, 2]) } },
  { title: 'neg', expr: neg(x), inputs: { x: I([4]) } },
  { title: 'maximum', expr: call('maximum', [x, y]), inputs: { x: I([5]), y: I([5]) } },
  { title: 'minimum', expr: call('minimum', [x, y]), inputs: { x: I([2, 3]), y: I([3]) } },
  ...(['exp', 'sigmoid', 'tanh'] as const).map((f) => ({ title: f, expr: call(f, [x]), inputs: { x: I([2, 3]) } })),
  { title: 'log', expr: call('log', [x]), inputs: { x: I([4], 'pos') } },
  { title: 'sqrt', expr: call('sqrt', [x]), inputs: { x: I([4], 'pos') } },
  { title: 'abs', expr: call('abs', [x]), inputs: { x: I([4], 'away') } },
  { title: 'relu', expr: call('relu', [x]), inputs: { x: I([2, 3], 'away') } },
  { title: 'softmax', expr: call('softmax', [x], { dim: num(1) }), inputs: { x: I([2, 4]) } },
  { title: 'log_softmax', expr: call('log_softmax', [x], { dim: num(0) }), inputs: { x: I([3, 2]) } },
  { title: 'matmul 2-D', expr: bin('@', x, y), inputs: { x: I([2, 3]), y: I([3, 4]) } },
  { title: 'matmul batched broadcast', expr: bin('@', x, y), inputs: { x: I([2, 1, 2, 3]), y: I([3, 3, 2]) } },
  { title: 'matmul 1-D left', expr: call('matmul', [x, y]), inputs: { x: I([3]), y: I([2, 3, 2]) } },
  { title: 'dot', expr: call('dot', [x, y]), inputs: { x: I([4]), y: I([4]) } },
  { title: 'outer', expr: call('outer', [x, y]), inputs: { x: I([3]), y: I([2]) } },
  { title: 'einsum with a diagonal', expr: call('einsum', [str('ii,ij->j'), x, y]), inputs: { x: I([3, 3]), y: I([3, 2]) } },
  { title: 'linear', expr: call('linear', [x, y, z]), inputs: { x: I([2, 3]), y: I([4, 3]), z: I([4]) } },
  { title: 'transpose', expr: call('transpose', [x, num(0), num(2)]), inputs: { x: I([2, 3, 2]) } },
  { title: '.T', expr: attr(x, 'T'), inputs: { x: I([2, 3, 4]) } },
  { title: 'reshape -1', expr: call('reshape', [x, tuple([num(3), num(-1)])]), inputs: { x: I([2, 3]) } },
  { title: 'flatten', expr: call('flatten', [x], { start_dim: num(1) }), inputs: { x: I([2, 2, 3]) } },
  { title: 'cat', expr: call('cat', [list([x, y])], { dim: num(1) }), inputs: { x: I([2, 1]), y: I([2, 3]) } },
  { title: 'stack', expr: call('stack', [list([x, y]), num(-1)]), inputs: { x: I([2, 3]), y: I([2, 3]) } },
  { title: 'sum over dims', expr: call('sum', [x], { dim: tuple([num(0), num(2)]), keepdim: { type: 'bool', value: true, span: { start: 0, end: 0 } } }), inputs: { x: I([2, 3, 2]) } },
  { title: 'mean', expr: call('mean', [x], { dim: num(-1) }), inputs: { x: I([3, 4]) } },
  { title: 'max whole', expr: call('max', [x]), inputs: { x: I([3, 4]) } },
  { title: 'min along a dim', expr: call('min', [x, num(1)]), inputs: { x: I([3, 4]) } },
  { title: 'index and slice', expr: index(x, indexItems([{ int: -1 }, { slice: [null, null, 2] }, 'none'])), inputs: { x: I([3, 5]) } },
  { title: 'mse_loss', expr: call('mse_loss', [x, y]), inputs: { x: I([2, 3]), y: I([2, 3]) } },
  { title: 'cross_entropy (probabilities)', expr: call('cross_entropy', [x, y]), inputs: { x: I([3, 4]), y: I([3, 4], 'pos') } },
  { title: 'cross_entropy (classes)', expr: call('cross_entropy', [x, y], { reduction: str('sum') }), inputs: { x: I([3, 4]), y: I([3], { classes: 4 }) } },
  { title: 'conv1d stride/padding/dilation', expr: call('conv1d', [x, y, z], { stride: num(2), padding: num(1), dilation: num(2) }), inputs: { x: I([2, 2, 7]), y: I([3, 2, 2]), z: I([3]) } },
  { title: 'conv2d groups, same padding', expr: call('conv2d', [x, y], { padding: str('same'), groups: num(2) }), inputs: { x: I([4, 4, 5]), y: I([2, 2, 2, 3]) } },
  { title: 'conv3d', expr: call('conv3d', [x, y]), inputs: { x: I([1, 1, 3, 3, 3]), y: I([2, 1, 2, 2, 2]) } },
  { title: 'conv_transpose1d', expr: call('conv_transpose1d', [x, y, z], { stride: num(2), output_padding: num(1) }), inputs: { x: I([1, 2, 3]), y: I([2, 3, 3]), z: I([3]) } },
  { title: 'conv_transpose2d', expr: call('conv_transpose2d', [x, y], { stride: tuple([num(2), num(1)]), padding: num(1) }), inputs: { x: I([2, 3, 3]), y: I([2, 1, 3, 2]) } },
  { title: 'max_pool1d', expr: call('max_pool1d', [x, num(2)], { stride: num(1) }), inputs: { x: I([2, 6]) } },
  { title: 'max_pool2d ceil_mode', expr: call('max_pool2d', [x, num(2)], { ceil_mode: { type: 'bool', value: true, span: { start: 0, end: 0 } } }), inputs: { x: I([1, 1, 5, 5]) } },
  { title: 'avg_pool1d padding', expr: call('avg_pool1d', [x, num(3)], { stride: num(2), padding: num(1) }), inputs: { x: I([1, 2, 7]) } },
  { title: 'avg_pool2d', expr: call('avg_pool2d', [x, tuple([num(2), num(3)])]), inputs: { x: I([2, 4, 6]) } },
  { title: 'a composite: tanh(x @ y + z).sum(1)', expr: call('sum', [call('tanh', [bin('+', bin('@', x, y), z)]), num(1)]), inputs: { x: I([2, 3]), y: I([3, 2]), z: I([2]) } },
];

function randomData(shape: number[], domain: Domain, normal: () => number): number[] {
  const n = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, () => {
    if (typeof domain === 'object') return Math.floor(Math.abs(normal()) * 997) % domain.classes;
    const v = normal();
    if (domain === 'pos') return Math.abs(v) + 0.5;
    // Keep away from kinks (relu, abs at 0) so the finite difference is meaningful.
    if (domain === 'away') return v >= 0 ? v + 0.3 : v - 0.3;
    return v;
  });
}

for (const c of CASES) {
  test(`finite differences agree with backward: ${c.title}`, () => {
    const normal = normalSampler(seededUniform(c.title.length * 7919 + 17));
    const data: Record<string, number[]> = {};
    for (const [k, v] of Object.entries(c.inputs)) data[k] = randomData(v.shape, v.domain ?? 'normal', normal);
    const out = run(c.expr, env(Object.fromEntries(Object.entries(data).map(([k, d]) => [k, tensor(c.inputs[k].shape, d)]))));
    assert.ok(out.ok, out.ok ? '' : out.error.message);
    const outShape = out.value.shape.length ? out.value.dims : [];
    const weights = randomData(outShape, 'normal', normal);
    const loss = call('sum', [bin('*', c.expr, name('W__'))]);
    const lossAt = (d: Record<string, number[]>): number => {
      const tensors = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, tensor(c.inputs[k].shape, v)]));
      const r = run(loss, env({ ...tensors, W__: tensor(outShape, weights) }));
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      return (r.value.data as Float64Array)[0];
    };
    for (const [k, spec] of Object.entries(c.inputs)) {
      if (typeof spec.domain === 'object') continue; // class indices are not differentiable
      const tensors = Object.fromEntries(Object.entries(data).map(([kk, d]) => [kk, tensor(c.inputs[kk].shape, d)]));
      const g = run(call('grad', [loss, name(k)]), env({ ...tensors, W__: tensor(outShape, weights) }));
      assert.ok(g.ok, g.ok ? '' : g.error.message);
      const analytic = g.value.data as Float64Array;
      assert.equal(analytic.length, data[k].length);
      const h = 1e-6;
      for (let i = 0; i < data[k].length; i++) {
        const plus = { ...data, [k]: data[k].map((v, j) => (j === i ? v + h : v)) };
        const minus = { ...data, [k]: data[k].map((v, j) => (j === i ? v - h : v)) };
        const fd = (lossAt(plus) - lossAt(minus)) / (2 * h);
        const tol = 1e-5 * Math.max(1, Math.abs(fd));
        assert.ok(Math.abs(fd - analytic[i]) <= tol, `d/d${k}[${i}]: backward ${analytic[i]}, finite difference ${fd}`);
      }
    }
  });
}
