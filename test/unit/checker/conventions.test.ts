/**
 * Conventions and layout (spec section 3b) on golden cases from tools/golden/hints.py: TensorFlow's
 * SAME/VALID sizes (run in torch with the padding TensorFlow adds), channels_last layers (torch's output
 * permuted to H×W×C), numerator-layout gradients (torch's gradient shape, reversed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkDocument } from '../../../server/src/checker';
import { check } from './fixture';

const golden = JSON.parse(readFileSync(new URL('../../golden/hints.json', import.meta.url), 'utf8'));
const x = (dims: readonly number[]) => dims.join('x');

function only(text: string) {
  const results = check(text);
  assert.equal(results.length, 1, `${text}: ${results.map((r) => r.message).join(' | ')}`);
  return results[0];
}

test('convention tensorflow: p=same is ceil(L/s) and p=valid ceil((L-d(k-1))/s), for any stride', () => {
  for (const c of golden.tf as { L: number; k: number; s: number; d: number; mode: string; out: number }[]) {
    const src = `conv1d out 1x${c.L} k${c.k} s${c.s} d${c.d} p=${c.mode} = 1x${c.out}`;
    const r = only(`<!-- check: convention tensorflow -->\n\n<!-- check: ${src} -->\n`);
    assert.equal(r.status, 'pass', `${src}: ${r.message}`);
    assert.ok(r.steps.some((s) => s.startsWith('convention: tensorflow')), 'the hover names the convention');
    // pooling follows the same rule under TensorFlow
    if (c.d === 1) {
      const pool = only(`<!-- check: convention tensorflow; pool1d out 1x${c.L} k${c.k} s${c.s} p=${c.mode} = 1x${c.out} -->\n`);
      assert.equal(pool.status, 'pass', pool.message);
    }
  }
});

test('convention pytorch (the default) keeps PyTorch rules: p=same needs stride 1', () => {
  const r = only('<!-- check: conv out 15x15 k3 s2 p=same = 8x8 -->\n');
  assert.equal(r.status, 'error');
  assert.match(r.message, /p=same needs stride 1/);
  const back = check('<!-- check: convention tensorflow; conv out 15x15 k3 s2 p=same = 8x8; convention pytorch; conv out 15x15 k3 s2 p=same -->\n');
  assert.deepEqual(back.map((b) => b.status), ['pass', 'error']);
});

test('layout channels_last reads and writes H×W×C', () => {
  for (const c of golden.layout as { H: number; W: number; c: number; f: number; k: number; s: number; p: number; nhwc: number[] }[]) {
    const src = `conv2d out ${c.H}x${c.W}x${c.c} k${c.k} s${c.s} p${c.p} f=${c.f}`;
    const r = only(`<!-- check: layout channels_last; ${src} = ${x(c.nhwc.slice(1))} -->\n`);
    assert.equal(r.status, 'pass', `${src}: ${r.message}`);
    const batched = only(`<!-- check: layout channels_last; conv2d out 1x${c.H}x${c.W}x${c.c} k${c.k} s${c.s} p${c.p} f=${c.f} = ${x(c.nhwc)} -->\n`);
    assert.equal(batched.status, 'pass', batched.message);
  }
  assert.equal(only('<!-- check: layout channels_last; conv2d out 227x227x3 k11 s4 f=96 = 55x55x96 -->\n').status, 'pass');
});

test('derivatives numerator: a gradient has its variable\'s dims reversed, a vector as a row; Jacobians unchanged', () => {
  for (const c of golden.grad as { x: number[]; grad: number[] }[]) {
    const numerator = c.x.length === 1 ? [1, c.grad[0]] : [...c.grad].reverse();
    const r = only(`<!-- check: derivatives numerator; let x : ${x(c.x)}; grad(sum(x * x), x) : ${x(numerator)} -->\n`);
    assert.equal(r.status, 'pass', r.message);
  }
  for (const c of golden.jacobian as { W: number[]; x: number[]; jacobian_W: number[] }[]) {
    const r = only(`<!-- check: derivatives numerator; let W : ${x(c.W)}; let x : ${x(c.x)}; jacobian(W @ x, W) : ${x(c.jacobian_W)} -->\n`);
    assert.equal(r.status, 'pass', r.message);
  }
  // values are transposed too: d sum(W*A)/dW = A, read as Aᵀ
  const v = only('<!-- check: derivatives numerator; let A = [[1,2,3],[4,5,6]]; let W = [[0,0,0],[0,0,0]]; grad(sum(W * A), W) = [[1,4],[2,5],[3,6]] -->\n');
  assert.equal(v.status, 'pass', v.message);
});

test('convention strict: a division that is not whole is an error that says so; fits / not fits claim it either way', () => {
  const r = only('<!-- check: convention strict; conv out 10x11 k3 s2 = 4x5 -->\n');
  assert.equal(r.status, 'error');
  assert.match(r.message, /\(10-3\)\/2 = 3\.5 is not whole/);
  assert.equal(only('<!-- check: convention strict; conv out 11x11 k3 s2 = 5x5 -->\n').status, 'pass');
  const fits = check('<!-- check: fits conv out 10x11 k3 s2; not fits conv out 10x11 k3 s2; fits conv out 11x11 k3 s2; not fits conv out 11x11 k3 s2 -->\n');
  assert.deepEqual(fits.map((f) => f.status), ['fail', 'pass', 'pass', 'fail']);
  assert.match(fits[0].message, /3\.5 is not whole/);
  // under strict too, a fits claim is judged, not refused
  assert.deepEqual(check('<!-- check: convention strict; not fits conv out 10x11 k3 s2 -->\n').map((f) => f.status), ['pass']);
});

test('a convention holds for the rest of the document, across blocks, until the next', () => {
  const text = [
    '<!-- check: convention tensorflow -->', '',
    '<!-- check: conv out 15x15 k3 s2 p=same = 8x8 -->', '',
    '<!-- check: convention pytorch -->', '',
    '<!-- check: conv out 15x15 k3 s1 p=same = 15x15 -->', '',
  ].join('\n');
  assert.deepEqual(check(text).map((r) => r.status), ['pass', 'pass']);
});

test('the CLI/settings default applies before any statement, and statements override it', () => {
  const doc = { name: 't', kind: 'markdown' as const, text: '<!-- check: conv2d out 32x32x3 k5 f=10 = 28x28x10 -->\n\n<!-- check: layout channels_first; conv2d out 3x32x32 k5 f=10 = 10x28x28 -->\n' };
  assert.deepEqual(checkDocument(doc, { layout: 'channels_last' }).results.map((r) => r.status), ['pass', 'pass']);
  // read channels-first, 32x32x3 is C=32, H=32, W=3: a 5-wide kernel does not fit
  assert.deepEqual(checkDocument(doc).results.map((r) => r.status), ['error', 'pass']);
  const tf = { name: 't', kind: 'markdown' as const, text: '<!-- check: conv out 15x15 k3 s2 p=same = 8x8 -->\n' };
  assert.equal(checkDocument(tf, { convention: 'tensorflow' }).results[0].status, 'pass');
  assert.equal(checkDocument(tf).results[0].status, 'error');
});

test('settings statements are errors only when misspelt, and have no status of their own', () => {
  assert.deepEqual(check('<!-- check: convention tensorflow; layout channels_last; derivatives numerator -->\n'), []);
  const bad = only('<!-- check: convention keras -->\n');
  assert.equal(bad.status, 'error');
  assert.match(bad.message, /unknown convention 'keras'; expected pytorch, tensorflow, strict/);
});
