// The kernels against PyTorch 1.13 in float64: every case in test/golden/kernels.json was produced by
// tools/golden/kernels.py, so the expected numbers come from torch, never from this code.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  avgPoolBackward,
  avgPoolForward,
  convBackward,
  convForward,
  convTransposeBackward,
  convTransposeForward,
  maxPoolBackward,
  maxPoolForward,
  poolOutputSize,
  type ConvParams,
  type ConvTParams,
  type PoolParams,
} from '../../../server/src/engine/kernels';

interface BaseCase {
  nd: number;
  xShape: number[];
  x: number[];
  outShape: number[];
  out: number[];
  g: number[];
  gx: number[];
}
interface ConvCase extends BaseCase {
  op: 'conv';
  mode: string;
  params: ConvParams;
  wShape: number[];
  w: number[];
  bias: number[] | null;
  gw: number[];
  gb: number[] | null;
}
interface ConvTCase extends BaseCase {
  op: 'convT';
  params: ConvTParams;
  wShape: number[];
  w: number[];
  bias: number[] | null;
  gw: number[];
  gb: number[] | null;
}
interface MaxCase extends BaseCase {
  op: 'maxpool';
  ties: boolean;
  params: PoolParams;
  argmax: number[];
}
interface AvgCase extends BaseCase {
  op: 'avgpool';
  params: PoolParams;
}
type Case = ConvCase | ConvTCase | MaxCase | AvgCase;
interface PoolShape { L: number; k: number; s: number; p: number; d: number; ceilMode: boolean; out: number }

const golden = JSON.parse(readFileSync(new URL('../../golden/kernels.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  poolShapes: PoolShape[];
};

const f64 = (a: number[]) => Float64Array.from(a);

/** 1e-9 relative, with an absolute floor of 1e-9 for values that cancel to (near) zero. */
function assertClose(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Math.abs(a - e) > 1e-9 * Math.max(1, Math.abs(e))) {
      assert.fail(`${what}[${i}]: got ${a}, torch says ${e}`);
    }
  }
}

function label(c: Case, i: number): string {
  return `#${i} ${c.op}${c.nd}d x[${c.xShape.join(',')}] ${JSON.stringify(c.params)}`;
}

const byOp = (op: Case['op']) => golden.cases.map((c, i) => [c, i] as const).filter(([c]) => c.op === op);

describe('golden file', () => {
  test('holds enough cases of every op and rank', () => {
    assert.ok(golden.cases.length >= 600);
    for (const op of ['conv', 'convT', 'maxpool', 'avgpool'] as const) {
      for (const nd of [1, 2, 3]) {
        assert.ok(golden.cases.filter((c) => c.op === op && c.nd === nd).length >= 40, `${op} ${nd}d`);
      }
    }
  });
});

describe('convolution vs PyTorch', () => {
  for (const [c, i] of byOp('conv') as (readonly [ConvCase, number])[]) {
    test(label(c, i), () => {
      const x = f64(c.x);
      const w = f64(c.w);
      const bias = c.bias ? f64(c.bias) : null;
      const fwd = convForward(x, c.xShape, w, c.wShape, bias, c.params);
      assert.deepEqual(fwd.outShape, c.outShape);
      assertClose(fwd.out, c.out, 'out');
      const bwd = convBackward(f64(c.g), c.outShape, x, c.xShape, w, c.wShape, c.params, bias !== null);
      assertClose(bwd.gx, c.gx, 'gx');
      assertClose(bwd.gw, c.gw, 'gw');
      if (c.gb) assertClose(bwd.gb!, c.gb, 'gb');
      else assert.equal(bwd.gb, null);
    });
  }
});

describe('transposed convolution vs PyTorch', () => {
  for (const [c, i] of byOp('convT') as (readonly [ConvTCase, number])[]) {
    test(label(c, i), () => {
      const x = f64(c.x);
      const w = f64(c.w);
      const bias = c.bias ? f64(c.bias) : null;
      const fwd = convTransposeForward(x, c.xShape, w, c.wShape, bias, c.params);
      assert.deepEqual(fwd.outShape, c.outShape);
      assertClose(fwd.out, c.out, 'out');
      const bwd = convTransposeBackward(f64(c.g), c.outShape, x, c.xShape, w, c.wShape, c.params, bias !== null);
      assertClose(bwd.gx, c.gx, 'gx');
      assertClose(bwd.gw, c.gw, 'gw');
      if (c.gb) assertClose(bwd.gb!, c.gb, 'gb');
      else assert.equal(bwd.gb, null);
    });
  }
});

describe('max pooling vs PyTorch', () => {
  for (const [c, i] of byOp('maxpool') as (readonly [MaxCase, number])[]) {
    test(label(c, i) + (c.ties ? ' (ties)' : ''), () => {
      const fwd = maxPoolForward(f64(c.x), c.xShape, c.params);
      assert.deepEqual(fwd.outShape, c.outShape);
      // A max is one of the inputs, so it must be bit-identical; so must the index torch chose.
      assert.deepEqual(Array.from(fwd.out), c.out);
      assert.deepEqual(Array.from(fwd.argmax), c.argmax);
      assertClose(maxPoolBackward(f64(c.g), fwd.argmax, c.xShape), c.gx, 'gx');
    });
  }
});

describe('average pooling vs PyTorch', () => {
  for (const [c, i] of byOp('avgpool') as (readonly [AvgCase, number])[]) {
    test(label(c, i), () => {
      const fwd = avgPoolForward(f64(c.x), c.xShape, c.params);
      assert.deepEqual(fwd.outShape, c.outShape);
      assertClose(fwd.out, c.out, 'out');
      assertClose(avgPoolBackward(f64(c.g), c.outShape, c.xShape, c.params), c.gx, 'gx');
    });
  }
});

describe('poolOutputSize vs PyTorch', () => {
  test('matches every pooled golden case, dim by dim', () => {
    let checked = 0;
    for (const c of golden.cases) {
      if (c.op !== 'maxpool' && c.op !== 'avgpool') continue;
      const p = c.params;
      for (let j = 0; j < c.nd; j++) {
        const pick = (v: number[]) => (v.length === 1 ? v[0]! : v[j]!);
        const k = pick(p.kernel);
        const s = p.stride.length === 0 ? k : pick(p.stride);
        const got = poolOutputSize(c.xShape[2 + j]!, k, s, pick(p.padding), pick(p.dilation), p.ceilMode);
        assert.equal(got, c.outShape[2 + j], `case ${JSON.stringify(p)} x[${c.xShape.join(',')}] dim ${j}`);
        checked++;
      }
    }
    assert.ok(checked > 500);
  });

  test('matches torch on single-dim shape cases', () => {
    assert.ok(golden.poolShapes.length >= 300);
    // The rule that drops a ceil-mode window starting in the right padding must actually be exercised.
    let dropped = 0;
    for (const c of golden.poolShapes) {
      assert.equal(poolOutputSize(c.L, c.k, c.s, c.p, c.d, c.ceilMode), c.out, JSON.stringify(c));
      const naive = Math.ceil((c.L + 2 * c.p - c.d * (c.k - 1) - 1) / c.s) + 1;
      if (c.ceilMode && naive !== c.out) dropped++;
    }
    assert.ok(dropped > 0, 'no golden case where ceil mode drops the last window');
  });
});
