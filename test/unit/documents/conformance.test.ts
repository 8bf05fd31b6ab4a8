import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanDocument } from '../../../server/src/documents/index';
import { LineIndex } from '../../../server/src/core/span';
import { nextTable } from '../../../server/src/documents/tables';
import { loadDocument } from '../../../server/src/documents/load';
import { cellPlaces } from '../../../server/src/documents/notebook';
import { locatorFor } from '../../../server/src/cli/location';

const DIR = '/work/shared/spec/conformance';
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  docs: Record<string, { line: number; cell?: number }[]>;
  absent: Record<string, number[]>;
};

/**
 * 1-based lines on which each block's first statement stands (where the CLI reports it); in a notebook,
 * `cell:line` with the line within the cell.
 */
function claimLines(name: string): Set<number | string> {
  const text = readFileSync(join(DIR, name), 'utf8');
  if (name.endsWith('.ipynb')) {
    const loaded = loadDocument(name, text);
    assert.ok(!('error' in loaded));
    const doc = scanDocument(loaded.doc.text, 'markdown', undefined, loaded.doc.parts);
    const locate = locatorFor({ text: loaded.doc.text, cells: cellPlaces(loaded.doc) });
    return new Set(doc.blocks.map((b) => {
      const o = b.segments[0]?.offset ?? b.span.start;
      const at = locate({ start: o, end: o });
      return `${at.cell}:${at.line}`;
    }));
  }
  const doc = scanDocument(text, name.endsWith('.tex') ? 'latex' : 'markdown');
  const lines = new LineIndex(text);
  const out = new Set(doc.blocks.map((b) => lines.position(b.segments[0]?.offset ?? b.span.start).line + 1));
  // A `table` block's claims stand on the lines of its table's cells (section 5a).
  doc.blocks.forEach((b, i) => {
    if (!/^\s*table\s/.test(b.text)) return;
    const t = nextTable(doc, b.span.end, doc.blocks[i + 1]?.span.start ?? text.length);
    for (const row of t?.rows ?? []) for (const cell of row) out.add(lines.position(cell.span.start).line + 1);
  });
  return out;
}

for (const name of Object.keys(expected.docs)) {
  test(`conformance ${name}: a block stands on every line with an expected claim, none on absent lines`, () => {
    const lines = claimLines(name);
    for (const c of expected.docs[name]) {
      const at = c.cell === undefined ? c.line : `${c.cell}:${c.line}`;
      assert.ok(lines.has(at), `no block on line ${at}`);
    }
    for (const l of expected.absent[name] ?? []) assert.ok(!lines.has(l), `a block on absent line ${l}`);
  });
}

test('paper.tex: one block; the lstlisting claim on line 6 is hidden; the search reaches $31 \\times 31$', () => {
  const text = readFileSync(join(DIR, 'paper.tex'), 'utf8');
  const doc = scanDocument(text, 'latex');
  assert.equal(doc.blocks.length, 1);
  const b = doc.blocks[0];
  assert.equal(b.text.trim(), 'conv out 64x64 k3 s2');
  assert.ok(text.slice(b.searchSpan.start, b.searchSpan.end).includes('$31 \\times 31$'));
  const six = new LineIndex(text).offsetAt({ line: 5, character: 0 });
  assert.ok(doc.hidden.some((h) => h.start <= six && six < h.end), 'line 6 is hidden');
});

test('layers.md: the inline convT claim looks back at "14×14"; the stacked claims share "5×5"', () => {
  const text = readFileSync(join(DIR, 'layers.md'), 'utf8');
  const doc = scanDocument(text, 'markdown');
  const search = (needle: string) => {
    const b = doc.blocks.find((x) => x.text.includes(needle))!;
    return { b, s: text.slice(b.searchSpan.start, b.searchSpan.end) };
  };
  const convT = search('convT out');
  assert.equal(convT.b.ownLine, false);
  assert.equal(convT.s, 'The upsampled map is 14×14 ');
  for (const needle of ['conv2d out', 'conv out 50', 'pool out 9x9']) {
    const { b, s } = search(needle);
    assert.equal(b.ownLine, true);
    assert.ok(s.endsWith('Pooling with ceil mode gives 5×5.'), s);
  }
});

test('derivation.md: each math block is followed by its display math', () => {
  const text = readFileSync(join(DIR, 'derivation.md'), 'utf8');
  const doc = scanDocument(text, 'markdown');
  assert.equal(doc.blocks.length, 3);
  assert.equal(doc.math.length, 3);
  doc.blocks.forEach((b, i) => {
    const m = doc.math[i];
    assert.ok(m.span.start >= b.span.end && m.span.end <= b.searchSpan.end);
    assert.equal(m.kind, 'display');
  });
  assert.equal(text.slice(doc.math[2].body.start, doc.math[2].body.end), 'x^2 - y^2 = (x - y)(x + y)');
});

test('the seed homework scans: no claims, its $$ math found, nothing thrown', () => {
  const text = readFileSync('/work/shared/seed/hw3-solution.md', 'utf8');
  const doc = scanDocument(text, 'markdown');
  assert.equal(doc.blocks.length, 0);
  const bodies = doc.math.map((m) => text.slice(m.body.start, m.body.end));
  assert.ok(bodies.includes('W_{output}=4'));
  assert.ok(bodies.some((b) => b.startsWith('\\begin{split}')));
});
