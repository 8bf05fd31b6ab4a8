import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument } from '../../../server/src/documents/index';
import { marked } from './markers';

test('markdown: comments (claim or not), fenced and indented code are hidden, in order; code spans are read (pasted printouts)', () => {
  const { text, spans } = marked(
    'Text «<!-- check: a -->» and `code 4×5` «<!-- note -->».\n\n«```\nfenced 1×1\n```»\n\n«    indented 2×2»\n\nVisible 3×3.\n',
  );
  const doc = scanDocument(text, 'markdown');
  assert.deepEqual(doc.hidden, spans);
});

test('markdown: HTML tags are hidden, the text between them is not', () => {
  const { text, spans } = marked('Size «<sup>»2«</sup>» here.\n\n«<div>»\n4×5\n«</div>»\n');
  const doc = scanDocument(text, 'markdown');
  assert.deepEqual(doc.hidden, spans);
});

test('latex: comments from % to the line end, not the line break; \\% stays visible', () => {
  const { text, spans } = marked('50\\% of it «% a comment»\r\n«% check: x»\nText.\n');
  const doc = scanDocument(text, 'latex');
  assert.deepEqual(doc.hidden, spans);
});

test('hidden spans are sorted and never overlap', () => {
  const text = '<!-- a --><!-- b -->`c`<!-- d\n\n<div><!-- e --></div>\n';
  const doc = scanDocument(text, 'markdown');
  for (let i = 1; i < doc.hidden.length; i++) assert.ok(doc.hidden[i - 1].end < doc.hidden[i].start);
  assert.ok(doc.hidden.length > 0);
});
