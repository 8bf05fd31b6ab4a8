import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument } from '../../../server/src/documents/index';
import { findLiterals, type TextLiteral } from '../../../server/src/binding/literals';
import type { DocumentKind } from '../../../server/src/core/document';
import { marked } from '../documents/markers';

type Want =
  | ['shape', string[]]
  | ['number', number, number | null]
  | ['tensor', unknown, number | null];

/** Each expected literal is marked «..» in the fixture; `want` gives its kind and value, in order. */
function expectLiterals(src: string, want: Want[], kind: DocumentKind = 'markdown') {
  const { text, spans } = marked(src);
  const doc = scanDocument(text, kind);
  const got = findLiterals(doc, { start: 0, end: text.length });
  const show = (l: TextLiteral) => `${l.kind} ${JSON.stringify(l.text)}`;
  assert.equal(got.length, want.length, `got ${got.map(show).join(', ')}`);
  got.forEach((l, i) => {
    assert.deepEqual(l.span, spans[i], `span of ${show(l)}`);
    assert.equal(l.text, text.slice(spans[i].start, spans[i].end));
    const w = want[i];
    assert.equal(l.kind, w[0], show(l));
    if (l.kind === 'shape') assert.deepEqual(l.dims, w[1]);
    else {
      assert.deepEqual(l.value, w[1], show(l));
      assert.equal(l.decimals, w[2], `decimals of ${show(l)}`);
    }
  });
}

test('shapes written with ×, x and \times; the span is the literal itself', () => {
  expectLiterals('It is «4×5», «4 x 5», «4x5», «10x11» and $«1 \\times 2 \\times 3»$.', [
    ['shape', ['4', '5']], ['shape', ['4', '5']], ['shape', ['4', '5']], ['shape', ['10', '11']], ['shape', ['1', '2', '3']],
  ]);
});

test('\\mathbb{R}^{..}, \\R^{..}, R^{..} and one-dim \\mathbb{R}^m shapes', () => {
  expectLiterals(
    '$W \\in «\\mathbb{R}^{1 \\times 2}»$, $«\\R^{m \\times n}»$, «R^{m×n}», $«\\mathbb{R}^m»$, $«\\mathbb{R}^{m}»$, $«\\mathbb R^{3,4}»$, $«\\mathbb{R}^{1\\times 3}»$',
    [['shape', ['1', '2']], ['shape', ['m', 'n']], ['shape', ['m', 'n']], ['shape', ['m']], ['shape', ['m']], ['shape', ['3', '4']], ['shape', ['1', '3']]],
  );
});

test('symbolic dims: subscripts flattened, parenthesised expressions kept', () => {
  expectLiterals('The output is $«F \\times H_{output} \\times W_{output}»$ and $«W_c \\times (n+2)»$ and $«\\mathbb{R}^{C_{\\text{in}} \\times (2 m)}»$.', [
    ['shape', ['F', 'H_output', 'W_output']], ['shape', ['W_c', '(n+2)']], ['shape', ['C_in', '(2m)']],
  ]);
});

test('a times chain inside arithmetic is not a shape; a power of ten makes a number', () => {
  expectLiterals('$H - D \\times (K - 1) + «2» \\cdot P$ and $«3 \\times 10^{-3}»$ and $(W\')^T \\times X\'$', [
    ['number', 2, null], ['number', 0.003, 3],
  ]);
});

test('ASCII x joins only whole numbers: "m x n" and "4x speedup" are no shapes', () => {
  expectLiterals('a m x n matrix, a 4x speedup, «3 x 3» kernel', [['shape', ['3', '3']]]);
});

test('numbers: integers, decimals, negatives, exponents and thousands separators', () => {
  expectLiterals('«4», «4.5», «-0.25», «1e-3», «1.5e-3», «2.50», «73,856» and «−1»', [
    ['number', 4, null], ['number', 4.5, 1], ['number', -0.25, 2], ['number', 0.001, 3], ['number', 0.0015, 4],
    ['number', 2.5, 2], ['number', 73856, null], ['number', -1, null],
  ]);
});

test('fractions are exact numbers: \\frac, \\tfrac, \\dfrac, with a sign', () => {
  expectLiterals('$«\\frac{9}{2}»$, $«\\tfrac{1}{4}»$, $«\\dfrac { 3 } { 4 }»$, $x = «-\\frac{1}{2}»$, $\\frac{a}{«2»}$', [
    ['number', 4.5, null], ['number', 0.25, null], ['number', 0.75, null], ['number', -0.5, null], ['number', 2, null],
  ]);
});

test('a minus after an operand is subtraction, not a sign', () => {
  expectLiterals('«10» - «3» and «10»-«3» and x=«-3»', [['number', 10, null], ['number', 3, null], ['number', 10, null], ['number', 3, null], ['number', -3, null]]);
});

test('digits in words, identifiers, scripts, indices and section numbers are not numbers', () => {
  expectLiterals('hw3 lc3424@nyu.edu x1 2k 3rd $W_{j0} \\times x_{jk}[0]$ $x^2$ $2^{10}$ 1.2.3 $f(x)[1]$ $\\log2$', []);
});

test('a section number at a line start is an (acceptable) number; DS-GA 1008 is a number', () => {
  expectLiterals('«1.2» Recurrent\n\nDS-GA «1008»', [['number', 1.2, 1], ['number', 1008, null]]);
});

test('tensors: nested brackets, with decimals the largest count among the elements', () => {
  expectLiterals('is «[[1,2],[3,4]]» and «[1, 2.5]» and «[[[3.0,3.0],[2.0,5.25]]]» but not [a, b] or [] ok', [
    ['tensor', [[1, 2], [3, 4]], null], ['tensor', [1, 2.5], 1], ['tensor', [[[3, 3], [2, 5.25]]], 2],
  ]);
  // A ragged list is no tensor; its rectangular parts still are.
  expectLiterals('[«[1,2]», «[3]»]', [['tensor', [1, 2], null], ['tensor', [3], null]]);
});

test('pmatrix and bmatrix tensors: rows by \\\\, cells by &; symbolic matrices are skipped whole', () => {
  expectLiterals(
    '$«\\begin{pmatrix} 1 & 2 \\\\ 3 & -4.5 \\end{pmatrix}»$ $«\\begin{bmatrix}1\\\\2\\\\\\end{bmatrix}»$ $\\begin{pmatrix} x_1 & 2 \\end{pmatrix}$ $«\\begin{bmatrix}\\frac{1}{2} & 0\\end{bmatrix}»$',
    [['tensor', [[1, 2], [3, -4.5]], 1], ['tensor', [[1], [2]], null], ['tensor', [[0.5, 0]], null]],
  );
});

test('a number inside a shape or tensor is not reported again; \\mathbb{R} alone is no literal', () => {
  expectLiterals('«5×5» then «[7, 8]» then $x \\in \\mathbb{R}$.', [['shape', ['5', '5']], ['tensor', [7, 8], null]]);
});

test('hidden spans and claim blocks are never read; inline code spans are (pasted printouts)', () => {
  expectLiterals('<!-- check: conv out 10x11 k3 s2 -->\nIt is «4×5», not `«6×7»` <!-- 8×9 -->.\n\n```\n1x1\n```\n', [['shape', ['4', '5']], ['shape', ['6', '7']]]);
  expectLiterals('% check: conv out 64x64 k3 s2\nThe output is $«31 \\times 31»$. % 2x2\n\\begin{lstlisting}\n3x3\n\\end{lstlisting}\n', [['shape', ['31', '31']]], 'latex');
});

test('only literals inside `within` are returned, in document order', () => {
  const text = 'a 1 b 2×3 c 4 d';
  const doc = scanDocument(text, 'markdown');
  const got = findLiterals(doc, { start: 4, end: 13 });
  assert.deepEqual(got.map((l) => l.text), ['2×3', '4']);
  assert.deepEqual(findLiterals(doc, { start: 7, end: 7 }), []);
});

test('literals after emoji and CRLF have exact UTF-16 spans', () => {
  expectLiterals('😀😀 is «4×5»\r\n𝔼 = «0.5»\r\n', [['shape', ['4', '5']], ['number', 0.5, 1]]);
});

test('the seed homework: the claimed values a student would bind to are found', () => {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const text = readFileSync('/work/shared/seed/hw3-solution.md', 'utf8');
  const doc = scanDocument(text, 'markdown');
  const texts = findLiterals(doc, { start: 0, end: text.length }).map((l) => l.text);
  for (const t of ['4.5', '4×5', 'F \\times H_{output} \\times W_{output}', '\\mathbb{R}^{1 \\times 2}', '1 \\times 2 \\times 3', '2 \\times 2 \\times 5', '2×2', '2×3', '\\mathbb{R}^{m \\times n}']) {
    assert.ok(texts.includes(t), `missing ${t}`);
  }
  assert.ok(!texts.includes('3424'), 'no digits from the address lc3424@nyu.edu');
  assert.ok(!texts.some((t) => t.includes('K - 1')), 'no shape inside arithmetic');
});

test('garbage and huge input: findLiterals never throws and stays in bounds', () => {
  const inputs = ['['.repeat(100_000), '\\begin{pmatrix}'.repeat(10_000), '1'.repeat(1 << 20), '\\frac{'.repeat(50_000), '4×'.repeat(100_000), '-'.repeat(100_000) + '1'];
  for (const text of inputs) {
    const doc = scanDocument(text, 'markdown');
    for (const l of findLiterals(doc, { start: 0, end: text.length })) assert.ok(l.span.start >= 0 && l.span.end <= text.length);
  }
});
