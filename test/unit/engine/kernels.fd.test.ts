// Backward passes checked against central finite differences of the forward pass, plus the
// cancellation hook and the argument checks the engine relies on.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  KernelAborted,
  avgPoolBackward,
  avgPoolForward,
  convBackward,
  convForward,
  convTransposeBackward,
  convTransposeForward,
  maxPoolBackward,
  maxPoolForward,
  samePadding,
  type ConvParams,
  type ConvTParams,
  type PoolParams,
} from '../../../server/src/engine/kernels';
import { seededUniform } from '../../../server/src/core/random';

/** The project's seeded generator, so that every run checks the same cases. */
const rng = seededUniform;

function randArray(r: () => number, n: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = r() * 2 - 1;
  return a;
}

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Compares an analytic gradient with (L(v + h e_i) - L(v - h e_i)) / 2h for every entry of v. The
 * losses here are linear (conv, avg pool) or piecewise linear with well-separated values (max pool),
 * so the central difference is exact up to rounding.
 */
function checkGrad(v: Float64Array, analytic: Float64Array, loss: () => number, what: string): void {
  const h = 1e-5;
  assert.equal(analytic.length, v.length, `${what}: length`);
  for (let i = 0; i < v.length; i++) {
    const keep = v[i]!;
    v[i] = keep + h;
    const up = loss();
    v[i] = keep - h;
    const down = loss();
    v[i] = keep;
    const numeric = (up - down) / (2 * h);
    const tol = 1e-6 * Math.max(1, Math.abs(numeric));
    if (Math.abs(numeric - analytic[i]!) > tol) assert.fail(`${what}[${i}]: analytic ${analytic[i]}, numeric ${numeric}`);
  }
}

const convCases: { name: string; xShape: number[]; wShape: number[]; p: ConvParams }[] = [
  { name: '1d stride 2 dilation 2 asymmetric pad', xShape: [2, 2, 9], wShape: [3, 2, 3], p: { stride: [2], padLo: [1], padHi: [2], dilation: [2], groups: 1 } },
  { name: '2d groups 2 stride (2,1)', xShape: [1, 4, 5, 6], wShape: [6, 2, 3, 2], p: { stride: [2, 1], padLo: [1, 0], padHi: [1, 1], dilation: [1, 2], groups: 2 } },
  { name: '2d depthwise same padding even kernel', xShape: [1, 3, 4, 5], wShape: [3, 1, 2, 4], p: { stride: [1, 1], padLo: [0, 1], padHi: [1, 2], dilation: [1, 1], groups: 3 } },
  { name: '3d stride 2 pad 1', xShape: [1, 2, 4, 3, 5], wShape: [2, 2, 2, 2, 3], p: { stride: [2, 1, 2], padLo: [1, 0, 1], padHi: [1, 0, 1], dilation: [1, 1, 1], groups: 1 } },
];

const convTCases: { name: string; xShape: number[]; wShape: number[]; p: ConvTParams }[] = [
  { name: '1d stride 3 output padding 2', xShape: [2, 2, 4], wShape: [2, 3, 3], p: { stride: [3], padding: [1], outputPadding: [2], dilation: [1], groups: 1 } },
  { name: '2d groups 2 dilation 2', xShape: [1, 4, 3, 3], wShape: [4, 1, 2, 3], p: { stride: [2, 1], padding: [0, 1], outputPadding: [1, 1], dilation: [2, 2], groups: 2 } },
  { name: '3d stride 2', xShape: [1, 2, 2, 3, 2], wShape: [2, 2, 3, 2, 2], p: { stride: [2, 2, 1], padding: [1, 0, 0], outputPadding: [1, 0, 0], dilation: [1, 1, 1], groups: 1 } },
];

const poolCases: { name: string; xShape: number[]; p: PoolParams }[] = [
  { name: '1d k3 s2 p1 ceil', xShape: [2, 2, 8], p: { kernel: [3], stride: [2], padding: [1], dilation: [1], ceilMode: true } },
  { name: '2d k(3,2) s(2,2) p(1,1) ceil, exclude pad', xShape: [1, 2, 5, 6], p: { kernel: [3, 2], stride: [2, 2], padding: [1, 1], dilation: [1, 1], ceilMode: true, countIncludePad: false } },
  { name: '3d k2 s1', xShape: [1, 1, 3, 4, 3], p: { kernel: [2], stride: [1], padding: [0], dilation: [1], ceilMode: false } },
];

describe('conv backward vs finite differences', () => {
  convCases.forEach((c, ci) => {
    test(c.name, () => {
      const r = rng(100 + ci);
      const x = randArray(r, size(c.xShape));
      const w = randArray(r, size(c.wShape));
      const b = randArray(r, c.wShape[0]!);
      const { out, outShape } = convForward(x, c.xShape, w, c.wShape, b, c.p);
      const g = randArray(r, out.length);
      const loss = () => dot(convForward(x, c.xShape, w, c.wShape, b, c.p).out, g);
      const { gx, gw, gb } = convBackward(g, outShape, x, c.xShape, w, c.wShape, c.p, true);
      checkGrad(x, gx, loss, 'gx');
      checkGrad(w, gw, loss, 'gw');
      checkGrad(b, gb!, loss, 'gb');
    });
  });
});

describe('conv transpose backward vs finite differences', () => {
  convTCases.forEach((c, ci) => {
    test(c.name, () => {
      const r = rng(200 + ci);
      const x = randArray(r, size(c.xShape));
      const w = randArray(r, size(c.wShape));
      const b = randArray(r, c.wShape[1]! * c.p.groups);
      const { out, outShape } = convTransposeForward(x, c.xShape, w, c.wShape, b, c.p);
      const g = randArray(r, out.length);
      const loss = () => dot(convTransposeForward(x, c.xShape, w, c.wShape, b, c.p).out, g);
      const { gx, gw, gb } = convTransposeBackward(g, outShape, x, c.xShape, w, c.wShape, c.p, true);
      checkGrad(x, gx, loss, 'gx');
      checkGrad(w, gw, loss, 'gw');
      checkGrad(b, gb!, loss, 'gb');
    });
  });
});

describe('pool backward vs finite differences', () => {
  poolCases.forEach((c, ci) => {
    test(`max ${c.name}`, () => {
      const r = rng(300 + ci);
      const x = randArray(r, size(c.xShape));
      const { out, argmax } = maxPoolForward(x, c.xShape, c.p);
      const g = randArray(r, out.length);
      checkGrad(x, maxPoolBackward(g, argmax, c.xShape), () => dot(maxPoolForward(x, c.xShape, c.p).out, g), 'gx');
    });
    test(`avg ${c.name}`, () => {
      const r = rng(400 + ci);
      const x = randArray(r, size(c.xShape));
      const { out, outShape } = avgPoolForward(x, c.xShape, c.p);
      const g = randArray(r, out.length);
      checkGrad(x, avgPoolBackward(g, outShape, c.xShape, c.p), () => dot(avgPoolForward(x, c.xShape, c.p).out, g), 'gx');
    });
  });
});

describe('shouldStop', () => {
  const xs = [1, 2, 6, 6];
  const x = new Float64Array(size(xs)).fill(1);
  const cp: ConvParams = { stride: [1, 1], padLo: [0, 0], padHi: [0, 0], dilation: [1, 1], groups: 1 };
  const w = new Float64Array(2 * 2 * 9).fill(1);
  const tp: ConvTParams = { stride: [1, 1], padding: [0, 0], outputPadding: [0, 0], dilation: [1, 1], groups: 1 };
  const pp: PoolParams = { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], ceilMode: false };
  const cOut = [1, 2, 4, 4];
  const tOut = [1, 2, 8, 8];
  const pOut = [1, 2, 3, 3];
  const calls: [string, (stop: () => boolean) => unknown][] = [
    ['convForward', (s) => convForward(x, xs, w, [2, 2, 3, 3], null, cp, s)],
    ['convBackward', (s) => convBackward(new Float64Array(size(cOut)), cOut, x, xs, w, [2, 2, 3, 3], cp, true, s)],
    ['convTransposeForward', (s) => convTransposeForward(x, xs, w, [2, 2, 3, 3], null, tp, s)],
    ['convTransposeBackward', (s) => convTransposeBackward(new Float64Array(size(tOut)), tOut, x, xs, w, [2, 2, 3, 3], tp, true, s)],
    ['maxPoolForward', (s) => maxPoolForward(x, xs, pp, s)],
    ['maxPoolBackward', (s) => maxPoolBackward(new Float64Array(size(pOut)), new Int32Array(size(pOut)), xs, s)],
    ['avgPoolForward', (s) => avgPoolForward(x, xs, pp, s)],
    ['avgPoolBackward', (s) => avgPoolBackward(new Float64Array(size(pOut)), pOut, xs, pp, s)],
  ];
  for (const [name, call] of calls) {
    test(`${name} throws KernelAborted once the callback says stop`, () => {
      let n = 0;
      // Stopping on the second poll shows the callback is polled during the work, not just up front.
      assert.throws(() => call(() => ++n >= 2), KernelAborted);
      assert.equal(n, 2);
      let polls = 0;
      assert.doesNotThrow(() => call(() => (polls++, false)));
      assert.ok(polls >= 2, `${name} polled ${polls} times`);
    });
  }
});

describe('parameters and errors', () => {
  test("samePadding splits d*(k-1) as torch's padding='same' does (the golden 'same' cases agree with torch)", () => {
    const golden = JSON.parse(readFileSync(new URL('../../golden/kernels.json', import.meta.url), 'utf8')) as {
      cases: { op: string; mode?: string; nd: number; wShape: number[]; params: ConvParams }[];
    };
    const same = golden.cases.filter((c) => c.op === 'conv' && c.mode === 'same');
    let odd = 0;
    for (const c of same) {
      for (let j = 0; j < c.nd; j++) {
        const d = c.params.dilation.length === 1 ? c.params.dilation[0]! : c.params.dilation[j]!;
        const { lo, hi } = samePadding(c.wShape[2 + j]!, d);
        assert.deepEqual([lo, hi], [c.params.padLo[j], c.params.padHi[j]]);
        if (lo !== hi) odd++;
      }
    }
    assert.ok(odd > 0, 'no asymmetric same padding among the golden cases');
  });

  test('a single stride/padding/dilation value applies to every spatial dim', () => {
    const r = rng(7);
    const x = randArray(r, 2 * 5 * 6);
    const w = randArray(r, 3 * 2 * 2 * 3);
    const full = convForward(x, [1, 2, 5, 6], w, [3, 2, 2, 3], null, { stride: [2, 2], padLo: [1, 1], padHi: [1, 1], dilation: [2, 2], groups: 1 });
    const short = convForward(x, [1, 2, 5, 6], w, [3, 2, 2, 3], null, { stride: [2], padLo: [1], padHi: [1], dilation: [2], groups: 1 });
    assert.deepEqual(short.outShape, full.outShape);
    assert.deepEqual(Array.from(short.out), Array.from(full.out));
  });

  test('pooling with an empty stride uses the kernel size, as torch does for stride=None', () => {
    const r = rng(8);
    const x = randArray(r, 2 * 7 * 7);
    const a = avgPoolForward(x, [1, 2, 7, 7], { kernel: [3], stride: [], padding: [1], dilation: [], ceilMode: true });
    const b = avgPoolForward(x, [1, 2, 7, 7], { kernel: [3, 3], stride: [3, 3], padding: [1, 1], dilation: [1, 1], ceilMode: true });
    assert.deepEqual(a.outShape, [1, 2, 3, 3]);
    assert.deepEqual(Array.from(a.out), Array.from(b.out));
  });

  test('max pool: the first of equal maxima wins and padding never does', () => {
    // Hand-worked: window 0 covers [pad, -1, -1], window 1 covers [-1, 5, 5], window 2 [5, 2, pad].
    const x = Float64Array.from([-1, -1, 5, 5, 2]);
    const { out, argmax } = maxPoolForward(x, [1, 1, 5], { kernel: [3], stride: [2], padding: [1], dilation: [1], ceilMode: false });
    assert.deepEqual(Array.from(out), [-1, 5, 5]);
    assert.deepEqual(Array.from(argmax), [0, 2, 3]);
  });

  test('max pool: NaN wins (the last NaN of a window) and an all -inf window points at its first cell', () => {
    // Expected values from torch 1.13 F.max_pool1d/2d/3d(..., return_indices=True) on the same input.
    const x = Float64Array.from([NaN, 5, NaN, -Infinity, -Infinity, -Infinity, 1, NaN, 3, NaN, -Infinity, -Infinity, 2]);
    for (const nd of [1, 2, 3]) {
      const xShape = [1, 1, ...new Array<number>(nd - 1).fill(1), x.length];
      const ones = new Array<number>(nd - 1).fill(1);
      const a = maxPoolForward(x, xShape, { kernel: [...ones, 3], stride: [...ones, 3], padding: [0], dilation: [1], ceilMode: false });
      assert.deepEqual(Array.from(a.out), [NaN, -Infinity, NaN, NaN]);
      assert.deepEqual(Array.from(a.argmax), [2, 3, 7, 9]);
      const b = maxPoolForward(x.subarray(6), [1, 1, ...ones, 7], { kernel: [...ones, 2], stride: [...ones, 2], padding: [0], dilation: [1], ceilMode: true });
      assert.deepEqual(Array.from(b.out), [NaN, NaN, -Infinity, 2]);
      assert.deepEqual(Array.from(b.argmax), [1, 3, 4, 6]);
    }
  });

  test('avg pool divisor: padding counts, the ceil-mode overhang does not', () => {
    // L=4, k=3, s=2, p=1, ceil: windows [-1..1], [1..3], [3..5]; the last overhangs the padded end (4).
    const x = Float64Array.from([1, 2, 3, 4]);
    const p: PoolParams = { kernel: [3], stride: [2], padding: [1], dilation: [1], ceilMode: true };
    assert.deepEqual(Array.from(avgPoolForward(x, [1, 1, 4], p).out), [3 / 3, 9 / 3, 4 / 2]);
    assert.deepEqual(Array.from(avgPoolForward(x, [1, 1, 4], { ...p, countIncludePad: false }).out), [3 / 2, 9 / 3, 4 / 1]);
  });

  test('rejects inconsistent shapes and parameters with a message naming them', () => {
    const cp: ConvParams = { stride: [1], padLo: [0], padHi: [0], dilation: [1], groups: 2 };
    assert.throws(() => convForward(new Float64Array(3 * 5), [1, 3, 5], new Float64Array(4 * 3), [4, 1, 3], null, cp), /not divisible by groups 2/);
    assert.throws(
      () => convForward(new Float64Array(4 * 5), [1, 4, 5], new Float64Array(4 * 3), [4, 1, 3], null, cp),
      /expects 2 input channels.*has 4/,
    );
    assert.throws(
      () => convForward(new Float64Array(2 * 2), [1, 2, 2], new Float64Array(2 * 3), [2, 1, 3], null, cp),
      /smaller than the dilated kernel size 3/,
    );
    assert.throws(
      () => convTransposeForward(new Float64Array(4), [1, 1, 4], new Float64Array(3), [1, 1, 3], null, { stride: [2], padding: [0], outputPadding: [2], dilation: [1], groups: 1 }),
      /output_padding must be smaller than either stride or dilation/,
    );
    assert.throws(
      () => maxPoolForward(new Float64Array(6), [1, 1, 6], { kernel: [2], stride: [1], padding: [2], dilation: [1], ceilMode: false }),
      /padding should be at most half of kernel size/,
    );
    assert.throws(
      () => avgPoolForward(new Float64Array(6), [1, 1, 6], { kernel: [2], stride: [1], padding: [0], dilation: [2], ceilMode: false }),
      /dilation is not supported/,
    );
    assert.throws(() => maxPoolForward(new Float64Array(2), [1, 1, 2], { kernel: [3], stride: [1], padding: [0], dilation: [1], ceilMode: false }), /too small/);
    assert.throws(() => convForward(new Float64Array(5), [5], new Float64Array(3), [1, 1, 3], null, cp), /1 to 3 spatial dims/);
  });
});
