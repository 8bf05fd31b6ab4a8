/**
 * `params ...` counts. The numbers are the spec's (34944, 73856) and torch's, read from
 * test/golden/layers.json (spec-* cases) where they are computed as sum(p.numel() for p in layer.parameters()).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { countParams } from '../../../server/src/layers';
import { constDim, dimValue, dimsEqual, divDim, mulDim, addDim, symDim } from '../../../server/src/dims';
import { paramsStmt } from './build';

const none = new Map<string, number>();
const golden = JSON.parse(readFileSync(new URL('../../golden/layers.json', import.meta.url), 'utf8')) as {
  params: { id: string; expect: { value?: number } }[];
};
const torchCount = (id: string) => golden.params.find((p) => p.id === id)?.expect.value;

test("the spec's examples: params conv2d k11 c=3 f=96 and k3 c=64 f=128", () => {
  const a = countParams(paramsStmt({ layer: 'conv2d', kernel: [11], c: 3, f: 96 }), none);
  assert.ok(a.ok);
  assert.equal(dimValue(a.value), 34944);
  assert.equal(dimValue(a.value), torchCount('spec-alexnet'));
  assert.deepEqual(a.explanation, ['weight: 96*3*11*11 = 34848', 'bias: 96', 'total: 34848+96 = 34944']);
  const b = countParams(paramsStmt({ layer: 'conv2d', kernel: [3], c: 64, f: 128 }), none);
  assert.ok(b.ok);
  assert.equal(dimValue(b.value), 73856);
});

test('linear: in*out + out, nobias drops the bias', () => {
  const l = countParams(paramsStmt({ layer: 'linear', features: [4096, 1000] }), none);
  assert.ok(l.ok);
  assert.equal(dimValue(l.value), torchCount('spec-linear'));
  const nb = countParams(paramsStmt({ layer: 'linear', features: [4096, 1000], bias: false }), none);
  assert.ok(nb.ok);
  assert.equal(dimValue(nb.value), 4096 * 1000);
  const stmt = paramsStmt({ layer: 'linear', features: [4096] });
  const bad = countParams(stmt, none);
  assert.ok(!bad.ok);
  assert.deepEqual(bad.span, stmt.features[0].span);
});

test('kernel per dim, transposed conv and groups', () => {
  // conv2d k3x5 c=2 f=4: 4*2*3*5 + 4 = 124
  const k = countParams(paramsStmt({ layer: 'conv2d', kernel: [3, 5], c: 2, f: 4 }), none);
  assert.ok(k.ok);
  assert.equal(dimValue(k.value), 124);
  // convT2d k3 c=4 f=6 g=2: weight (in, out/g, 3, 3) = 4*3*9 = 108, + 6 bias = 114
  const t = countParams(paramsStmt({ layer: 'convT2d', kernel: [3], c: 4, f: 6, g: 2 }), none);
  assert.ok(t.ok);
  assert.equal(dimValue(t.value), 114);
  // conv1d k5 c=6 f=4 g=2 nobias: 4*(6/2)*5 = 60
  const g = countParams(paramsStmt({ layer: 'conv1d', kernel: [5], c: 6, f: 4, g: 2, bias: false }), none);
  assert.ok(g.ok);
  assert.equal(dimValue(g.value), 60);
  // conv3d k2: 2^3 kernel entries: 1*1*8 + 1 = 9
  const c3 = countParams(paramsStmt({ layer: 'conv3d', kernel: [2], c: 1, f: 1 }), none);
  assert.ok(c3.ok);
  assert.equal(dimValue(c3.value), 9);
});

test('errors: channels not divisible by groups, missing c, f or kernel, wrong kernel count', () => {
  const g = paramsStmt({ layer: 'conv2d', kernel: [3], c: 6, f: 4, g: 4 });
  const e = countParams(g, none);
  assert.ok(!e.ok);
  assert.deepEqual(e.span, g.groups!.span);
  assert.match(e.message, /divisible by groups/);
  const noC = paramsStmt({ layer: 'conv2d', kernel: [3], f: 4 });
  const e2 = countParams(noC, none);
  assert.ok(!e2.ok);
  assert.deepEqual(e2.span, noC.layerSpan);
  assert.match(e2.message, /c=/);
  const noF = countParams(paramsStmt({ layer: 'conv2d', kernel: [3], c: 4 }), none);
  assert.ok(!noF.ok);
  assert.match(noF.message, /f=/);
  const noK = countParams(paramsStmt({ layer: 'conv2d', c: 4, f: 4 }), none);
  assert.ok(!noK.ok);
  assert.match(noK.message, /kernel/);
  const threeK = paramsStmt({ layer: 'conv2d', kernel: [3, 3, 3], c: 4, f: 4 });
  const e3 = countParams(threeK, none);
  assert.ok(!e3.ok);
  assert.deepEqual(e3.span, { start: threeK.kernel[0].span.start, end: threeK.kernel[2].span.end });
});

test('symbolic counts', () => {
  const C = symDim('C');
  const F = symDim('F');
  const out = countParams(paramsStmt({ layer: 'conv2d', kernel: [3], c: 'C', f: 'F' }), none);
  assert.ok(out.ok);
  assert.ok(dimsEqual(out.value, addDim(mulDim(mulDim(F, C), constDim(9)), F)));
  const grouped = countParams(paramsStmt({ layer: 'conv2d', kernel: ['K'], c: 'C', f: 'F', g: 'G' }), none);
  assert.ok(grouped.ok);
  const K = symDim('K');
  assert.ok(dimsEqual(grouped.value, addDim(mulDim(mulDim(mulDim(F, divDim(C, symDim('G'))), K), K), F)));
  const bound = countParams(paramsStmt({ layer: 'conv2d', kernel: [3], c: 'C', f: 'F' }), new Map([['C', 64], ['F', 128]]));
  assert.ok(bound.ok);
  assert.equal(dimValue(bound.value), 73856);
});
