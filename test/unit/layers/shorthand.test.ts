/**
 * The layer shorthand's semantics (spec section 3). Expected shapes are worked by hand from PyTorch's
 * formulas (shown next to each), or are the spec's own examples; the torch-computed sweep is golden.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeLayer } from '../../../server/src/layers';
import type { LayerFailure, LayerOutcome } from '../../../server/src/layers';
import {
  addDim, constDim, dimValue, divDim, floorDim, mulDim, shapesEqual, subDim, symDim, type Shape,
} from '../../../server/src/dims';
import { layer, param } from './build';

const none = new Map<string, number>();
const nums = (s: Shape) => s.map((d) => dimValue(d));

function ok(out: LayerOutcome | LayerFailure): LayerOutcome {
  if (!out.ok) assert.fail(`unexpected error: ${out.message}`);
  return out;
}
function bad(out: LayerOutcome | LayerFailure): LayerFailure {
  if (out.ok) assert.fail(`expected an error, got ${nums(out.shape).join('x')}`);
  return out;
}

test("the spec's example: conv out 10x11 k3 s2 gives 4x5 with the arithmetic", () => {
  const out = ok(computeLayer(layer('conv', undefined, [10, 11], [param('kernel', [3]), param('stride', [2])]), none));
  assert.deepEqual(nums(out.shape), [4, 5]);
  assert.deepEqual(out.steps, [
    { label: 'W', formula: 'floor((10-3)/2)+1', value: '4', inexact: true, rounding: 'floor' },
    { label: 'H', formula: 'floor((11-3)/2)+1', value: '5', inexact: false, rounding: 'floor' },
  ]);
  assert.equal(out.explanation[0], 'W: floor((10-3)/2)+1 = 4 ((10-3)/2 = 3.5 is not whole: floored)');
  assert.equal(out.explanation[1], 'H: floor((11-3)/2)+1 = 5');
  // The hover names the rules used (section 3b).
  assert.equal(out.explanation[2], "convention: pytorch (PyTorch's formulas)");
  assert.equal(out.explanation.length, 3);
});

test('step labels: L for one spatial dim, D W H for three', () => {
  const one = ok(computeLayer(layer('conv', undefined, [28], [param('kernel', [5])]), none));
  assert.deepEqual(one.steps.map((s) => s.label), ['L']);
  assert.equal(one.explanation[0], 'L: 28-5+1 = 24'); // stride 1: no division, no floor
  const three = ok(computeLayer(layer('conv', 3, [8, 9, 10], [param('kernel', [3])]), none));
  assert.deepEqual(three.steps.map((s) => s.label), ['D', 'W', 'H']);
  assert.deepEqual(nums(three.shape), [6, 7, 8]);
});

test('one value applies to every spatial dim; k3x5 gives one per dim', () => {
  // 10-3+1 = 8, 11-5+1 = 7
  const out = ok(computeLayer(layer('conv', undefined, [10, 11], [param('kernel', [3, 5])]), none));
  assert.deepEqual(nums(out.shape), [8, 7]);
  // strides 1 and 2: 10-3+1 = 8; floor((11-3)/2)+1 = 5
  const out2 = ok(computeLayer(layer('conv', undefined, [10, 11], [param('kernel', [3]), param('stride', [1, 2])]), none));
  assert.deepEqual(nums(out2.shape), [8, 5]);
});

test('a param with the wrong number of values is an error at that param', () => {
  const k = param('kernel', [2, 3, 4]);
  const f = bad(computeLayer(layer('conv', undefined, [10, 11], [k]), none));
  assert.deepEqual(f.span, k.span);
  assert.match(f.message, /3 values.*2 spatial dims/);
  const s = param('stride', [1, 2]);
  assert.deepEqual(bad(computeLayer(layer('conv', 3, [4, 5, 6], [param('kernel', [1]), s]), none)).span, s.span);
});

test('a missing kernel is an error at the op word', () => {
  const stmt = layer('conv', undefined, [10], [param('stride', [2])]);
  const f = bad(computeLayer(stmt, none));
  assert.deepEqual(f.span, stmt.opSpan);
  assert.match(f.message, /kernel/);
});

test('a param given twice, or a kernel of 0, is an error at that param', () => {
  const second = param('kernel', [5]);
  assert.deepEqual(bad(computeLayer(layer('conv', undefined, [10], [param('kernel', [3]), second]), none)).span, second.span);
  const zero = param('kernel', [0]);
  const f = bad(computeLayer(layer('conv', undefined, [10], [zero]), none));
  assert.deepEqual(f.span, zero.values[0].span);
  const s0 = param('stride', [0]);
  assert.deepEqual(bad(computeLayer(layer('conv', undefined, [10], [param('kernel', [3]), s0]), none)).span, s0.values[0].span);
  const pneg = param('padding', [-1]);
  assert.ok(!computeLayer(layer('conv', undefined, [10], [param('kernel', [3]), pneg]), none).ok);
});

test('padding and dilation enter as in PyTorch', () => {
  // conv out 50 k7 s3 d2: floor((50 - 2*6 - 1)/3)+1 = floor(37/3)+1 = 13 (the spec's conformance case)
  const d = ok(computeLayer(layer('conv', undefined, [50], [param('kernel', [7]), param('stride', [3]), param('dilation', [2])]), none));
  assert.deepEqual(nums(d.shape), [13]);
  assert.equal(d.steps[0].formula, 'floor((50-2*6-1)/3)+1');
  assert.equal(d.steps[0].inexact, true);
  // conv2d out 3x32x32 k3 s2 p1 f=16: floor((32+2-3)/2)+1 = 16, channels 3 → 16
  const p = ok(computeLayer(layer('conv', 2, [3, 32, 32], [param('kernel', [3]), param('stride', [2]), param('padding', [1]), param('filters', [16])]), none));
  assert.deepEqual(nums(p.shape), [16, 16, 16]);
  assert.equal(p.steps[0].formula, 'floor((32+2*1-3)/2)+1');
});

test('p=same keeps the size with stride 1 and is an error otherwise', () => {
  const same = ok(computeLayer(layer('conv', undefined, [20, 20], [param('kernel', [3]), param('padding', 'same')]), none));
  assert.deepEqual(nums(same.shape), [20, 20]);
  // even kernel, dilation: total padding d(k-1) = 6 still keeps the size
  const even = ok(computeLayer(layer('conv', undefined, [9], [param('kernel', [4]), param('dilation', [2]), param('padding', 'same')]), none));
  assert.deepEqual(nums(even.shape), [9]);
  const stride = param('stride', [2]);
  const f = bad(computeLayer(layer('conv', undefined, [20, 20], [param('kernel', [3]), stride, param('padding', 'same')]), none));
  assert.deepEqual(f.span, stride.span);
  assert.match(f.message, /stride/);
  for (const op of ['pool', 'convT'] as const) {
    const p = param('padding', 'same');
    assert.deepEqual(bad(computeLayer(layer(op, undefined, [20], [param('kernel', [3]), p]), none)).span, p.span);
  }
});

test('p=valid is no padding', () => {
  // floor((10-3)/2)+1 = 4, as with p=0
  const v = ok(computeLayer(layer('conv', undefined, [10], [param('kernel', [3]), param('stride', [2]), param('padding', 'valid')]), none));
  assert.deepEqual(nums(v.shape), [4]);
});

test('filters replace the channel dim; with spatial-only DIMS F is prepended; pool rejects f', () => {
  const nc = ok(computeLayer(layer('conv', 2, [8, 3, 10, 10], [param('kernel', [3]), param('filters', [6])]), none));
  assert.deepEqual(nums(nc.shape), [8, 6, 8, 8]);
  const kept = ok(computeLayer(layer('conv', 2, [3, 10, 10], [param('kernel', [3])]), none));
  assert.deepEqual(nums(kept.shape), [3, 8, 8]);
  const spatial = ok(computeLayer(layer('conv', undefined, [28, 28], [param('kernel', [5]), param('filters', [6])]), none));
  assert.deepEqual(nums(spatial.shape), [6, 24, 24]);
  const f = param('filters', [4]);
  assert.deepEqual(bad(computeLayer(layer('pool', 2, [3, 8, 8], [param('kernel', [2]), f]), none)).span, f.span);
});

test('DIMS counts: plain conv is spatial only, convNd takes nd, nd+1 or nd+2', () => {
  const five = layer('conv', 2, [1, 2, 3, 4, 5], [param('kernel', [1])]);
  assert.deepEqual(bad(computeLayer(five, none)).span, five.dimsSpan);
  const one = layer('conv', 2, [7], [param('kernel', [1])]);
  assert.deepEqual(bad(computeLayer(one, none)).span, one.dimsSpan);
  const four = layer('conv', undefined, [1, 3, 8, 8], [param('kernel', [1])]);
  assert.deepEqual(bad(computeLayer(four, none)).span, four.dimsSpan);
  // plain conv with 3 dims: all three spatial (3-1+1, 8-1+1, ...)
  assert.deepEqual(nums(ok(computeLayer(layer('conv', undefined, [3, 8, 8], [param('kernel', [2])]), none)).shape), [2, 7, 7]);
});

test('pooling: stride defaults to the kernel, ceil mode, last-window rule, padding at most k/2', () => {
  // pool out 9x9 k2: floor((9-2)/2)+1 = 4; with ceil: ceil(3.5)+1 = 5 (spec's conformance case)
  assert.deepEqual(nums(ok(computeLayer(layer('pool', undefined, [9, 9], [param('kernel', [2])]), none)).shape), [4, 4]);
  const c = ok(computeLayer(layer('pool', undefined, [9, 9], [param('kernel', [2]), param('ceil')]), none));
  assert.deepEqual(nums(c.shape), [5, 5]);
  assert.equal(c.steps[0].formula, 'ceil((9-2)/2)+1');
  assert.equal(c.steps[0].rounding, 'ceil'); // the message says "(rounded up)", not "(floored)"
  assert.equal(c.steps[0].inexact, true);
  assert.match(c.explanation[0], /rounded up/);
  // pool out 5 k2 p1 ceil: ceil((5+2-2)/2)+1 = 4, but (4-1)*2 = 6 >= 5+1: the last window starts in
  // the padding, so 3.
  const last = ok(computeLayer(layer('pool', undefined, [5], [param('kernel', [2]), param('padding', [1]), param('ceil')]), none));
  assert.deepEqual(nums(last.shape), [3]);
  assert.match(last.explanation[0], /padding/);
  // explicit stride 1: 9-2+1 = 8
  assert.deepEqual(nums(ok(computeLayer(layer('pool', undefined, [9], [param('kernel', [2]), param('stride', [1])]), none)).shape), [8]);
  const p = param('padding', [2]);
  const f = bad(computeLayer(layer('pool', undefined, [10], [param('kernel', [3]), p]), none));
  assert.deepEqual(f.span, p.span);
  assert.match(f.message, /half/);
  // p = k/2 exactly is allowed: floor((10+2-3)/3)+1 = 4
  assert.deepEqual(nums(ok(computeLayer(layer('pool', undefined, [10], [param('kernel', [3]), param('padding', [1])]), none)).shape), [4]);
});

test('ceil is for pool only, output padding for convT only', () => {
  const ce = param('ceil');
  assert.deepEqual(bad(computeLayer(layer('conv', undefined, [10], [param('kernel', [3]), ce]), none)).span, ce.span);
  const op = param('output_padding', [1]);
  assert.deepEqual(bad(computeLayer(layer('conv', undefined, [10], [param('kernel', [3]), op]), none)).span, op.span);
});

test('transposed conv: (L-1)s - 2p + d(k-1) + op + 1, and PyTorch\'s output padding rule', () => {
  // convT out 7x7 k4 s2 p1: 6*2 - 2 + 3 + 1 = 14 (spec's conformance case)
  const t = ok(computeLayer(layer('convT', undefined, [7, 7], [param('kernel', [4]), param('stride', [2]), param('padding', [1])]), none));
  assert.deepEqual(nums(t.shape), [14, 14]);
  assert.equal(t.steps[0].formula, '(7-1)*2-2*1+4');
  // op1 with s2: 6*2 - 2 + 3 + 1 + 1 = 15
  const o = ok(computeLayer(layer('convT', undefined, [7], [param('kernel', [4]), param('stride', [2]), param('padding', [1]), param('output_padding', [1])]), none));
  assert.deepEqual(nums(o.shape), [15]);
  // op must be < stride or < dilation: op2 with s2 d1 fails, op2 with s1 d3 passes (2 + 2*3 + 2 + 1 = 11)
  const op2 = param('output_padding', [2]);
  assert.deepEqual(bad(computeLayer(layer('convT', undefined, [3], [param('kernel', [3]), param('stride', [2]), op2]), none)).span, op2.span);
  const dil = ok(computeLayer(layer('convT', undefined, [3], [param('kernel', [3]), param('dilation', [3]), param('output_padding', [2])]), none));
  assert.deepEqual(nums(dil.shape), [11]);
});

test('an output below 1 is an error naming the dim and the formula value', () => {
  // conv out 10x3 k5: H: 3-5+1 = -1
  const stmt = layer('conv', undefined, [10, 3], [param('kernel', [5])]);
  const f = bad(computeLayer(stmt, none));
  assert.deepEqual(f.span, stmt.dims[1].span);
  assert.match(f.message, /^H: 3-5\+1 = -1/);
  assert.equal(f.code, 'invalid-layer');
  // convT out 3 k2 p3: 2 - 6 + 2 = -2
  const t = bad(computeLayer(layer('convT', undefined, [3], [param('kernel', [2]), param('padding', [3])]), none));
  assert.match(t.message, /= -2/);
  // pooling to 0 (torch's max_pool1d would return an empty tensor): floor((3-5)/5)+1 = 0
  assert.match(bad(computeLayer(layer('pool', undefined, [3], [param('kernel', [5])]), none)).message, /= 0/);
});

const H = symDim('H');
const W = symDim('W');
const one = constDim(1);
const two = constDim(2);

test('symbolic dims: conv out HxW k5 p2 is exactly HxW', () => {
  const out = ok(computeLayer(layer('conv', undefined, ['H', 'W'], [param('kernel', [5]), param('padding', [2])]), none));
  assert.ok(shapesEqual(out.shape, [H, W]));
  assert.equal(out.steps[0].value, 'H');
});

test('symbolic params: conv out HxW k=K s=S p=P d=D f=F', () => {
  const out = ok(computeLayer(layer('conv', undefined, ['H', 'W'], [
    param('kernel', ['K']), param('stride', ['S']), param('padding', ['P']), param('dilation', ['D']), param('filters', ['F']),
  ]), none));
  const [K, S, P, D] = ['K', 'S', 'P', 'D'].map(symDim);
  const conv = (L: typeof H) => addDim(floorDim(divDim(subDim(subDim(addDim(L, mulDim(two, P)), mulDim(D, subDim(K, one))), one), S)), one);
  assert.ok(shapesEqual(out.shape, [symDim('F'), conv(H), conv(W)]));
  assert.equal(out.steps[0].formula, 'floor((H+2*P-D*(K-1)-1)/S)+1');
  assert.equal(out.steps[0].inexact, false); // unknown, not known to be inexact
  // Known symbol values make it concrete: H=W=32, K=3, S=2, P=1, D=1, F=16 → 16x16x16
  const vals = new Map([['H', 32], ['W', 32], ['K', 3], ['S', 2], ['P', 1], ['D', 1], ['F', 16]]);
  const concrete = ok(computeLayer(layer('conv', undefined, ['H', 'W'], [
    param('kernel', ['K']), param('stride', ['S']), param('padding', ['P']), param('dilation', ['D']), param('filters', ['F']),
  ]), vals));
  assert.deepEqual(nums(concrete.shape), [16, 16, 16]);
});

test('symbolic pooling and transposed conv', () => {
  // pool out H k2: floor((H-2)/2)+1 = floor(H/2)
  const p = ok(computeLayer(layer('pool', undefined, ['H'], [param('kernel', [2])]), none));
  assert.ok(shapesEqual(p.shape, [floorDim(divDim(H, two))]));
  // convT out H k4 s2 p1: (H-1)*2 - 2 + 4 = 2H
  const t = ok(computeLayer(layer('convT', undefined, ['H'], [param('kernel', [4]), param('stride', [2]), param('padding', [1])]), none));
  assert.ok(shapesEqual(t.shape, [mulDim(two, H)]));
  // Symbols trusted where PyTorch's checks cannot be decided: p=same with a symbolic kernel
  const s = ok(computeLayer(layer('conv', undefined, ['H'], [param('kernel', ['K']), param('padding', 'same')]), none));
  assert.ok(shapesEqual(s.shape, [H]));
});
