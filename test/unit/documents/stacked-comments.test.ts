// Runs of stacked comment lines are given to the Markdown parser as one line each (documents/markdown/
// stackedComments.ts). The scan must be exactly the one the parser gives on the text as written, in
// every state the run can be met in: after a paragraph, in or after a list or a block quote, inside an
// open fence, `$$` block or HTML block (where it is not an HTML block at all), with CRLF, a BOM, etc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanMarkdownChunk } from '../../../server/src/documents/markdown/scanMarkdown';
import { collapseCommentRuns, RUN_STANDIN } from '../../../server/src/documents/markdown/stackedComments';

const RUN = '<!-- check: conv out 8x10 k3 = 6x8 -->\n<!-- check: conv out 9x11 k3 -->\n<!-- check: let x = 2 -->';
const PIECES = [
  RUN,
  RUN.replace(/\n/g, '\r\n'),
  '<!-- check: a -->\n<!-- check: b -->',
  '<!-- check: math --> $x = 1$\n<!-- check: y -->',
  '<!-- a --> b -->\n<!-- c -->',
  '<!-- one -->\n<!---->\n<!--->\n<!-->\n<!-- two -->',
  '<!-- open\n<!-- closes the one above -->\n<!-- next -->',
  'A paragraph 6×8.',
  'A paragraph\nthat runs on 4×4.',
  'Setext\n===',
  '- item 2×2\n- item 3×3',
  '1. one',
  '> quoted 5×5',
  '> ```\n> fence in a quote',
  '```\nopen fence',
  '```',
  '$$\nopen math',
  '$$',
  '<div>',
  '</div>',
  '<script>',
  '</script>',
  '<?php',
  '?>',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE x',
  '    indented code',
  '  <!-- check: indented two -->\n  <!-- check: indented three -->',
  '<!-- check: trailing -->  \n<!-- check: spaces -->',
  '\uFEFF<!-- check: bom -->\n<!-- check: after bom -->',
  '<!-- check: unterminated',
  'Text <!-- check: inline --> 7.',
  '---',
  '',
];
const SEPARATORS = ['\n', '\n', '\n\n', '\r\n', '\r'];

const doc = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 12 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));

test('a chunk with stacked comment runs scans exactly as the parser reads it as written', () => {
  fc.assert(
    fc.property(doc, (text) => {
      assert.deepEqual(scanMarkdownChunk(text, true), scanMarkdownChunk(text, false));
    }),
    { numRuns: 600, seed: 14 },
  );
});

test('the documents above do collapse runs (the property is not vacuous)', () => {
  const c = collapseCommentRuns(`Intro 6×8.\n${RUN}\nThe last map is 6×6.\n`);
  assert.ok(c);
  assert.equal(c.runs.length, 1);
  assert.equal(c.runs[0].lines.length, 3);
  assert.equal(c.text, `Intro 6×8.\n${RUN_STANDIN}\nThe last map is 6×6.\n`);
  // The stand-in's ends map back to the run's; text after it keeps its place.
  const at = c.text.indexOf(RUN_STANDIN);
  assert.equal(c.toOriginal(at), c.runs[0].start);
  assert.equal(c.toOriginal(at + RUN_STANDIN.length), c.runs[0].end);
  assert.equal(c.toOriginal(c.text.length), `Intro 6×8.\n${RUN}\nThe last map is 6×6.\n`.length);
  // A single comment line, or one with text after `-->`, is left to the parser.
  assert.equal(collapseCommentRuns('<!-- check: a -->\ntext\n<!-- b --> x\n<!-- c -->\n'), null);
});

test('stacked claims inside an open fence stay code: nothing is read from them', () => {
  const text = '```\n<!-- check: a -->\n<!-- check: b -->\n```\n\n<!-- check: c -->\n<!-- check: d -->\n';
  const scan = scanMarkdownChunk(text);
  assert.deepEqual(scan.blocks.map((b) => b.text.trim()), ['c', 'd']);
  assert.deepEqual(scan, scanMarkdownChunk(text, false));
});
