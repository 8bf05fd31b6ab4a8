/**
 * Mistake hints (spec section 7a) on generated wrong answers. test/golden/hints.json (from
 * tools/golden/hints.py) holds each claim's inputs and the RIGHT value as PyTorch computes it; the test
 * applies each mistake with its own formula, writes the wrong value into a claim, and checks that the
 * checker fails it and names a kind that gives that value. Then wrong values no mistake explains must get
 * no hint at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { HintKind } from '../../../server/src/core/result';
import { parseBlock } from '../../../server/src/claims';
import { findHint } from '../../../server/src/checker/hints';
import { check } from './fixture';

const golden = JSON.parse(readFileSync(new URL('../../golden/hints.json', import.meta.url), 'utf8'));

interface LayerCase {
  op: 'conv' | 'pool' | 'convT'; nd: number; c: number; L: number[]; k: number; s: number; p: number; d: number;
  op_pad: number; ceil: boolean; f: number | null; out: number[];
}

const x = (dims: readonly number[]) => dims.join('x');

function layerSource(c: LayerCase): string {
  const params = [`k${c.k}`, `s${c.s}`, `p${c.p}`];
  if (c.d !== 1) params.push(`d${c.d}`);
  if (c.op === 'convT' && c.op_pad) params.push(`op${c.op_pad}`);
  if (c.ceil) params.push('ceil');
  if (c.f !== null) params.push(`f=${c.f}`);
  return `${c.op}${c.nd}d out ${x([c.c, ...c.L])} ${params.join(' ')}`;
}

// ---------- the mistakes, as a student makes them (independent of the checker's code) ----------

type Dims = { L: number; k: number; s: number; p: number; d: number; op: number };
const conv = (v: Dims, pad: number, round = Math.floor) => round((v.L + pad - v.d * (v.k - 1) - 1) / v.s) + 1;
const convT = (v: Dims, pad: number) => (v.L - 1) * v.s - pad + v.d * (v.k - 1) + v.op + 1;

/** Each kind's wrong spatial size, or null where the mistake does not apply. */
function spatialMistakes(c: LayerCase): Partial<Record<HintKind, (v: Dims) => number | null>> {
  const round = c.op === 'pool' && c.ceil ? Math.ceil : Math.floor;
  if (c.op === 'convT') {
    return {
      'conv-formula': (v) => conv(v, 2 * v.p),
      'missing-plus-one': (v) => convT(v, 2 * v.p) - 1,
      'padding-ignored': (v) => (v.p ? convT(v, 0) : null),
      'padding-once': (v) => (v.p ? convT(v, v.p) : null),
      'dilation-ignored': (v) => (v.d !== 1 ? convT({ ...v, d: 1 }, 2 * v.p) : null),
      'stride-ignored': (v) => (v.s !== 1 ? convT({ ...v, s: 1 }, 2 * v.p) : null),
    };
  }
  return {
    ...(round === Math.floor ? { ceil: (v: Dims) => conv(v, 2 * v.p, Math.ceil) } : {}),
    'missing-plus-one': (v) => conv(v, 2 * v.p, round) - 1,
    'padding-ignored': (v) => (v.p ? conv(v, 0, round) : null),
    'padding-once': (v) => (v.p ? conv(v, v.p, round) : null),
    'dilation-ignored': (v) => (v.d !== 1 ? conv({ ...v, d: 1 }, 2 * v.p, round) : null),
    'stride-ignored': (v) => (v.s !== 1 ? conv({ ...v, s: 1 }, 2 * v.p, round) : null),
    'tf-same': (v) => Math.ceil(v.L / v.s),
    'conv-formula': (v) => convT(v, 2 * v.p),
  };
}

/** Every wrong output shape a named mistake gives for this layer, with its kind. */
function wrongShapes(c: LayerCase): { kind: HintKind; shape: number[] }[] {
  const out: { kind: HintKind; shape: number[] }[] = [];
  const [ch, ...right] = c.out;
  for (const [kind, f] of Object.entries(spatialMistakes(c)) as [HintKind, (v: Dims) => number | null][]) {
    const dims = c.L.map((L) => f({ L, k: c.k, s: c.s, p: c.p, d: c.d, op: c.op_pad }));
    if (dims.every((d): d is number => d !== null)) out.push({ kind, shape: [ch, ...dims] });
  }
  if (c.f !== null) out.push({ kind: 'channels', shape: [c.c, ...right] });
  if (c.out.length >= 2) out.push({ kind: 'swapped-dims', shape: [...c.out].reverse() });
  out.push({ kind: 'dropped-dim', shape: right });
  out.push({ kind: 'extra-dim', shape: [1, ...c.out] });
  return out;
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function hintOf(source: string) {
  const results = check(`<!-- check: ${source} -->\n`);
  assert.equal(results.length, 1, source);
  return results[0];
}

const byKind = new Map<HintKind, number>();
const tally = (k: HintKind) => byKind.set(k, (byKind.get(k) ?? 0) + 1);

test('layer mistakes: each wrong shape a mistake gives is failed and named', () => {
  for (const c of golden.layers as LayerCase[]) {
    const src = layerSource(c);
    const right = hintOf(src);
    // The checker computes PyTorch's shape (else the hint would explain the wrong thing).
    assert.equal(right.computed, x(c.out), `${src}: checker gives ${right.computed}, torch ${x(c.out)}`);
    const wrongs = wrongShapes(c).filter((w) => !same(w.shape, c.out) && w.shape.every((d) => d >= 1));
    // All of a case's wrong claims in one block: one document per case keeps the test quick.
    const results = check(`<!-- check: ${wrongs.map((w) => `${src} = ${x(w.shape)}`).join('; ')} -->\n`);
    assert.equal(results.length, wrongs.length);
    wrongs.forEach((w, i) => {
      const r = results[i];
      assert.equal(r.status, 'fail');
      const explains = new Set(wrongs.filter((o) => same(o.shape, w.shape)).map((o) => o.kind));
      assert.ok(r.hint && explains.has(r.hint.kind), `${src} = ${x(w.shape)}: hint ${r.hint?.kind} (want one of ${[...explains]})`);
      assert.ok(r.message.endsWith(r.hint.message), 'the message ends with the hint');
      assert.match(r.hint.message, new RegExp(`^the claimed ${w.shape.join('×')} `));
      tally(w.kind);
    });
  }
});

test('params mistakes: a count without the bias or without the input channels is named', () => {
  for (const c of golden.params as { layer: string; in: number; out: number; k?: number; total: number; bias: number }[]) {
    const src = c.layer === 'linear' ? `params linear ${c.in} ${c.out}` : `params ${c.layer} k${c.k} c=${c.in} f=${c.out}`;
    assert.equal(hintOf(src).computed, c.total, src);
    const r = hintOf(`${src} = ${c.total - c.bias}`);
    assert.equal(r.hint?.kind, 'bias-ignored', `${src} = ${c.total - c.bias}: ${r.message}`);
    tally('bias-ignored');
    if (c.layer !== 'linear' && c.in > 1) {
      // The weight holds in·out·k^nd for conv and convT alike (groups 1): drop the in factor.
      const wrong = (c.total - c.bias) / c.in + c.bias;
      const w = hintOf(`${src} = ${wrong}`);
      assert.ok(w.hint?.kind === 'in-channels-ignored' || (wrong === c.total - c.bias && w.hint?.kind === 'bias-ignored'), `${src} = ${wrong}: ${w.message}`);
      tally('in-channels-ignored');
    }
  }
});

test('value mistakes: the opposite sign and the transpose of a product are named', () => {
  for (const c of golden.matmul as { A: number[][]; B: number[][]; out: number[][] }[]) {
    const lets = `let A = ${JSON.stringify(c.A)}; let B = ${JSON.stringify(c.B)}`;
    const neg = c.out.map((r) => r.map((v) => -v + 0));
    if (c.out.some((r) => r.some((v) => v !== 0))) {
      const r = hintOf(`${lets}; A @ B = ${JSON.stringify(neg)}`);
      assert.equal(r.hint?.kind, 'sign', r.message);
      tally('sign');
    }
    const t = c.out[0].map((_, j) => c.out.map((r) => r[j]));
    if (JSON.stringify(t) !== JSON.stringify(c.out)) {
      const r = hintOf(`${lets}; A @ B = ${JSON.stringify(t)}`);
      assert.equal(r.status, 'fail');
      assert.ok(r.hint?.kind === 'transposed' || r.hint?.kind === 'sign', r.message);
      tally('transposed');
    }
  }
});

test('derivative layouts: a Jacobian in denominator layout and a gradient in numerator layout are named', () => {
  for (const c of golden.jacobian as { W: number[]; x: number[]; y: number[]; jacobian_W: number[] }[]) {
    const lets = `let W : ${x(c.W)}; let x : ${x(c.x)}`;
    assert.equal(hintOf(`${lets}; jacobian(W @ x, W) : ${x(c.jacobian_W)}`).status, 'pass');
    if (same([...c.W, ...c.y], c.jacobian_W)) continue;
    const r = hintOf(`${lets}; jacobian(W @ x, W) : ${x([...c.W, ...c.y])}`);
    assert.equal(r.hint?.kind, 'jacobian-layout', r.message);
    tally('jacobian-layout');
  }
  for (const c of golden.grad as { x: number[]; grad: number[] }[]) {
    const numerator = c.x.length === 1 ? [1, c.x[0]] : [...c.grad].reverse();
    if (same(numerator, c.grad)) continue;
    const r = hintOf(`let x : ${x(c.x)}; grad(sum(x * x), x) : ${x(numerator)}`);
    assert.equal(r.hint?.kind, 'numerator-layout', r.message);
    assert.match(r.message, /derivatives numerator/);
    tally('numerator-layout');
  }
});

test('MACs for FLOPs and the reverse are named', () => {
  const claimOf = (src: string) => {
    const stmt = parseBlock(src)[0];
    assert.equal(stmt.type, 'claim');
    return (stmt as Extract<typeof stmt, { type: 'claim' }>).expr;
  };
  for (const c of golden.macs as { macs: number; flops: number }[]) {
    const macs = findHint({ type: 'value', expr: claimOf('macs(net, x)'), computed: c.macs, claimed: c.flops, claimedText: String(c.flops), decimals: null });
    assert.equal(macs?.kind, 'macs-vs-flops');
    const flops = findHint({ type: 'value', expr: claimOf('flops(net, x)'), computed: c.flops, claimed: c.macs, claimedText: String(c.macs), decimals: null });
    assert.equal(flops?.kind, 'macs-vs-flops');
    tally('macs-vs-flops');
  }
});

test('every hint kind was tried on at least 20 generated wrong answers', () => {
  const kinds: HintKind[] = [
    'ceil', 'missing-plus-one', 'padding-ignored', 'padding-once', 'dilation-ignored', 'stride-ignored', 'tf-same',
    'conv-formula', 'channels', 'swapped-dims', 'transposed', 'dropped-dim', 'extra-dim', 'jacobian-layout',
    'numerator-layout', 'bias-ignored', 'in-channels-ignored', 'sign', 'macs-vs-flops',
  ];
  for (const k of kinds) assert.ok((byKind.get(k) ?? 0) >= 20, `${k}: only ${byKind.get(k) ?? 0} cases`);
});

test('wrong values no mistake explains get no hint (never a guess)', () => {
  let tried = 0;
  const rand = mulberry(7);
  for (const c of golden.layers as LayerCase[]) {
    const src = layerSource(c);
    const explained = wrongShapes(c).map((w) => w.shape);
    for (let n = 0; n < 2; n++) {
      const wrong = c.out.map((d, i) => (i === 0 ? d : d + 2 + Math.floor(rand() * 9)));
      if (explained.some((e) => same(e, wrong)) || wrong.slice(1).some((d, i) => d === c.out[i + 1])) continue;
      const r = hintOf(`${src} = ${x(wrong)}`);
      assert.equal(r.status, 'fail');
      assert.equal(r.hint, null, `${src} = ${x(wrong)} got hint ${r.hint?.kind}: ${r.message}`);
      tried++;
    }
  }
  for (const c of golden.params as { layer: string; in: number; out: number; k?: number; total: number; bias: number }[]) {
    const src = c.layer === 'linear' ? `params linear ${c.in} ${c.out}` : `params ${c.layer} k${c.k} c=${c.in} f=${c.out}`;
    const wrong = c.total + 3 + Math.floor(rand() * 50);
    const r = hintOf(`${src} = ${wrong}`);
    assert.equal(r.hint, null, `${src} = ${wrong}: ${r.message}`);
    tried++;
  }
  for (const c of golden.matmul as { A: number[][]; B: number[][]; out: number[][] }[]) {
    const wrong = c.out.map((r) => r.map((v) => v + 1));
    const r = hintOf(`let A = ${JSON.stringify(c.A)}; let B = ${JSON.stringify(c.B)}; A @ B = ${JSON.stringify(wrong)}`);
    assert.equal(r.hint, null, r.message);
    tried++;
  }
  assert.ok(tried >= 100, `only ${tried} unexplained wrong values tried`);
});

test("the spec's examples: 3x4 for 4x5 leaves out the +1; 5x4 names swapped dims; pool meant as pool2d says the fix", () => {
  const plus = hintOf('conv out 10x11 k3 s2 = 3x4');
  assert.equal(plus.hint?.kind, 'missing-plus-one');
  assert.match(plus.message, /gives 4×5 \(.*\); the claimed 3×4 leaves out the \+1$/);
  assert.equal(hintOf('conv out 10x11 k3 s2 = 6x9').hint, null);
  assert.equal(hintOf('conv out 10x11 k3 s2 = 5x4').hint?.kind, 'swapped-dims');
  const r = hintOf('pool out 32x32x32 k2 s2 = 32x16x16');
  assert.equal(r.hint?.kind, 'channels');
  assert.match(r.message, /write pool2d out/);
  // A claim that holds carries no hint field at all; a fail without a known mistake carries null.
  assert.equal('hint' in hintOf('conv out 10x11 k3 s2 = 4x5'), false);
});

/** A small seeded generator for the test's own random wrong values. */
function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
