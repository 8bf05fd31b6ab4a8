import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlock, parseDimText, parseShapeText } from '../../../server/src/claims/index';
import { splitDimWord } from '../../../server/src/claims/shape';
import { one, showDim, showShape } from './helpers';

/** The shape of `x : SHAPE`, rendered. */
function shape(text: string): string {
  const r = one(`x : ${text}`);
  assert.ok(r.startsWith('claim x : '), r);
  return r.slice('claim x : '.length);
}

test('dims joined by x, ×, \\times and commas, with or without spaces', () => {
  assert.equal(shape('2x5'), '2×5');
  assert.equal(shape('3x32x32'), '3×32×32');
  assert.equal(shape('10x11'), '10×11');
  assert.equal(shape('p x q'), 'p×q');
  assert.equal(shape('4 × 5'), '4×5');
  assert.equal(shape('4×5'), '4×5');
  assert.equal(shape('m \\times n'), 'm×n');
  assert.equal(shape('m\\times n'), 'm×n');
  assert.equal(shape('2, 3, 4'), '2×3×4');
});

test('identifiers written with x split into dims when every part is a number or a name', () => {
  assert.equal(shape('HxW'), 'H×W');
  assert.equal(shape('mxn'), 'm×n');
  assert.equal(shape('H_inxW_in'), 'H_in×W_in');
  assert.equal(shape('Nx3xHxW'), 'N×3×H×W');
  // A part would be empty: one name.
  assert.equal(shape('n_x'), 'n_x');
  assert.equal(shape('max'), 'max');
  assert.equal(shape('xdim'), 'xdim');
  assert.equal(shape('n_x x max x xdim'), 'n_x×max×xdim');
});

test('splitDimWord follows the rule: non-empty valid parts, empty ends only against brackets', () => {
  assert.deepEqual(splitDimWord('HxW'), ['H', 'W']);
  assert.deepEqual(splitDimWord('10x11'), ['10', '11']);
  assert.equal(splitDimWord('n_x'), null);
  assert.equal(splitDimWord('x'), null);
  assert.equal(splitDimWord('2mx3'), null);
  assert.equal(splitDimWord('axxb'), null);
  assert.deepEqual(splitDimWord('x3', true), ['', '3']);
  assert.deepEqual(splitDimWord('3x', false, true), ['3', '']);
});

test('parenthesized and bracketed dim lists', () => {
  assert.equal(shape('(m, n)'), 'm×n');
  assert.equal(shape('[2, 3]'), '2×3');
  assert.equal(shape('(3,)'), '3');
  assert.equal(shape('(2 x 3)'), '2×3');
});

test('scalar shapes', () => {
  assert.equal(shape('()'), '()');
  assert.equal(shape('scalar'), '()');
});

test('real-space forms', () => {
  assert.equal(shape('R^{2x3}'), '2×3');
  assert.equal(shape('R^{m×n}'), 'm×n');
  assert.equal(shape('\\mathbb{R}^{1 \\times 3 \\times 1}'), '1×3×1');
  assert.equal(shape('\\mathbb{R}^m'), 'm');
  assert.equal(shape('\\mathbb{R}^3'), '3');
  assert.equal(shape('\\R^{p \\times q}'), 'p×q');
  assert.equal(shape('\\mathbb R^{n}'), 'n');
});

test('dims as arithmetic in parentheses and floor/ceil calls', () => {
  assert.equal(shape('(n+2) x (2*m)'), '(n + 2)×(2 * m)');
  assert.equal(shape('(n+2)x3'), '(n + 2)×3');
  assert.equal(shape('3x(n+2)'), '3×(n + 2)');
  assert.equal(shape('(n+2)'), '(n + 2)');
  assert.equal(shape('floor((H-K)/S)+1 x 3'), '(floor(((H - K) / S)) + 1)×3');
  assert.equal(shape('ceil(H/2) x W'), 'ceil((H / 2))×W');
  assert.equal(shape('(H - 2*(K-1)) x (W // 2)'), '(H - (2 * (K - 1)))×(W // 2)');
  assert.equal(shape('(-1 + n)'), '((-1) + n)');
  // A number glued to a name is their product, as a student writes it: `2m x n`.
  assert.equal(shape('2m x n'), '(2 * m)×n');
});

test('dim spans are exact, also for the parts of a split word', () => {
  const text = 'x : 3x32xH';
  const [s] = parseBlock(text);
  assert.ok(s.type === 'claim' && s.rhs?.type === 'shape');
  if (s.type !== 'claim' || s.rhs?.type !== 'shape') return;
  assert.deepEqual(s.rhs.shape.dims.map((d) => text.slice(d.span.start, d.span.end)), ['3', '32', 'H']);
  assert.equal(text.slice(s.rhs.shape.span.start, s.rhs.shape.span.end), '3x32xH');
});

test('parseShapeText reads shapes found in document text', () => {
  const cases: [string, string][] = [
    ['4×5', '4×5'],
    ['4 x 5', '4×5'],
    ['4 \\times 5', '4×5'],
    ['\\mathbb{R}^{1 \\times 2}', '1×2'],
    ['R^{m×n}', 'm×n'],
    ['\\mathbb{R}^m', 'm'],
    ['H_{out} \\times W_{out}', 'H_out×W_out'],
    ['(n+2) x 3', '(n + 2)×3'],
    ['\\lfloor n/2 \\rfloor \\times 3', 'floor((n / 2))×3'],
  ];
  for (const [text, want] of cases) {
    const r = parseShapeText(text);
    assert.ok(r.ok, `${text}: ${r.ok ? '' : r.message}`);
    if (r.ok) assert.equal(showShape(r.shape), want, text);
    if (r.ok) assert.deepEqual(r.shape.span, { start: 0, end: text.length }, text);
  }
});

test('parseShapeText and parseDimText report what does not parse, with a span', () => {
  const bad = parseShapeText('4 x');
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.deepEqual(bad.span, { start: 2, end: 3 });
  const empty = parseShapeText('   ');
  assert.equal(empty.ok, false);
  const trailing = parseDimText('4 5');
  assert.equal(trailing.ok, false);
  if (!trailing.ok) assert.deepEqual(trailing.span, { start: 2, end: 3 });
  const emoji = parseDimText('n😀');
  assert.equal(emoji.ok, false);
  if (!emoji.ok) assert.deepEqual(emoji.span, { start: 1, end: 3 });
});

test('parseDimText reads numbers, symbols and arithmetic', () => {
  const cases: [string, string][] = [
    ['4', '4'],
    ['m', 'm'],
    ['H_output', 'H_output'],
    ['(n+2)', '(n + 2)'],
    ['floor((H-K)/S)+1', '(floor(((H - K) / S)) + 1)'],
    ['2*m - 1', '((2 * m) - 1)'],
  ];
  for (const [text, want] of cases) {
    const r = parseDimText(text);
    assert.ok(r.ok, text);
    if (r.ok) assert.equal(showDim(r.dim), want);
  }
  const r = parseDimText('12');
  assert.ok(r.ok && r.dim.type === 'int' && r.dim.value === 12);
});
