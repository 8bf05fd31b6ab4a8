import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlock } from '../../../server/src/claims/index';
import type { Stmt } from '../../../server/src/claims/ast';
import { one } from './helpers';

function layerStmt(text: string): Extract<Stmt, { type: 'layer' }> {
  const [s] = parseBlock(text);
  assert.equal(s.type, 'layer', JSON.stringify(s));
  return s as Extract<Stmt, { type: 'layer' }>;
}

test('layer ops, dimensionality and DIMS', () => {
  assert.equal(one('conv out 10x11 k3 s2'), 'conv out 10×11 kernel=3 stride=2');
  assert.equal(one('pool out 9x9 k2 ceil'), 'pool out 9×9 kernel=2 ceil');
  assert.equal(one('convT out 7x7 k4 s2 p1'), 'convT out 7×7 kernel=4 stride=2 padding=1');
  assert.equal(one('conv2d out 3x32x32 k3'), 'conv2d out 3×32×32 kernel=3');
  assert.equal(one('pool1d out 16x10 k2'), 'pool1d out 16×10 kernel=2');
  assert.equal(one('convT3d out 1x2x4x4x4 k2'), 'convT3d out 1×2×4×4×4 kernel=2');
  assert.equal(one('conv out HxW k5 p2'), 'conv out H×W kernel=5 padding=2');
  assert.equal(one('conv out 28 x 28 k5'), 'conv out 28×28 kernel=5');
  assert.equal(one('conv2d out (3, 32, 32) k3'), 'conv2d out 3×32×32 kernel=3');
  assert.equal(one('conv out (n+2)x3 k3'), 'conv out (n + 2)×3 kernel=3');
});

test('layer ndim, op and span fields', () => {
  const text = 'convT2d out 16x7x7 k4';
  const s = layerStmt(text);
  assert.equal(s.layer.op, 'convT');
  assert.equal(s.layer.ndim, 2);
  assert.equal(text.slice(s.layer.opSpan.start, s.layer.opSpan.end), 'convT2d');
  assert.equal(text.slice(s.layer.dimsSpan.start, s.layer.dimsSpan.end), '16x7x7');
  assert.equal(layerStmt('conv out 5 k3').layer.ndim, undefined);
});

test('every kernel form', () => {
  for (const k of ['k3', 'k=3', 'kernel=3', 'kernel_size=3']) assert.equal(one(`conv out 10 ${k}`), 'conv out 10 kernel=3', k);
  for (const k of ['k3x5', 'k=3x5', 'k=(3,5)', 'k=(3, 5)', 'kernel=3x5']) {
    assert.equal(one(`conv out 10x11 ${k}`), 'conv out 10×11 kernel=3×5', k);
  }
  assert.equal(one('conv out 10x11 k=K'), 'conv out 10×11 kernel=K');
  assert.equal(one('conv out 10x11 k=(K+1)'), 'conv out 10×11 kernel=(K + 1)');
});

test('every stride, padding, dilation, filters, output padding and ceil form', () => {
  const forms: [string, string][] = [
    ['s2', 'stride=2'],
    ['s=2', 'stride=2'],
    ['stride=2', 'stride=2'],
    ['s=S', 'stride=S'],
    ['p1', 'padding=1'],
    ['p=1', 'padding=1'],
    ['padding=1', 'padding=1'],
    ['p=same', 'padding=same'],
    ['p=valid', 'padding=valid'],
    ['padding=same', 'padding=same'],
    ['p=P', 'padding=P'],
    ['d2', 'dilation=2'],
    ['d=2', 'dilation=2'],
    ['dilation=2', 'dilation=2'],
    ['d=D', 'dilation=D'],
    ['f16', 'filters=16'],
    ['f=16', 'filters=16'],
    ['filters=16', 'filters=16'],
    ['f=F', 'filters=F'],
    ['op1', 'output_padding=1'],
    ['op=1', 'output_padding=1'],
    ['output_padding=1', 'output_padding=1'],
    ['ceil', 'ceil'],
  ];
  for (const [written, parsed] of forms) assert.equal(one(`convT out 10 k3 ${written}`), `convT out 10 kernel=3 ${parsed}`, written);
});

test('params in any order, then an optional = or : shape', () => {
  assert.equal(one('conv out 10x11 s2 k3'), 'conv out 10×11 stride=2 kernel=3');
  assert.equal(one('conv2d out 3x32x32 k3 s2 p1 f=16 = 16x16x16'), 'conv2d out 3×32×32 kernel=3 stride=2 padding=1 filters=16 -> 16×16×16');
  assert.equal(one('conv out 50 k7 s3 d2 = 14'), 'conv out 50 kernel=7 stride=3 dilation=2 -> 14');
  assert.equal(one('conv out HxW k5 p2 : HxW'), 'conv out H×W kernel=5 padding=2 -> H×W');
  assert.equal(one('conv out 20x20 k3 p=same = 20x20'), 'conv out 20×20 kernel=3 padding=same -> 20×20');
  assert.equal(one('conv out HxW k=K s=S p=P d=D f=F'), 'conv out H×W kernel=K stride=S padding=P dilation=D filters=F');
});

test('parameter spans, and value spans inside a short form', () => {
  const text = 'conv out 10x11 k3x5 stride=2 = 4x5';
  const s = layerStmt(text);
  const [k, st] = s.layer.params;
  assert.equal(text.slice(k.span.start, k.span.end), 'k3x5');
  assert.deepEqual(k.values.map((v) => text.slice(v.span.start, v.span.end)), ['3', '5']);
  assert.equal(text.slice(st.span.start, st.span.end), 'stride=2');
  assert.ok(s.rhs);
  if (s.rhs) assert.equal(text.slice(s.rhs.span.start, s.rhs.span.end), '4x5');
});

test('params for convolutions', () => {
  assert.equal(one('params conv2d k11 c=3 f=96'), 'params conv2d k=11 in=3 out=96');
  assert.equal(one('params conv2d k3 c=64 f=128 = 73856'), 'params conv2d k=3 in=64 out=128 = 73856');
  assert.equal(one('params conv1d k=5 in=16 out=32 nobias'), 'params conv1d k=5 in=16 out=32 nobias');
  assert.equal(one('params conv3d kernel=3x3x3 c=1 f=8 g=1'), 'params conv3d k=3×3×3 in=1 out=8 g=1');
  assert.equal(one('params convT2d k=(4,4) c=8 f=4 groups=2'), 'params convT2d k=4×4 in=8 out=4 g=2');
  assert.equal(one('params convT1d k3 c=C f=F'), 'params convT1d k=3 in=C out=F');
  assert.equal(one('params convT3d k2 c=2 f=2'), 'params convT3d k=2 in=2 out=2');
});

test('params for linear layers', () => {
  assert.equal(one('params linear 4096 1000'), 'params linear features=4096,1000');
  assert.equal(one('params linear 4096 1000 nobias = 4096000'), 'params linear features=4096,1000 nobias = 4096000');
  assert.equal(one('params linear n m'), 'params linear features=n,m');
});

test('params fields and spans', () => {
  const text = 'params conv2d k3 c=3 f=96 = 2688';
  const [s] = parseBlock(text);
  assert.equal(s.type, 'params');
  if (s.type !== 'params') return;
  assert.equal(text.slice(s.params.layerSpan.start, s.params.layerSpan.end), 'conv2d');
  assert.equal(s.params.bias, true);
  assert.equal(s.params.groups, null);
  assert.ok(s.rhs && s.rhs.expr.type === 'num' && s.rhs.expr.value === 2688);
  if (s.rhs) assert.equal(text.slice(s.rhs.span.start, s.rhs.span.end), '2688');
});
