import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument } from '../../../server/src/documents/index';
import { blockOffsetToDocument } from '../../../server/src/core/document';
import { marked, slice } from './markers';

const md = (src: string) => {
  const { text, spans } = marked(src);
  return { text, spans, doc: scanDocument(text, 'markdown') };
};

test('a one-line comment is a block: span is the comment, segment is the text after check:', () => {
  const { text, spans, doc } = md('Intro.\n\n«<!-- check:« conv out 10x11 k3 s2 »-->»\nThe output is 4×5.\n');
  assert.equal(doc.blocks.length, 1);
  const b = doc.blocks[0];
  assert.deepEqual(b.span, spans[0]);
  assert.equal(b.segments.length, 1);
  assert.equal(b.segments[0].offset, spans[1].start);
  assert.equal(b.text, ' conv out 10x11 k3 s2 ');
  assert.equal(slice(text, spans[1]), b.text);
  assert.equal(b.ownLine, true);
  assert.equal(b.unterminated, undefined);
});

test('a multi-line comment keeps its line breaks in one segment, and offsets map back', () => {
  const { text, doc } = md('<!-- check: let x : 2x5\nx.T : 5x2 -->\n\nText.\n');
  assert.equal(doc.blocks.length, 1);
  const b = doc.blocks[0];
  assert.equal(b.text, ' let x : 2x5\nx.T : 5x2 ');
  const i = b.text.indexOf('x.T');
  assert.equal(text.slice(blockOffsetToDocument(b, i), blockOffsetToDocument(b, i) + 3), 'x.T');
});

test('whitespace before check: is allowed; other comments are not blocks', () => {
  const { doc } = md('<!--   check: a -->\n\n<!-- note: check: b -->\n\n<!--check:c-->\n');
  assert.deepEqual(doc.blocks.map((b) => b.text), [' a ', 'c']);
});

test('several comments in one html node and on one line are each found', () => {
  const { text, spans, doc } = md('«<!-- check: a -->» <!-- plain --> «<!-- check: b -->»\n\nText 4.\n');
  assert.deepEqual(doc.blocks.map((b) => b.span), spans);
  assert.deepEqual(doc.blocks.map((b) => b.text.trim()), ['a', 'b']);
  // The line holds nothing but comments: both blocks look forward.
  assert.deepEqual(doc.blocks.map((b) => b.ownLine), [true, true]);
  assert.ok(doc.blocks.every((b) => slice(text, b.searchSpan).includes('Text 4.')));
});

test('an html block with other HTML around the comment', () => {
  const { spans, doc } = md('<div>\n«<!-- check: x : 2 -->»\n</div>\n');
  assert.equal(doc.blocks.length, 1);
  assert.deepEqual(doc.blocks[0].span, spans[0]);
});

test('comments inside code spans, fenced code and indented code are text, not claims', () => {
  const { doc } = md(
    'Use `<!-- check: a -->` like this.\n\n```md\n<!-- check: b -->\n```\n\n    <!-- check: c -->\n\n~~~\n<!-- check: d -->\n~~~\n',
  );
  assert.equal(doc.blocks.length, 0);
});

test('an inline comment shares its line: ownLine is false', () => {
  const { spans, doc } = md('The map is 14×14 «<!-- check: convT out 7x7 k4 s2 p1 -->».\n');
  assert.equal(doc.blocks.length, 1);
  assert.deepEqual(doc.blocks[0].span, spans[0]);
  assert.equal(doc.blocks[0].ownLine, false);
});

test('a comment alone on a line inside a paragraph, in a list item, or in a quote owns its line', () => {
  const { doc } = md('First line\n<!-- check: a -->\nlast line\n\n- <!-- check: b -->\n  item text\n\n> <!-- check: c -->\n> quoted\n');
  assert.deepEqual(doc.blocks.map((b) => [b.text.trim(), b.ownLine]), [['a', true], ['b', true], ['c', true]]);
});

test('text after the comment on its line makes it inline', () => {
  const { doc } = md('<!-- check: a --> trailing words\n\nx <!-- check: b -->\n');
  assert.deepEqual(doc.blocks.map((b) => b.ownLine), [false, false]);
});

test('an unterminated html-block comment runs to the end of the document and holds no statements', () => {
  const { text, spans, doc } = md('Intro.\n\n«<!-- check: conv out 4 k3\nstill inside\n\nand here\n»');
  assert.equal(doc.blocks.length, 1);
  const b = doc.blocks[0];
  assert.equal(b.unterminated, true);
  assert.deepEqual(b.span, spans[0]);
  assert.deepEqual(b.segments, []);
  assert.equal(b.text, '');
  assert.equal(b.span.end, text.length);
});

test('an unterminated inline comment is a block up to the end of its paragraph', () => {
  const { spans, doc } = md('Text «<!-- check: conv out 4 k3\nmore»\n\nNext paragraph.\n');
  assert.equal(doc.blocks.length, 1);
  assert.equal(doc.blocks[0].unterminated, true);
  assert.deepEqual(doc.blocks[0].span, spans[0]);
});

test('an escaped comment closed on its line is no unterminated block, and runs over no real comment after it', () => {
  // Found by `npm run fuzz`: the "never closed" block ran to the paragraph's end, over the next claim.
  const { doc } = md('Text \\<!-- check: pool out 9x9 k2 -->\n$x = 14$ <!-- check: conv out 10x11 k3 s2 -->\nmore\n');
  assert.deepEqual(doc.blocks.map((b) => [b.text.trim(), !!b.unterminated]), [['conv out 10x11 k3 s2', false]]);
});

test('empty comments `<!-->` and `<!--->` end at once and do not swallow a later claim', () => {
  const { doc } = md('<!--> <!---> text\n\n<!-- check: a -->\n');
  assert.deepEqual(doc.blocks.map((b) => b.text), [' a ']);
});

test('blocks are in document order with their text', () => {
  const { doc } = md('# H <!-- check: h -->\n\n<!-- check: one -->\n\nPara <!-- check: two --> and <!-- check: three -->\n');
  assert.deepEqual(doc.blocks.map((b) => b.text.trim()), ['h', 'one', 'two', 'three']);
  for (let i = 1; i < doc.blocks.length; i++) assert.ok(doc.blocks[i - 1].span.end <= doc.blocks[i].span.start);
});
