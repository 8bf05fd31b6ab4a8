import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseBlock } from '../../../server/src/claims/index';
import { one, showStmt } from './helpers';

test('let with a shape, with symbolic dims, with a value, with any expression', () => {
  assert.equal(one('let x : 2x5'), 'let x : 2×5');
  assert.equal(one('let W_c : m x n'), 'let W_c : m×n');
  assert.equal(one('let m = 4'), 'let m = 4');
  assert.equal(one('let x = [[1,2,3],[4,5,6]]'), 'let x = [[1, 2, 3], [4, 5, 6]]');
  assert.equal(one('let y = conv1d(x, w)'), 'let y = conv1d(x, w)');
  assert.equal(one('let y = conv1d(x, w, stride=2)'), 'let y = conv1d(x, w, stride=2)');
});

test('let spans: the name and the statement', () => {
  const text = '  let W_c : m x n  ';
  const [s] = parseBlock(text);
  assert.equal(s.type, 'letShape');
  if (s.type !== 'letShape') return;
  assert.equal(text.slice(s.nameSpan.start, s.nameSpan.end), 'W_c');
  assert.equal(text.slice(s.span.start, s.span.end), 'let W_c : m x n');
  assert.equal(text.slice(s.shape.span.start, s.shape.span.end), 'm x n');
});

test('shape claim, value claim, identity and bare claim', () => {
  assert.equal(one('relu(A @ b) : p'), 'claim relu((A @ b)) : p');
  assert.equal(one('conv1d(x, w) = [[3.0,0.5,7.5]]'), 'claim conv1d(x, w) = [[3.0, 0.5, 7.5]]');
  assert.equal(one('grad(sum(b * b), b) == b'), 'identity grad(sum((b * b)), b) == b');
  assert.equal(one('tanh(0.3)'), 'claim tanh(0.3)');
  assert.equal(one('jacobian(y, x)'), 'claim jacobian(y, x)');
});

test('a value claim whose right side is a shape becomes a shape claim', () => {
  assert.equal(one('x = 4x5'), 'claim x : 4×5');
  assert.equal(one('x.shape = m x n'), 'claim x.shape : m×n');
  assert.equal(one('x = 3x32x32'), 'claim x : 3×32×32');
  // A tuple or a number is a value, not a shape.
  assert.equal(one('x = (2, 3)'), 'claim x = tuple(2, 3)');
  assert.equal(one('x = -0.25'), 'claim x = (-0.25)');
});

test('claim rhs spans cover the claimed value, not the = or :', () => {
  const text = 'tanh(0.3) = 0.291';
  const [s] = parseBlock(text);
  assert.ok(s.type === 'claim' && s.rhs);
  if (s.type !== 'claim' || !s.rhs) return;
  assert.equal(s.rhs.type, 'value');
  assert.equal(text.slice(s.rhs.span.start, s.rhs.span.end), '0.291');
  const text2 = 'A @ A : p x q';
  const [s2] = parseBlock(text2);
  assert.ok(s2.type === 'claim' && s2.rhs?.type === 'shape');
  if (s2.type !== 'claim' || !s2.rhs) return;
  assert.equal(text2.slice(s2.rhs.span.start, s2.rhs.span.end), 'p x q');
});

test('identity records the == span', () => {
  const text = 'a  ==  b';
  const [s] = parseBlock(text);
  assert.equal(s.type, 'identity');
  if (s.type !== 'identity') return;
  assert.equal(text.slice(s.opSpan.start, s.opSpan.end), '==');
});

test('top-level = and : are not confused with kwargs, slices or comparisons inside brackets', () => {
  assert.equal(one('conv1d(x, w, stride=2) = 3'), 'claim conv1d(x, w, stride=2) = 3');
  assert.equal(one('x[:, 1:4] : 2x3'), 'claim x[:, 1:4] : 2×3');
  assert.equal(one('x[::2] = [1, 3]'), 'claim x[::2] = [1, 3]');
  assert.equal(one('x.sum(dim=0) == y'), 'identity x.sum(dim=0) == y');
  assert.equal(one("einsum('i:j=k', a) : 3"), 'claim einsum("i:j=k", a) : 3');
});

test('math with and without bindings', () => {
  assert.equal(one('math'), 'math');
  assert.equal(one('math W=10 K=3 P=0 S=2'), 'math W=10 K=3 P=0 S=2');
  assert.equal(one('math W_in=10 a=-1 b=1/2'), 'math W_in=10 a=(-1) b=(1 / 2)');
  assert.equal(one('math W=10, K=3'), 'math W=10 K=3');
  assert.equal(one('math W_{in}=3 \\lambda=0.1'), 'math W_{in}=3 \\lambda=0.1');
});

test('math binding spans cover name and value', () => {
  const text = 'math L=50 K=7';
  const [s] = parseBlock(text);
  assert.equal(s.type, 'math');
  if (s.type !== 'math') return;
  assert.deepEqual(s.bindings.map((b) => text.slice(b.span.start, b.span.end)), ['L=50', 'K=7']);
});

test('a name that is also a keyword is an expression when an operator follows', () => {
  assert.equal(one('math.sqrt(2)'), 'claim math.sqrt(2)');
  assert.equal(one('conv1d(x, w)'), 'claim conv1d(x, w)');
  assert.equal(one('pool(x) : 3'), 'claim pool(x) : 3');
  assert.equal(one('params + 1'), 'claim (params + 1)');
});

test('statements split at newlines and top-level semicolons, with trimmed spans', () => {
  const text = ' let x = [[1,0],[0,1]];  let w : 2x2 \n\n ; x @ w : 2x2\r\ntanh(0.3)  ';
  const stmts = parseBlock(text);
  assert.deepEqual(
    stmts.map((s) => text.slice(s.span.start, s.span.end)),
    ['let x = [[1,0],[0,1]]', 'let w : 2x2', 'x @ w : 2x2', 'tanh(0.3)'],
  );
});

test('no split inside brackets or strings: a multi-line tensor literal is one statement', () => {
  const text = 'let x = [[1, 2],\n         [3, 4]]\nx : 2x2';
  assert.deepEqual(parseBlock(text).map(showStmt), ['let x = [[1, 2], [3, 4]]', 'claim x : 2×2']);
  assert.deepEqual(parseBlock("einsum('i;j', a); b").map(showStmt), ['claim einsum("i;j", a)', 'claim b']);
  // A ';' inside brackets is not a statement break, so the error is about the ';' itself.
  const stmts = parseBlock('f(a;\nb)');
  assert.equal(stmts.length, 1);
  assert.ok(stmts[0].type === 'invalid' && stmts[0].errorSpan.start === 3);
});

test('an unclosed bracket does not swallow the following lines', () => {
  const stmts = parseBlock('f(x\nlet y = 3\ny : 2');
  assert.equal(stmts.length, 3);
  assert.equal(stmts[0].type, 'invalid');
  assert.equal(showStmt(stmts[1]), 'let y = 3');
  assert.equal(showStmt(stmts[2]), 'claim y : 2');
});

test('empty blocks and empty statements give nothing', () => {
  assert.deepEqual(parseBlock(''), []);
  assert.deepEqual(parseBlock('  \n ;; \n '), []);
});

test('every claim of the public conformance documents parses', () => {
  const dir = '/work/shared/spec/conformance/';
  const blocks: string[] = [];
  for (const f of ['layers.md', 'tensors.md', 'derivation.md']) {
    for (const m of readFileSync(dir + f, 'utf8').matchAll(/<!-- check:([\s\S]*?)-->/g)) blocks.push(m[1]);
  }
  for (const m of readFileSync(dir + 'paper.tex', 'utf8').matchAll(/% check:(.*)/g)) blocks.push(m[1]);
  assert.ok(blocks.length >= 20);
  for (const b of blocks) {
    for (const s of parseBlock(b)) assert.notEqual(s.type, 'invalid', `${b}: ${showStmt(s)}`);
  }
});
