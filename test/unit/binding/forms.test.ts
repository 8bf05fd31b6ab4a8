// Section 5 (v2): the number and shape forms students and PyTorch write, each read as one literal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument } from '../../../server/src/documents/index';
import { findLiterals, type TextLiteral } from '../../../server/src/binding/literals';
import type { DocumentKind } from '../../../server/src/core/document';
import { marked } from '../documents/markers';

/** The one literal marked «..» in `src`: its kind, value or dims, and tolerance digits. */
function only(src: string, kind: DocumentKind = 'markdown'): TextLiteral {
  const { text, spans } = marked(src);
  const got = findLiterals(scanDocument(text, kind), { start: 0, end: text.length });
  const marks = got.filter((l) => spans.some((s) => s.start === l.span.start && s.end === l.span.end));
  assert.equal(marks.length, 1, `found ${got.map((l) => `${l.kind} ${JSON.stringify(l.text)}`).join(', ')}`);
  return marks[0];
}

function number(src: string, value: number, decimals: number | null, kind: DocumentKind = 'markdown') {
  const l = only(src, kind);
  assert.equal(l.kind, 'number', l.text);
  if (l.kind !== 'number') return;
  assert.ok(Math.abs(l.value - value) <= 1e-12 * Math.max(1, Math.abs(value)), `${l.text}: ${l.value} ≠ ${value}`);
  if (decimals === null) assert.equal(l.decimals, null, l.text);
  else assert.ok(l.decimals !== null && Math.abs(l.decimals - decimals) < 1e-9, `${l.text}: decimals ${l.decimals} ≠ ${decimals}`);
}

function shape(src: string, dims: string[], kind: DocumentKind = 'markdown') {
  const l = only(src, kind);
  if (l.kind === 'tensor') assert.deepEqual((l.value as number[]).map(String), dims, l.text);
  else {
    assert.equal(l.kind, 'shape', l.text);
    if (l.kind === 'shape') assert.deepEqual(l.dims, dims, l.text);
  }
}

test('thousands separators: comma, space, thin space, \\, and {,} are one whole number', () => {
  number('It has «34,944» parameters.', 34944, null);
  number('It has «34 944» parameters.', 34944, null);
  number('It has $«34\\,944»$ parameters.', 34944, null);
  number('It has $«73{,}856»$ parameters.', 73856, null);
  number('About «1,000,000» values.', 1e6, null);
});

test('suffixes: the digits written set the tolerance, whole or not', () => {
  number('LeNet has «61.7K» parameters.', 61700, -2);
  number('It has «1.8M» parameters.', 1.8e6, -5);
  number('VGG16 has «138M» parameters.', 138e6, -6);
  number('GPT-3 has «3.2B» weights.', 3.2e9, -8);
  number('It costs «3.54 MFLOPs».', 3.54e6, -4);
  number('It costs «1.2 GMACs».', 1.2e9, -8);
  number('A «2 M» params model.', 2e6, -6);
});

test('percentages, Unicode minus and Python floats', () => {
  number('The probability is «65.9%».', 0.659, 3);
  number('The gradient is «−0.245».', -0.245, 3);
  number('The loss is «0.417».', 0.417, 3);
});

test('scientific forms are numbers, not 1.2×10 shapes', () => {
  number('The step is «1.2e-3».', 0.0012, 4);
  number('The step is $«1.2 \\times 10^{-3}»$.', 0.0012, 4);
  number('The step is $«1.2 \\cdot 10^{-3}»$.', 0.0012, 4);
  number('It has $«4.097 \\times 10^{6}»$ parameters.', 4.097e6, -3);
  number('The error is $«4.54 \\times 10^{-5}»$.', 4.54e-5, 7);
});

test('byte units: KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024', () => {
  number('It needs «4 MB».', 4e6, -6);
  number('It needs «2 MiB».', 2 * 1024 * 1024, -Math.log10(1024 * 1024));
});

test('a unit glued to a number leaves it a number; ordinals and names are not numbers', () => {
  number('The map is «4»px wide (not 5 as before).'.replace('(not 5 as before)', 'now'), 4, null);
  const { text } = marked('The 3rd layer of LeNet-5 and VGG16 uses conv1 and W_2.');
  assert.deepEqual(findLiterals(scanDocument(text, 'markdown'), { start: 0, end: text.length }).map((l) => l.text), []);
});

test('shapes: by, tuples, lists, torch.Size, torchsummary, brackets', () => {
  shape('The weight is a «5-by-4» matrix.', ['5', '4']);
  shape('The weight is a «5 by 4» matrix.', ['5', '4']);
  shape('The output has shape «(3, 4)».', ['3', '4']);
  shape('The bias has shape «(3,)».', ['3']);
  shape('It prints torch.Size(«[1, 6, 28, 28]»).', ['1', '6', '28', '28']);
  shape('Flattening gives `torch.Size(«[2, 192]»)`.', ['2', '192']);
  shape('torchsummary prints «[-1, 64, 55, 55]».', ['-1', '64', '55', '55']);
  shape('The output is «[28x28x10]».', ['28', '28', '10']);
  shape('It is a vector of length «4».', ['4']);
});

test('times signs across math delimiters, braces, emphasis and before a footnote', () => {
  shape('The output is «4$\\times$5».', ['4', '5']);
  shape('The output is $«4{\\times}5»$.', ['4', '5']);
  shape('The output is **«5**×**4»**.', ['5', '4']);
  shape('The output is «4×5»[^1].\n\n[^1]: a note', ['4', '5']);
  shape('The matrix is $«2m \\times n»$.', ['(2*m)', 'n']);
});

test('tensor elements keep their own digits', () => {
  const l = only('The softmax is «[0.149780716, 0.2]».');
  assert.equal(l.kind, 'tensor');
  if (l.kind === 'tensor') assert.deepEqual(l.each, [9, 1]);
  const t = only('It prints tensor(«[1., 0.]»).');
  assert.equal(t.kind, 'tensor');
  if (t.kind === 'tensor') assert.deepEqual(t.value, [1, 0]);
});
