// Section 5: which literal of the text a claim without `=`/`:` is checked against.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, marked } from './fixture';

function expectBinding(doc: string, status: string, kind: 'markdown' | 'latex' = 'markdown') {
  const { text, spans } = marked(doc);
  const [r] = check(text, kind);
  assert.ok(r, 'a result');
  assert.equal(r.status, status, r.message);
  if (spans.length) assert.deepEqual(r.claimedSpan, spans[0], `claimed ${JSON.stringify(r.claimed)}`);
  else assert.equal(r.claimedSpan, null);
  return r;
}

test('a block on its own line binds forward to the next paragraph', () => {
  const r = expectBinding('<!-- check: conv out 10x11 k3 s2 -->\nThe output dimension will be «5×4».\n', 'fail');
  assert.equal(r.computed, '4x5');
  assert.equal(r.claimed, '5×4');
  assert.deepEqual(r.fix?.newText, '4×5');
});

test('stacked claim comments share the paragraph after them', () => {
  const { text, spans } = marked('<!-- check: conv2d out 3x32x32 k3 s2 p1 f=16 = 16x16x16 -->\n<!-- check: pool out 9x9 k2 ceil -->\nPooling with ceil mode gives «5×5».\n');
  const [a, b] = check(text);
  assert.equal(a.status, 'pass');
  assert.equal(b.status, 'pass');
  assert.deepEqual(b.claimedSpan, spans[0]);
});

test('an inline block binds backward, to the start of its paragraph', () => {
  expectBinding('Earlier: 3×3.\n\nThe upsampled map is «14×14» <!-- check: convT out 7x7 k4 s2 p1 -->.\n', 'pass');
});

test('the forward search stops at the end of the next paragraph', () => {
  expectBinding('<!-- check: conv out 10x11 k3 s2 -->\nNo shape here.\n\nToo far: 4×5.\n', 'unbound');
});

test('a literal that only repeats the claim\'s inputs is passed over', () => {
  expectBinding('<!-- check: conv out 28x28 k5 -->\nA 5×5 kernel turns the 28×28 image into a $«24 \\times 24»$ map.\n', 'pass');
});

test('an echo that equals the computed value is taken', () => {
  expectBinding('<!-- check: conv out 20x20 k3 p=same -->\nThe map stays «20×20».\n', 'pass');
});

test('bare statements of one block take successive literals', () => {
  const { text, spans } = marked('<!-- check: conv out 10x11 k3 s2; conv out 10x11 k3 -->\nThey give «4×5» and then «8×10».\n');
  const [a, b] = check(text);
  assert.deepEqual([a.status, b.status], ['pass', 'fail']);
  assert.deepEqual(a.claimedSpan, spans[0]);
  assert.deepEqual(b.claimedSpan, spans[1]);
  assert.equal(b.computed, '8x9');
});

test('a number binds a one-dim layer output', () => {
  expectBinding('Thus we round it down to get $W_{output}=«4»$. <!-- check: conv out 10 k3 s2 -->\n', 'pass');
});

test('a symbolic shape in the text matches as an expression', () => {
  expectBinding('<!-- check: let A : m x n; let b : n -->\n<!-- check: A @ b -->\nThe product lies in $«\\mathbb{R}^{m}»$.\n', 'pass');
});

test('a tensor-valued claim that meets a shape first is checked on its shape', () => {
  const r = expectBinding('<!-- check: let w = [[1,2,3]] -->\n<!-- check: w -->\nHere $w \\in «\\mathbb{R}^{1\\times 3}»$ holds [[1,2,3]].\n', 'pass');
  assert.equal(r.computed, '1x3');
});

test('digits written decide the tolerance of a number in the text', () => {
  expectBinding('<!-- check: tanh(0.3) -->\nwhich is about «0.291».\n', 'pass');
  expectBinding('<!-- check: tanh(0.3) -->\nwhich is about «0.292».\n', 'fail');
  expectBinding('<!-- check: 9/2 -->\nthat is $«\\frac{9}{2}»$.\n', 'pass');
});

test('a tensor literal in the text is compared elementwise', () => {
  expectBinding('<!-- check: let x = [[1,0,2,1],[0,1,1,3]]; let w = [[[1,-1],[0.5,2]]] -->\n<!-- check: grad(sum(conv1d(x, w)), w) -->\nThe gradient is «[[[3.0,3.0],[2.0,5.0]]]».\n', 'pass');
});

test('LaTeX: own-line comment binds forward, and a comment after text binds backward', () => {
  expectBinding('% check: conv out 64x64 k3 s2\nThe output is $«31 \\times 31»$.\n', 'pass', 'latex');
  expectBinding('The output is $«31 \\times 31»$. % check: conv out 64x64 k3 s2\n', 'pass', 'latex');
});

test('claims inside code are text', () => {
  assert.equal(check('`<!-- check: conv out 1x1 k9 -->`\n\n```\n<!-- check: conv out 1x1 k9 -->\n```\n').length, 0);
});
