import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDocument } from '../../../server/src/documents/index';
import { latexFacts, scanLatex } from '../../../server/src/documents/latex/scanLatex';
import { marked, slice } from './markers';

// Offsets are UTF-16 code units: an emoji is two, CRLF is two, a tab is one.

test('markdown: emoji, CRLF and tabs before a claim leave its offsets exact', () => {
  const { text, spans } = marked('😀 Emoji 𝔼 text\r\n\r\n  «<!--\tcheck:« conv out 10x11 k3 s2 »-->»\t\r\nThe\toutput 😀 is «4×5»\r\n');
  const doc = scanDocument(text, 'markdown');
  assert.equal(doc.blocks.length, 1);
  const b = doc.blocks[0];
  assert.deepEqual(b.span, spans[0]);
  assert.equal(b.segments[0].offset, spans[1].start);
  assert.equal(slice(text, spans[1]), b.text);
  assert.equal(b.ownLine, true);
  assert.ok(b.searchSpan.end >= spans[2].end);
  assert.equal(text.slice(b.searchSpan.start, b.searchSpan.end).trim(), 'The\toutput 😀 is 4×5');
});

test('markdown: a multi-line comment with CRLF keeps the CR in its segment so offsets stay exact', () => {
  const text = '<!-- check: let x : 2x5\r\nx.T : 5x2 -->\r\n';
  const b = scanDocument(text, 'markdown').blocks[0];
  assert.equal(b.text, ' let x : 2x5\r\nx.T : 5x2 ');
  assert.equal(text.slice(b.segments[0].offset, b.segments[0].offset + b.text.length), b.text);
});

test('markdown: math regions after astral characters', () => {
  const { text, spans } = marked('😀😀 «$«x»$»\r\n');
  const doc = scanDocument(text, 'markdown');
  assert.deepEqual([doc.math[0].span, doc.math[0].body], spans);
});

test('latex: emoji, CRLF and tabs; segments end before the CR', () => {
  for (const useParser of [true, false]) {
    const { text, spans } = marked('😀 intro\r\n\r\n\t«% check:« conv out 64x64 k3 s2»\r\n\t%« more»»\r\nThe 😀 output is «$«31 \\times 31»$».\r\n');
    const doc = scanLatex(text, latexFacts(text, useParser));
    assert.equal(doc.blocks.length, 1);
    const b = doc.blocks[0];
    assert.deepEqual(b.span, spans[0]);
    assert.deepEqual(b.segments, [
      { text: ' conv out 64x64 k3 s2', offset: spans[1].start },
      { text: ' more', offset: spans[2].start },
    ]);
    assert.equal(b.ownLine, true);
    assert.deepEqual(doc.math[0].span, spans[3]);
  }
});

test('markdown: a leading byte order mark leaves offsets exact (the parser drops it and counts without it)', () => {
  const { text, spans } = marked('\uFEFFbom line\n\n«<!-- check: a -->»«\nText 4.»\n');
  const b = scanDocument(text, 'markdown').blocks[0];
  assert.deepEqual([b.span, b.searchSpan], spans);
});
