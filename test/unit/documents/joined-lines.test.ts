// Paragraph lines are given to the Markdown parser joined (documents/markdown/joinedLines.ts): its
// cost is mostly per line. The scan must be exactly the one the parser gives on the text as written,
// whatever the lines are: paragraphs, lazy lines in quotes and lists, headings, setext underlines,
// code, math and HTML blocks, hard breaks, code spans and math across lines, CRLF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanMarkdownChunk } from '../../../server/src/documents/markdown/scanMarkdown';
import { joinParagraphLines } from '../../../server/src/documents/markdown/joinedLines';

const LINES = [
  'The 7th map is 6×8 <!-- check: conv out 8x10 k3 -->',
  'The output has 12 entries.',
  'and then <!-- check: pool out 4x4 k2 --> gives 2×2',
  'Ends with a hard break  ',
  'Ends with a backslash\\',
  'Code `spans',
  'lines` here <!-- check: x -->',
  'Math $a',
  'b$ across <!-- check: math --> lines',
  'An open <!-- check: comment',
  'closed --> here',
  'Title',
  '===',
  '---',
  '# Heading <!-- check: h -->',
  '> quoted 5×5 <!-- check: q -->',
  '- item 2×2',
  '1. one',
  '    indented code',
  '```',
  '~~~',
  '$$',
  'W = 4',
  '<div>',
  '</div>',
  '<!-- check: a -->',
  '<!-- check: b -->',
  '<script>',
  '</script>',
  '[ref]: /url',
  'See [ref] and [link](http://x) <!-- check: l -->',
  'Where *emphasis',
  'spans* lines',
  '',
  '',
];
const BREAKS = ['\n', '\n', '\n', '\r\n', '\r'];

const doc = fc
  .array(fc.tuple(fc.constantFrom(...LINES), fc.constantFrom(...BREAKS)), { maxLength: 30 })
  .map((parts) => parts.map(([l, b]) => l + b).join(''));

test('a chunk with joined paragraph lines scans exactly as the parser reads it as written', () => {
  fc.assert(
    fc.property(doc, (text) => {
      assert.deepEqual(scanMarkdownChunk(text, true), scanMarkdownChunk(text, false));
    }),
    { numRuns: 1000, seed: 14 },
  );
});

test('lines that start with a letter are joined, keeping every offset; others are left as written', () => {
  const text = 'The map is 6×8 <!-- check: conv out 8x10 k3 -->\nThe next is 4×4.\n- a list\nmore\n\n```\ncode\nlines\n```\n';
  const joined = joinParagraphLines(text);
  assert.ok(joined);
  assert.equal(joined.text.length, text.length);
  assert.deepEqual(joined.joins, [text.indexOf('\nThe next')]);
  assert.equal(joined.text, text.replace('\nThe next', ' The next'));
});
