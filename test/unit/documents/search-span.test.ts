import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument } from '../../../server/src/documents/index';
import { marked } from './markers';

/** The fixture marks each block's expected searchSpan, in block order. */
function expectSearch(src: string, kind: 'markdown' | 'latex') {
  const { text, spans } = marked(src);
  const doc = scanDocument(text, kind);
  assert.deepEqual(
    doc.blocks.map((b) => b.searchSpan),
    spans,
    `search spans: ${JSON.stringify(doc.blocks.map((b) => text.slice(b.searchSpan.start, b.searchSpan.end)))}`,
  );
}

test('markdown: an own-line block looks forward to the end of the next paragraph', () => {
  expectSearch('<!-- check: conv out 28x28 k5 -->«\nA 5×5 kernel turns the 28×28 image\ninto a $24 \\times 24$ map.»\n\nLater 3×3.\n', 'markdown');
});

test('markdown: stacked claim lines share the paragraph after them', () => {
  expectSearch(
    '<!-- check: a -->«\n<!-- check: b -->«\n<!-- check: c -->«\n\nPooling gives 5×5.»»»\n\nNot this.\n',
    'markdown',
  );
});

test('markdown: the next block-level thing may be a heading, display math or a tight list (all of it)', () => {
  expectSearch('<!-- check: a -->«\n## Output 4×5»\n\n<!-- check: b -->«\n\n$$\n4 \\times 5\n$$»\n\n<!-- check: c -->«\n- gives 3\n- then 4»\n', 'markdown');
  // A loose list is read up to its first blank line: documents are cut into chunks at blank lines.
  expectSearch('<!-- check: c -->«\n- gives 3\n- then 4»\n\n- not 5\n', 'markdown');
});

test('markdown: an own-line comment inside a paragraph looks at the rest of that paragraph', () => {
  expectSearch('Before 9×9\n<!-- check: a -->«\nafter 4×5»\n\nnext 1×1\n', 'markdown');
});

test('markdown: an inline block looks back to the start of its paragraph', () => {
  expectSearch('First paragraph 1×1.\n\n«The upsampled map is 14×14 »<!-- check: convT out 7x7 k4 s2 p1 -->.\n', 'markdown');
});

test('markdown: two inline blocks in one paragraph both start from the paragraph start', () => {
  const { text } = marked('x\n\nA is 4 <!-- check: a --> and B is 5 <!-- check: b -->\n');
  const doc = scanDocument(text, 'markdown');
  const starts = doc.blocks.map((b) => b.searchSpan.start);
  assert.deepEqual(starts, [3, 3]);
  assert.equal(doc.blocks[1].searchSpan.end, doc.blocks[1].span.start);
});

test('markdown: a block in a heading looks back to the heading start', () => {
  expectSearch('Intro\n\n«## Shape 4×5 »<!-- check: a -->\n', 'markdown');
});

test('latex: own-line block looks forward over comment lines to the next blank line', () => {
  expectSearch('% check: a«\n\n% just a note, not a continuation (a blank line came first)\n\nThe output is $31 \\times 31$\nand more text.»\n\nNot here.\n', 'latex');
});

test('latex: stacked blocks and continuation lines share the following paragraph', () => {
  expectSearch('% check: a«\n% check: b\n%   continued«\nGives 4×5.»»\n\nNo.\n', 'latex');
});

test('latex: the paragraph ends at \\end{document}', () => {
  expectSearch('\\begin{document}\n% check: a«\nThe output is 2.»\n\\end{document}\n', 'latex');
});

test('latex: an inline block looks back to the line after the previous blank line', () => {
  expectSearch('Earlier 1.\n\n«The first line\nthe output is 4×5. »% check: a\n', 'latex');
});
